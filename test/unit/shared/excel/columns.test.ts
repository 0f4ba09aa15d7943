import { describe, expect, it } from 'vitest';
import { fieldAliases, sheetColumns, sheetFields, sheetKindOf, sheetName, SHEET_KINDS } from '@shared/excel/columns';
import { accountToSheets, portfolioToSheets, templateSheets } from '@shared/excel/to-sheets';
import { accountProfileSchema } from '@shared/model/account';
import { makeAccount, makeContact, makeDeal } from '../../../helpers/factories';

const NOW = '2024-06-01T09:30:00.000Z';

describe('columns', () => {
  it('no two columns of a sheet share a header or an alias, in either language (portfolio columns included)', () => {
    for (const kind of SHEET_KINDS) {
      const seen = new Map<string, string>();
      for (const f of sheetFields(kind, true)) {
        for (const alias of fieldAliases(f)) {
          expect(seen.get(alias) ?? f.key, `${kind}: "${alias}" in ${f.key} and ${seen.get(alias)}`).toBe(f.key);
          seen.set(alias, f.key);
        }
      }
    }
  });

  it('names sheets in the UI language and recognizes them in either', () => {
    expect(SHEET_KINDS.map((k) => sheetName(k, 'zh-CN'))).toEqual([
      '客户列表',
      '客户概况',
      '采购中心',
      '影响关系',
      '商机',
      '决策准则',
      '竞争对手',
      '行动计划',
      '联络记录',
      '分支机构',
      '订单',
      '空白市场',
      '流失征兆',
      '风险',
    ]);
    for (const kind of SHEET_KINDS) {
      expect(sheetKindOf(sheetName(kind, 'en'))).toBe(kind);
      expect(sheetKindOf(sheetName(kind, 'zh-CN'))).toBe(kind);
      // Excel's limit on sheet names.
      expect(sheetName(kind, 'en').length).toBeLessThanOrEqual(31);
    }
    expect(sheetKindOf('BUYING-CENTER')).toBe('contacts');
    expect(sheetKindOf('联系人')).toBe('contacts');
    expect(sheetKindOf('Sheet1')).toBeNull();
    expect(sheetKindOf('组织')).toBe('divisions');
    expect(sheetKindOf('Activities')).toBe('activities');
    expect(sheetKindOf('交易记录')).toBe('orders');
    // The map's picture sheet is not the divisions sheet.
    expect(sheetKindOf('组织图')).toBeNull();
  });

  it('gives enum and yes/no columns their localized options for dropdowns', () => {
    const zh = sheetColumns('contacts', 'zh-CN');
    expect(zh.find((c) => c.key === 'role')).toMatchObject({ header: '角色', type: 'enum', options: ['决策者', '权威者', '影响者', '执行者', '使用者', '付款者'] });
    expect(zh.find((c) => c.key === 'attitude')!.options).toEqual(['支持', '中立', '反对', '未知']);
    expect(zh.find((c) => c.key === 'influence')!.options).toEqual(['高', '中', '低']);
    expect(zh.find((c) => c.key === 'level')!.options).toEqual(['决策层', '管理层', '操作层']);
    expect(zh.find((c) => c.key === 'isCoach')).toMatchObject({ type: 'bool', options: ['是', '否'] });
    expect(zh.find((c) => c.key === 'name')).toMatchObject({ header: '姓名', required: true });
    const en = sheetColumns('contacts', 'en');
    expect(en.find((c) => c.key === 'role')!.options![0]).toBe('Decision maker');
    expect(en.map((c) => c.header)).toContain('Reports to ID');
    expect(sheetColumns('deals', 'en').find((c) => c.key === 'stage')!.options).toEqual(['Discover', 'Investigate', 'Prove capability', 'Obtain commitment', 'Won', 'Lost']);
  });

  it('gives the account sheet its stage, profile sections and intent, with dropdowns for stage and intent', () => {
    const zh = sheetColumns('account', 'zh-CN');
    expect(zh.find((c) => c.key === 'stage')).toMatchObject({ header: '客户阶段', type: 'enum', options: ['现有客户', '潜在客户'] });
    expect(zh.find((c) => c.key === 'profile.intent')).toMatchObject({ header: '合作意向', type: 'enum', options: ['意向强', '意向一般', '意向弱'] });
    const en = sheetColumns('account', 'en');
    expect(en.find((c) => c.key === 'stage')!.options).toEqual(['Customer', 'Prospect']);
    const types = Object.fromEntries(en.map((c) => [c.key, c.type]));
    expect(types).toMatchObject({
      'profile.phone': 'text',
      'profile.ownershipType': 'text',
      'profile.businessModel': 'text',
      'profile.mainProducts': 'text',
      'profile.marketPosition': 'text',
      'profile.decisionStyle': 'text',
      'profile.revenue': 'money',
      'profile.revenueGrowth': 'number',
      'profile.employees': 'number',
      'profile.marketShare': 'percent',
      'profile.customerSince': 'date',
      'profile.paymentTerms': 'text',
      'profile.creditLimit': 'money',
      'profile.tradingNotes': 'longText',
      'profile.expectedAnnualPurchases': 'money',
      'profile.satisfaction': 'number',
      'profile.openComplaints': 'number',
      'profile.lastReview': 'date',
      'profile.satisfactionNotes': 'longText',
      'profile.team': 'text',
      'profile.executiveSponsor': 'text',
      'profile.ownerSince': 'date',
    });
    // Every profile field has its column.
    const profileKeys = Object.keys(accountProfileSchema.shape).map((k) => `profile.${k}`);
    expect(profileKeys.filter((k) => !(k in types))).toEqual([]);
  });

  it('gives the new sheets their dropdowns: channel, outcome, division kind, warning sign, yes/no', () => {
    const zh = (kind: Parameters<typeof sheetColumns>[0], key: string) => sheetColumns(kind, 'zh-CN').find((c) => c.key === key)!;
    expect(zh('activities', 'channel').options).toEqual(['拜访', '电话', '电子邮件', '短信', '信函/贺卡', '礼品', '来访我司', '研讨会', '会议', '私人交往']);
    expect(zh('activities', 'outcome').options).toEqual(['订单', '进展', '暂时中断', '无销售']);
    expect(zh('activities', 'hospitality').options).toEqual(['是', '否']);
    expect(zh('divisions', 'kind').options).toEqual(['事业部', '子公司']);
    expect(zh('signs', 'sign').options).toHaveLength(9);
    expect(zh('signs', 'present')).toMatchObject({ type: 'bool', header: '已出现' });
    expect(zh('orders', 'date')).toMatchObject({ type: 'date', required: true });
    expect(zh('orders', 'amount')).toMatchObject({ type: 'money', required: true });
    expect(sheetColumns('deals', 'en').map((c) => c.header)).toEqual(expect.arrayContaining(['Division', 'Division ID', 'Product line', 'Product line ID']));
  });
});

