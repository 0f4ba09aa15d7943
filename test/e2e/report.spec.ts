import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { ReportPage } from './pages/ReportPage';
import { WorkspacePage } from './pages/WorkspacePage';
import { box, callApi } from './pages/ui';

test.use({ viewport: { width: 1400, height: 1000 } });

const SAMPLE_NAME = 'Liuhe Group · Hemei Feed Co. (和美饲料)';
const SAMPLE_CONTACTS = ['黄炳亮', '吕文斌', '杨部长', '阚方玉', '黄厂长', '刘部长'];
const ROLES = ['decider', 'authority', 'influencer', 'executor', 'user', 'payer'];
const WHITE = 'rgb(255, 255, 255)';

/** Loads the built-in sample on a fresh host and opens its Report tab, waiting for the sheet and its map. */
async function openSampleReport(page: Page, url: string) {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const report = new ReportPage(page);
  await accounts.goto(url);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText(SAMPLE_NAME);
  await workspace.openTab('report');
  await report.waitForReady(SAMPLE_CONTACTS.length);
  return { workspace, report };
}
const BLACK = 'rgb(0, 0, 0)';

test('print preview of the report shows the map, and the plan prints alone on one A4 page', async ({ page, host }) => {
  const { workspace, report } = await openSampleReport(page, host.url);
  await expect(workspace.tab('report')).toHaveAttribute('aria-selected', 'true');

  // What the director reads: who, grade, figures, people, deals, next steps.
  await expect(report.accountName).toHaveText(SAMPLE_NAME);
  await expect(report.grade).toHaveAttribute('data-grade', 'A2');
  await expect(report.matrixCell).toBeVisible();
  for (const role of ROLES) await expect(report.coverageRow(role)).not.toHaveAttribute('data-status', 'empty');
  await expect(report.coverageRow('executor')).toContainText('阚方玉');
  await expect(report.flagCount).toHaveText(/^\d+$/);
  await expect(report.deal('Premix line automation')).toContainText('Investigate');
  await expect(report.actions).toHaveCount(1);
  await expect(report.actions.first()).toContainText('黄炳亮');
  await expect(report.activities).toHaveCount(3);
  await expect(report.activities.first()).toContainText('Technical meeting; trial agreed for next month');

  // A customer's two purchase figures, each named for what it is; changes and scores as the other tabs show them.
  await expect(report.annualPurchases).toContainText('Annual purchases (value factor)');
  await expect(report.annualPurchases).toContainText('CN¥4,200,000');
  await expect(report.orders12).toContainText('Orders, last 12 months');
  await expect(report.yoy).toHaveText(/^\s*\([+-]\d+(\.\d)?% on the year before\)$/);
  await expect(report.expectedPurchases).toHaveCount(0);
  const portfolio = (await callApi(page, 'portfolio:list', { now: new Date().toISOString() })) as { rows: { id: string; value: { score: number } }[] };
  const score = portfolio.rows.find((r) => r.id === workspace.accountId())?.value.score ?? NaN;
  await expect(report.scoreNote).toContainText(`Score ${Math.floor(score)} / 100`);

  // The print button opens the print dialog.
  await expect(report.printButton).toBeVisible();
  await expect(report.printButton).toHaveText('Print / Save as PDF');
  await expect(report.printHint).toContainText('Save as PDF');
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
  await report.printButton.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // Print preview: the map is there with its cards, the app around it is not.
  await page.emulateMedia({ media: 'print' });
  await expect(report.sheet).toBeVisible();
  await expect(report.map).toBeVisible();
  await expect(report.mapCards).toHaveCount(SAMPLE_CONTACTS.length);
  for (const name of SAMPLE_CONTACTS) {
    await expect(report.mapCard(name)).toBeVisible();
    await expect(report.mapCard(name)).toContainText(name);
  }
  // Every card lies inside the picture's frame.
  const frame = (await report.map.boundingBox())!;
  for (const name of SAMPLE_CONTACTS) {
    const card = (await report.mapCard(name).boundingBox())!;
    expect(card.x, name).toBeGreaterThanOrEqual(frame.x - 1);
    expect(card.y, name).toBeGreaterThanOrEqual(frame.y - 1);
    expect(card.x + card.width, name).toBeLessThanOrEqual(frame.x + frame.width + 1);
    expect(card.y + card.height, name).toBeLessThanOrEqual(frame.y + frame.height + 1);
  }
  await expect(page.getByTestId('nav-portfolio')).toBeHidden();
  await expect(page.getByTestId('nav-accounts')).toBeHidden();
  await expect(page.getByTestId('language-switch')).toBeHidden();
  await expect(workspace.title).toBeHidden();
  await expect(workspace.tab('report')).toBeHidden();
  await expect(report.printButton).toBeHidden();
  // The sheet starts at the page's top left: nothing hidden still takes room.
  const sheet = (await report.sheet.boundingBox())!;
  expect(sheet.x).toBeLessThan(2);
  expect(sheet.y).toBeLessThan(2);

  const { bytes, pages } = await report.pdf();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pages).toBe(1);
  expect(bytes.length).toBeGreaterThan(30_000);

  // Back on screen the app is whole again.
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('nav-portfolio')).toBeVisible();
  await expect(report.printButton).toBeVisible();
});

