import { CompositeChart } from '@mantine/charts';
import { Anchor, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Pareto, PortfolioRow } from '@shared/portfolio/types';
import { formatMoney } from '../../app/format';
import { routeHref } from '../../app/useHashRoute';
import { formatMoneyCompact, formatPercent } from './portfolio-format';

/** The sentence under the chart: how few accounts bring 80 % of the profit. */
export function paretoSummary(t: TFunction, pareto: Pareto): string {
  const count = pareto.points.length;
  if (pareto.total <= 0 || pareto.vitalFew === 0) return t('portfolio.pareto.noProfit');
  if (count === 1) return t('portfolio.pareto.summarySingle');
  const reached = pareto.points[pareto.vitalFew - 1]?.cumulativeShare ?? 1;
  const args = { few: pareto.vitalFew, count, share: formatPercent(pareto.vitalFewShare), reached: formatPercent(reached) };
  return pareto.vitalFew === 1 ? t('portfolio.pareto.summaryOne', args) : t('portfolio.pareto.summary', args);
}

interface Datum {
  /** "1. Name": the rank keeps the axis' categories distinct when two accounts share a name. */
  label: string;
  name: string;
  vital: number | null;
  other: number | null;
  cumulative: number;
  share: number;
  accountShare: number;
  /** The account's real net profit: negative for a loss, null when not entered. */
  profit: number | null;
}

/** "—" for a blank, the amount otherwise (a loss with its minus sign). */
const money = (v: number | null) => (v === null ? '—' : formatMoney(v));
/** Losses and blanks are on the curve at 0. */
const countedAsZero = (v: number | null) => v === null || v < 0;

function ChartTooltip({ datum }: { datum: Datum | undefined }) {
  const { t } = useTranslation();
  if (!datum) return null;
  return (
    <Paper withBorder shadow="md" p="xs" radius="sm">
      <Text fw={700} size="sm">
        {datum.name}
      </Text>
      <Text size="xs">
        {t('portfolio.pareto.profit')}: {money(datum.profit)} ({formatPercent(datum.share)})
      </Text>
      {countedAsZero(datum.profit) && (
        <Text size="xs" c="dimmed">
          {t('portfolio.pareto.countedAsZero')}
        </Text>
      )}
      <Text size="xs">
        {t('portfolio.pareto.cumulative')}: {formatPercent(datum.cumulative / 100)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('portfolio.pareto.accountShare')}: {formatPercent(datum.accountShare)}
      </Text>
    </Paper>
  );
}

/**
 * Accounts by net profit, largest first: bars of profit, the cumulative share, the 80 % line.
 * The curve counts losses and blanks as 0; the table under it shows each account's real figure
 * (from `rows`, the portfolio table's lines) as the portfolio table does.
 */