describe('to-sheets', () => {
  it('writes the thirteen sheets of a plan, with red flags as sentences', () => {
    const gm = makeContact({ name: '黄炳亮', role: 'decider', stars: 1, attitude: 'opponent', influence: 'high' });
    const account = makeAccount({ name: '和美', contacts: [gm] });
    const sheets = accountToSheets(account, 'zh-CN', NOW);
    expect(sheets.map((s) => s.name)).toEqual(['客户概况', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '联络记录', '分支机构', '订单', '空白市场', '流失征兆', '风险']);
    const flags = sheets.find((s) => s.kind === 'flags')!;
    expect(flags.rows).toContainEqual(['高', '与决策者 黄炳亮 的关系只有 1 星。', '黄炳亮']);
    expect(flags.rows).toContainEqual(['高', '黄炳亮 反对我们，且影响力高。', '黄炳亮']);
    expect(flags.rows).toContainEqual(['中', '权威者 无人担任。', null]);
    const en = accountToSheets(account, 'en', NOW).find((s) => s.kind === 'flags')!;
    expect(en.rows).toContainEqual(['Medium', 'Nobody fills the role Technical authority.', null]);
  });

  it('a portfolio opens every sheet with the account name and ID, and totals the open pipeline', () => {
    const a = makeAccount({ name: 'A', grade: 'A1', deals: [makeDeal({ value: 1000, stage: 'prove' }), makeDeal({ value: 500, stage: 'won' })] });
    const b = makeAccount({ name: 'B', contacts: [makeContact({ name: 'x' })] });
    const sheets = portfolioToSheets([a, b], 'en', NOW);
    expect(sheets.map((s) => s.kind)).toEqual(['accounts', 'contacts', 'lines', 'deals', 'criteria', 'competitors', 'actions', 'activities', 'divisions', 'orders', 'whitespace', 'signs', 'flags']);
    const accounts = sheets[0]!;
    const col = (key: string) => accounts.columns.findIndex((c) => c.key === key);
    expect(accounts.rows[0]![col('grade')]).toBe('A1');
    expect(accounts.rows[0]![col('pipeline')]).toBe(1000);
    expect(accounts.rows[0]![col('weightedPipeline')]).toBe(500);
    for (const s of sheets.slice(1)) expect(s.columns.slice(0, 2).map((c) => c.header)).toEqual(['Account', 'Account ID']);
    expect(sheets[1]!.rows[0]!.slice(0, 2)).toEqual(['B', b.id]);
  });

  it('templates have headers and no rows', () => {
    const t = templateSheets('zh-CN');
    expect(t.map((s) => s.name)).toEqual(['客户概况', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '联络记录', '分支机构', '订单', '空白市场', '流失征兆']);
    expect(t.every((s) => s.rows.length === 0 && s.columns.length > 0)).toBe(true);
    expect(templateSheets('en', { portfolio: true })[0]!.name).toBe('Accounts');
  });

  it('writes dates as YYYY-MM-DD, probability as a fraction and needs one per line', () => {
    const c = makeContact({
      name: 'A',
      confirmedAt: { attitude: '2024-03-04T05:06:07.000Z' },
      needs: [
        { id: 'n', kind: 'personal', visibility: 'implicit', text: '被认可' },
        { id: 'm', text: 'lower cost' },
      ],
    });
    const d = makeDeal({ probability: 35, expectedCloseDate: '2024-09-30' });
    const sheets = accountToSheets(makeAccount({ contacts: [c], deals: [d] }), 'zh-CN', NOW);
    const cell = (kind: string, key: string) => {
      const s = sheets.find((x) => x.kind === kind)!;
      return s.rows[0]![s.columns.findIndex((x) => x.key === key)];
    };
    expect(cell('contacts', 'confirmedAt.attitude')).toBe('2024-03-04');
    expect(cell('contacts', 'needs')).toBe('个人/隐含: 被认可\n组织/明显: lower cost');
    expect(cell('deals', 'probability')).toBe(0.35);
    expect(cell('deals', 'expectedCloseDate')).toBe('2024-09-30');
  });

  it('names divisions, product lines, contacts and deals in the new sheets, with the IDs beside them', () => {
    const lines = [
      { id: 'pl-1', name: '预混料' },
      { id: 'pl-2', name: 'Enzymes, liquid' },
    ];
    const li = makeContact({ id: 'c-li', name: '李工' });
    const deal = makeDeal({ id: 'd-1', name: '自动化', divisionId: 'dv-2', productLineId: 'pl-1' });
    const account = makeAccount({
      kind: 'channel',
      stage: 'prospect',
      contacts: [li],
      deals: [deal],
      divisions: [
        { id: 'dv-1', createdAt: NOW, updatedAt: NOW, name: '青岛工厂' },
        { id: 'dv-2', createdAt: NOW, updatedAt: NOW, name: '预混车间', parentId: 'dv-1', kind: 'subsidiary' },
      ],
      orders: [{ id: 'o-1', createdAt: NOW, updatedAt: NOW, date: '2024-03-08', amount: 260000, divisionId: 'dv-2', productLineId: 'pl-1' }],
      whitespaceMarks: [{ id: 'w-1', createdAt: NOW, updatedAt: NOW, divisionId: null, productLineId: 'pl-gone', competitor: '帝斯曼' }],
      activities: [{ id: 'e-1', createdAt: NOW, updatedAt: NOW, date: '2024-03-09', channel: 'gift', contactIds: ['c-li'], dealId: 'd-1', summary: '中秋送礼', hospitality: true }],
      warningSigns: { stockOuts: { present: true, since: '2024-01-15', notes: '断货两次' } },
    });
    const sheets = accountToSheets(account, 'zh-CN', NOW, { productLines: lines });
    const rows = (kind: string) => {
      const s = sheets.find((x) => x.kind === kind)!;
      return s.rows.map((r) => Object.fromEntries(s.columns.map((c, i) => [c.header, r[i]]).filter(([, v]) => v !== null)));
    };
    expect(rows('account')[0]).toMatchObject({ 客户类型: '渠道伙伴', 客户阶段: '潜在客户' });
    expect(rows('divisions')).toEqual([
      { ID: 'dv-1', 分支机构: '青岛工厂', 类型: '事业部' },
      { ID: 'dv-2', 分支机构: '预混车间', 类型: '子公司', 隶属: '青岛工厂', 隶属ID: 'dv-1' },
    ]);
    expect(rows('orders')).toEqual([{ ID: 'o-1', 日期: '2024-03-08', 金额: 260000, 分支机构: '预混车间', 分支机构ID: 'dv-2', 产品线: '预混料', 产品线ID: 'pl-1' }]);
    // A line no longer in the settings keeps its ID and has no name.
    expect(rows('whitespace')).toEqual([{ ID: 'w-1', 产品线ID: 'pl-gone', 被谁占据: '帝斯曼' }]);
    expect(rows('activities')).toEqual([{ ID: 'e-1', 日期: '2024-03-09', 联络方式: '礼品', 相关联系人: '李工', 商机: '自动化', 商机ID: 'd-1', 摘要: '中秋送礼', 含招待或礼品: '是' }]);
    expect(rows('deals')[0]).toMatchObject({ 分支机构: '预混车间', 分支机构ID: 'dv-2', 产品线: '预混料', 产品线ID: 'pl-1' });
    // A channel partner gets all nine signs to tick; only the ticked one holds anything.
    const signs = rows('signs');
    expect(signs).toHaveLength(9);
    expect(signs.filter((r) => r['已出现'] === '是')).toEqual([{ 征兆: '我方造成的断货', 已出现: '是', 出现日期: '2024-01-15', 备注: '断货两次' }]);
    // The product-line columns offer the settings' lines as a dropdown.
    for (const kind of ['deals', 'orders', 'whitespace']) {
      expect(sheets.find((x) => x.kind === kind)!.columns.find((c) => c.key === 'productLine')!.options).toEqual(['预混料', 'Enzymes, liquid']);
    }
    // A direct customer gets the four signs of every key account.
    expect(accountToSheets(makeAccount({}), 'en', NOW).find((x) => x.kind === 'signs')!.rows.map((r) => r[0])).toEqual([
      'Spreads its orders over more suppliers',
      'Is changing its strategy',
      'Announces a new purchasing model',
      'A channel conflict that cannot be settled',
    ]);
  });
});
