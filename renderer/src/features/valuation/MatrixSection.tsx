import { Alert, Badge, Box, Fieldset, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MatrixCell } from '@shared/model/vocabulary';
import type { MatrixPlacement, MatrixThresholds, TradingStats } from '@shared/portfolio/types';
import { formatMoney } from '../../app/format';
import { FULL_BADGE } from './badge-style';

interface Props {
  placement: MatrixPlacement;
  thresholds: MatrixThresholds;
  trading: TradingStats;
}

/**
 * The four cells as the portfolio page lays them out (PortfolioMatrices): the high-contribution
 * row on top, the "good" column (stable / high intent) on the left, so EⅠ / PⅠ is top left.
 */
const GRID: Record<MatrixPlacement['matrix'], { cells: readonly MatrixCell[]; rows: [string, string]; cols: [string, string] }> = {
  existing: {
    cells: ['E1', 'E2', 'E3', 'E4'],
    rows: ['portfolio.matrices.highContribution', 'portfolio.matrices.lowContribution'],
    cols: ['portfolio.matrices.stable', 'portfolio.matrices.unstable'],
  },
  prospect: {
    cells: ['P1', 'P2', 'P3', 'P4'],
    rows: ['portfolio.matrices.highExpected', 'portfolio.matrices.lowExpected'],
    cols: ['portfolio.matrices.highIntent', 'portfolio.matrices.lowIntent'],
  },
};

function HighLow({ high }: { high: boolean | null }) {
  const { t } = useTranslation();
  if (high === null) return null;
  return (
    <Badge size="sm" variant="light" color={high ? 'teal' : 'gray'} styles={FULL_BADGE} data-testid="high-low" data-high={high}>
      {high ? t('valuation.matrix.high') : t('valuation.matrix.low')}
    </Badge>
  );
}

const INTENT_RANK = { high: 3, medium: 2, low: 1 } as const;

