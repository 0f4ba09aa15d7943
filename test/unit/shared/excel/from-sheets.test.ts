import { describe, expect, it } from 'vitest';
import { accountSchema, type Account } from '@shared/model/account';
import { isPlanWorkbook, sheetsToAccounts } from '@shared/excel/from-sheets';
import type { CellValue, ImportProblem, RawSheet } from '@shared/excel/types';

const NOW = '2024-06-01T09:30:00.000Z';

/** A sheet as the reader hands it over: the header, then rows numbered from Excel row 2. */
function sheet(name: string, header: CellValue[], ...rows: CellValue[][]): RawSheet {
  return { name, header, rows: rows.map((cells, i) => ({ excelRow: i + 2, cells })) };
}

const LINES = [
  { id: 'pl-premix', name: 'Premix' },
  { id: 'pl-enzymes', name: '酶制剂' },
];

function run(sheets: RawSheet[], locale?: 'en' | 'zh-CN') {
  let n = 0;
  const r = sheetsToAccounts(sheets, { newId: () => `new-${++n}`, now: NOW, productLines: LINES, ...(locale ? { locale } : {}) });
  return { ...r, parsed: r.accounts.map((a) => accountSchema.parse(a)) as Account[] };
}

const account = (name = '和美饲料') => sheet('Account', ['Account'], [name]);
const only = (problems: ImportProblem[]) => {
  expect(problems).toHaveLength(1);
  return problems[0]!;
};

