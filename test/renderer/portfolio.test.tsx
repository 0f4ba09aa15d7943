import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Portfolio, PortfolioRow } from '@shared/portfolio/types';
import { PortfolioView } from '../../renderer/src/features/portfolio/PortfolioPage';
import { paretoSummary } from '../../renderer/src/features/portfolio/ParetoChart';
import { signalText } from '../../renderer/src/features/portfolio/PortfolioTable';
import { filterRows, nextSort, NO_FILTERS, NO_OWNER, sortRows, totals } from '../../renderer/src/features/portfolio/portfolio-table';
import { i18n } from '../../renderer/src/i18n';

vi.mock('../../renderer/src/features/valuation/ValuationSettings', () => ({
  ValuationSettings: ({ opened }: { opened: boolean }) => (opened ? <div data-testid="valuation-settings" /> : null),
}));

const wrap = (ui: ReactNode) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </MantineProvider>,
  );

const trading = { last12: 0, prior12: 0, yoyChange: null, monthly: [], quarterly: [], orderCount: 0, averageOrder: null, largestOrder: null, monthsWithOrders: 0, stability: null };

function row(over: Partial<PortfolioRow> & { id: string; name: string }): PortfolioRow {
  return {
    kind: 'direct',
    stage: 'customer',
    owner: '',
    value: { score: null, factors: [], entered: 0, suggestedGrade: null, grade: null, overridden: false },
    annualPurchases: null,
    netProfit: null,
    openPipeline: 0,
    weightedPipeline: 0,
    openDeals: 0,
    rolesCovered: 0,
    redFlags: 0,
    health: { level: 'healthy', points: 0, signals: [] },
    lastActivity: null,
    matrix: { matrix: 'existing', cell: null, contribution: null, stability: null, intent: null, missing: ['orders'] },
    trading,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const grade = (score: number, g: 'A1' | 'B1' | 'C2', override: 'A1' | 'B1' | 'C2' | null = null): PortfolioRow['value'] => ({
  score,
  factors: [],
  entered: 2,
  suggestedGrade: g,
  grade: override ?? g,
  overridden: override !== null && override !== g,
});

const ROWS: PortfolioRow[] = [
  row({ id: 'b', name: 'Beta Mills', owner: 'Wang', netProfit: 150_000, annualPurchases: 1_000_000, value: grade(50, 'B1'), openPipeline: 10_000, weightedPipeline: 1_000 }),
  row({
    id: 'a',
    name: 'Alpha Feed',
    owner: 'Li',
    netProfit: 800_000,
    annualPurchases: 5_000_000,
    value: grade(100, 'A1'),
    rolesCovered: 4,
    health: { level: 'atRisk', points: 2, signals: [{ kind: 'ordersShrinking', change: -0.25 }, { kind: 'redFlags', count: 3, high: 1 }] },
    matrix: { matrix: 'existing', cell: 'E2', contribution: 5_000_000, stability: 20, intent: null, missing: [] },
  }),
  row({ id: 'c', name: 'Gamma Farms', owner: 'Li', netProfit: 50_000, value: grade(0, 'C2', 'B1'), stage: 'prospect', kind: 'channel', matrix: { matrix: 'prospect', cell: 'P1', contribution: 2_000_000, stability: null, intent: 'high', missing: [] } }),
  row({ id: 'd', name: 'Delta Blank', stage: 'prospect', matrix: { matrix: 'prospect', cell: null, contribution: null, stability: null, intent: null, missing: ['expectedPurchases', 'intent'] } }),
];

const PORTFOLIO: Portfolio = {
  today: '2026-05-01',
  rows: ROWS,
  pareto: {
    total: 1_000_000,
    points: [
      { id: 'a', name: 'Alpha Feed', value: 800_000, share: 0.8, cumulativeShare: 0.8, accountShare: 0.25 },
      { id: 'b', name: 'Beta Mills', value: 150_000, share: 0.15, cumulativeShare: 0.95, accountShare: 0.5 },
      { id: 'c', name: 'Gamma Farms', value: 50_000, share: 0.05, cumulativeShare: 1, accountShare: 0.75 },
      { id: 'd', name: 'Delta Blank', value: 0, share: 0, cumulativeShare: 1, accountShare: 1 },
    ],
    vitalFew: 1,
    vitalFewShare: 0.25,
    lossMaking: 0,
    blank: 1,
  },
  thresholds: { contribution: 1_000_000, stability: 60, expectedContribution: 500_000, intent: 'high', contributionIsMedian: true, expectedContributionIsMedian: false },
};

const names = () => screen.getAllByTestId('portfolio-row').map((r) => r.getAttribute('data-account-name'));

describe('portfolio table rules', () => {
  it('sorts by net profit, largest first, blanks last whichever the direction', () => {
    expect(sortRows(ROWS, { column: 'profit', direction: 'desc' }, 'en').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortRows(ROWS, { column: 'profit', direction: 'asc' }, 'en').map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(sortRows(ROWS, { column: 'grade', direction: 'desc' }, 'en').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortRows(ROWS, { column: 'name', direction: 'asc' }, 'en').map((r) => r.name)).toEqual(['Alpha Feed', 'Beta Mills', 'Delta Blank', 'Gamma Farms']);
  });

  it('flips the direction on the same column, starts figures biggest first and text A→Z', () => {
    expect(nextSort({ column: 'profit', direction: 'desc' }, 'profit')).toEqual({ column: 'profit', direction: 'asc' });
    expect(nextSort({ column: 'profit', direction: 'desc' }, 'pipeline')).toEqual({ column: 'pipeline', direction: 'desc' });
    expect(nextSort({ column: 'profit', direction: 'desc' }, 'name')).toEqual({ column: 'name', direction: 'asc' });
  });

  it('filters by search, grade, health, kind, stage and owner, and totals what is left', () => {
    expect(filterRows(ROWS, { ...NO_FILTERS, search: 'li' }).map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterRows(ROWS, { ...NO_FILTERS, grades: ['B1', 'none'] }).map((r) => r.id)).toEqual(['b', 'c', 'd']);
    expect(filterRows(ROWS, { ...NO_FILTERS, health: ['atRisk'] }).map((r) => r.id)).toEqual(['a']);
    expect(filterRows(ROWS, { ...NO_FILTERS, kind: 'channel' }).map((r) => r.id)).toEqual(['c']);
    expect(filterRows(ROWS, { ...NO_FILTERS, stage: 'prospect', owner: 'Li' }).map((r) => r.id)).toEqual(['c']);
    expect(filterRows(ROWS, { ...NO_FILTERS, owner: NO_OWNER }).map((r) => r.id)).toEqual(['d']);
    expect(filterRows([...ROWS, row({ id: 'e', name: 'Epsilon', owner: '  ' })], { ...NO_FILTERS, owner: NO_OWNER }).map((r) => r.id)).toEqual(['d', 'e']);
    expect(totals(ROWS)).toEqual({ purchases: 6_000_000, profit: 1_000_000, pipeline: 10_000, weighted: 1_000 });
  });

  it('says how few accounts bring 80 % of the profit', async () => {
    await i18n.changeLanguage('en');
    expect(paretoSummary(i18n.t, PORTFOLIO.pareto)).toBe('1 of 4 accounts (25%) brings 80 % of net profit (alone 80%).');
    const three = { ...PORTFOLIO.pareto, vitalFew: 2, vitalFewShare: 0.5 };
    expect(paretoSummary(i18n.t, three)).toBe('2 of 4 accounts (50%) bring 80 % of net profit (together 95%).');
    expect(paretoSummary(i18n.t, { ...PORTFOLIO.pareto, total: 0, vitalFew: 0 })).toMatch(/No net profit entered yet/);
  });
});

describe('PortfolioView', () => {
  beforeEach(async () => {
    window.sessionStorage.clear();
    await i18n.changeLanguage('en');
  });

  it('lists every account by net profit with grades, override, coverage, health and totals', async () => {
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    expect(names()).toEqual(['Alpha Feed', 'Beta Mills', 'Gamma Farms', 'Delta Blank']);
    expect(screen.getByTestId('col-profit')).toHaveAttribute('aria-sort', 'descending');
    const alpha = screen.getAllByTestId('portfolio-row')[0]!;
    expect(within(alpha).getByTestId('cell-grade')).toHaveAttribute('data-grade', 'A1');
    expect(within(alpha).getByTestId('cell-roles')).toHaveTextContent('4/6');
    expect(within(alpha).getByTestId('cell-health')).toHaveAttribute('data-level', 'atRisk');
    expect(within(alpha).getByTestId('cell-health')).toHaveTextContent('At risk');
    expect(within(alpha).getByTestId('cell-profit')).toHaveTextContent('800,000');
    expect(within(alpha).getByTestId('cell-matrix')).toHaveTextContent('EⅡ Turn around');
    expect(within(alpha).getByTestId('portfolio-account-link')).toHaveAttribute('href', '#/accounts/a/value');
    const gamma = screen.getAllByTestId('portfolio-row')[2]!;
    expect(within(gamma).getByTestId('cell-grade')).toHaveAttribute('data-overridden', 'true');
    expect(within(gamma).getByTestId('grade-overridden')).toHaveAccessibleName('B1: Set by hand (suggested C2)');
    expect(screen.getByTestId('total-profit')).toHaveTextContent('1,000,000');
    expect(screen.getByTestId('total-purchases')).toHaveTextContent('6,000,000');
  });

  it('sorts by a clicked header, either way, from the keyboard too', async () => {
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    await user.click(screen.getByTestId('sort-name'));
    expect(names()).toEqual(['Alpha Feed', 'Beta Mills', 'Delta Blank', 'Gamma Farms']);
    expect(screen.getByTestId('col-name')).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByTestId('col-profit')).toHaveAttribute('aria-sort', 'none');
    screen.getByTestId('sort-name').focus();
    await user.keyboard('{Enter}');
    expect(names()).toEqual(['Gamma Farms', 'Delta Blank', 'Beta Mills', 'Alpha Feed']);
    expect(screen.getByTestId('col-name')).toHaveAttribute('aria-sort', 'descending');
  });

  it('filters, says when nothing matches, and clears the filters', async () => {
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    await user.type(screen.getByTestId('filter-search'), 'li');
    expect(names()).toEqual(['Alpha Feed', 'Gamma Farms']);
    expect(screen.getByTestId('total-profit')).toHaveTextContent('850,000');
    await user.type(screen.getByTestId('filter-search'), 'zzz');
    expect(screen.queryAllByTestId('portfolio-row')).toHaveLength(0);
    expect(screen.getByTestId('portfolio-no-match')).toHaveTextContent('No account matches the filters.');
    await user.click(screen.getByTestId('clear-filters'));
    expect(names()).toHaveLength(4);
  });

  it('shows the Pareto summary and the matrices with the accounts placed and the unplaced with reasons', async () => {
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    await user.click(screen.getByTestId('view-pareto'));
    expect(screen.getByTestId('pareto-summary')).toHaveTextContent('1 of 4 accounts (25%) brings 80 % of net profit');
    expect(screen.getByTestId('pareto-notes')).toHaveTextContent('1 account has no net profit entered.');
    expect(screen.getAllByTestId('pareto-point').map((p) => p.getAttribute('data-vital'))).toEqual(['true', 'false', 'false', 'false']);

    await user.click(screen.getByTestId('view-matrices'));
    expect(within(screen.getByTestId('matrix-cell-E2')).getByTestId('matrix-account')).toHaveAttribute('data-account-name', 'Alpha Feed');
    expect(within(screen.getByTestId('matrix-cell-P1')).getByTestId('matrix-account')).toHaveAttribute('href', '#/accounts/c/value');
    expect(within(screen.getByTestId('matrix-cell-E1')).queryAllByTestId('matrix-account')).toHaveLength(0);
    expect(screen.getByTestId('matrix-cell-E2')).toHaveTextContent('Most urgent');
    const unplaced = screen.getAllByTestId('unplaced-account');
    expect(unplaced.map((u) => u.getAttribute('data-account-name'))).toEqual(['Beta Mills', 'Delta Blank']);
    expect(unplaced[0]).toHaveTextContent('Customer: no order in the last twelve months');
    expect(unplaced[1]).toHaveTextContent('Prospect: expected annual purchases not entered; intent not entered');
    expect(screen.getByTestId('threshold-contribution')).toHaveTextContent('median of the portfolio');
    expect(screen.getByTestId('threshold-expected')).toHaveTextContent('your setting');
    await user.click(screen.getByTestId('matrices-valuation-settings'));
    expect(screen.getByTestId('valuation-settings')).toBeInTheDocument();
  });

  it('offers the accounts list when there is no account, in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    const navigate = vi.fn();
    wrap(<PortfolioView portfolio={{ ...PORTFOLIO, rows: [], pareto: { ...PORTFOLIO.pareto, points: [], total: 0, vitalFew: 0, blank: 0 } }} navigate={navigate} />);
    expect(screen.getByTestId('portfolio-empty')).toHaveTextContent('还没有客户');
    await userEvent.click(screen.getByTestId('portfolio-go-accounts'));
    expect(navigate).toHaveBeenCalledWith({ page: 'accounts' });
  });

  it('renders the table and matrices in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    expect(screen.getByTestId('col-profit')).toHaveTextContent('年净利润');
    expect(screen.getAllByTestId('cell-health')[0]).toHaveTextContent('有流失风险');
    await user.click(screen.getByTestId('view-pareto'));
    expect(screen.getByTestId('pareto-summary')).toHaveTextContent('4 个客户中的 1 个（25%）贡献了 80% 的净利润');
    await user.click(screen.getByTestId('view-matrices'));
    expect(screen.getByTestId('matrix-cell-E1')).toHaveTextContent('EⅠ 巩固');
  });
});