/** Which matrix the account is on, its cell and strategy, and the numbers that put it there. */
export function MatrixSection({ placement, thresholds, trading }: Props) {
  const { t } = useTranslation();
  const existing = placement.matrix === 'existing';
  const cell = placement.cell;
  const contributionThreshold = existing ? thresholds.contribution : thresholds.expectedContribution;
  const contributionIsMedian = existing ? thresholds.contributionIsMedian : thresholds.expectedContributionIsMedian;
  const thresholdText = (value: string, median: boolean) =>
    median ? `${t('valuation.matrix.threshold', { value })} (${t('valuation.matrix.median')})` : t('valuation.matrix.threshold', { value });

  return (
    <Fieldset legend={t('valuation.matrix.title')} data-testid="matrix-section" data-matrix={placement.matrix}>
      <Stack gap="sm">
        <Text fw={600} data-testid="matrix-kind">
          {existing ? t('valuation.matrix.existing') : t('valuation.matrix.prospect')}
        </Text>
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Stack gap="sm" style={{ flex: 1, minWidth: 280 }}>
            <Paper withBorder p="sm" data-testid="matrix-cell" data-cell={cell ?? ''}>
              {cell ? (
                <Stack gap={4}>
                  <Text fw={700} size="lg">
                    {t(`valuation.cells.${cell}.name`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`valuation.cells.${cell}.axes`)}
                  </Text>
                  <Text size="sm">{t(`valuation.cells.${cell}.strategy`)}</Text>
                </Stack>
              ) : (
                <Stack gap={4}>
                  <Text fw={600}>{t('valuation.matrix.notPlaced')}</Text>
                  <List size="sm" data-testid="matrix-missing">
                    {placement.missing.map((m) => (
                      <List.Item key={m} data-missing={m}>
                        {t(`valuation.matrix.missing.${m}`)}
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              )}
            </Paper>
            <Table withTableBorder verticalSpacing={6} fz="sm">
              <Table.Tbody>
                <Table.Tr data-testid="matrix-contribution" data-value={placement.contribution ?? ''} data-threshold={contributionThreshold}>
                  <Table.Td fw={500}>{existing ? t('valuation.matrix.contribution') : t('valuation.matrix.expectedContribution')}</Table.Td>
                  <Table.Td>{placement.contribution === null ? t('valuation.matrix.notSet') : formatMoney(placement.contribution)}</Table.Td>
                  <Table.Td c="dimmed">{thresholdText(formatMoney(contributionThreshold), contributionIsMedian)}</Table.Td>
                  <Table.Td>
                    <HighLow high={placement.contribution === null ? null : placement.contribution >= contributionThreshold} />
                  </Table.Td>
                </Table.Tr>
                {existing ? (
                  <Table.Tr data-testid="matrix-stability" data-value={placement.stability ?? ''} data-threshold={thresholds.stability}>
                    <Table.Td fw={500}>{t('valuation.matrix.stability')}</Table.Td>
                    <Table.Td>{placement.stability === null ? t('valuation.matrix.notSet') : Math.round(placement.stability)}</Table.Td>
                    <Table.Td c="dimmed">{thresholdText(String(thresholds.stability), false)}</Table.Td>
                    <Table.Td>
                      <HighLow high={placement.stability === null ? null : placement.stability >= thresholds.stability} />
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  <Table.Tr data-testid="matrix-intent" data-value={placement.intent ?? ''} data-threshold={thresholds.intent}>
                    <Table.Td fw={500}>{t('valuation.matrix.intent')}</Table.Td>
                    <Table.Td>{placement.intent === null ? t('valuation.matrix.notSet') : t(`valuation.intent.${placement.intent}`)}</Table.Td>
                    <Table.Td c="dimmed">{t('valuation.matrix.intentFrom', { intent: t(`valuation.intent.${thresholds.intent}`) })}</Table.Td>
                    <Table.Td>
                      <HighLow high={placement.intent === null ? null : INTENT_RANK[placement.intent] >= INTENT_RANK[thresholds.intent]} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
            {existing && (
              <Text size="xs" c="dimmed">
                {t('valuation.matrix.stabilityHelp')} {t('valuation.matrix.orders', { count: trading.orderCount, months: trading.monthsWithOrders })}
              </Text>
            )}
            {cell && placement.missing.length > 0 && (
              <Alert variant="light" color="yellow" p="xs">
                {placement.missing.map((m) => t(`valuation.matrix.missing.${m}`)).join(' ')}
              </Alert>
            )}
          </Stack>
          <MatrixGrid matrix={placement.matrix} current={cell} />
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** The 2×2 chart with this account's cell highlighted, oriented and labelled as on the portfolio page. */
function MatrixGrid({ matrix, current }: { matrix: MatrixPlacement['matrix']; current: MatrixCell | null }) {
  const { t, i18n } = useTranslation();
  // Up the side: Latin text turned to read bottom to top; Chinese upright, top to bottom (turned
  // over, its characters would stand on their heads).
  const upright = i18n.language.startsWith('zh');
  const grid = GRID[matrix];
  const axis = (key: string) => (
    <Text fz={10} fw={700} c="dimmed" tt="uppercase" ta="center" lh={1.2} data-testid="matrix-grid-axis">
      {t(key)}
    </Text>
  );
  // The row labels run up the side; their box takes the row's height rather than setting it, so
  // a long label wraps instead of stretching the small cells.
  const rowLabel = (key: string) => (
    <Box
      style={{
        writingMode: 'vertical-rl',
        textOrientation: upright ? 'upright' : 'mixed',
        transform: upright ? undefined : 'rotate(180deg)',
        height: 0,
        minHeight: '100%',
        alignSelf: 'stretch',
        display: 'flex',
        justifyContent: 'center',
      }}
    >
      {axis(key)}
    </Box>
  );
  const cell = (c: MatrixCell) => {
    const here = c === current;
    return (
      <Paper
        key={c}
        p={6}
        withBorder
        data-testid="matrix-grid-cell"
        data-cell={c}
        data-current={here || undefined}
        bg={here ? 'var(--mantine-primary-color-light)' : undefined}
        style={here ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 } : undefined}
        mih={96}
      >
        <Text size="xs" fw={here ? 700 : 500}>
          {t(`valuation.cells.${c}.name`)}
        </Text>
        <Text fz={10} c="dimmed" lh={1.2}>
          {t(`valuation.cells.${c}.axes`)}
        </Text>
      </Paper>
    );
  };
  const [a, b, c, d] = grid.cells as [MatrixCell, MatrixCell, MatrixCell, MatrixCell];
  return (
    <Box
      data-testid="matrix-grid"
      data-cells={grid.cells.join(' ')}
      w={340}
      style={{ display: 'grid', gridTemplateColumns: 'auto 1fr 1fr', gap: 4, alignItems: 'stretch' }}
    >
      <span />
      {axis(grid.cols[0])}
      {axis(grid.cols[1])}
      {rowLabel(grid.rows[0])}
      {cell(a)}
      {cell(b)}
      {rowLabel(grid.rows[1])}
      {cell(c)}
      {cell(d)}
    </Box>
  );
}
