import { Badge, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixCell } from '@shared/model/vocabulary';
import type { MatrixThresholds, PortfolioRow } from '@shared/portfolio/types';
import { formatMoney } from '../../app/format';
import { routeHref } from '../../app/useHashRoute';
import classes from './portfolio.module.css';
import { gradeColor } from './portfolio-format';

/** EⅡ is the most urgent cell, PⅠ the one to break through first. */
const CELL_COLOR: Record<MatrixCell, string> = {
  E1: 'teal',
  E2: 'red',
  E3: 'blue',
  E4: 'gray',
  P1: 'grape',
  P2: 'indigo',
  P3: 'cyan',
  P4: 'gray',
};

function AccountChip({ row }: { row: PortfolioRow }) {
  const { t } = useTranslation();
  const m = row.matrix;
  const lines = [
    row.value.grade ? `${row.name} (${row.value.grade})` : row.name,
    m.contribution !== null
      ? t(m.matrix === 'existing' ? 'portfolio.matrices.contributionTip' : 'portfolio.matrices.expectedTip', { value: formatMoney(m.contribution) })
      : null,
    m.stability !== null ? t('portfolio.matrices.stabilityTip', { value: Math.round(m.stability) }) : null,
    m.intent ? t(`valuation.intent.${m.intent}`) : null,
  ].filter((l): l is string => l !== null);
  return (
    <Tooltip
      multiline
      maw={360}
      label={
        <Stack gap={0}>
          {lines.map((l, i) => (
            <Text key={i} size="xs" fw={i === 0 ? 700 : undefined}>
              {l}
            </Text>
          ))}
        </Stack>
      }
    >
      <a
        href={routeHref({ page: 'account', accountId: row.id, tab: 'value' })}
        className={classes.chip}
        data-testid="matrix-account"
        data-account-id={row.id}
        data-account-name={row.name}
      >
        <span className={classes.chipName}>{row.name}</span>
        {row.value.grade && (
          <Badge
            size="sm"
            variant="light"
            color={gradeColor(row.value.grade)}
            className={classes.chipGrade}
            styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
            data-testid="matrix-account-grade"
          >
            {row.value.grade}
          </Badge>
        )}
      </a>
    </Tooltip>
  );
}

