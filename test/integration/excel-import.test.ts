import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '@shared/accounts';
import type { ImportPreview } from '@shared/api/excel';
import type { Account } from '@shared/model/account';
import type { Locale } from '@shared/model/database';
import { readWorkbook } from '../../electron/excel/read-workbook';
import type { Services } from '../../electron/services/index';
import { call, callError, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
const opener = useServices();
const start = () => opener.start(dataFile);
const restart = (s: Services) => opener.restart(s, dataFile);
let dataFile: string;

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
});

const fixtureDir = fileURLToPath(new URL('../fixtures/xlsx/', import.meta.url));
const fixture = async (name: string): Promise<string> => (await fs.readFile(path.join(fixtureDir, name))).toString('base64');

type Exported = { fileName: string; base64: string };
type Applied = { after: Account[]; before: (Account | null)[] };

const exportPlan = (s: Services, accountId: string, locale: Locale = 'en') =>
  call<Exported>(s, 'excel:export', { scope: 'account', accountId, locale });
const preview = (s: Services, input: { fileName: string; base64: string; accountId: string | null; mapping?: (string | null)[] }) =>
  call<ImportPreview>(s, 'excel:preview', input);
const apply = (s: Services, token: string | null) => call<Applied>(s, 'excel:apply', { token });
const getAccount = (s: Services, id: string) => call<Account>(s, 'account:get', { id });

/** Runs `act` and checks that the data file is byte for byte what it was before. */
async function expectFileUnchanged(s: Services, act: () => Promise<void>): Promise<void> {
  await s.flush();
  const before = await fs.readFile(dataFile);
  await act();
  await s.flush();
  expect((await fs.readFile(dataFile)).equals(before)).toBe(true);
}