test('in Chinese and the dark theme the report still prints black on white, on one page', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const report = new ReportPage(page);
  await accounts.goto(host.url);
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(accounts.heading).toHaveText('客户');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText('六和集团 和美饲料公司');
  await workspace.openTab('report');
  await report.waitForReady(SAMPLE_CONTACTS.length);

  await expect(report.printButton).toHaveText('打印 / 另存为 PDF');
  await expect(report.sheet).toContainText('客户计划');
  await expect(report.sheet).toContainText('六种角色覆盖');
  await expect(report.deal('预混料生产线自动化改造')).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(report.mapCard('黄炳亮')).toBeVisible();
  await expect(page.getByTestId('nav-portfolio')).toBeHidden();
  const colours = await page.evaluate(() => {
    const style = (el: Element | null) => (el ? getComputedStyle(el) : null);
    const sheet = style(document.querySelector('[data-testid="account-report"]'));
    const card = style(document.querySelector('[data-testid="report-map"] [data-testid="contact-card"]'));
    const name = style(document.querySelector('[data-testid="report-account-name"]'));
    return { sheet: sheet?.backgroundColor, text: sheet?.color, card: card?.backgroundColor, name: name?.color, body: style(document.body)?.backgroundColor };
  });
  expect(colours).toEqual({ sheet: WHITE, text: BLACK, card: WHITE, name: BLACK, body: WHITE });

  const { pages } = await report.pdf();
  expect(pages).toBe(1);
});

test('an account with nobody on the map shouts every role as a gap', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const report = new ReportPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Gap Co');
  await expect(workspace.title).toHaveText('Gap Co');
  await workspace.openTab('report');
  await expect(report.sheet).toBeVisible();

  await expect(report.accountName).toHaveText('Gap Co');
  await expect(report.map).toContainText('Nobody is on the map yet.');
  await expect(report.mapCards).toHaveCount(0);
  for (const role of ROLES) {
    await expect(report.coverageRow(role)).toHaveAttribute('data-status', 'empty');
    await expect(report.coverageRow(role)).toContainText('NOBODY — gap');
  }
  await expect(report.flagCount).not.toHaveText('0');
  await expect(report.sheet.getByTestId('report-deals')).toContainText('No open deals.');
  await expect(report.sheet.getByTestId('report-actions')).toContainText('No open actions.');

  await page.emulateMedia({ media: 'print' });
  await expect(report.map).toBeVisible();
  const { pages } = await report.pdf();
  expect(pages).toBe(1);
});