describe('sheetsToAccounts: bad input is reported where it is', () => {
  it('an unknown role names the sheet, Excel row, column and value', () => {
    const { problems, parsed } = run([account(), sheet('采购中心', ['姓名', '角色'], ['黄炳亮', '决策者'], ['王五', '老板'])]);
    expect(only(problems)).toEqual({ sheet: '采购中心', row: 3, column: '角色', message: 'Unknown role "老板"' });
    // The bad cell is left out; the contact is still read.
    expect(parsed[0]!.contacts.map((c) => [c.name, c.role])).toEqual([
      ['黄炳亮', 'decider'],
      ['王五', null],
    ]);
  });

  it('a date that is not a date', () => {
    const { problems } = run([account(), sheet('Actions', ['What', 'When (due)'], ['Visit the GM', 'next week'])]);
    expect(only(problems)).toEqual({ sheet: 'Actions', row: 2, column: 'When (due)', message: 'Not a date: "next week"' });
  });

  it('stars out of range', () => {
    const { problems, parsed } = run([account(), sheet('Buying centre', ['Name', 'Stars'], ['A', 7], ['B', '★★★'], ['C', '2星'])]);
    expect(only(problems)).toMatchObject({ row: 2, column: 'Stars', message: 'Stars must be 0-5' });
    expect(parsed[0]!.contacts.map((c) => c.stars)).toEqual([0, 3, 2]);
  });

  it('a sheet without its required column', () => {
    const { problems, parsed } = run([account(), sheet('Buying centre', ['Title', 'Department'], ['GM', 'Office'])]);
    expect(only(problems)).toEqual({ sheet: 'Buying centre', row: null, column: null, message: 'Missing required column "Name"' });
    expect(parsed[0]!.contacts).toEqual([]);
  });

  it('a reports-to loop is reported once and broken at the later row', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['Name', 'Reports to'], ['A', 'B'], ['B', 'A'], ['C', 'A'], ['D', 'D']),
    ]);
    expect(problems).toEqual([
      { sheet: 'Buying centre', row: 3, column: 'Reports to', message: 'Reports-to forms a loop: B → A → B' },
      { sheet: 'Buying centre', row: 5, column: 'Reports to', message: 'Reports-to forms a loop: D → D' },
    ]);
    const [a, b, c, d] = parsed[0]!.contacts;
    expect(a!.reportsToId).toBe(b!.id);
    expect(b!.reportsToId).toBeNull();
    expect(c!.reportsToId).toBe(a!.id);
    expect(d!.reportsToId).toBeNull();
  });

  it('a succession loop is reported once and broken at the later row', () => {
    const { problems, parsed } = run([account(), sheet('Buying centre', ['Name', 'Successor of'], ['A', 'B'], ['B', 'A'], ['C', 'A'])]);
    expect(problems).toEqual([{ sheet: 'Buying centre', row: 3, column: 'Successor of', message: 'Successor of forms a loop: B → A → B' }]);
    const [a, b, c] = parsed[0]!.contacts;
    expect(a!.successorOfId).toBe(b!.id);
    expect(b!.successorOfId).toBeNull();
    expect(c!.successorOfId).toBe(a!.id);
  });

  it('reports-to naming nobody', () => {
    const { problems } = run([account(), sheet('Buying centre', ['Name', 'Reports to'], ['A', 'X'])]);
    expect(only(problems)).toEqual({ sheet: 'Buying centre', row: 2, column: 'Reports to', message: 'Reports to "X": no such contact' });
  });

  it('a reports-to name two people share asks for the ID; the ID settles it', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['ID', 'Name', 'Reports to', 'Reports to ID'], ['c1', '张伟', null, null], ['c2', '张伟', null, null], ['c3', 'B', '张伟', null], ['c4', 'C', '张伟', 'c2']),
    ]);
    expect(only(problems)).toMatchObject({ row: 4, message: 'Reports to "张伟": 2 contacts have this name; give the ID' });
    expect(parsed[0]!.contacts.find((c) => c.id === 'c4')!.reportsToId).toBe('c2');
  });

  it('references go by ID first; a name edited to another person wins over the stale ID', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['ID', 'Name', 'Reports to', 'Reports to ID'], ['c1', 'A', null, null], ['c2', 'B', null, null], ['c3', 'C', 'B', 'c1'], ['c4', 'D', 'A-renamed', 'c1']),
    ]);
    expect(problems).toEqual([]);
    const byId = new Map(parsed[0]!.contacts.map((c) => [c.id, c]));
    expect(byId.get('c3')!.reportsToId).toBe('c2');
    // A name that matches nobody does not override the ID (the person was renamed elsewhere).
    expect(byId.get('c4')!.reportsToId).toBe('c1');
  });

  it('an unknown deal skips a criterion; deals are found by ID or name', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Deals', ['ID', 'Deal'], ['d1', 'Line automation'], ['d2', 'Silo']),
      sheet('Decision criteria', ['Deal', 'Deal ID', 'Criterion', 'Importance'], ['Line automation', null, 'Accuracy', 5], [null, 'd2', 'Price', 4], ['Nope', null, 'Speed', 3], [null, null, 'Orphan', 3]),
    ]);
    expect(problems).toEqual([
      { sheet: 'Decision criteria', row: 4, column: 'Deal', message: 'Deal "Nope": no such deal' },
      { sheet: 'Decision criteria', row: 5, column: 'Deal', message: 'The row names no deal: it is skipped' },
    ]);
    expect(parsed[0]!.deals.map((d) => d.criteria.map((c) => c.name))).toEqual([['Accuracy'], ['Price']]);
  });

  it('numbers, percentages and scores are checked', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Deals', ['Deal', 'Value', 'Probability', 'Currency'], ['A', '¥1,200,000', '35%', 'usd'], ['B', '120万', 0.5, 'yuan'], ['C', 'lots', 250, 'CNY']),
    ]);
    expect(problems).toEqual([
      { sheet: 'Deals', row: 3, column: 'Currency', message: 'Not a currency code (like CNY): "yuan"' },
      { sheet: 'Deals', row: 4, column: 'Value', message: 'Not a number: "lots"' },
      { sheet: 'Deals', row: 4, column: 'Probability', message: 'Probability must be 0-100' },
    ]);
    expect(parsed[0]!.deals.map((d) => [d.value, d.probability, d.currency])).toEqual([
      [1_200_000, 35, 'USD'],
      [1_200_000, 50, 'CNY'],
      [0, null, 'CNY'],
    ]);
  });

  it('an influence line to oneself, and yes/no that is neither', () => {
    const { problems } = run([
      account(),
      sheet('Buying centre', ['Name', 'Coach'], ['A', '是'], ['B', 'maybe']),
      sheet('Influence lines', ['From', 'To', 'Label'], ['A', 'A', 'trusts'], ['A', 'Z', 'rival']),
    ]);
    expect(problems).toEqual([
      { sheet: 'Buying centre', row: 3, column: 'Coach', message: 'Not yes or no: "maybe"' },
      { sheet: 'Influence lines', row: 2, column: 'To', message: 'An influence line cannot link a contact to itself' },
      { sheet: 'Influence lines', row: 3, column: 'To', message: 'To "Z": no such contact' },
    ]);
  });

  it('a workbook without an account sheet, and an account without a name', () => {
    expect(run([sheet('Buying centre', ['Name'], ['A'])]).problems).toEqual([
      { sheet: '', row: null, column: null, message: 'Missing sheet "Account"' },
    ]);
    expect(run([sheet('Invoices', ['Number'], [1])]).problems).toEqual([
      { sheet: '', row: null, column: null, message: 'No sheet of an account plan was found' },
    ]);
    const { problems, accounts } = run([sheet('客户概况', ['客户名称', '行业'], [null, '饲料'])]);
    expect(only(problems)).toEqual({ sheet: '客户概况', row: 2, column: '客户名称', message: '客户名称 is empty: the row is skipped' });
    expect(accounts).toEqual([]);
  });

  it('a duplicate ID gets a new one', () => {
    const { problems, parsed } = run([account(), sheet('Buying centre', ['ID', 'Name'], ['c1', 'A'], ['c1', 'B'])]);
    expect(only(problems)).toMatchObject({ row: 3, column: 'ID', message: 'Duplicate ID "c1": a new ID is used' });
    expect(parsed[0]!.contacts.map((c) => c.id)).toEqual(['c1', 'new-2']);
  });

  it('messages follow the locale option', () => {
    const { problems } = run([account(), sheet('采购中心', ['姓名', '角色', '星级'], ['王五', '老板', 9])], 'zh-CN');
    expect(problems.map((p) => p.message)).toEqual(['未知的角色“老板”', '星级必须在 0-5 之间']);
  });

  it('a portfolio row naming an account that is not in the workbook', () => {
    const { problems, parsed } = run([
      sheet('Accounts', ['ID', 'Account'], ['a1', 'Hemei'], ['a2', 'Liuhe']),
      sheet('Buying centre', ['Account', 'Account ID', 'Name'], ['Hemei', null, 'A'], [null, 'a2', 'B'], ['Nowhere', null, 'C'], [null, null, 'D']),
    ]);
    expect(problems).toEqual([
      { sheet: 'Buying centre', row: 4, column: 'Account', message: 'Account "Nowhere": no such account in the workbook' },
      {
        sheet: 'Buying centre',
        row: 5,
        column: null,
        message: 'The workbook holds several accounts: the row names none of them, so it is skipped',
      },
    ]);
    expect(parsed.map((a) => a.contacts.map((c) => c.name))).toEqual([['A'], ['B']]);
  });
});

