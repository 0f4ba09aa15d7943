import fs from 'node:fs/promises';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage } from './pages/DealsPage';
import { ExcelPage, headerTexts, openWorkbook, visibleSheetNames } from './pages/ExcelPage';
import { MapPage, pngSize } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

const SAMPLE_NAME = 'Liuhe Group · Hemei Feed Co. (和美饲料)';
const DEAL = 'Premix line automation';

/** The sample's buying centre as the map shows it. */
const PEOPLE = [
  { name: '黄炳亮', role: 'decider', attitude: 'neutral', stars: 2 },
  { name: '吕文斌', role: 'authority', attitude: 'supporter', stars: 3 },
  { name: '杨部长', role: 'influencer', attitude: 'neutral', stars: 1 },
  { name: '阚方玉', role: 'executor', attitude: 'supporter', stars: 4, coach: true },
  { name: '黄厂长', role: 'user', attitude: 'supporter', stars: 2 },
  { name: '刘部长', role: 'payer', attitude: 'unknown', stars: 0 },
] as const;

const PLAN_SHEETS = [
  'Account',
  'Buying centre',
  'Influence lines',
  'Deals',
  'Decision criteria',
  'Competitors',
  'Actions',
  'Activity log',
  'Divisions',
  'Orders',
  'Whitespace',
  'Warning signs',
  'Red flags',
];

test('an account plan exported to Excel imports into a new account with its map and deal, survives a restart, and is one undo step', async ({ page, host }, testInfo) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  const deals = new DealsPage(page);
  const excel = new ExcelPage(page);

  await accounts.goto(host.url);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText(SAMPLE_NAME);
  await expect(map.cards).toHaveCount(6);

  // Export from the workspace header.
  const exported = await excel.exportAccount();
  expect(exported.fileName).toMatch(/^Liuhe Group · Hemei Feed Co\. \(和美饲料\) \d{4}-\d{2}-\d{2}\.xlsx$/);
  const saved = testInfo.outputPath('plan.xlsx');
  await fs.writeFile(saved, exported.bytes);

  const wb = await openWorkbook(exported.bytes);
  expect(visibleSheetNames(wb)).toEqual([...PLAN_SHEETS, 'Org chart']);
  for (const name of PLAN_SHEETS) {
    const ws = wb.getWorksheet(name)!;
    expect(ws.views[0], `${name}: header frozen`).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold, `${name}: header bold`).toBe(true);
  }
  expect(headerTexts(wb.getWorksheet('Buying centre')!)).toEqual(expect.arrayContaining(['Name', 'Role', 'Reports to']));
  const chart = wb.getWorksheet('Org chart')!;
  const images = chart.getImages();
  expect(images).toHaveLength(1);
  const picture = wb.getImage(Number(images[0]!.imageId));
  expect(picture.extension).toBe('png');
  // The map as drawn: six cards in two rows, wider than high.
  const { width, height } = pngSize(Buffer.from(picture.buffer as unknown as Uint8Array));
  expect(width).toBeGreaterThan(600);
  expect(width).toBeGreaterThan(height);

  // A new, empty account, and the plan imported into it.
  await page.getByTestId('nav-accounts').click();
  await accounts.startCreate('Copy Co');
  await expect(workspace.title).toHaveText('Copy Co');
  await expect(map.emptyState).toBeVisible();
  const copyId = workspace.accountId();

  await excel.importIntoAccount(saved);
  expect(await excel.previewed()).toBe('ready');
  await expect(excel.problems).toHaveCount(0);
  await expect(excel.accounts).toHaveCount(1);
  // Everything in the plan is new to Copy Co: six contacts, the line, the deal with its two
  // criteria and competitor, the action, three logged contacts, three divisions, 40 orders and the
  // whitespace mark; the account's own fields are the one update.
  expect(await excel.summary()).toEqual({ creates: 12 + 3 + 3 + 40 + 1, updates: 1, unchanged: 0 });
  const created = excel.account().getByText(/^\+ /);
  for (const p of PEOPLE) await expect(created).toContainText(`+ ${p.name} ·`);
  await expect(created).toContainText(`+ ${DEAL} ·`);
  await excel.apply();

  const expectImported = async () => {
    await expect(workspace.title).toHaveText('Copy Co');
    await map.fit();
    await expect(map.cards).toHaveCount(6);
    for (const p of PEOPLE) {
      const card = map.card(p.name);
      await expect(card).toHaveAttribute('data-role', p.role);
      await expect(card).toHaveAttribute('data-attitude', p.attitude);
      await expect(card).toHaveAttribute('data-stars', String(p.stars));
    }
    await expect(map.coachBadges).toHaveCount(1);
    await expect(map.card('阚方玉').getByTestId('coach-badge')).toBeVisible();
    await expect(map.reportsToEdges).toHaveCount(5);
    await expect(map.influenceEdges).toHaveCount(1);
    await expect(map.edgeLabels).toHaveText(['trusts']);
    await workspace.openDeals();
    await expect(deals.cards).toHaveCount(1);
    await expect(deals.card(DEAL)).toHaveAttribute('data-stage', 'investigate');
    await workspace.openTab('map');
    await expect(map.canvas).toBeVisible();
  };
  await expectImported();

  // The whole import is one step back and one step forward.
  await excel.undoImport();
  await expect(map.emptyState).toBeVisible();
  await expect(map.cards).toHaveCount(0);
  await expect(workspace.title).toHaveText('Copy Co');
  await workspace.openDeals();
  await expect(deals.cards).toHaveCount(0);
  await workspace.openTab('map');
  await excel.redoImport();
  await expectImported();

  // The host keeps it: a restart, and Copy Co is still the imported plan.
  await host.restart();
  await workspace.goto(host.url, copyId);
  await expectImported();
  // Imported into Copy Co, not beside it; the sample is still there as it was.
  await page.getByTestId('nav-accounts').click();
  await expect(accounts.rows).toHaveCount(2);
  await expect(accounts.row('Copy Co').getByRole('cell').nth(3)).toHaveText('6');
  await expect(accounts.row(SAMPLE_NAME).getByRole('cell').nth(3)).toHaveText('6');
});
