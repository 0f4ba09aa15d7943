import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { waitForBoot } from './pages/AccountsPage';
import { AccountsPage } from './pages/AccountsPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { daysAgo, ProfilePage } from './pages/ProfilePage';
import { ValuePage } from './pages/ValuePage';
import { WorkspacePage } from './pages/WorkspacePage';
import { box } from './pages/ui';

// Thirteen columns side by side, next to the navbar.
test.use({ viewport: { width: 1920, height: 1080 } });

interface Factors {
  annualPurchases: number;
  annualNetProfit: number;
}

/**
 * Creates an account through the accounts list and, when given, types its value factors on its
 * Value tab, waiting until the save carrying the last one is stored. Returns the account's id.
 */
async function createAccount(page: Page, hostUrl: string, name: string, factors?: Factors): Promise<string> {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(hostUrl);
  await accounts.startCreate(name);
  await expect(workspace.title).toHaveText(name);
  const id = workspace.accountId();
  if (factors) {
    const value = new ValuePage(page);
    await workspace.openTab('value');
    await value.ready();
    await value.setFactor('annualPurchases', factors.annualPurchases);
    const lastSave = page.waitForResponse(
      (r) => r.url().endsWith('/api/account:update') && (r.request().postData() ?? '').includes(`"annualNetProfit":${factors.annualNetProfit}`),
    );
    await value.setFactor('annualNetProfit', factors.annualNetProfit);
    expect((await lastSave).status()).toBe(200);
    await value.saved();
  }
  return id;
}