export function ParetoChart({ pareto, rows = [] }: { pareto: Pareto; rows?: readonly PortfolioRow[] }) {
  const { t } = useTranslation();
  const realProfit = new Map(rows.map((r) => [r.id, r.netProfit]));
  const profitOf = (p: Pareto['points'][number]): number | null => (realProfit.has(p.id) ? (realProfit.get(p.id) ?? null) : p.value);
  const data: Datum[] = pareto.points.map((p, i) => {
    const vital = i < pareto.vitalFew;
    return {
      label: `${i + 1}. ${p.name}`,
      name: p.name,
      vital: vital ? p.value : null,
      other: vital ? null : p.value,
      cumulative: Math.round(p.cumulativeShare * 1000) / 10,
      share: p.share,
      accountShare: p.accountShare,
      profit: profitOf(p),
    };
  });
  const crossing = pareto.vitalFew > 0 ? data[pareto.vitalFew - 1] : undefined;
  const hasCurve = pareto.total > 0 && data.length > 0;
  const anyZeroed = pareto.points.some((p) => countedAsZero(profitOf(p)));
  const notes = [
    pareto.lossMaking > 0 ? t('portfolio.pareto.lossMaking', { count: pareto.lossMaking }) : null,
    pareto.blank > 0 ? t('portfolio.pareto.blank', { count: pareto.blank }) : null,
  ].filter((n): n is string => n !== null);

  return (
    <Stack gap="sm">
      <Title order={3}>{t('portfolio.pareto.title')}</Title>
      <Paper withBorder p="md" radius="md">
        <Text fw={600} data-testid="pareto-summary" data-vital-few={pareto.vitalFew} data-accounts={pareto.points.length}>
          {paretoSummary(t, pareto)}
        </Text>
        {notes.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="pareto-notes">
            {notes.join(' ')}
          </Text>
        )}
      </Paper>
      {hasCurve && (
        <CompositeChart
          h={360}
          data={data}
          dataKey="label"
          data-testid="pareto-chart"
          data-vital-few={pareto.vitalFew}
          withLegend
          withRightYAxis
          withDots
          curveType="linear"
          maxBarWidth={64}
          series={[
            { name: 'vital', label: t('portfolio.pareto.vitalFew'), type: 'bar', color: 'teal.6' },
            { name: 'other', label: t('portfolio.pareto.others'), type: 'bar', color: 'gray.5' },
            { name: 'cumulative', label: t('portfolio.pareto.cumulative'), type: 'line', color: 'orange.6', yAxisId: 'right' },
          ]}
          barProps={{ stackId: 'profit' }}
          yAxisProps={{ tickFormatter: (v: number) => formatMoneyCompact(v), width: 80 }}
          rightYAxisProps={{ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], tickFormatter: (v: number) => `${v}%` }}
          xAxisProps={{ tickFormatter: (v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v) }}
          referenceLines={[
            { y: 80, yAxisId: 'right', color: 'red.6', label: t('portfolio.pareto.eighty'), labelPosition: 'insideTopLeft', strokeDasharray: '6 4' },
            ...(crossing ? [{ x: crossing.label, color: 'red.6', strokeDasharray: '2 4' }] : []),
          ]}
          referenceDots={crossing ? [{ x: crossing.label, y: crossing.cumulative, yAxisId: 'right', r: 7, color: 'red.6', label: t('portfolio.pareto.crossing') }] : []}
          tooltipProps={{ content: ({ payload }) => <ChartTooltip datum={payload?.[0]?.payload as Datum | undefined} /> }}
        />
      )}
      {hasCurve && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing={4} data-testid="pareto-table">
            {anyZeroed && (
              <Table.Caption ta="start" data-testid="pareto-zero-note">
                {t('portfolio.pareto.zeroNote')}
              </Table.Caption>
            )}
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('portfolio.pareto.rank')}</Table.Th>
                <Table.Th>{t('portfolio.pareto.account')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.pareto.profit')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.pareto.share')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.pareto.cumulativeShort')}</Table.Th>
                <Table.Th ta="right">{t('portfolio.pareto.accountShare')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pareto.points.map((p, i) => {
                const profit = profitOf(p);
                const zeroed = countedAsZero(profit);
                return (
                  <Table.Tr
                    key={p.id}
                    data-testid="pareto-point"
                    data-account-name={p.name}
                    data-vital={String(i < pareto.vitalFew)}
                    data-counted-as-zero={String(zeroed)}
                    fw={i < pareto.vitalFew ? 600 : undefined}
                  >
                    <Table.Td ta="right">{i + 1}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <span
                          aria-hidden
                          style={{
                            width: 10,
                            height: 10,
                            borderRadius: 2,
                            flexShrink: 0,
                            background: i < pareto.vitalFew ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-5)',
                          }}
                        />
                        <Anchor href={routeHref({ page: 'account', accountId: p.id, tab: 'value' })}>{p.name}</Anchor>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" data-testid="pareto-profit" c={profit !== null && profit < 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {money(profit)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="pareto-share">
                      {zeroed ? (
                        <Tooltip label={t('portfolio.pareto.countedAsZero')}>
                          <Text size="sm" span c="dimmed" tabIndex={0} style={{ cursor: 'help' }}>
                            {formatPercent(p.share)}*
                          </Text>
                        </Tooltip>
                      ) : (
                        formatPercent(p.share)
                      )}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="pareto-cumulative">
                      {formatPercent(p.cumulativeShare)}
                    </Table.Td>
                    <Table.Td ta="right">{formatPercent(p.accountShare)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