/** Opens a workbook, lets `change` edit it as a user would in Excel, and saves it again. */
async function editWorkbook(base64: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  change(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The column whose header (row 1) is `header`. */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header} in ${ws.name}`);
  return found;
}

/** The row whose cell under `header` holds `value`. */
function rowOf(ws: ExcelJS.Worksheet, header: string, value: string): number {
  const col = columnOf(ws, header);
  let found = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(col).value === value) found = n;
  });
  if (!found) throw new Error(`no row with ${header} = ${value} in ${ws.name}`);
  return found;
}

const setCell = (ws: ExcelJS.Worksheet, header: string, rowValue: [string, string] | number, value: ExcelJS.CellValue) => {
  const row = typeof rowValue === 'number' ? rowValue : rowOf(ws, rowValue[0], rowValue[1]);
  ws.getCell(row, columnOf(ws, header)).value = value;
};

/** What a user sees of the people on the map; the boss by name, since IDs differ between accounts. */
function people(a: Account) {
  const name = (id: string | null) => (id === null ? null : (a.contacts.find((c) => c.id === id)?.name ?? `missing ${id}`));
  return a.contacts.map((c) => ({
    name: c.name,
    title: c.title,
    department: c.department,
    role: c.role,
    level: c.level,
    attitude: c.attitude,
    influence: c.influence,
    stars: c.stars,
    isCoach: c.isCoach,
    reportsTo: name(c.reportsToId),
  }));
}

function plan(a: Account, lines: readonly { id: string; name: string }[] = []) {
  const name = (id: string) => a.contacts.find((c) => c.id === id)?.name ?? `missing ${id}`;
  const division = (id: string | null) => (id === null ? null : (a.divisions.find((d) => d.id === id)?.name ?? `missing ${id}`));
  const line = (id: string | null) => (id === null ? null : (lines.find((l) => l.id === id)?.name ?? `missing ${id}`));
  const deal = (id: string | null) => (id === null ? null : (a.deals.find((d) => d.id === id)?.name ?? `missing ${id}`));
  return {
    stage: a.stage,
    profile: a.profile,
    warningSigns: a.warningSigns,
    divisions: a.divisions.map((d) => ({ name: d.name, kind: d.kind, parent: division(d.parentId), region: d.region, notes: d.notes })),
    orders: a.orders.map((o) => ({ date: o.date, amount: o.amount, division: division(o.divisionId), line: line(o.productLineId), notes: o.notes })),
    activities: a.activities.map((x) => ({ date: x.date, channel: x.channel, contacts: x.contactIds.map(name), deal: deal(x.dealId), outcome: x.outcome, summary: x.summary, notes: x.notes, hospitality: x.hospitality })),
    whitespace: a.whitespaceMarks.map((m) => ({ division: division(m.divisionId), line: line(m.productLineId), competitor: m.competitor, notes: m.notes })),
    dealPlaces: a.deals.map((d) => [d.name, division(d.divisionId), line(d.productLineId)]),
    lines: a.influenceLines.map((l) => [name(l.fromId), name(l.toId), l.label]),
    deals: a.deals.map((d) => ({
      name: d.name,
      value: d.value,
      currency: d.currency,
      stage: d.stage,
      saleType: d.saleType,
      owner: d.owner,
      winStrategy: d.winStrategy,
      buyingCentre: d.buyingCentre.map((seat) => [name(seat.contactId), seat.role]),
      criteria: d.criteria.map((c) => ({ name: c.name, rank: c.rank, importance: c.importance, ourFit: c.ourFit, competitorFit: c.competitorFit })),
      competitors: d.competitors.map((c) => ({ name: c.name, offer: c.offer, threat: c.threat })),
    })),
    actions: a.actions.map((x) => ({
      what: x.what,
      who: x.who,
      when: x.when,
      why: x.why,
      deal: a.deals.find((d) => d.id === x.dealId)?.name ?? null,
      contacts: x.contactIds.map(name),
    })),
  };
}

const count = (p: ImportPreview, kind: string) => p.accounts[0]?.creates.filter((c) => c.kind === kind).length ?? 0;
const productLines = async (s: Services) => (await call<{ productLines: { id: string; name: string }[] }>(s, 'settings:get')).productLines;

describe('export, then import into another account', () => {
  it.each<Locale>(['en', 'zh-CN'])('gives an empty account the same buying centre, line, deal and action as the plan exported (%s)', async (locale) => {
    let s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale });
    const exported = await exportPlan(s, sample.id, locale);
    const target = await call<Account>(s, 'account:create', { name: 'Empty account' });

    const p = await preview(s, { ...exported, accountId: target.id });
    expect(p.problems).toEqual([]);
    expect(p.format).toBe('plan');
    expect(p.token).toEqual(expect.any(String));
    expect(p.accounts).toHaveLength(1);
    expect(p.accounts[0]).toMatchObject({ name: 'Empty account', isNew: false });
    expect(p.accounts[0]?.creates.filter((c) => c.kind === 'contact').map((c) => c.name)).toEqual(sample.contacts.map((c) => c.name));
    expect([count(p, 'contact'), count(p, 'line'), count(p, 'deal'), count(p, 'criterion'), count(p, 'competitor'), count(p, 'action')]).toEqual([6, 1, 1, 2, 1, 1]);
    expect([count(p, 'activity'), count(p, 'division'), count(p, 'order'), count(p, 'whitespaceMark')]).toEqual([3, 3, sample.orders.length, 1]);
    expect(count(p, 'account')).toBe(0);
    // Nothing is stored by a preview.
    expect((await getAccount(s, target.id)).contacts).toEqual([]);

    const applied = await apply(s, p.token);
    expect(applied.before).toEqual([target]);
    expect(applied.after.map((a) => a.id)).toEqual([target.id]);

    s = await restart(s);
    const stored = await getAccount(s, target.id);
    expect(stored.name).toBe('Empty account');
    expect(stored.contacts).toHaveLength(6);
    expect(people(stored)).toEqual(people(sample));
    expect(people(stored).filter((c) => c.reportsTo === '黄炳亮')).toHaveLength(5);
    const lines = await productLines(s);
    expect(plan(stored, lines)).toEqual(plan(sample, lines));
    expect(plan(stored).lines).toEqual([['阚方玉', '吕文斌', locale === 'en' ? 'trusts' : '信任']]);
    // The records of the group, the trading history and the log came across, with their links.
    expect(plan(stored, lines).orders).toHaveLength(sample.orders.length);
    expect(plan(stored, lines).whitespace).toEqual([{ division: locale === 'en' ? 'Weifang plant' : '潍坊工厂', line: locale === 'en' ? 'Automation equipment' : '自动化设备', competitor: locale === 'en' ? 'Competitor A' : '竞争对手甲', notes: '' }]);
    expect(stored.orders.every((o) => lines.some((l) => l.id === o.productLineId))).toBe(true);
    expect(stored.grade).toBe('A2');
    expect(stored.giftPolicy).toEqual(sample.giftPolicy);
    // The sample itself is left as it was.
    expect(await getAccount(s, sample.id)).toEqual(sample);
  });

  it('matches an unchanged export to its own account by ID: nothing to create or update', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    await call<Account>(s, 'account:create', { name: 'Another account' });

    const p = await preview(s, { ...exported, accountId: null });
    expect(p.problems).toEqual([]);
    expect(p.accounts).toHaveLength(1);
    expect(p.accounts[0]).toMatchObject({ name: sample.name, isNew: false, creates: [], updates: [] });
    expect(p.accounts[0]?.unchanged).toBeGreaterThan(0);
  });

  it('takes the cells edited in Excel, keeps the account name, and leaves fields of a deleted column alone', async () => {
    // The account's name is the user's choice in the app; a merge never renames it.
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const base64 = await editWorkbook(exported.base64, (wb) => {
      setCell(sheet(wb, 'Account'), 'Account', 2, 'Renamed in Excel');
      const contacts = sheet(wb, 'Buying centre');
      setCell(contacts, 'Stars', ['Name', '刘部长'], 3);
      contacts.spliceColumns(columnOf(contacts, 'Attitude'), 1);
    });
    const p = await preview(s, { fileName: exported.fileName, base64, accountId: null });
    expect(p.problems).toEqual([]);
    expect(p.accounts[0]).toMatchObject({ name: sample.name, isNew: false, creates: [] });
    expect(p.accounts[0]?.updates).toEqual([{ kind: 'contact', name: '刘部长', fields: ['stars'] }]);

    await apply(s, p.token);
    const stored = await getAccount(s, sample.id);
    expect(stored.name).toBe(sample.name);
    expect(stored.contacts.find((c) => c.name === '刘部长')?.stars).toBe(3);
    expect(people(stored).filter((c) => c.name !== '刘部长')).toEqual(people(sample).filter((c) => c.name !== '刘部长'));
  });
});

describe('portfolio and template exports', () => {
  it('writes a portfolio of the live accounts with sheets and headers in Chinese', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'zh-CN' });
    await call<Account>(s, 'account:create', { name: '第二个客户' });
    const gone = await call<Account>(s, 'account:create', { name: '已删除的客户' });
    await call(s, 'account:delete', { id: gone.id });

    const { fileName, base64 } = await call<Exported>(s, 'excel:export', { scope: 'portfolio', locale: 'zh-CN' });
    expect(fileName).toMatch(/^客户组合 \d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheets = await readWorkbook(Buffer.from(base64, 'base64'), fileName);
    expect(sheets.map((x) => x.name)).toEqual(['客户列表', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '联络记录', '分支机构', '订单', '空白市场', '流失征兆', '风险']);

    const accounts = sheets[0]!;
    expect(accounts.header.slice(0, 5)).toEqual(['ID', '客户名称', '客户类型', '客户阶段', '等级']);
    expect(accounts.header.slice(-5)).toEqual(['联系人数', '进行中商机', '商机金额', '加权商机金额', '风险数']);
    const nameCol = accounts.header.indexOf('客户名称');
    expect(accounts.rows.map((r) => r.cells[nameCol])).toEqual([sample.name, '第二个客户']);
    expect(accounts.rows[0]?.cells[accounts.header.indexOf('联系人数')]).toBe(6);

    const contacts = sheets[1]!;
    expect(contacts.header.slice(0, 6)).toEqual(['客户名称', '客户ID', 'ID', '姓名', '职务', '部门']);
    expect(contacts.rows.map((r) => r.cells[3])).toEqual(sample.contacts.map((c) => c.name));
    expect(contacts.rows.every((r) => r.cells[0] === sample.name && r.cells[1] === sample.id)).toBe(true);

    // Orders carry the account, the division and the product line by name.
    const orders = sheets.find((x) => x.name === '订单')!;
    expect(orders.header).toEqual(['客户名称', '客户ID', 'ID', '日期', '金额', '分支机构', '分支机构ID', '产品线', '产品线ID', '备注']);
    expect(orders.rows).toHaveLength(sample.orders.length);
    expect(new Set(orders.rows.map((r) => r.cells[7]))).toEqual(new Set(['预混料', '饲料添加剂']));
    // The portfolio reads back: the sample matches itself, the second account too.
    const p = await preview(s, { fileName, base64, accountId: null });
    expect(p.problems).toEqual([]);
    expect(p.accounts.map((a) => [a.name, a.isNew, a.creates.length, a.updates.length])).toEqual([
      [sample.name, false, 0, 0],
      ['第二个客户', false, 0, 0],
    ]);
  });

  it.each<[Locale, string, string[], string[]]>([
    [
      'en',
      'Account plan template.xlsx',
      ['Account', 'Buying centre', 'Influence lines', 'Deals', 'Decision criteria', 'Competitors', 'Actions', 'Activity log', 'Divisions', 'Orders', 'Whitespace', 'Warning signs'],
      ['ID', 'Name', 'Title', 'Department'],
    ],
    [
      'zh-CN',
      '客户计划模板.xlsx',
      ['客户概况', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '联络记录', '分支机构', '订单', '空白市场', '流失征兆'],
      ['ID', '姓名', '职务', '部门'],
    ],
  ])('writes an empty template in %s: the plan sheets with headers and no rows', async (locale, expectedName, sheetNames, contactHeader) => {
    const s = await start();
    const { fileName, base64 } = await call<Exported>(s, 'excel:export', { scope: 'template', locale });
    expect(fileName).toBe(expectedName);
    const sheets = await readWorkbook(Buffer.from(base64, 'base64'), fileName);
    expect(sheets.map((x) => x.name)).toEqual(sheetNames);
    expect(sheets.every((x) => x.rows.length === 0)).toBe(true);
    expect(sheets[1]?.header.slice(0, 4)).toEqual(contactHeader);
  });

  it('imports a template filled in by hand as a new account', async () => {
    const s = await start();
    const { fileName, base64 } = await call<Exported>(s, 'excel:export', { scope: 'template', locale: 'zh-CN' });
    const filled = await editWorkbook(base64, (wb) => {
      setCell(sheet(wb, '客户概况'), '客户名称', 2, '新希望饲料');
      const people = sheet(wb, '采购中心');
      setCell(people, '姓名', 2, '周总');
      setCell(people, '角色', 2, '决策者');
      setCell(people, '姓名', 3, '孙工');
      setCell(people, '上级', 3, '周总');
      setCell(people, '星级', 3, 4);
      setCell(sheet(wb, '客户概况'), '客户阶段', 2, '潜在客户');
      setCell(sheet(wb, '客户概况'), '合作意向', 2, '意向强');
      setCell(sheet(wb, '分支机构'), '分支机构', 2, '成都工厂');
      const orders = sheet(wb, '订单');
      setCell(orders, '日期', 2, '2024-05-06');
      setCell(orders, '金额', 2, '12万');
      setCell(orders, '分支机构', 2, '成都工厂');
      const log = sheet(wb, '联络记录');
      setCell(log, '日期', 2, '2024-05-07');
      setCell(log, '联络方式', 2, '电话');
      setCell(log, '相关联系人', 2, '孙工');
      const signs = sheet(wb, '流失征兆');
      setCell(signs, '征兆', 2, '宣布新的采购模式');
      setCell(signs, '已出现', 2, '是');
    });
    const p = await preview(s, { fileName, base64: filled, accountId: null });
    expect(p.problems).toEqual([]);
    expect(p.accounts[0]).toMatchObject({ name: '新希望饲料', isNew: true });
    const { after } = await apply(s, p.token);
    const stored = await getAccount(s, after[0]!.id);
    expect(people(stored).map((c) => [c.name, c.role, c.reportsTo, c.stars])).toEqual([
      ['周总', 'decider', null, 0],
      ['孙工', null, '周总', 4],
    ]);
    expect(stored).toMatchObject({ stage: 'prospect', profile: { intent: 'high' } });
    expect(stored.divisions.map((d) => d.name)).toEqual(['成都工厂']);
    expect(stored.orders.map((o) => [o.date, o.amount, o.divisionId])).toEqual([['2024-05-06', 120_000, stored.divisions[0]!.id]]);
    expect(stored.activities.map((a) => [a.date, a.channel, a.contactIds])).toEqual([['2024-05-07', 'phone', [stored.contacts[1]!.id]]]);
    expect(stored.warningSigns.newPurchasingModel.present).toBe(true);
  });
});

describe('files that cannot be imported', () => {
  it.each([
    ['not-xlsx.xlsx', 'Kunden 2025.xlsx', /not an Excel workbook/],
    ['password-protected.xlsx', '加密.xlsx', /password/],
    ['corrupt-truncated.xlsx', 'half.xlsx', /damaged or incomplete/],
    ['empty.xlsx', 'blank.xlsx', /contains no data/],
    ['zip-bomb.xlsx', 'bomb.xlsx', /unpacks to more than the allowed size/],
    ['zip-not-workbook.xlsx', 'archive.xlsx', /zip file but not an Excel workbook/],
  ])('refuses %s with IMPORT_FILE naming the file, and stores nothing', async (fixtureName, fileName, reason) => {
    const s = await start();
    await call<Account>(s, 'sample:load', { locale: 'en' });
    const base64 = await fixture(fixtureName);
    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:preview', { fileName, base64, accountId: null });
      expect(error.code).toBe('IMPORT_FILE');
      expect(error.message).toContain(`"${fileName}"`);
      expect(error.message).toMatch(reason);
    });
  });

  it('refuses a file over 50 MiB as too large before reading it, and stores nothing', async () => {
    const s = await start();
    await call<Account>(s, 'sample:load', { locale: 'en' });
    // The largest file the channel carries; it looks like a zip, so only the size can refuse it.
    const bytes = Buffer.alloc(50 * 1024 * 1024 + 1024);
    bytes.write('PK\x03\x04', 'latin1');
    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:preview', { fileName: 'huge.xlsx', base64: bytes.toString('base64'), accountId: null });
      expect(error.code).toBe('IMPORT_FILE');
      expect(error.message).toMatch(/^"huge\.xlsx" is too large \(50\.0 MiB\); the limit is 50\.0 MiB\.$/);
    });
  });

  it('refuses a 51 MiB file as too big, and stores nothing', async () => {
    const s = await start();
    await call<Account>(s, 'sample:load', { locale: 'en' });
    const bytes = Buffer.alloc(51 * 1024 * 1024);
    bytes.write('PK\x03\x04', 'latin1');
    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:preview', { fileName: 'huge.xlsx', base64: bytes.toString('base64'), accountId: null });
      // Today the channel's own size cap answers first ("Too big"); see the known bug below.
      expect(error.message).toMatch(/too (large|big)/i);
    });
  });

  // The channel's base64 cap sits just above what the reader refuses, so the reader's own message,
  // naming the file and the limit, is what the user sees.
  it('refuses a 51 MiB file with IMPORT_FILE, naming the file and the limit', async () => {
    const s = await start();
    const bytes = Buffer.alloc(51 * 1024 * 1024);
    bytes.write('PK\x03\x04', 'latin1');
    const error = await callError(s, 'excel:preview', { fileName: 'huge.xlsx', base64: bytes.toString('base64'), accountId: null });
    expect(error.code).toBe('IMPORT_FILE');
    expect(error.message).toBe('"huge.xlsx" is too large (51.0 MiB); the limit is 50.0 MiB.');
  });

  type Edit = (wb: ExcelJS.Workbook) => void;
  it.each<[string, Edit, (ws: (name: string) => ExcelJS.Worksheet) => { sheet: string; row: number | null; column: string | null; message: string }]>([
    [
      'a sheet without a required column',
      (wb) => {
        const ws = sheet(wb, 'Buying centre');
        ws.spliceColumns(columnOf(ws, 'Name'), 1);
      },
      () => ({ sheet: 'Buying centre', row: null, column: null, message: 'Missing required column "Name"' }),
    ],
    [
      'an unknown role',
      (wb) => setCell(sheet(wb, 'Buying centre'), 'Role', ['Name', '吕文斌'], 'Chief buyer'),
      (ws) => ({ sheet: 'Buying centre', row: rowOf(ws('Buying centre'), 'Name', '吕文斌'), column: 'Role', message: 'Unknown role "Chief buyer"' }),
    ],
    [
      'a reports-to loop',
      // 阚方玉 reports to 黄炳亮; now 黄炳亮 reports to 阚方玉 as well.
      (wb) => setCell(sheet(wb, 'Buying centre'), 'Reports to', ['Name', '黄炳亮'], '阚方玉'),
      (ws) => ({
        sheet: 'Buying centre',
        row: rowOf(ws('Buying centre'), 'Name', '阚方玉'),
        column: 'Reports to',
        message: 'Reports-to forms a loop: 阚方玉 → 黄炳亮 → 阚方玉',
      }),
    ],
    [
      'a date that is not a date',
      (wb) => setCell(sheet(wb, 'Deals'), 'Expected close', ['Deal', 'Premix line automation'], 'next week'),
      (ws) => ({ sheet: 'Deals', row: rowOf(ws('Deals'), 'Deal', 'Premix line automation'), column: 'Expected close', message: 'Not a date: "next week"' }),
    ],
    [
      'an unknown account stage',
      (wb) => setCell(sheet(wb, 'Account'), 'Stage', 2, 'Lead-ish'),
      () => ({ sheet: 'Account', row: 2, column: 'Stage', message: 'Unknown account stage "Lead-ish"' }),
    ],
    [
      'a satisfaction out of range',
      (wb) => setCell(sheet(wb, 'Account'), 'Satisfaction (1-5)', 2, 9),
      () => ({ sheet: 'Account', row: 2, column: 'Satisfaction (1-5)', message: 'Satisfaction (1-5) must be 1-5' }),
    ],
    [
      'an order amount that is not a number',
      (wb) => setCell(sheet(wb, 'Orders'), 'Amount', 5, 'a lot'),
      () => ({ sheet: 'Orders', row: 5, column: 'Amount', message: 'Not a number: "a lot"' }),
    ],
    [
      'an order of a product line the settings do not have',
      (wb) => {
        const ws = sheet(wb, 'Orders');
        setCell(ws, 'Product line', 3, 'Robots');
        setCell(ws, 'Product line ID', 3, null);
      },
      () => ({ sheet: 'Orders', row: 3, column: 'Product line', message: 'Product line "Robots": no such product line in the settings' }),
    ],
    [
      'a deal in a division the account does not have',
      (wb) => {
        const ws = sheet(wb, 'Deals');
        setCell(ws, 'Division', 2, 'Chengdu plant');
        setCell(ws, 'Division ID', 2, null);
      },
      () => ({ sheet: 'Deals', row: 2, column: 'Division', message: 'Division "Chengdu plant": no such division' }),
    ],
    [
      'a loop of "part of" among the divisions',
      // The premix shop is part of the Qingdao plant; now the plant is part of the shop as well.
      (wb) => {
        const ws = sheet(wb, 'Divisions');
        setCell(ws, 'Part of', ['Division', 'Qingdao plant'], 'Premix shop');
      },
      (ws) => ({ sheet: 'Divisions', row: rowOf(ws('Divisions'), 'Division', 'Premix shop'), column: 'Part of', message: 'Part of forms a loop: Premix shop → Qingdao plant → Premix shop' }),
    ],
    [
      'an activity with an unknown channel',
      (wb) => setCell(sheet(wb, 'Activity log'), 'Channel', 3, 'Telegram'),
      () => ({ sheet: 'Activity log', row: 3, column: 'Channel', message: 'Unknown channel "Telegram"' }),
    ],
    [
      'an activity with a contact nobody has',
      (wb) => setCell(sheet(wb, 'Activity log'), 'Contacts', 2, '王五'),
      () => ({ sheet: 'Activity log', row: 2, column: 'Contacts', message: 'Contacts "王五": no such contact' }),
    ],
    [
      'a whitespace mark without a product line',
      (wb) => {
        const ws = sheet(wb, 'Whitespace');
        setCell(ws, 'Product line', 2, null);
        setCell(ws, 'Product line ID', 2, null);
      },
      () => ({ sheet: 'Whitespace', row: 2, column: 'Product line', message: 'Product line is empty: the row is skipped' }),
    ],
    [
      'a warning sign neither seen nor not',
      (wb) => setCell(sheet(wb, 'Warning signs'), 'Seen', 4, 'perhaps'),
      () => ({ sheet: 'Warning signs', row: 4, column: 'Seen', message: 'Not yes or no: "perhaps"' }),
    ],
  ])('lists the problem of %s by sheet, row and column, gives no token and stores nothing', async (_what, change, expected) => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const base64 = await editWorkbook(exported.base64, change);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);

    await expectFileUnchanged(s, async () => {
      for (const accountId of [null, sample.id]) {
        const p = await preview(s, { fileName: exported.fileName, base64, accountId });
        expect(p.token).toBeNull();
        expect(p.problems).toContainEqual(expected((name) => sheet(wb, name)));
      }
    });
    expect(await getAccount(s, sample.id)).toEqual(sample);
  });

  it('refuses to apply a token it never gave out', async () => {
    const s = await start();
    await call<Account>(s, 'sample:load', { locale: 'en' });
    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:apply', { token: randomUUID() });
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/preview the file again/);
    });
  });

  it('applies a preview once: the same token a second time is NOT_FOUND and changes nothing', async () => {
    const s = await start();
    const p = await preview(s, { fileName: '联系人.xlsx', base64: await fixture('contacts-zh.xlsx'), accountId: null });
    await apply(s, p.token);
    expect(await call<AccountSummary[]>(s, 'account:list')).toHaveLength(1);

    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:apply', { token: p.token });
      expect(error.code).toBe('NOT_FOUND');
    });
    expect(await call<AccountSummary[]>(s, 'account:list')).toHaveLength(1);
  });
});

describe('contact lists', () => {
  it('imports a Chinese contact list as a new account named after the file', async () => {
    let s = await start();
    const p = await preview(s, { fileName: '华东客户联系人.xlsx', base64: await fixture('contacts-zh.xlsx'), accountId: null });
    expect(p.format).toBe('contactList');
    expect(p.problems).toEqual([]);
    expect(p.contactList).toEqual({
      sheet: '联系人',
      header: ['姓名', '职务', '部门', '上级', '角色'],
      mapping: ['name', 'title', 'department', 'reportsTo', 'role'],
      fields: expect.arrayContaining(['name', 'title', 'reportsTo', 'notes']),
    });
    expect(p.accounts).toEqual([
      {
        name: '华东客户联系人',
        isNew: true,
        creates: [
          { kind: 'account', name: '华东客户联系人' },
          ...['王伟', '李娜', '张强', '刘洋'].map((name) => ({ kind: 'contact', name })),
        ],
        updates: [],
        unchanged: 0,
      },
    ]);
    expect(await call<AccountSummary[]>(s, 'account:list')).toEqual([]);

    const { after, before } = await apply(s, p.token);
    expect(before).toEqual([null]);
    s = await restart(s);
    expect((await call<AccountSummary[]>(s, 'account:list')).map((a) => a.name)).toEqual(['华东客户联系人']);
    const stored = await getAccount(s, after[0]!.id);
    expect(people(stored).map((c) => [c.name, c.title, c.department, c.reportsTo, c.role])).toEqual([
      ['王伟', '采购总监', '采购部', null, 'decider'],
      ['李娜', '采购经理', '采购部', '王伟', 'influencer'],
      ['张强', 'IT 主管', '信息技术部', '王伟', 'authority'],
      ['刘洋', '财务经理', '财务部', null, 'decider'],
    ]);
  });

  it('follows the mapping the user corrects: a column read into another field, columns ignored', async () => {
    const s = await start();
    const base64 = await fixture('contacts-zh.xlsx');
    const first = await preview(s, { fileName: '联系人.xlsx', base64, accountId: null });
    const { after } = await apply(s, first.token);
    const id = after[0]!.id;

    // The same list again: the guessed mapping finds nothing new.
    const again = await preview(s, { fileName: '联系人.xlsx', base64, accountId: id });
    expect(again.accounts[0]).toMatchObject({ creates: [], updates: [] });

    // 职务 read as notes; 部门 and 角色 ignored.
    const mapping = ['name', 'notes', null, 'reportsTo', null];
    const remapped = await preview(s, { fileName: '联系人.xlsx', base64, accountId: id, mapping });
    expect(remapped.problems).toEqual([]);
    expect(remapped.contactList?.mapping).toEqual(mapping);
    expect(remapped.accounts[0]?.creates).toEqual([]);
    expect(remapped.accounts[0]?.updates).toEqual(['王伟', '李娜', '张强', '刘洋'].map((name) => ({ kind: 'contact', name, fields: ['notes'] })));

    await apply(s, remapped.token);
    const stored = await getAccount(s, id);
    expect(stored.contacts.map((c) => [c.name, c.notes, c.title, c.department, c.role])).toEqual([
      ['王伟', '采购总监', '采购总监', '采购部', 'decider'],
      ['李娜', '采购经理', '采购经理', '采购部', 'influencer'],
      ['张强', 'IT 主管', 'IT 主管', '信息技术部', 'authority'],
      ['刘洋', '财务经理', '财务经理', '财务部', 'decider'],
    ]);
  });

  it('merges a list into an account that knows these people, keeping what the list does not carry', async () => {
    const s = await start();
    const { id } = await call<Account>(s, 'account:create', { name: '华东客户' });
    const T0 = '2024-05-01T08:00:00.000Z';
    await call(s, 'plan:apply', {
      accountId: id,
      commands: [
        {
          type: 'addContacts',
          contacts: [
            { id: 'wang', name: '王伟', department: '采购部', attitude: 'supporter', stars: 4, email: 'wang@example.com', notes: '展会上认识', createdAt: T0, updatedAt: T0 },
          ],
        },
      ],
    });
    await call(s, 'account:update', { id, patch: { grade: 'A2', profile: { industry: '饲料' }, notes: '重点客户' } });
    const before = await getAccount(s, id);
    const wang = before.contacts[0]!;

    const p = await preview(s, { fileName: '联系人.xlsx', base64: await fixture('contacts-zh.xlsx'), accountId: id });
    expect(p.problems).toEqual([]);
    expect(p.accounts[0]?.creates.map((c) => c.name)).toEqual(['李娜', '张强', '刘洋']);
    // The list says nothing about the account itself, nor about 王伟's attitude, stars, email or notes.
    expect(p.accounts[0]?.updates).toEqual([{ kind: 'contact', name: '王伟', fields: ['title', 'role'] }]);

    await apply(s, p.token);
    const stored = await getAccount(s, id);
    expect(stored).toMatchObject({ name: '华东客户', grade: 'A2', profile: before.profile, notes: '重点客户' });
    expect(stored.contacts).toHaveLength(4);
    expect(stored.contacts[0]).toEqual({ ...wang, title: '采购总监', role: 'decider', updatedAt: stored.contacts[0]?.updatedAt });
    expect(people(stored).find((c) => c.name === '李娜')?.reportsTo).toBe('王伟');
  });

  it('ignores a column the user unmaps, and asks for a name column when none is mapped', async () => {
    const s = await start();
    const base64 = await fixture('contacts-en-reordered.xlsx');
    const guessed = await preview(s, { fileName: 'Contacts.xlsx', base64, accountId: null });
    expect(guessed.contactList?.header).toEqual(['Role', 'Name', 'Department', 'Title', 'Reports to']);
    expect(guessed.contactList?.mapping).toEqual(['role', 'name', 'department', 'title', 'reportsTo']);

    const withoutBoss = await preview(s, { fileName: 'Contacts.xlsx', base64, accountId: null, mapping: ['role', 'name', 'department', 'title', null] });
    const { after } = await apply(s, withoutBoss.token);
    const stored = await getAccount(s, after[0]!.id);
    expect(people(stored).map((c) => [c.name, c.title, c.reportsTo, c.role])).toEqual([
      ['Wang Wei', 'Head of Procurement', null, 'decider'],
      ['Li Na', 'Procurement Manager', null, 'influencer'],
      ['Zhang Qiang', 'IT Lead', null, 'authority'],
      ['Liu Yang', 'Finance Manager', null, 'decider'],
    ]);

    await expectFileUnchanged(s, async () => {
      const nameless = await preview(s, { fileName: 'Contacts.xlsx', base64, accountId: null, mapping: ['role', null, 'department', 'title', 'reportsTo'] });
      expect(nameless.token).toBeNull();
      expect(nameless.problems).toContainEqual({ sheet: 'Contacts', row: null, column: null, message: 'Missing required column "Name"' });
    });
  });
});

describe('all or nothing', () => {
  it('refuses to apply over an account renamed after the preview, and stores nothing of the import', async () => {
    let s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const target = await call<Account>(s, 'account:create', { name: 'Target' });
    const p = await preview(s, { ...exported, accountId: target.id });
    expect(p.token).not.toBeNull();

    await call(s, 'account:rename', { id: target.id, name: 'Target (renamed)' });
    const renamed = await getAccount(s, target.id);
    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:apply', { token: p.token });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toBe('“Target” changed after the preview; preview the file again so nothing you did since is lost.');
    });
    expect(await getAccount(s, target.id)).toEqual(renamed);

    s = await restart(s);
    const stored = await getAccount(s, target.id);
    expect(stored.name).toBe('Target (renamed)');
    expect(stored.contacts).toEqual([]);
    expect(stored.deals).toEqual([]);
  });

  it('refuses to apply into an account deleted after the preview, and leaves it deleted', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const target = await call<Account>(s, 'account:create', { name: 'Target' });
    const p = await preview(s, { ...exported, accountId: target.id });
    await call(s, 'account:delete', { id: target.id });

    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:apply', { token: p.token });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/changed after the preview/);
    });
    expect((await call<AccountSummary[]>(s, 'account:list')).map((a) => a.id)).toEqual([sample.id]);
    expect((await callError(s, 'account:get', { id: target.id })).code).toBe('NOT_FOUND');
  });

  it('refuses a second preview of the same new account once the first was applied and edited', async () => {
    // A colleague's plan: its account ID is unknown here, so each preview would create it.
    const otherFile = path.join(await newTempDir(), 'colleague.json');
    const colleague = await opener.start(otherFile);
    const theirs = await call<Account>(colleague, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(colleague, theirs.id);
    const theirLines = await productLines(colleague);
    await colleague.close();

    const s = await start();
    // Our own product lines go by the same names (a plan's lines are matched by name, never created).
    await call(s, 'settings:update', { productLines: theirLines.map((l) => ({ id: `ours-${l.id}`, name: l.name })) });
    const first = await preview(s, { ...exported, accountId: null });
    expect(first.problems).toEqual([]);
    const second = await preview(s, { ...exported, accountId: null });
    expect(first.accounts[0]?.isNew).toBe(true);
    expect(second.accounts[0]?.isNew).toBe(true);
    const { after } = await apply(s, first.token);
    expect(after[0]?.id).toBe(theirs.id);
    await call(s, 'account:rename', { id: theirs.id, name: 'Ours now' });
    const edited = await getAccount(s, theirs.id);

    await expectFileUnchanged(s, async () => {
      const error = await callError(s, 'excel:apply', { token: second.token });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/preview the file again/);
    });
    expect(await getAccount(s, theirs.id)).toEqual(edited);
    expect(await call<AccountSummary[]>(s, 'account:list')).toHaveLength(1);
  });
});

describe('undo of an import', () => {
  it('puts an existing account back exactly with account:replace and the `before` of the apply', async () => {
    let s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const { id } = await call<Account>(s, 'account:create', { name: 'Target' });
    const T0 = '2024-05-01T08:00:00.000Z';
    await call(s, 'plan:apply', {
      accountId: id,
      commands: [
        {
          type: 'addContacts',
          contacts: [
            { id: 'own-gm', name: '黄炳亮', department: "General manager's office", title: 'GM (old title)', stars: 5, createdAt: T0, updatedAt: T0 },
            { id: 'own-x', name: 'Someone else', reportsToId: 'own-gm', createdAt: T0, updatedAt: T0 },
          ],
        },
      ],
    });
    const original = await getAccount(s, id);

    const p = await preview(s, { ...exported, accountId: id });
    expect(count(p, 'contact')).toBe(5);
    expect(p.accounts[0]?.updates).toContainEqual({ kind: 'contact', name: '黄炳亮', fields: expect.arrayContaining(['title', 'stars']) });
    const { before, after } = await apply(s, p.token);
    expect(before).toEqual([original]);
    expect(after[0]?.contacts).toHaveLength(7);
    expect((await getAccount(s, id)).contacts.find((c) => c.id === 'own-gm')?.title).toBe('General manager');

    await call<AccountSummary>(s, 'account:replace', { account: before[0] });
    s = await restart(s);
    const restored = await getAccount(s, id);
    expect(restored.contacts).toEqual(original.contacts);
    expect(restored).toEqual({ ...original, updatedAt: restored.updatedAt });
  });

  it('hides an account the import created with account:delete', async () => {
    let s = await start();
    const p = await preview(s, { fileName: '联系人.xlsx', base64: await fixture('contacts-zh.xlsx'), accountId: null });
    const { after, before } = await apply(s, p.token);
    expect(before).toEqual([null]);
    const created = after[0]!;
    expect((await call<AccountSummary[]>(s, 'account:list')).map((a) => a.id)).toEqual([created.id]);

    await call<AccountSummary>(s, 'account:delete', { id: created.id });
    s = await restart(s);
    expect(await call<AccountSummary[]>(s, 'account:list')).toEqual([]);
    expect((await callError(s, 'account:get', { id: created.id })).code).toBe('NOT_FOUND');
  });
});

describe('product lines', () => {
  it('are matched by name in the settings of the database the plan is imported into; an unknown one is a problem and stores nothing', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'en' });
    const exported = await exportPlan(s, sample.id);
    const before = await productLines(s);
    // Another database: the same lines under other IDs, one of them renamed, one dropped.
    const renamed = before
      .filter((l) => l.name !== 'Feed additives')
      .map((l) => ({ id: `other-${l.id}`, name: l.name === 'Premix' ? 'Premix (new name)' : l.name }));
    await call(s, 'settings:update', { productLines: renamed });
    const target = await call<Account>(s, 'account:create', { name: 'Copy' });

    await expectFileUnchanged(s, async () => {
      const p = await preview(s, { ...exported, accountId: target.id });
      expect(p.token).toBeNull();
      // Every order of the dropped line and of the renamed one is named; nothing else.
      const lineOf = new Map(sample.orders.map((o, i) => [i + 2, before.find((l) => l.id === o.productLineId)?.name]));
      const expected = [...lineOf].filter(([, name]) => name === 'Premix' || name === 'Feed additives').map(([row, name]) => ({
        sheet: 'Orders',
        row,
        column: 'Product line',
        message: `Product line "${name}": no such product line in the settings`,
      }));
      expect(p.problems).toEqual(expected);
    });

    // With the premix line named as it was, and the dropped line back, the names find the new IDs.
    await call(s, 'settings:update', { productLines: [...renamed.map((l) => (l.name === 'Premix (new name)' ? { ...l, name: 'Premix' } : l)), { id: 'other-add', name: 'Feed additives' }] });
    const p = await preview(s, { ...exported, accountId: target.id });
    expect(p.problems).toEqual([]);
    const { after } = await apply(s, p.token);
    const lines = await productLines(s);
    expect(new Set(after[0]!.orders.map((o) => o.productLineId))).toEqual(new Set(['other-add', lines.find((l) => l.name === 'Premix')!.id]));
    expect(after[0]!.deals[0]!.productLineId).toBe(lines.find((l) => l.name === 'Automation equipment')!.id);
    expect(plan(after[0]!, lines)).toEqual(plan(sample, before));
  });
});

describe('formula injection', () => {
  const INERT = {
    name: '=HYPERLINK("https://evil.example","click")',
    title: '+SUM(A1:A2)',
    department: '@SUM(A1)',
    notes: '=1+1',
    email: "=cmd|' /C calc'!A0",
  };

  it('exports text starting with = + - @ as plain text cells and reads the same text back', async () => {
    const s = await start();
    const T0 = '2024-05-01T08:00:00.000Z';
    const source = await call<Account>(s, 'account:create', { name: '=SUM(1,2) Co' });
    await call(s, 'plan:apply', {
      accountId: source.id,
      commands: [
        {
          type: 'addContacts',
          contacts: [
            { id: 'f1', ...INERT, createdAt: T0, updatedAt: T0 },
            { id: 'f2', name: '-2+3', notes: '=A1', reportsToId: 'f1', createdAt: T0, updatedAt: T0 },
          ],
        },
      ],
    });
    await call(s, 'account:update', { id: source.id, patch: { notes: '=IMPORTXML("https://evil.example","//a")' } });
    // The records of the new sheets carry text too.
    await call(s, 'plan:apply', {
      accountId: source.id,
      commands: [
        { type: 'addDivisions', records: [{ id: 'dv', name: '=1+2', region: '@A1', createdAt: T0, updatedAt: T0 }] },
        { type: 'addOrders', records: [{ id: 'o', date: '2024-05-01', amount: 5, divisionId: 'dv', notes: '+cmd', createdAt: T0, updatedAt: T0 }] },
        { type: 'addActivities', records: [{ id: 'ev', date: '2024-05-02', contactIds: ['f1'], summary: '-1+1', notes: '=A2', createdAt: T0, updatedAt: T0 }] },
      ],
    });
    const account = await getAccount(s, source.id);
    const exported = await exportPlan(s, source.id);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    let cells = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          cells += 1;
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(cells).toBeGreaterThan(20);
    expect(texts).toEqual(expect.arrayContaining([...Object.values(INERT), '-2+3', '=A1', '=SUM(1,2) Co', account.notes, '=1+2', '@A1', '+cmd', '-1+1', '=A2']));

    const copy = await call<Account>(s, 'account:create', { name: 'Copy' });
    const p = await preview(s, { ...exported, accountId: copy.id });
    expect(p.problems).toEqual([]);
    const { after } = await apply(s, p.token);
    const view = (a: Account) => a.contacts.map((c) => ({ name: c.name, title: c.title, department: c.department, notes: c.notes, email: c.email, reportsTo: people(a).find((x) => x.name === c.name)?.reportsTo }));
    expect(view(after[0]!)).toEqual(view(account));
    expect(after[0]?.notes).toBe(account.notes);
    expect(after[0]?.divisions.map((d) => [d.name, d.region])).toEqual([['=1+2', '@A1']]);
    expect(after[0]?.orders.map((o) => o.notes)).toEqual(['+cmd']);
    expect(after[0]?.activities.map((a) => [a.summary, a.notes])).toEqual([['-1+1', '=A2']]);

    const again = await preview(s, { ...exported, accountId: null });
    expect(again.accounts[0]).toMatchObject({ name: '=SUM(1,2) Co', isNew: false, creates: [], updates: [] });
  });
});