describe('sheetsToAccounts: headers, labels and sheets in either language', () => {
  it('reads aliases in both languages, in any order, ignoring case, spaces, punctuation and unknown columns', () => {
    const { problems, parsed } = run([
      sheet(' buying CENTER ', ['职位', 'full name', 'Reports-to', 'E-mail', '手机', 'Favourite colour', '部门', '态度', 'INFLUENCE', '教练', '层级'],
        ['总经理', '黄炳亮', null, 'gm@hemei.cn', '13800138000', 'red', '总经理办公室', '中立', '高', '否', '决策层'],
        ['技术部经理', '吕文斌', '黄炳亮', null, 13900139000, 'blue', '技术部', 'Supporter', 'medium', true, 'Management']),
      sheet('客户概况', ['Name'], ['和美饲料']),
    ]);
    expect(problems).toEqual([]);
    const [gm, tech] = parsed[0]!.contacts;
    expect(gm).toMatchObject({ name: '黄炳亮', title: '总经理', department: '总经理办公室', email: 'gm@hemei.cn', phone: '13800138000', attitude: 'neutral', influence: 'high', isCoach: false, level: 'decision' });
    expect(tech).toMatchObject({ name: '吕文斌', reportsToId: gm!.id, phone: '13900139000', attitude: 'supporter', influence: 'medium', isCoach: true, level: 'management' });
  });

  it.each([
    ['Manager'],
    ['汇报对象'],
    ['上级'],
    ['REPORTS TO'],
    ['reports_to'],
  ])('"%s" is the reports-to column', (header) => {
    const { parsed } = run([account(), sheet('Contacts', ['Name', header], ['Boss', null], ['Me', 'Boss'])]);
    const [boss, me] = parsed[0]!.contacts;
    expect(me!.reportsToId).toBe(boss!.id);
  });

  it.each([
    ['Job title', 'title'],
    ['职位', 'title'],
    ['职务', 'title'],
    ['Dept.', 'department'],
    ['Notes', 'notes'],
    ['备注', 'notes'],
    ['Telephone', 'phone'],
  ])('"%s" is the %s column', (header, key) => {
    const { parsed } = run([account(), sheet('Contacts', ['Name', header], ['A', 'value'])]);
    expect((parsed[0]!.contacts[0] as Record<string, unknown>)[key]).toBe('value');
  });

  it('accepts labels of both languages and the internal keys', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['Name', 'Role', 'Attitude', 'Influence'], ['A', 'Decision maker', '支持', '低'], ['B', '付款者', 'opponent', 'High'], ['C', 'payer', 'Neutral', '影响力中']),
      sheet('Deals', ['Deal', 'Stage', 'Sale type'], ['D1', '调查研究', 'Value-added'], ['D2', 'Won', '战略伙伴型'], ['D3', 'prove', 'transactional']),
      sheet('Competitors', ['Deal', 'Competitor', 'Threat'], ['D1', 'X', '高'], ['D1', 'Y', 'low']),
    ]);
    expect(problems).toEqual([]);
    const a = parsed[0]!;
    expect(a.contacts.map((c) => [c.role, c.attitude, c.influence])).toEqual([
      ['decider', 'supporter', 'low'],
      ['payer', 'opponent', 'high'],
      ['payer', 'neutral', 'medium'],
    ]);
    expect(a.deals.map((d) => [d.stage, d.saleType])).toEqual([
      ['investigate', 'valueAdded'],
      ['won', 'strategicPartner'],
      ['prove', 'transactional'],
    ]);
    expect(a.deals[0]!.competitors.map((c) => c.threat)).toEqual(['high', 'low']);
  });

  it('reads needs, the buying centre of a deal, the nine things and meetings from their text cells', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['Name', 'Needs'], ['黄炳亮', '组织/明显: 降低成本\nPersonal/Implicit: recognition\n没有前缀的需求'], ['刘部长', null]),
      sheet('Deals', ['Deal', 'Buying centre', 'Known (nine things)', 'Meetings'], [
        'D1',
        '决策者: 黄炳亮\nPayer: 刘部长\nBoss: 刘部长',
        '明架构、Purchase process, needs',
        '2024-03-01 进展: 演示\n2024-04-02 No sale\nsoon Advance: x',
      ]),
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'Unknown role "Boss"',
      'Not a meeting: "soon Advance: x" (write "YYYY-MM-DD outcome: notes")',
    ]);
    const [gm, fin] = parsed[0]!.contacts;
    expect(gm!.needs.map((n) => [n.kind, n.visibility, n.text])).toEqual([
      ['organisational', 'explicit', '降低成本'],
      ['personal', 'implicit', 'recognition'],
      ['organisational', 'explicit', '没有前缀的需求'],
    ]);
    const deal = parsed[0]!.deals[0]!;
    expect(deal.buyingCentre).toEqual([
      { contactId: gm!.id, role: 'decider' },
      { contactId: fin!.id, role: 'payer' },
    ]);
    expect(Object.entries(deal.nineKnows).filter(([, v]) => v).map(([k]) => k)).toEqual(['structure', 'process', 'needs']);
    expect(deal.meetings.map((m) => [m.date, m.outcome, m.notes])).toEqual([
      ['2024-03-01', 'advance', '演示'],
      ['2024-04-02', 'noSale', ''],
    ]);
  });

  it('dates come as ISO strings, Chinese dates, slashes or Excel serial numbers', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Actions', ['What', 'When'], ['a', '2024-05-01'], ['b', '2024年5月2日'], ['c', '2024/5/3'], ['d', 45416], ['e', '2024-02-30']),
    ]);
    expect(only(problems)).toMatchObject({ row: 6, message: 'Not a date: "2024-02-30"' });
    expect(parsed[0]!.actions.map((a) => a.when)).toEqual(['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', null]);
  });

  it('a column the sheet lacks is an absent key; a blank cell in a present column is the empty value', () => {
    const { accounts } = run([account(), sheet('Buying centre', ['Name', 'Email', 'Attitude'], ['A', null, null])]);
    const contact = accounts[0]!.contacts![0] as Record<string, unknown>;
    expect(contact).toMatchObject({ name: 'A', email: '', attitude: 'unknown' });
    expect('phone' in contact).toBe(false);
    expect('title' in contact).toBe(false);
  });

  it('every account read passes accountSchema, and records get IDs and the import time', () => {
    const { accounts, parsed } = run([account(), sheet('Buying centre', ['Name'], ['A'])]);
    expect(accountSchema.safeParse(accounts[0]).success).toBe(true);
    expect(parsed[0]!).toMatchObject({ id: 'new-1', createdAt: NOW, updatedAt: NOW });
    expect(parsed[0]!.contacts[0]).toMatchObject({ id: 'new-2', createdAt: NOW, updatedAt: NOW });
  });
});