function Cell({ cell, rows }: { cell: MatrixCell; rows: PortfolioRow[] }) {
  const { t } = useTranslation();
  const color = CELL_COLOR[cell];
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      className={classes.cell}
      data-testid={`matrix-cell-${cell}`}
      data-count={rows.length}
      style={{ borderTop: `4px solid var(--mantine-color-${color}-6)`, minHeight: 170 }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={700}>{t(`valuation.cells.${cell}.name`)}</Text>
            <Text size="xs" c="dimmed">
              {t(`valuation.cells.${cell}.axes`)}
            </Text>
          </div>
          <Badge color={color} variant="light" size="lg" circle style={{ flexShrink: 0 }}>
            {rows.length}
          </Badge>
        </Group>
        <Text size="sm">{t(`valuation.cells.${cell}.strategy`)}</Text>
        <Group gap={6} mt={4} wrap="wrap" style={{ minWidth: 0 }}>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic">
              {t('portfolio.matrices.none')}
            </Text>
          ) : (
            rows.map((r) => <AccountChip key={r.id} row={r} />)
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** A 2×2 grid: the high row on top, the "good" column (stable / high intent) on the left. */
function Matrix(props: {
  title: string;
  cells: readonly [MatrixCell, MatrixCell, MatrixCell, MatrixCell];
  rowLabels: [string, string];
  colLabels: [string, string];
  rows: readonly PortfolioRow[];
  testId: string;
}) {
  const byCell = (c: MatrixCell) => props.rows.filter((r) => r.matrix.cell === c);
  const axis = (text: string, rowLabel = false) => (
    <Text size="xs" fw={700} c="dimmed" ta={rowLabel ? 'end' : 'center'} className={rowLabel ? classes.rowLabel : undefined} lh={1.3}>
      {text}
    </Text>
  );
  const [a, b, c, d] = props.cells;
  return (
    <Stack gap="xs" data-testid={props.testId} style={{ minWidth: 0 }}>
      <Title order={4}>{props.title}</Title>
      <div className={classes.matrixGrid}>
        <span />
        {axis(props.colLabels[0])}
        {axis(props.colLabels[1])}
        {axis(props.rowLabels[0], true)}
        <Cell cell={a} rows={byCell(a)} />
        <Cell cell={b} rows={byCell(b)} />
        {axis(props.rowLabels[1], true)}
        <Cell cell={c} rows={byCell(c)} />
        <Cell cell={d} rows={byCell(d)} />
      </div>
    </Stack>
  );
}

/** Existing customers on contribution × stability, prospects on expected contribution × intent, and who is not placed. */
export function PortfolioMatrices({ rows, thresholds, settingsButton }: { rows: readonly PortfolioRow[]; thresholds: MatrixThresholds; settingsButton?: ReactNode }) {
  const { t } = useTranslation();
  const m = 'portfolio.matrices';
  // A median of nothing is 0: say so rather than pass it off as the portfolio's.
  const customersWithOrders = rows.some((r) => r.matrix.matrix === 'existing' && r.trading.orderCount > 0);
  const prospectsWithFigures = rows.some((r) => r.matrix.matrix === 'prospect' && r.matrix.contribution !== null);
  const source = (median: boolean, hasData = true) => t(!median ? `${m}.yours` : hasData ? `${m}.median` : `${m}.noData`);
  const unplaced = rows.filter((r) => r.matrix.cell === null);
  return (
    <Stack gap="lg">
      <Paper withBorder p="sm" radius="md" data-testid="matrix-thresholds">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Text fw={700} size="sm">
              {t(`${m}.thresholds`)}
            </Text>
            <Text size="sm" data-testid="threshold-contribution">
              {t(`${m}.contribution`, { value: formatMoney(thresholds.contribution) })} ({source(thresholds.contributionIsMedian, customersWithOrders)})
            </Text>
            <Text size="sm" data-testid="threshold-stability">
              {t(`${m}.stability`, { value: thresholds.stability })} ({source(false)})
            </Text>
            <Text size="sm" data-testid="threshold-expected">
              {t(`${m}.expectedContribution`, { value: formatMoney(thresholds.expectedContribution) })} ({source(thresholds.expectedContributionIsMedian, prospectsWithFigures)})
            </Text>
            <Text size="sm" data-testid="threshold-intent">
              {t(`${m}.intent`, { level: t(`valuation.intent.${thresholds.intent}`) })} ({source(false)})
            </Text>
          </Stack>
          {settingsButton}
        </Group>
      </Paper>
      <div className={classes.matrices}>
        <div className={classes.matrixPair}>
          <Matrix
            testId="matrix-existing"
            title={t(`${m}.existing`)}
            cells={['E1', 'E2', 'E3', 'E4']}
            rowLabels={[t(`${m}.highContribution`), t(`${m}.lowContribution`)]}
            colLabels={[t(`${m}.stable`), t(`${m}.unstable`)]}
            rows={rows}
          />
          <Matrix
            testId="matrix-prospects"
            title={t(`${m}.prospects`)}
            cells={['P1', 'P2', 'P3', 'P4']}
            rowLabels={[t(`${m}.highExpected`), t(`${m}.lowExpected`)]}
            colLabels={[t(`${m}.highIntent`), t(`${m}.lowIntent`)]}
            rows={rows}
          />
        </div>
      </div>
      <Stack gap="xs" data-testid="matrix-unplaced">
        <Title order={4}>{t(`${m}.unplaced`)}</Title>
        {unplaced.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`${m}.allPlaced`)}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t(`${m}.unplacedHint`)}
            </Text>
            {unplaced.map((r) => (
              <Group key={r.id} gap="sm" data-testid="unplaced-account" data-account-name={r.name} data-missing={r.matrix.missing.join(' ')}>
                <AccountChip row={r} />
                <Text size="sm">
                  {t(`valuation.stages.${r.stage}`)}: {r.matrix.missing.map((x) => t(`portfolio.missing.${x}`)).join('; ')}
                </Text>
              </Group>
            ))}
          </>
        )}
      </Stack>
    </Stack>
  );
}
