import { Anchor, Badge, Button, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconFilterOff, IconHandStop, IconSearch, IconSelector } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_KINDS, ACCOUNT_STAGES, GRADES, HEALTH_LEVELS, type Grade } from '@shared/model/vocabulary';
import type { HealthSignal, PortfolioRow } from '@shared/portfolio/types';
import { formatDate, formatMoney } from '../../app/format';
import { routeHref } from '../../app/useHashRoute';
import { formatPercent, useSessionState } from './portfolio-format';
import { HEALTH_COLOR } from '../valuation/health-style';
import {
  COLUMNS,
  DEFAULT_SORT,
  NO_FILTERS,
  NO_GRADE,
  filterRows,
  isFiltered,
  isFilters,
  isSort,
  nextSort,
  owners,
  sortRows,
  totals,
  type ColumnKey,
  type Filters,
  type Sort,
} from './portfolio-table';

const NUMERIC: ReadonlySet<ColumnKey> = new Set(['score', 'purchases', 'profit', 'pipeline', 'weighted', 'roles', 'flags']);

export const gradeColor = (g: Grade): string => (g.startsWith('A') ? 'teal' : g.startsWith('B') ? 'blue' : 'gray');

/** One reason for an account's health, as a sentence. */
export function signalText(t: TFunction, s: HealthSignal): string {
  switch (s.kind) {
    case 'warningSign':
      return s.since ? `${t(`valuation.signs.${s.sign}`)} (${t('portfolio.signals.since', { date: formatDate(s.since) })})` : t(`valuation.signs.${s.sign}`);
    case 'ordersShrinking':
      return t('portfolio.signals.ordersShrinking', { change: formatPercent(Math.abs(s.change)) });
    case 'redFlags':
      return t('portfolio.signals.redFlags', { count: s.count, high: s.high });
    case 'stalledDeals':
      return t('portfolio.signals.stalledDeals', { count: s.count });
  }
}

/** The grade badge, with a hand when the user set it over the suggestion. */
export function GradeBadge({ row }: { row: PortfolioRow }) {
  const { t } = useTranslation();
  const { grade, suggestedGrade, overridden } = row.value;
  if (!grade) {
    return (
      <Tooltip label={t('valuation.grade.noScore')}>
        <Text c="dimmed" size="sm" span tabIndex={0}>
          {t('common.none')}
        </Text>
      </Tooltip>
    );
  }
  const badge = (
    <Badge variant="light" color={gradeColor(grade)} rightSection={overridden ? <IconHandStop size={12} aria-hidden /> : undefined}>
      {grade}
    </Badge>
  );
  if (!overridden) return badge;
  const label = t('valuation.grade.overridden', { suggested: suggestedGrade ?? t('portfolio.notGraded') });
  return (
    <Tooltip label={label}>
      <span tabIndex={0} aria-label={`${grade}: ${label}`} data-testid="grade-overridden">
        {badge}
      </span>
    </Tooltip>
  );
}