describe('sheetsToAccounts: profile, orders, divisions, activity log, whitespace and warning signs', () => {
  const divisions = sheet('Divisions', ['ID', 'Division', 'Kind', 'Part of'], ['dv1', 'Qingdao plant', 'Division', null], ['dv2', 'Premix shop', '子公司', 'Qingdao plant']);

  it('reads the stage and the profile sections of the account sheet', () => {
    const { problems, parsed } = run([
      sheet(
        '客户概况',
        ['客户名称', '客户阶段', '所有制形式', '年营业额', '营业额增长率（%）', '员工人数', '市场占有率', '开始合作日期', '预计年采购额', '合作意向', '满意度（1-5）', '未解决投诉', '上次回访', '客户团队', '负责起始日期'],
        ['和美', '潜在客户', '民营', '5亿', -12.5, 1200, 0.18, '2019-04-01', '¥3,000,000', 'Some intent', 4, 2, '2024/5/6', '王磊、李静', 45000],
      ),
    ]);
    expect(problems).toEqual([]);
    expect(parsed[0]!.stage).toBe('prospect');
    expect(parsed[0]!.profile).toMatchObject({
      ownershipType: '民营',
      revenue: 500_000_000,
      revenueGrowth: -12.5,
      employees: 1200,
      marketShare: 18,
      customerSince: '2019-04-01',
      expectedAnnualPurchases: 3_000_000,
      intent: 'medium',
      satisfaction: 4,
      openComplaints: 2,
      lastReview: '2024-05-06',
      team: '王磊、李静',
      ownerSince: '2023-03-15',
    });
  });

  it('a bad stage, intent or satisfaction names its cell', () => {
    const { problems } = run([
      sheet('Account', ['Account', 'Stage', 'Intent to buy', 'Satisfaction (1-5)', 'Employees'], ['A', 'Maybe', 'keen', 7, 10.5]),
    ]);
    expect(problems).toEqual([
      { sheet: 'Account', row: 2, column: 'Stage', message: 'Unknown account stage "Maybe"' },
      { sheet: 'Account', row: 2, column: 'Employees', message: 'Employees must be 0-10000000' },
      { sheet: 'Account', row: 2, column: 'Intent to buy', message: 'Unknown intent "keen"' },
      { sheet: 'Account', row: 2, column: 'Satisfaction (1-5)', message: 'Satisfaction (1-5) must be 1-5' },
    ]);
  });

  it('reads divisions with their parents, and orders by division and product line name or ID', () => {
    const { problems, parsed } = run([
      account(),
      divisions,
      sheet(
        'Orders',
        ['Date', 'Amount', 'Division', 'Product line', 'Product line ID', 'Notes'],
        ['2024-01-08', 260000, 'Premix shop', 'Premix', null, 'January'],
        ['2024-01-20', '9.5万', null, null, 'pl-enzymes', null],
        // Renamed in the settings since the export: the ID still finds it.
        ['2024-02-08', 1000, 'Qingdao plant', 'Old premix name', 'pl-premix', null],
        // A line removed from the settings: its ID alone is kept.
        ['2024-02-09', 1000, null, null, 'pl-gone', null],
      ),
    ]);
    expect(problems).toEqual([]);
    const a = parsed[0]!;
    expect(a.divisions.map((d) => [d.id, d.name, d.kind, d.parentId])).toEqual([
      ['dv1', 'Qingdao plant', 'division', null],
      ['dv2', 'Premix shop', 'subsidiary', 'dv1'],
    ]);
    expect(a.orders.map((o) => [o.date, o.amount, o.divisionId, o.productLineId, o.notes])).toEqual([
      ['2024-01-08', 260000, 'dv2', 'pl-premix', 'January'],
      ['2024-01-20', 95000, null, 'pl-enzymes', ''],
      ['2024-02-08', 1000, 'dv1', 'pl-premix', ''],
      ['2024-02-09', 1000, null, 'pl-gone', ''],
    ]);
  });

  it('a bad order names its cell: no date, an amount that is not a number, an unknown product line or division', () => {
    const { problems, parsed } = run([
      account(),
      divisions,
      sheet(
        '订单',
        ['日期', '金额', '分支机构', '产品线'],
        ['2024-01-08', 'lots', null, null],
        [null, 100, null, null],
        ['2024-01-09', 100, null, 'Vitamins'],
        ['2024-01-10', 100, 'Weifang', null],
        ['2024-01-11', -5, null, null],
        ['2024-01-12', 100, 'Premix shop', '酶制剂'],
      ),
    ]);
    expect(problems).toEqual([
      { sheet: '订单', row: 2, column: '金额', message: 'Not a number: "lots"' },
      { sheet: '订单', row: 3, column: '日期', message: '日期 is empty: the row is skipped' },
      { sheet: '订单', row: 4, column: '产品线', message: '产品线 "Vitamins": no such product line in the settings' },
      { sheet: '订单', row: 5, column: '分支机构', message: '分支机构 "Weifang": no such division' },
      { sheet: '订单', row: 6, column: '金额', message: '金额 must be 0-10000000000000' },
    ]);
    // The rows that cannot stand are skipped; the account is still read.
    expect(parsed[0]!.orders.map((o) => o.date)).toEqual(['2024-01-09', '2024-01-10', '2024-01-12']);
  });

  it('a division without a name, and a loop of "part of", are reported', () => {
    const { problems, parsed } = run([
      account(),
      sheet('分支机构', ['分支机构', '隶属'], ['A', 'B'], ['B', 'A'], [null, 'A'], ['C', 'C'], ['D', 'Nowhere']),
    ]);
    expect(problems).toEqual([
      { sheet: '分支机构', row: 4, column: '分支机构', message: '分支机构 is empty: the row is skipped' },
      { sheet: '分支机构', row: 5, column: '隶属', message: 'Part of forms a loop: C → C' },
      { sheet: '分支机构', row: 6, column: '隶属', message: '隶属 "Nowhere": no such division' },
      { sheet: '分支机构', row: 3, column: '隶属', message: 'Part of forms a loop: B → A → B' },
    ]);
    const byName = new Map(parsed[0]!.divisions.map((d) => [d.name, d]));
    expect(byName.get('A')!.parentId).toBe(byName.get('B')!.id);
    expect(byName.get('B')!.parentId).toBeNull();
    expect(byName.get('C')!.parentId).toBeNull();
  });

  it('reads the activity log: channel, contacts by name, deal, outcome; bad cells name themselves', () => {
    const { problems, parsed } = run([
      account(),
      sheet('Buying centre', ['ID', 'Name'], ['c1', '黄炳亮'], ['c2', '吕文斌']),
      sheet('Deals', ['ID', 'Deal'], ['d1', 'Automation']),
      sheet(
        '联络记录',
        ['日期', '联络方式', '相关联系人', '商机', '结果', '摘要', '含招待或礼品'],
        ['2024-03-01', '拜访', '黄炳亮\n吕文斌', 'Automation', '进展', '拜访总经理', '是'],
        ['2024-03-02', 'Phone call', 'c2', null, null, null, null],
        ['2024-03-03', 'Telegram', '王五', 'Silo', null, 'x', 'maybe'],
        ['soon', '拜访', null, null, null, 'y', null],
      ),
    ]);
    expect(problems).toEqual([
      { sheet: '联络记录', row: 4, column: '商机', message: '商机 "Silo": no such deal' },
      { sheet: '联络记录', row: 5, column: '日期', message: 'Not a date: "soon"' },
    ]);
    // The row with an unknown deal is skipped, as an action's would be: its other problems wait for the deal.
    const [visit, call] = parsed[0]!.activities;
    expect(visit).toMatchObject({ date: '2024-03-01', channel: 'visit', contactIds: ['c1', 'c2'], dealId: 'd1', outcome: 'advance', summary: '拜访总经理', hospitality: true });
    expect(call).toMatchObject({ date: '2024-03-02', channel: 'phone', contactIds: ['c2'], dealId: null, outcome: null, summary: '', hospitality: false });
    expect(parsed[0]!.activities).toHaveLength(2);

    const again = run([
      account(),
      sheet('Buying centre', ['Name'], ['黄炳亮']),
      sheet('Activity log', ['Date', 'Channel', 'Contacts', 'Hospitality or gift'], ['2024-03-03', 'Telegram', '王五', 'maybe']),
    ]);
    expect(again.problems).toEqual([
      { sheet: 'Activity log', row: 2, column: 'Channel', message: 'Unknown channel "Telegram"' },
      { sheet: 'Activity log', row: 2, column: 'Hospitality or gift', message: 'Not yes or no: "maybe"' },
      { sheet: 'Activity log', row: 2, column: 'Contacts', message: 'Contacts "王五": no such contact' },
    ]);
  });

  it('reads whitespace marks; a mark needs a known product line', () => {
    const { problems, parsed } = run([
      account(),
      divisions,
      sheet(
        'Whitespace',
        ['Division', 'Product line', 'Held by'],
        ['Premix shop', '酶制剂', '帝斯曼'],
        [null, 'Premix', 'Local mill'],
        ['Premix shop', null, 'X'],
        [null, 'Robots', 'Y'],
        ['Premix shop', '酶制剂', 'Novozymes'],
      ),
    ]);
    expect(problems).toEqual([
      { sheet: 'Whitespace', row: 4, column: 'Product line', message: 'Product line is empty: the row is skipped' },
      { sheet: 'Whitespace', row: 5, column: 'Product line', message: 'Product line "Robots": no such product line in the settings' },
      {
        sheet: 'Whitespace',
        row: 6,
        column: 'Product line',
        message: 'This cell of the whitespace map (Premix shop × 酶制剂) is already marked on an earlier row',
      },
    ]);
    expect(parsed[0]!.whitespaceMarks.map((m) => [m.divisionId, m.productLineId, m.competitor])).toEqual([
      ['dv2', 'pl-enzymes', '帝斯曼'],
      [null, 'pl-premix', 'Local mill'],
    ]);
  });

  it('reads warning signs by sign; an unknown or repeated sign is reported; signs not listed are left out', () => {
    const { problems, accounts, parsed } = run([
      account(),
      sheet(
        '流失征兆',
        ['征兆', '已出现', '出现日期', '备注'],
        ['把订单分散给更多供应商', '是', '2024-02-01', '订单少了三成'],
        ['Stock-outs', 'no', null, null],
        ['客户破产', '是', null, null],
        ['订单分散', '否', null, null],
        ['Promises not kept', 'sometimes', null, null],
      ),
    ]);
    expect(problems).toEqual([
      { sheet: '流失征兆', row: 4, column: '征兆', message: 'Unknown warning sign "客户破产"' },
      { sheet: '流失征兆', row: 5, column: '征兆', message: 'The warning sign "订单分散" appears twice: only the first row is read' },
      { sheet: '流失征兆', row: 6, column: '已出现', message: 'Not yes or no: "sometimes"' },
    ]);
    expect(Object.keys(accounts[0]!.warningSigns!)).toEqual(['ordersSpread', 'stockOuts', 'brokenPromises']);
    expect(parsed[0]!.warningSigns.ordersSpread).toEqual({ present: true, since: '2024-02-01', notes: '订单少了三成' });
    expect(parsed[0]!.warningSigns.stockOuts).toEqual({ present: false, since: null, notes: '' });
    // Without a sheet of signs, the account carries none (a merge then leaves them alone).
    expect('warningSigns' in run([account()]).accounts[0]!).toBe(false);
  });

  it('a deal names its division and product line (product lines match ignoring case)', () => {
    const { problems, parsed } = run([
      account(),
      divisions,
      sheet('Deals', ['Deal', 'Division', 'Product line'], ['A', 'Premix shop', 'premix'], ['B', null, null], ['C', 'Nowhere', 'Robots']),
    ]);
    expect(problems).toEqual([
      { sheet: 'Deals', row: 4, column: 'Division', message: 'Division "Nowhere": no such division' },
      { sheet: 'Deals', row: 4, column: 'Product line', message: 'Product line "Robots": no such product line in the settings' },
    ]);
    expect(parsed[0]!.deals.map((d) => [d.name, d.divisionId, d.productLineId])).toEqual([
      ['A', 'dv2', 'pl-premix'],
      ['B', null, null],
      ['C', null, null],
    ]);
  });
});

describe('isPlanWorkbook', () => {
  it('tells an exported plan from a hand-made contact list', () => {
    expect(isPlanWorkbook([account(), sheet('Buying centre', ['Name'], ['A'])])).toBe(true);
    expect(isPlanWorkbook([sheet('客户列表', ['ID', '客户名称', '等级'], ['a', 'x', 'A1'])])).toBe(true);
    expect(isPlanWorkbook([sheet('Account', ['Account', 'Industry'], ['x', 'feed'])])).toBe(true);
    expect(isPlanWorkbook([sheet('Sheet1', ['姓名', '电话'], ['A', '1'])])).toBe(false);
    expect(isPlanWorkbook([sheet('联系人', ['姓名', '电话'], ['A', '1'])])).toBe(false);
    // A list someone named after the customer: Name, Title and Phone are a contact list.
    expect(isPlanWorkbook([sheet('Customer', ['Name', 'Title', 'Phone'], ['A', 'GM', '1'])])).toBe(false);
  });
});
