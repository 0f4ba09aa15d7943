import { Anchor, Badge, Box, Button, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconFilterOff, IconHandStop, IconSearch, IconSelector } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_KINDS, ACCOUNT_STAGES, GRADES, HEALTH_LEVELS } from '@shared/model/vocabulary';
import type { HealthSignal, PortfolioRow } from '@shared/portfolio/types';
import { formatDate, formatMoney, formatScore } from '../../app/format';
import { routeHref } from '../../app/useHashRoute';
import classes from './portfolio.module.css';
import { formatPercent, gradeColor, useSessionState } from './portfolio-format';
import { HEALTH_COLOR } from '../valuation/health-style';
import {
  COLUMNS,
  DEFAULT_SORT,
  NO_FILTERS,
  NO_GRADE,
  NO_OWNER,
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

export { gradeColor };

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
    <Badge
      variant="light"
      color={gradeColor(grade)}
      rightSection={overridden ? <IconHandStop size={12} aria-hidden /> : undefined}
      className={classes.wholeBadge}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
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
      <Badge
        variant="light"
        color={HEALTH_COLOR[level]}
        tabIndex={0}
        className={classes.wholeBadge}
        style={{ cursor: 'help' }}
        styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
      >
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
      className={column === 'name' ? classes.sticky : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(column)}
        data-testid={`sort-${column}`}
        title={`${t(`portfolio.colHint.${column}`)}\n${t('portfolio.sortBy', { column: label })}`}
        w="100%"
      >
        <Group gap={2} wrap="nowrap" justify={right ? 'flex-end' : 'flex-start'}>
          <Text fw={700} size="sm" c={active ? undefined : 'dimmed'}>
            {label}
          </Text>
          <Icon size={12} aria-hidden style={{ opacity: active ? 1 : 0.5, flexShrink: 0 }} />
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
          w={200}
          label={t('portfolio.filter.search')}
          leftSection={<IconSearch size={16} />}
          value={filters.search}
          onChange={(e) => patch({ search: e.currentTarget.value })}
          data-testid="filter-search"
        />
        <MultiSelect
          w={160}
          label={t('portfolio.filter.grades')}
          placeholder={filters.grades.length ? undefined : t('portfolio.filter.all')}
          data={[...GRADES.map((g) => ({ value: g, label: g })), { value: NO_GRADE, label: t('portfolio.filter.noGrade') }]}
          value={filters.grades}
          onChange={(grades) => patch({ grades })}
          clearable
          data-testid="filter-grades"
        />
        <MultiSelect
          w={190}
          label={t('portfolio.filter.health')}
          placeholder={filters.health.length ? undefined : t('portfolio.filter.all')}
          data={HEALTH_LEVELS.map((h) => ({ value: h, label: t(`valuation.health.${h}`) }))}
          value={filters.health}
          onChange={(health) => patch({ health })}
          clearable
          data-testid="filter-health"
        />
        <Select
          w={200}
          label={t('portfolio.filter.kind')}
          placeholder={t('portfolio.filter.all')}
          data={ACCOUNT_KINDS.map((k) => ({ value: k, label: t(`vocab.kinds.${k}`) }))}
          value={filters.kind}
          onChange={(v) => patch({ kind: v as Filters['kind'] })}
          clearable
          data-testid="filter-kind"
        />
        <Select
          w={130}
          label={t('portfolio.filter.stage')}
          placeholder={t('portfolio.filter.all')}
          data={ACCOUNT_STAGES.map((s) => ({ value: s, label: t(`valuation.stages.${s}`) }))}
          value={filters.stage}
          onChange={(v) => patch({ stage: v as Filters['stage'] })}
          clearable
          data-testid="filter-stage"
        />
        <Select
          w={160}
          label={t('portfolio.filter.owner')}
          placeholder={t('portfolio.filter.all')}
          data={[
            ...ownerList,
            ...(filters.owner && filters.owner !== NO_OWNER && !ownerList.includes(filters.owner) ? [filters.owner] : []),
            { value: NO_OWNER, label: t('portfolio.filter.noOwner') },
          ]}
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

      {/* Native scrolling: the scrollbar shows whenever the figures do not fit, and the name column stays. */}
      <Table.ScrollContainer minWidth={960} type="native" className={classes.scroller} data-testid="portfolio-table-scroll">
        <Table highlightOnHover striped verticalSpacing={6} horizontalSpacing={6} tabularNums className={classes.table} data-testid="portfolio-table">
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
                <Table.Td className={`${classes.sticky} ${classes.wrap}`}>
                  <Box miw={140} maw={220} style={{ overflowWrap: 'anywhere' }}>
                    <Anchor href={routeHref({ page: 'account', accountId: r.id, tab: 'value' })} fw={600} size="sm" data-testid="portfolio-account-link">
                      {r.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`vocab.kinds.${r.kind}`)} · {t(`valuation.stages.${r.stage}`)}
                    </Text>
                  </Box>
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
                      {formatScore(r.value.score)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-purchases">
                  {money(r.annualPurchases)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-profit" c={r.netProfit !== null && r.netProfit < 0 ? 'red' : undefined}>
                  {money(r.netProfit)}
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-pipeline" data-open-deals={r.openDeals}>
                  <Tooltip label={t('portfolio.openDeals', { count: r.openDeals })}>
                    <Text size="sm" span tabIndex={0}>
                      {formatMoney(r.openPipeline)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" data-testid="cell-weighted">
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
                <Table.Td data-testid="cell-health" data-level={r.health.level}>
                  <HealthBadge row={r} />
                </Table.Td>
                <Table.Td data-testid="cell-last-activity">{r.lastActivity ? formatDate(r.lastActivity) : '—'}</Table.Td>
                <Table.Td data-testid="cell-owner" className={classes.wrap}>
                  <Box miw={56} maw={140} style={{ overflowWrap: 'anywhere' }}>
                    {r.owner.trim() || '—'}
                  </Box>
                </Table.Td>
                <Table.Td data-testid="cell-matrix" data-cell={r.matrix.cell ?? ''} className={classes.wrap}>
                  {r.matrix.cell ? (
                    <Tooltip label={t(`valuation.cells.${r.matrix.cell}.strategy`)} multiline maw={320}>
                      <Text size="sm" span tabIndex={0} miw={72} display="inline-block">
                        {t(`valuation.cells.${r.matrix.cell}.name`)}
                      </Text>
                    </Tooltip>
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
                <Table.Th className={classes.sticky}>{t('portfolio.total', { count: shown.length })}</Table.Th>
                <Table.Th />
                <Table.Th />
                <Table.Th ta="right" data-testid="total-purchases">
                  {formatMoney(sum.purchases)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-profit" c={sum.profit < 0 ? 'red' : undefined}>
                  {formatMoney(sum.profit)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-pipeline">
                  {formatMoney(sum.pipeline)}
                </Table.Th>
                <Table.Th ta="right" data-testid="total-weighted">
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
