import type ExcelJS from 'exceljs';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { ExcelPage, headerTexts, openWorkbook, visibleSheetNames } from './pages/ExcelPage';
import { MapPage } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

const DAY = /\d{4}-\d{2}-\d{2}/.source;

const EN_RECORDS = ['Buying centre', 'Influence lines', 'Deals', 'Decision criteria', 'Competitors', 'Actions', 'Activity log', 'Divisions', 'Orders', 'Whitespace', 'Warning signs'];
const ZH_RECORDS = ['采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '联络记录', '分支机构', '订单', '空白市场', '流失征兆'];
const SHEETS = {
  en: {
    portfolio: ['Accounts', ...EN_RECORDS, 'Red flags'],
    template: ['Account', ...EN_RECORDS],
    plan: ['Account', ...EN_RECORDS, 'Red flags', 'Org chart'],
  },
  zh: {
    portfolio: ['客户列表', ...ZH_RECORDS, '风险'],
    template: ['客户概况', ...ZH_RECORDS],
    plan: ['客户概况', ...ZH_RECORDS, '风险', '组织图'],
  },
};

/** The values of a data row, as text. */
function rowTexts(ws: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell) => out.push(String(cell.value)));
  return out;
}

/** Every visible sheet has a bold header row frozen in place. */
function expectFrozenBoldHeaders(wb: ExcelJS.Workbook, except: string[] = []): void {
  for (const ws of wb.worksheets.filter((w) => w.state === 'visible' && !except.includes(w.name))) {
    expect(ws.views[0], `${ws.name}: header frozen`).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold, `${ws.name}: header bold`).toBe(true);
  }
}

async function switchToChinese(accounts: AccountsPage): Promise<void> {
  const saved = accounts.page.waitForResponse((r) => r.url().endsWith('/api/settings:update') && r.status() === 200);
  await accounts.page.getByTestId('language-switch').getByText('中文').click();
  await expect(accounts.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await saved;
}

test('the portfolio export and the blank template are workbooks with their sheets named in the UI language', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const excel = new ExcelPage(page);
  await accounts.goto(host.url);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText('Liuhe Group · Hemei Feed Co. (和美饲料)');
  await page.getByTestId('nav-accounts').click();
  await expect(accounts.rows).toHaveCount(1);

  // English.
  const portfolio = await excel.exportPortfolio();
  expect(portfolio.fileName).toMatch(new RegExp(`^Portfolio ${DAY}\\.xlsx$`));
  let wb = await openWorkbook(portfolio.bytes);
  expect(visibleSheetNames(wb)).toEqual(SHEETS.en.portfolio);
  expectFrozenBoldHeaders(wb);
  const list = wb.getWorksheet('Accounts')!;
  expect(headerTexts(list)).toEqual(expect.arrayContaining(['Account', 'Contacts', 'Open deals', 'Pipeline']));
  expect(list.actualRowCount).toBe(2);
  expect(rowTexts(list, 2)).toContain('Liuhe Group · Hemei Feed Co. (和美饲料)');
  expect(wb.getWorksheet('Buying centre')!.actualRowCount).toBe(7);

  const template = await excel.downloadTemplate();
  expect(template.fileName).toBe('Account plan template.xlsx');
  wb = await openWorkbook(template.bytes);
  expect(visibleSheetNames(wb)).toEqual(SHEETS.en.template);
  expectFrozenBoldHeaders(wb);
  expect(headerTexts(wb.getWorksheet('Buying centre')!)).toEqual(expect.arrayContaining(['Name', 'Title', 'Role', 'Reports to']));
  // Blank: headers only.
  for (const ws of wb.worksheets.filter((w) => w.state === 'visible')) expect(ws.actualRowCount, ws.name).toBe(1);

  // 中文.
  await switchToChinese(accounts);
  await expect(accounts.heading).toHaveText('客户');
  const portfolioZh = await excel.exportPortfolio();
  expect(portfolioZh.fileName).toMatch(new RegExp(`^客户组合 ${DAY}\\.xlsx$`));
  wb = await openWorkbook(portfolioZh.bytes);
  expect(visibleSheetNames(wb)).toEqual(SHEETS.zh.portfolio);
  expectFrozenBoldHeaders(wb);
  expect(headerTexts(wb.getWorksheet('客户列表')!)).toEqual(expect.arrayContaining(['客户名称', '联系人数']));
  expect(rowTexts(wb.getWorksheet('客户列表')!, 2)).toContain('Liuhe Group · Hemei Feed Co. (和美饲料)');

  const templateZh = await excel.downloadTemplate();
  expect(templateZh.fileName).toBe('客户计划模板.xlsx');
  wb = await openWorkbook(templateZh.bytes);
  expect(visibleSheetNames(wb)).toEqual(SHEETS.zh.template);
  expect(headerTexts(wb.getWorksheet('采购中心')!)).toEqual(expect.arrayContaining(['姓名', '职务', '角色', '上级']));
});

test('the plan downloads from the map toolbar and, from the deals tab, through the header button, with the org chart in Chinese', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  const excel = new ExcelPage(page);
  await accounts.goto(host.url);
  await switchToChinese(accounts);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText('六和集团 和美饲料公司');
  await expect(map.cards).toHaveCount(6);

  const expectPlan = async (bytes: Buffer) => {
    const wb = await openWorkbook(bytes);
    expect(visibleSheetNames(wb)).toEqual(SHEETS.zh.plan);
    expectFrozenBoldHeaders(wb, ['组织图']);
    const people = wb.getWorksheet('采购中心')!;
    expect(people.actualRowCount).toBe(7);
    const header = headerTexts(people);
    const nameCol = header.indexOf('姓名') + 1;
    const roleCol = header.indexOf('角色') + 1;
    expect(nameCol).toBeGreaterThan(0);
    const roles = Object.fromEntries([2, 3, 4, 5, 6, 7].map((r) => [String(people.getCell(r, nameCol).value), String(people.getCell(r, roleCol).value)]));
    expect(roles).toEqual({ 黄炳亮: '决策者', 吕文斌: '权威者', 杨部长: '影响者', 阚方玉: '执行者', 黄厂长: '使用者', 刘部长: '付款者' });
    expect(rowTexts(wb.getWorksheet('商机')!, 2)).toContain('预混料生产线自动化改造');
    expect(wb.getWorksheet('组织图')!.getImages()).toHaveLength(1);
  };

  // The map's own export menu.
  const fromMenu = await excel.downloadThrough(async () => {
    await map.exportMenu.click();
    await page.getByTestId('export-xlsx').click();
  });
  expect(fromMenu.fileName).toMatch(new RegExp(`^六和集团 和美饲料公司 ${DAY}\\.xlsx$`));
  await expectPlan(fromMenu.bytes);

  // From another tab the header button goes to the map first, which draws the picture.
  await workspace.openDeals();
  const fromDeals = await excel.exportAccount();
  await expect(workspace.tab('map')).toHaveAttribute('aria-selected', 'true');
  expect(fromDeals.fileName).toBe(fromMenu.fileName);
  await expectPlan(fromDeals.bytes);
});