describe('portfolio review fixes', () => {
  beforeEach(async () => {
    window.sessionStorage.clear();
    await i18n.changeLanguage('en');
  });

  it('counts in the singular and the plural in English, and once in Chinese', async () => {
    expect(signalText(i18n.t, { kind: 'redFlags', count: 1, high: 1 })).toBe('1 red flag on the map (1 high)');
    expect(signalText(i18n.t, { kind: 'redFlags', count: 3, high: 1 })).toBe('3 red flags on the map (1 high)');
    expect(signalText(i18n.t, { kind: 'stalledDeals', count: 1, dealIds: ['d1'] })).toBe('1 stalled or idle deal');
    expect(signalText(i18n.t, { kind: 'stalledDeals', count: 2, dealIds: ['d1', 'd2'] })).toBe('2 stalled or idle deals');
    expect(i18n.t('portfolio.openDeals', { count: 1 })).toBe('1 open deal');
    expect(i18n.t('portfolio.openDeals', { count: 4 })).toBe('4 open deals');
    const one: Portfolio = { ...PORTFOLIO, rows: [ROWS[0]!], pareto: { ...PORTFOLIO.pareto, points: [PORTFOLIO.pareto.points[1]!] } };
    const { unmount } = wrap(<PortfolioView portfolio={one} navigate={vi.fn()} />);
    expect(screen.getByTestId('portfolio-shown')).toHaveTextContent('1 of 1 account');
    expect(screen.getByTestId('portfolio-shown')).not.toHaveTextContent('accounts');
    expect(screen.getByTestId('portfolio-totals')).toHaveTextContent('Total (1 account)');
    unmount();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    expect(screen.getByTestId('portfolio-shown')).toHaveTextContent('4 of 4 accounts');
    await i18n.changeLanguage('zh-CN');
    expect(signalText(i18n.t, { kind: 'redFlags', count: 1, high: 0 })).toBe('地图上有 1 个风险标记（0 个高）');
    expect(i18n.t('portfolio.openDeals', { count: 1 })).toBe('1 个未结商机');
    expect(await screen.findByTestId('portfolio-shown')).toHaveTextContent('显示 4 / 共 4 个客户');
  });

  it('shows the score rounded down, so it never sits above the grade line', () => {
    const almost = row({ id: 'x', name: 'Almost A', netProfit: 1, value: { score: 64.7, factors: [], entered: 5, suggestedGrade: 'B1', grade: 'B1', overridden: false } });
    wrap(<PortfolioView portfolio={{ ...PORTFOLIO, rows: [almost] }} navigate={vi.fn()} />);
    expect(screen.getByTestId('cell-score')).toHaveTextContent(/^64$/);
    expect(screen.getByTestId('cell-score')).toHaveAttribute('data-score', '64.7');
  });

  it('offers "No owner" in the owner filter', async () => {
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    await user.click(screen.getByTestId('filter-owner'));
    await user.click(await screen.findByRole('option', { name: 'No owner', hidden: true }));
    expect(names()).toEqual(['Delta Blank']);
    expect(within(screen.getByTestId('portfolio-row')).getByTestId('cell-owner')).toHaveTextContent('—');
  });

  it('has one settings button per view: in the header, or beside the matrix thresholds', async () => {
    const user = userEvent.setup();
    wrap(<PortfolioView portfolio={PORTFOLIO} navigate={vi.fn()} />);
    expect(screen.getAllByRole('button', { name: 'Weights & thresholds' })).toHaveLength(1);
    expect(screen.getByTestId('open-valuation-settings')).toBeInTheDocument();
    await user.click(screen.getByTestId('view-matrices'));
    expect(screen.getAllByRole('button', { name: 'Weights & thresholds' })).toHaveLength(1);
    expect(screen.queryByTestId('open-valuation-settings')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('matrix-thresholds')).getByTestId('matrices-valuation-settings')).toBeInTheDocument();
    // The chips carry the whole grade beside the name.
    expect(within(screen.getByTestId('matrix-cell-E2')).getByTestId('matrix-account-grade')).toHaveTextContent(/^A1$/);
    await user.click(screen.getByTestId('view-pareto'));
    expect(screen.getAllByRole('button', { name: 'Weights & thresholds' })).toHaveLength(1);
  });

  it('lists a loss and a blank under the Pareto curve as the table does, counted as 0 on the curve', async () => {
    const user = userEvent.setup();
    const rows = [
      row({ id: 'a', name: 'Alpha Feed', netProfit: 800_000 }),
      row({ id: 'l', name: 'Loss Mills', netProfit: -30_000 }),
      row({ id: 'd', name: 'Delta Blank', netProfit: null }),
    ];
    const portfolio: Portfolio = {
      ...PORTFOLIO,
      rows,
      pareto: {
        total: 800_000,
        points: [
          { id: 'a', name: 'Alpha Feed', value: 800_000, share: 1, cumulativeShare: 1, accountShare: 1 / 3 },
          { id: 'd', name: 'Delta Blank', value: 0, share: 0, cumulativeShare: 1, accountShare: 2 / 3 },
          { id: 'l', name: 'Loss Mills', value: 0, share: 0, cumulativeShare: 1, accountShare: 1 },
        ],
        vitalFew: 1,
        vitalFewShare: 1 / 3,
        lossMaking: 1,
        blank: 1,
      },
    };
    wrap(<PortfolioView portfolio={portfolio} navigate={vi.fn()} />);
    expect(screen.getAllByTestId('cell-profit').map((c) => c.textContent)).toEqual([
      'CN¥800,000',
      '-CN¥30,000',
      '—',
    ]);
    await user.click(screen.getByTestId('view-pareto'));
    const points = screen.getAllByTestId('pareto-point');
    const profit = (name: string) => within(points.find((p) => p.getAttribute('data-account-name') === name)!);
    expect(profit('Alpha Feed').getByTestId('pareto-profit')).toHaveTextContent('CN¥800,000');
    expect(profit('Loss Mills').getByTestId('pareto-profit')).toHaveTextContent('-CN¥30,000');
    expect(profit('Loss Mills').getByTestId('pareto-profit')).toHaveStyle({ color: 'var(--mantine-color-red-text)' });
    expect(profit('Delta Blank').getByTestId('pareto-profit')).toHaveTextContent(/^—$/);
    expect(profit('Loss Mills').getByTestId('pareto-share')).toHaveTextContent('0%');
    expect(points.map((p) => p.getAttribute('data-counted-as-zero'))).toEqual(['false', 'true', 'true']);
    expect(screen.getByTestId('pareto-zero-note')).toHaveTextContent('count as 0 on the curve');
    expect(screen.getByTestId('pareto-notes')).toHaveTextContent('1 account makes a loss (counted as 0). 1 account has no net profit entered.');
  });
});