test('a big account shrinks to stay on one page, its lists cut short', async ({ page, host }) => {
  const { workspace, report } = await openSampleReport(page, host.url);
  await expect(report.sheet).toHaveAttribute('data-print-zoom', '1');

  await report.growAccount(workspace.accountId(), 14);
  await expect(workspace.tab('report')).toHaveAttribute('aria-selected', 'true');
  await report.waitForReady(SAMPLE_CONTACTS.length + 14);
  await expect(report.deals).toHaveCount(6);
  await expect(report.actions).toHaveCount(6);
  await expect(report.actions.first()).toHaveAttribute('data-overdue', 'true');
  await expect(report.actions.first()).toContainText('Overdue');
  await expect(report.activities).toHaveCount(5);
  await expect(report.flags).toHaveCount(5);
  await expect(report.sheet.getByTestId('report-deals')).toContainText('+ 9 more');
  await expect.poll(async () => Number(await report.sheet.getAttribute('data-print-zoom'))).toBeLessThan(1);

  await page.emulateMedia({ media: 'print' });
  await expect(report.mapCards).toHaveCount(SAMPLE_CONTACTS.length + 14);
  await expect(report.mapCard('Person 13 with a long name')).toBeVisible();
  const { pages } = await report.pdf();
  expect(pages).toBe(1);
});

test('a prospect’s report shows what they are expected to buy and how keen they are, not purchases of zero', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const report = new ReportPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Sunrise Farms');
  await expect(workspace.title).toHaveText('Sunrise Farms');
  const id = workspace.accountId();
  await callApi(page, 'account:update', { id, patch: { stage: 'prospect', profile: { expectedAnnualPurchases: 800_000, intent: 'high' } } });
  await workspace.reload();
  await workspace.openTab('report');
  await expect(report.health).toBeVisible();

  await expect(report.expectedPurchases).toContainText('Expected annual purchases');
  await expect(report.expectedPurchases).toContainText('CN¥800,000');
  await expect(report.intent).toContainText('Intent to buy');
  await expect(report.intent).toContainText('High intent');
  await expect(report.sheet.getByTestId('report-value')).not.toContainText('Annual purchases');
  await expect(report.annualPurchases).toHaveCount(0);
  await expect(report.orders12).toHaveCount(0);
  await expect(report.netProfit).toHaveCount(0);
  await expect(report.matrixCell).toHaveAttribute('data-cell', /^P[1-4]$/);

  // Not judged yet: said so, rather than left out.
  await callApi(page, 'account:update', { id, patch: { profile: { intent: null } } });
  await workspace.reload();
  await expect(report.intent).toContainText('Not judged yet');
});

test('a buying centre of sixteen people takes the room the page has and stays readable', async ({ page, host }) => {
  const { workspace, report } = await openSampleReport(page, host.url);
  // The sample's flat map is drawn as on the map tab.
  await expect(report.map).toHaveAttribute('data-layout', 'map');

  // Ten more people under four of the five managers: a realistic buying centre, wide at the bottom.
  const managers = ['吕文斌', '杨部长', '阚方玉', '黄厂长'];
  const staff = Array.from({ length: 10 }, (_, i) => ({ name: `Staff ${i}`, boss: managers[i % managers.length] as string }));
  await report.addStaff(workspace.accountId(), staff);
  await report.waitForReady(SAMPLE_CONTACTS.length + staff.length);
  await expect(report.map).toHaveAttribute('data-layout', 'stacked');
  await expect(report.sheet).toHaveAttribute('data-print-zoom', '1');

  await page.emulateMedia({ media: 'print' });
  // The map takes what the rest leaves: less than a tenth of the A4 page (277 mm within its margins) stays blank.
  const sheet = await box(report.sheet);
  expect(sheet.height).toBeGreaterThan(0.9 * ((277 * 96) / 25.4));
  const frame = await box(report.map);
  for (const name of [...SAMPLE_CONTACTS, ...staff.map((s) => s.name)]) {
    const card = await box(report.mapCard(name));
    expect(card.x, name).toBeGreaterThanOrEqual(frame.x - 1);
    expect(card.y, name).toBeGreaterThanOrEqual(frame.y - 1);
    expect(card.x + card.width, name).toBeLessThanOrEqual(frame.x + frame.width + 1);
    expect(card.y + card.height, name).toBeLessThanOrEqual(frame.y + frame.height + 1);
    // Cards over 21 mm wide (side by side they would be about 15 mm, their names unreadable).
    expect(card.width, name).toBeGreaterThan(80);
  }
  const { pages } = await report.pdf();
  expect(pages).toBe(1);
});