test('three accounts with different value factors get their grades, sort, filter and make the Pareto chart', async ({ page, host }) => {
  test.setTimeout(120_000);
  // Named so that the alphabetical order is the reverse of the profit order.
  const zenith = await createAccount(page, host.url, 'Zenith Feed', { annualPurchases: 5_000_000, annualNetProfit: 900_000 });
  await createAccount(page, host.url, 'Mid Mills', { annualPurchases: 2_000_000, annualNetProfit: 80_000 });
  await createAccount(page, host.url, 'Alpha Farms', { annualPurchases: 500_000, annualNetProfit: 20_000 });

  const portfolio = new PortfolioPage(page);
  await page.getByTestId('nav-portfolio').click();
  await expect(portfolio.table).toBeVisible();
  await expect(portfolio.rows).toHaveCount(3);

  // Default order: net profit, largest first.
  await expect(portfolio.header('profit')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => portfolio.names()).toEqual(['Zenith Feed', 'Mid Mills', 'Alpha Farms']);

  // Best in every factor entered, middle, worst: scores 100, 50, 0 with the default weights → A1, B1, C2.
  for (const [name, grade, score] of [
    ['Zenith Feed', 'A1', '100'],
    ['Mid Mills', 'B1', '50'],
    ['Alpha Farms', 'C2', '0'],
  ] as const) {
    await expect(portfolio.cell(name, 'cell-grade')).toHaveAttribute('data-grade', grade);
    await expect(portfolio.cell(name, 'cell-grade')).toHaveText(grade);
    await expect(portfolio.cell(name, 'cell-grade')).toHaveAttribute('data-overridden', 'false');
    await expect(portfolio.cell(name, 'cell-score')).toHaveText(score);
    await expect(portfolio.cell(name, 'cell-roles')).toHaveText('0/6');
    // Nothing mapped, no warning sign, no orders: a new account starts healthy.
    await expect(portfolio.cell(name, 'cell-health')).toHaveAttribute('data-level', 'healthy');
    await expect(portfolio.cell(name, 'cell-last-activity')).toHaveText('—');
  }
  await expect(portfolio.cell('Zenith Feed', 'cell-profit')).toHaveText('CN¥900,000');
  await expect(portfolio.cell('Zenith Feed', 'cell-purchases')).toHaveText('CN¥5,000,000');
  await expect(portfolio.cell('Zenith Feed', 'portfolio-account-link')).toHaveAttribute('href', `#/accounts/${zenith}/value`);
  await expect(page.getByTestId('total-profit')).toHaveText('CN¥1,000,000');
  await expect(page.getByTestId('total-purchases')).toHaveText('CN¥7,500,000');
  await expect(page.getByTestId('portfolio-totals')).toContainText('Total (3 accounts)');

  // Sorting by a header reorders the rows, and a second click turns the order round.
  await portfolio.sortBy('name');
  await expect.poll(() => portfolio.names()).toEqual(['Alpha Farms', 'Mid Mills', 'Zenith Feed']);
  await expect(portfolio.header('name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(portfolio.header('profit')).toHaveAttribute('aria-sort', 'none');
  await portfolio.sortBy('name');
  await expect.poll(() => portfolio.names()).toEqual(['Zenith Feed', 'Mid Mills', 'Alpha Farms']);
  await expect(portfolio.header('name')).toHaveAttribute('aria-sort', 'descending');
  // From the keyboard: the lowest grade first after two presses on the grade header.
  await page.getByTestId('sort-grade').focus();
  await page.keyboard.press('Enter');
  await expect(portfolio.header('grade')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => portfolio.names()).toEqual(['Zenith Feed', 'Mid Mills', 'Alpha Farms']);
  await page.keyboard.press('Enter');
  await expect(portfolio.header('grade')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => portfolio.names()).toEqual(['Alpha Farms', 'Mid Mills', 'Zenith Feed']);

  // Filters hide rows, and the totals follow what is shown.
  await portfolio.search.fill('mill');
  await expect.poll(() => portfolio.names()).toEqual(['Mid Mills']);
  await expect(page.getByTestId('total-profit')).toHaveText('CN¥80,000');
  await portfolio.clearFilters.click();
  await expect(portfolio.rows).toHaveCount(3);
  await portfolio.filterGrades('A1', 'C2');
  await expect.poll(() => portfolio.names()).toEqual(['Alpha Farms', 'Zenith Feed']);
  await portfolio.search.fill('nothing like this');
  await expect(portfolio.rows).toHaveCount(0);
  await expect(portfolio.noMatch).toContainText('No account matches the filters.');
  await portfolio.clearFilters.click();
  await expect(portfolio.rows).toHaveCount(3);

  // Pareto: 900 000 of 1 000 000 is 90 %: one account of three (33 %) passes the 80 % line.
  await portfolio.showView('pareto');
  await expect(portfolio.paretoChart).toBeVisible();
  await expect(portfolio.paretoSummary).toHaveText('1 of 3 accounts (33%) brings 80 % of net profit (alone 90%).');
  await expect(portfolio.paretoSummary).toHaveAttribute('data-vital-few', '1');
  await expect(portfolio.paretoPoints).toHaveCount(3);
  expect(await portfolio.paretoPoints.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-name')))).toEqual([
    'Zenith Feed',
    'Mid Mills',
    'Alpha Farms',
  ]);
  expect(await portfolio.paretoPoints.getByTestId('pareto-cumulative').allTextContents()).toEqual(['90%', '98%', '100%']);
  expect(await portfolio.paretoPoints.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vital')))).toEqual(['true', 'false', 'false']);
  // The chart itself: the cumulative line, the 80 % line and the marked crossing.
  const chart = portfolio.paretoChart;
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(chart.locator('.recharts-reference-dot')).toHaveCount(1);
  await expect(chart).toContainText('80 % line');
  await expect(chart).toContainText('80 % reached');
  await expect(chart).toContainText('1. Zenith Feed');

  // In Chinese, on the dark theme, the chart and the sentence are still there.
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(portfolio.paretoSummary).toHaveText('3 个客户中的 1 个（33%）贡献了 80% 的净利润（单独 90%）。');
  await expect(chart).toContainText('80% 线');
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(chart.locator('.recharts-reference-dot')).toHaveCount(1);
  await expect(chart).toContainText('达到 80%');
});

test('the matrices place customers by their orders and prospects by expected purchases and intent', async ({ page, host }) => {
  test.setTimeout(120_000);
  const profile = new ProfilePage(page);
  const workspace = new WorkspacePage(page);

  // A customer with one large order this month: high contribution (it is the median), unstable.
  const zenith = await createAccount(page, host.url, 'Zenith Feed');
  await workspace.openTab('profile');
  await expect(profile.form).toBeVisible();
  await profile.addOrder({ date: daysAgo(0), amount: 500_000, notes: 'First drum order' });
  await profile.saved();

  // A prospect expected to buy 2 000 000 a year, with high intent.
  await createAccount(page, host.url, 'Mid Mills');
  await workspace.openTab('profile');
  await expect(profile.form).toBeVisible();
  await profile.setStage('prospect');
  await profile.expectedPurchases.fill('2000000');
  await profile.pick(profile.intent, /^High intent/);
  await expect(profile.saveState).toHaveAttribute('data-state', 'saved');
  await profile.saved();

  // A customer with no order yet cannot be placed.
  await createAccount(page, host.url, 'Alpha Farms');

  const portfolio = new PortfolioPage(page);
  await portfolio.goto(host.url);
  await portfolio.showView('matrices');
  await expect(portfolio.matrixAccounts('E2')).toHaveText(['Zenith Feed']);
  await expect(portfolio.matrixAccounts('P1')).toHaveText(['Mid Mills']);
  for (const cell of ['E1', 'E3', 'E4', 'P2', 'P3', 'P4']) await expect(portfolio.matrixAccounts(cell)).toHaveCount(0);
  await expect(portfolio.matrixCell('E2')).toContainText('EⅡ Turn around');
  await expect(portfolio.matrixCell('E2')).toContainText('Most urgent');
  await expect(portfolio.matrixCell('P1')).toContainText('PⅠ Break through');
  await expect(portfolio.unplaced).toHaveCount(1);
  await expect(portfolio.unplaced).toHaveAttribute('data-account-name', 'Alpha Farms');
  await expect(portfolio.unplaced).toContainText('no order in the last twelve months');
  await expect(page.getByTestId('threshold-contribution')).toHaveText(
    'Contribution (orders of the last twelve months): high from CN¥500,000 (median of the portfolio)',
  );
  await expect(page.getByTestId('threshold-stability')).toContainText('stable from 60');

  // Lowering the stability threshold to 0 in the settings makes the customer stable: EⅠ.
  await page.getByTestId('matrices-valuation-settings').click();
  await expect(page.getByTestId('valuation-settings')).toBeVisible();
  await page.getByTestId('matrix-threshold-stability').fill('0');
  await page.getByTestId('valuation-settings-save').click();
  await expect(page.getByTestId('valuation-settings')).toBeHidden();
  await expect(portfolio.matrixAccounts('E1')).toHaveText(['Zenith Feed']);
  await expect(portfolio.matrixAccounts('E2')).toHaveCount(0);
  await expect(page.getByTestId('threshold-stability')).toContainText('stable from 0');

  // The table says the same, and a chip opens the account's value tab.
  await portfolio.showView('table');
  await expect(portfolio.cell('Zenith Feed', 'cell-matrix')).toHaveAttribute('data-cell', 'E1');
  await expect(portfolio.cell('Mid Mills', 'cell-matrix')).toHaveAttribute('data-cell', 'P1');
  await expect(portfolio.cell('Alpha Farms', 'cell-matrix')).toHaveAttribute('data-cell', '');
  await portfolio.showView('matrices');
  await portfolio.matrixAccounts('E1').click();
  await expect(workspace.title).toHaveText('Zenith Feed');
  await expect(workspace.tab('value')).toHaveAttribute('aria-selected', 'true');
  expect(workspace.accountId()).toBe(zenith);
});

test('with no account the portfolio says so and leads to the accounts list', async ({ page, host }) => {
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(host.url);
  await expect(portfolio.empty).toContainText('No accounts yet');
  await page.getByTestId('portfolio-go-accounts').click();
  await expect(new AccountsPage(page).emptyState).toBeVisible();
});

/** Creates an account through the API, patches it and adds its orders; returns its id. */
async function apiAccount(portfolio: PortfolioPage, name: string, patch: Record<string, unknown>, orders: { date: string; amount: number }[] = []): Promise<string> {
  const { id } = (await portfolio.callApi('account:create', { name })) as { id: string };
  await portfolio.callApi('account:update', { id, patch });
  if (orders.length > 0) {
    const now = new Date().toISOString();
    await portfolio.callApi('plan:apply', {
      accountId: id,
      commands: [{ type: 'addOrders', records: orders.map((o) => ({ id: randomUUID(), createdAt: now, updatedAt: now, ...o })) }],
    });
  }
  return id;
}

const sign = { present: true, since: null, notes: '' };

test('at 1280 and 1440 px the matrices stand apart, the table keeps the names in view, and a loss shows as a loss', async ({ page, host }) => {
  test.setTimeout(120_000);
  const portfolio = new PortfolioPage(page);
  await portfolio.goto(host.url);
  await expect(portfolio.empty).toBeVisible();
  const distributor = 'Zhongda Agri Distribution 中达农资经销 Northern Region Channel Partner Co., Ltd.';
  const prospect = 'Sunrise Farms Cooperative of the Northern Plains';
  const group = 'Liuhe Group · Hemei Feed Co. (和美饲料)';
  // A distributor with two warning signs (at risk), a loss-making prospect with no owner, a customer with no profit entered.
  await apiAccount(
    portfolio,
    distributor,
    {
      kind: 'channel',
      profile: { owner: 'Wang Lei' },
      valueFactors: { annualPurchases: 1_450_000, annualNetProfit: 40_000 },
      warningSigns: { ordersSpread: sign, strategyChange: sign },
    },
    [
      { date: daysAgo(3), amount: 700_000 },
      { date: daysAgo(40), amount: 750_000 },
    ],
  );
  await apiAccount(portfolio, prospect, {
    stage: 'prospect',
    profile: { expectedAnnualPurchases: 3_000_000, intent: 'low' },
    valueFactors: { annualPurchases: 500_000, annualNetProfit: -80_000 },
  });
  await apiAccount(portfolio, group, { profile: { owner: 'Me' }, valueFactors: { annualPurchases: 4_200_000 } }, [{ date: daysAgo(10), amount: 4_200_000 }]);
  await page.reload();
  expect(await waitForBoot(page)).toBe('ready');
  await expect(portfolio.rows).toHaveCount(3);

  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await portfolio.showView('matrices');
    await expect(portfolio.matrixAccounts('P2')).toHaveText([/^Sunrise Farms Cooperative/]);
    // One settings button, beside the thresholds; no cell over another, every chip and its grade whole inside its cell.
    await expect(portfolio.settingsButtons()).toHaveCount(1);
    await expect(page.getByTestId('matrix-thresholds').getByTestId('matrices-valuation-settings')).toBeVisible();
    expect(await portfolio.matrixLayout()).toEqual({ overlapping: [], chipsOutside: [], cutGrades: [], chips: 3 });

    await portfolio.showView('table');
    await expect(portfolio.settingsButtons()).toHaveCount(1);
    expect(await portfolio.cutBadges()).toEqual([]);
  }

  // At 1440 px every column fits beside the navbar.
  expect(await portfolio.tableOverflows()).toBe(false);
  await expect(portfolio.header('cell')).toBeInViewport();

  // At 1280 px the table scrolls natively, and the names stay in view when it does.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(() => portfolio.tableOverflows()).toBe(true);
  await expect(portfolio.tableScroll).toHaveCSS('overflow-x', 'auto');
  await portfolio.tableScroll.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
  await expect(portfolio.header('cell')).toBeInViewport();
  const scroller = await box(portfolio.tableScroll);
  await expect.poll(async () => (await box(portfolio.cell(group, 'portfolio-account-link'))).x - scroller.x).toBeLessThan(20);
  expect((await box(portfolio.cell(group, 'portfolio-account-link'))).x).toBeGreaterThanOrEqual(scroller.x);

  // A loss is negative and red, a blank is "—", in the table and under the Pareto curve alike.
  await expect(portfolio.cell(prospect, 'cell-profit')).toHaveText('-CN¥80,000');
  await expect(portfolio.cell(group, 'cell-profit')).toHaveText('—');
  await portfolio.showView('pareto');
  await expect(portfolio.paretoPoint(prospect).getByTestId('pareto-profit')).toHaveText('-CN¥80,000');
  await expect(portfolio.paretoPoint(prospect).getByTestId('pareto-profit')).toHaveCSS('color', 'rgb(250, 82, 82)');
  await expect(portfolio.paretoPoint(group).getByTestId('pareto-profit')).toHaveText('—');
  await expect(portfolio.paretoPoint(prospect).getByTestId('pareto-share')).toHaveText('0%*');
  await expect(portfolio.paretoPoint(distributor).getByTestId('pareto-share')).toHaveText('100%');
  await expect(portfolio.paretoZeroNote).toContainText('count as 0 on the curve');
  await expect(page.getByTestId('pareto-notes')).toHaveText('1 account makes a loss (counted as 0). 1 account has no net profit entered.');

  // The owner filter has "No owner"; counts are singular where they are one.
  await portfolio.showView('table');
  await portfolio.filterOwner('No owner');
  await expect.poll(() => portfolio.names()).toEqual([prospect]);
  await expect(page.getByTestId('portfolio-totals')).toContainText('Total (1 account)');
  await expect(page.getByTestId('portfolio-shown')).toHaveText('1 of 3 accounts');
  await portfolio.filterOwner('Wang Lei');
  await expect.poll(() => portfolio.names()).toEqual([distributor]);
  await portfolio.clearFilters.click();
  await expect(portfolio.rows).toHaveCount(3);

  // In Chinese on the dark theme the "at risk" badge is whole, and the matrices still stand apart.
  await page.getByTestId('language-switch').getByText('中文').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(portfolio.cell(distributor, 'cell-health')).toHaveText('有流失风险');
  expect(await portfolio.cutBadges()).toEqual([]);
  await portfolio.showView('matrices');
  await expect(portfolio.settingsButtons('权重与阈值')).toHaveCount(1);
  expect(await portfolio.matrixLayout()).toEqual({ overlapping: [], chipsOutside: [], cutGrades: [], chips: 3 });
});