export function HealthBadge({ row }: { row: PortfolioRow }) {
  const { t } = useTranslation();
  const { level, signals } = row.health;
  const lines = signals.map((s) => signalText(t, s));
  return (
    <Tooltip
      multiline
      w={320}
      label={
        lines.length ? (
          <Stack gap={2}>
            {lines.map((l, i) => (
              <Text key={i} size="xs">
                • {l}
              </Text>
            ))}
          </Stack>
        ) : (
          t('portfolio.noSignals')
        )
      }
    >
      <Badge variant="light" color={HEALTH_COLOR[level]} tabIndex={0} style={{ cursor: 'help', overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
        {t(`valuation.health.${level}`)}
      </Badge>
    </Tooltip>
  );
}

function SortHeader({ column, sort, onSort }: { column: ColumnKey; sort: Sort; onSort: (c: ColumnKey) => void }) {
  const { t } = useTranslation();
  const active = sort.column === column;
  const Icon = !active ? IconSelector : sort.direction === 'asc' ? IconChevronUp : IconChevronDown;
  const label = t(`portfolio.col.${column}`);
  const right = NUMERIC.has(column);
  return (
    <Table.Th
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      data-testid={`col-${column}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      <UnstyledButton onClick={() => onSort(column)} data-testid={`sort-${column}`} title={t('portfolio.sortBy', { column: label })} w="100%">
        <Group gap={4} wrap="nowrap" justify={right ? 'flex-end' : 'flex-start'}>
          <Text fw={700} size="sm" c={active ? undefined : 'dimmed'}>
            {label}
          </Text>
          <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.5, flexShrink: 0 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const money = (v: number | null) => (v === null ? '—' : formatMoney(v));

/** The sortable, filterable table of every account, with the totals of what is shown. */
export function PortfolioTable({ rows }: { rows: readonly PortfolioRow[] }) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useSessionState<Sort>('portfolio.sort', DEFAULT_SORT, isSort);
  const [filters, setFilters] = useSessionState<Filters>('portfolio.filters', NO_FILTERS, isFilters);
  const locale = i18n.language;
  const ownerList = useMemo(() => owners(rows, locale), [rows, locale]);
  const shown = useMemo(() => sortRows(filterRows(rows, filters), sort, locale), [rows, filters, sort, locale]);
  const sum = totals(shown);
  const patch = (p: Partial<Filters>) => setFilters({ ...filters, ...p });
  const filtered = isFiltered(filters);

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" data-testid="portfolio-filters">
        <TextInput
          w={220}
          label={t('portfolio.filter.search')}
          leftSection={<IconSearch size={16} />}
          value={filters.search}
          onChange={(e) => patch({ search: e.currentTarget.value })}
          data-testid="filter-search"
        />
        <MultiSelect
          w={200}
          label={t('portfolio.filter.grades')}
          placeholder={filters.grades.length ? undefined : t('portfolio.filter.all')}
          data={[...GRADES.map((g) => ({ value: g, label: g })), { value: NO_GRADE, label: t('portfolio.filter.noGrade') }]}
          value={filters.grades}
          onChange={(grades) => patch({ grades })}
          clearable
          data-testid="filter-grades"
        />
        <MultiSelect
          w={220}
          label={t('portfolio.filter.health')}
          placeholder={filters.health.length ? undefined : t('portfolio.filter.all')}
          data={HEALTH_LEVELS.map((h) => ({ value: h, label: t(`valuation.health.${h}`) }))}
          value={filters.health}
          onChange={(health) => patch({ health })}
          clearable
          data-testid="filter-health"
        />
        <Select
          w={210}
          label={t('portfolio.filter.kind')}
          placeholder={t('portfolio.filter.all')}
          data={ACCOUNT_KINDS.map((k) => ({ value: k, label: t(`vocab.kinds.${k}`) }))}
          value={filters.kind}
          onChange={(v) => patch({ kind: v as Filters['kind'] })}
          clearable
          data-testid="filter-kind"
        />
        <Select
          w={150}
          label={t('portfolio.filter.stage')}
          placeholder={t('portfolio.filter.all')}
          data={ACCOUNT_STAGES.map((s) => ({ value: s, label: t(`valuation.stages.${s}`) }))}
          value={filters.stage}
          onChange={(v) => patch({ stage: v as Filters['stage'] })}
          clearable
          data-testid="filter-stage"
        />
        <Select
          w={180}
          label={t('portfolio.filter.owner')}
          placeholder={t('portfolio.filter.all')}
          data={filters.owner && !ownerList.includes(filters.owner) ? [...ownerList, filters.owner] : ownerList}
          value={filters.owner}
          onChange={(owner) => patch({ owner })}
          clearable
          searchable
          data-testid="filter-owner"
        />
        {filtered && (
          <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => setFilters(NO_FILTERS)} data-testid="clear-filters">
            {t('portfolio.clearFilters')}
          </Button>
        )}
        <Text size="sm" c="dimmed" ml="auto" data-testid="portfolio-shown">
          {t('portfolio.shown', { shown: shown.length, count: rows.length })}
        </Text>
      </Group>

      <Table.ScrollContainer minWidth={1500}>
        <Table highlightOnHover striped verticalSpacing="xs" data-testid="portfolio-table">
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((c) => (
                <SortHeader key={c} column={c} sort={sort} onSort={(col) => setSort(nextSort(sort, col))} />
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS.length}>
                  <Group gap="sm" py="md" justify="center" data-testid="portfolio-no-match">
                    <Text c="dimmed">{t('portfolio.noMatch')}</Text>
                    <Button variant="light" size="xs" onClick={() => setFilters(NO_FILTERS)}>
                      {t('portfolio.clearFilters')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            )}
            {shown.map((r) => (
              <Table.Tr key={r.id} data-testid="portfolio-row" data-account-id={r.id} data-account-name={r.name}>
                <Table.Td miw={200}>
                  <Anchor href={routeHref({ page: 'account', accountId: r.id, tab: 'value' })} fw={600} data-testid="portfolio-account-link">
                    {r.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`vocab.kinds.${r.kind}`)} · {t(`valuation.stages.${r.stage}`)}
                  </Text>
                </Table.Td>
                <Table.Td
                  data-testid="cell-grade"
                  data-grade={r.value.grade ?? ''}
                  data-suggested={r.value.suggestedGrade ?? ''}
                  data-overridden={String(r.value.overridden)}
                >
                  <GradeBadge row={r} />
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-score" data-score={r.value.score ?? ''}>
                  <Tooltip label={t('portfolio.scoreHint', { entered: r.value.entered })}>
                    <Text size="sm" span tabIndex={0}>
                      {r.value.score === null ? '—' : Math.round(r.value.score)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-purchases" style={{ whiteSpace: 'nowrap' }}>
                  {money(r.annualPurchases)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-profit" c={r.netProfit !== null && r.netProfit < 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {money(r.netProfit)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-pipeline" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(r.openPipeline)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-weighted" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(r.weightedPipeline)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-roles" data-covered={r.rolesCovered}>
                  <Tooltip label={t('portfolio.rolesHint', { covered: r.rolesCovered })}>
                    <Text size="sm" span tabIndex={0} c={r.rolesCovered < 3 ? 'red' : r.rolesCovered < 6 ? 'orange' : undefined} fw={600}>
                      {r.rolesCovered}/6
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-flags" c={r.redFlags > 0 ? 'red' : 'dimmed'} fw={r.redFlags > 0 ? 700 : undefined}>
                  {r.redFlags}
                </Table.Td>
                <Table.Td data-testid="cell-health" data-level={r.health.level} style={{ whiteSpace: 'nowrap' }}>
                  <HealthBadge row={r} />
                </Table.Td>
                <Table.Td data-testid="cell-last-activity" style={{ whiteSpace: 'nowrap' }}>
                  {r.lastActivity ? formatDate(r.lastActivity) : '—'}
                </Table.Td>
                <Table.Td data-testid="cell-owner">{r.owner || '—'}</Table.Td>
                <Table.Td data-testid="cell-matrix" data-cell={r.matrix.cell ?? ''}>
                  {r.matrix.cell ? (
                    t(`valuation.cells.${r.matrix.cell}.name`)
                  ) : (
                    <Tooltip label={r.matrix.missing.map((m) => t(`portfolio.missing.${m}`)).join('; ') || t('common.none')}>
                      <Text c="dimmed" size="sm" span tabIndex={0}>
                        —
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {shown.length > 0 && (
            <Table.Tfoot data-testid="portfolio-totals">
              <Table.Tr style={{ borderTop: '2px solid var(--mantine-color-default-border)' }}>
                <Table.Th colSpan={3}>{t('portfolio.total', { count: shown.length })}</Table.Th>
                <Table.Th ta="right" data-testid="total-purchases" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(sum.purchases)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-profit" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(sum.profit)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-pipeline" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(sum.pipeline)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-weighted" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(sum.weighted)}
                </Table.Th>
                <Table.Th colSpan={COLUMNS.length - 7} />
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
