import { beforeEach, describe, expect, it } from 'vitest';
import { accountSchema, type AccountInput } from '@shared/model/account';
import { previewMerge } from '@shared/excel/merge';
import { accountToSheets } from '@shared/excel/to-sheets';
import { sheetsToAccounts } from '@shared/excel/from-sheets';
import { guessMapping, rowsToContacts } from '@shared/excel/contact-list';
import type { RawSheet, SheetData } from '@shared/excel/types';
import { FIXED_NOW, makeAccount, makeContact, makeDeal, resetIds } from '../../../helpers/factories';

const NOW = '2024-06-01T09:30:00.000Z';
const read = (sheets: SheetData[]): RawSheet[] =>
  sheets.map((s) => ({ name: s.name, header: s.columns.map((c) => c.header), rows: s.rows.map((cells, i) => ({ excelRow: i + 2, cells })) }));
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

beforeEach(() => resetIds());

function existingAccount() {
  const gm = makeContact({ id: 'gm', name: '黄炳亮', department: '总经理办公室', email: 'gm@hemei.cn', stars: 2, confirmedAt: { stars: '2024-05-01T10:11:12.000Z' } });
  const tech = makeContact({ id: 'tech', name: '吕文斌', department: '技术部', reportsToId: 'gm' });
  const deal = makeDeal({ id: 'deal', name: '自动化改造', value: 100, criteria: [{ id: 'cr', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: '精度' }] });
  return makeAccount({
    id: 'acc',
    name: '和美饲料',
    contacts: [gm, tech],
    influenceLines: [{ id: 'line', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, fromId: 'tech', toId: 'gm', label: 'trusts' }],
    deals: [deal],
    actions: [{ id: 'act', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, what: '拜访', dealId: 'deal' }],
  });
}

describe('previewMerge', () => {
  it('with no existing account, creates everything', () => {
    const incoming = existingAccount();
    const { creates, updates, unchanged, merged } = previewMerge(null, incoming, NOW);
    expect(creates.map((c) => `${c.kind}:${c.name}`)).toEqual([
      'account:和美饲料',
      'contact:黄炳亮',
      'contact:吕文斌',
      'line:吕文斌 → 黄炳亮',
      'deal:自动化改造',
      'criterion:精度',
      'action:拜访',
    ]);
    expect(updates).toEqual([]);
    expect(unchanged).toBe(0);
    expect(merged).toEqual(accountSchema.parse(incoming));
  });

  it('re-importing its own export changes nothing (time of day of confirmations included)', () => {
    const existing = existingAccount();
    const { accounts } = sheetsToAccounts(read(accountToSheets(existing, 'zh-CN', NOW)), { newId: ids(), now: NOW });
    const { creates, updates, unchanged, merged } = previewMerge(existing, accounts[0]!, NOW);
    expect(creates).toEqual([]);
    expect(updates).toEqual([]);
    // account, 2 contacts, 1 line, 1 deal, 1 criterion, 1 action
    expect(unchanged).toBe(7);
    expect(merged).toEqual(existing);
  });

  it('matches by ID first, then contacts by name and department, deals by name; never deletes', () => {
    const existing = existingAccount();
    const incoming: AccountInput = {
      id: 'other-id',
      createdAt: NOW,
      updatedAt: NOW,
      name: '和美饲料',
      contacts: [
        // Same ID, new title.
        { id: 'tech', createdAt: NOW, updatedAt: NOW, name: '吕文斌', department: '技术部', title: '技术总监' },
        // Another ID, but the same person by name and department: updated, not duplicated.
        { id: 'x-gm', createdAt: NOW, updatedAt: NOW, name: ' 黄炳亮 ', department: '总经理办公室', stars: 4 },
        // Same name, another department: a different person.
        { id: 'x-2', createdAt: NOW, updatedAt: NOW, name: '吕文斌', department: '财务部', reportsToId: 'x-gm' },
      ],
      influenceLines: [{ id: 'x-line', createdAt: NOW, updatedAt: NOW, fromId: 'x-2', toId: 'x-gm', label: 'rival' }],
      deals: [{ id: 'x-deal', createdAt: NOW, updatedAt: NOW, name: '自动化改造', value: 250 }],
      actions: [],
    };
    const { creates, updates, merged } = previewMerge(existing, incoming, NOW);
    expect(creates).toEqual([
      { kind: 'contact', name: '吕文斌' },
      { kind: 'line', name: '吕文斌 → 黄炳亮' },
    ]);
    expect(updates).toEqual([
      { kind: 'contact', name: '吕文斌', fields: ['title'] },
      { kind: 'contact', name: '黄炳亮', fields: ['stars'] },
      { kind: 'deal', name: '自动化改造', fields: ['value'] },
    ]);
    expect(merged.id).toBe('acc');
    expect(merged.contacts.map((c) => c.id)).toEqual(['gm', 'tech', 'x-2']);
    // The new contact's boss is redirected to the record it matched.
    expect(merged.contacts.find((c) => c.id === 'x-2')!.reportsToId).toBe('gm');
    expect(merged.influenceLines.map((l) => [l.fromId, l.toId])).toEqual([
      ['tech', 'gm'],
      ['x-2', 'gm'],
    ]);
    const gm = merged.contacts.find((c) => c.id === 'gm')!;
    expect(gm).toMatchObject({ stars: 4, email: 'gm@hemei.cn', updatedAt: NOW, createdAt: FIXED_NOW });
    // Nothing existing is deleted: the criterion and the action the import did not carry stay.
    expect(merged.deals[0]!.criteria.map((c) => c.id)).toEqual(['cr']);
    expect(merged.actions.map((a) => a.id)).toEqual(['act']);
    expect(accountSchema.safeParse(merged).success).toBe(true);
  });

  it('a contact list without a column leaves that field alone; without departments, a unique name matches', () => {
    const existing = existingAccount();
    const list: RawSheet = {
      name: 'Sheet1',
      header: ['姓名', '电话'],
      rows: [
        { excelRow: 2, cells: ['黄炳亮', '13800138000'] },
        { excelRow: 3, cells: ['阚方玉', null] },
      ],
    };
    const { contacts } = rowsToContacts(list, guessMapping(list.header), { newId: ids(), now: NOW });
    const { creates, updates, merged } = previewMerge(existing, { ...existing, contacts }, NOW);
    expect(updates).toEqual([{ kind: 'contact', name: '黄炳亮', fields: ['phone'] }]);
    expect(creates).toEqual([{ kind: 'contact', name: '阚方玉' }]);
    expect(merged.contacts.find((c) => c.id === 'gm')).toMatchObject({ phone: '13800138000', email: 'gm@hemei.cn', department: '总经理办公室', stars: 2 });
  });

  it('needs are added, not replaced; a new criterion joins its deal', () => {
    const existing = existingAccount();
    existing.contacts[0]!.needs = [{ id: 'n1', kind: 'organisational', visibility: 'explicit', text: '降低成本' }];
    const incoming: AccountInput = {
      ...existing,
      contacts: [{ ...existing.contacts[0]!, needs: [{ id: 'n9', text: '稳定供货' }] }],
      influenceLines: [],
      deals: [{ ...existing.deals[0]!, criteria: [...existing.deals[0]!.criteria, { id: 'cr2', createdAt: NOW, updatedAt: NOW, name: '价格' }] }],
      actions: [],
    };
    const { creates, updates, merged } = previewMerge(existing, incoming, NOW);
    expect(creates).toEqual([{ kind: 'criterion', name: '价格' }]);
    expect(updates).toEqual([{ kind: 'contact', name: '黄炳亮', fields: ['needs'] }]);
    expect(merged.contacts[0]!.needs.map((n) => n.text)).toEqual(['降低成本', '稳定供货']);
    expect(merged.deals[0]!.criteria.map((c) => c.name)).toEqual(['精度', '价格']);
    expect(merged.deals[0]!.updatedAt).toBe(NOW);
  });

  it('reports account fields that change, by path', () => {
    const existing = existingAccount();
    const incoming: AccountInput = { ...existing, grade: 'A1', profile: { region: '山东' }, contacts: [], influenceLines: [], deals: [], actions: [] };
    const { updates, merged } = previewMerge(existing, incoming, NOW);
    expect(updates).toEqual([{ kind: 'account', name: '和美饲料', fields: ['profile.region', 'grade'] }]);
    expect(merged).toMatchObject({ grade: 'A1', profile: { region: '山东' }, updatedAt: NOW });
    expect(merged.contacts).toHaveLength(2);
  });
});

describe('previewMerge into a chosen account', () => {
  it('keeps the account’s name (a contact list arrives named after its file)', () => {
    const existing = existingAccount();
    const { updates, merged } = previewMerge(existing, { id: 'x', createdAt: NOW, updatedAt: NOW, name: 'contacts-2024', contacts: [] }, NOW);
    expect(updates).toEqual([]);
    expect(merged.name).toBe('和美饲料');
  });
});

describe('previewMerge: divisions, orders, activities, whitespace marks and warning signs', () => {
  const LINES = [
    { id: 'pl-premix', name: '预混料' },
    { id: 'pl-auto', name: '自动化' },
  ];
  const T = FIXED_NOW;
  function grown() {
    const base = existingAccount();
    return accountSchema.parse({
      ...base,
      deals: [{ ...base.deals[0]!, divisionId: 'shop', productLineId: 'pl-auto' }],
      divisions: [
        { id: 'plant', createdAt: T, updatedAt: T, name: '青岛工厂' },
        { id: 'shop', createdAt: T, updatedAt: T, name: '预混车间', parentId: 'plant' },
      ],
      orders: [{ id: 'o1', createdAt: T, updatedAt: T, date: '2024-01-08', amount: 260000, divisionId: 'shop', productLineId: 'pl-premix' }],
      activities: [{ id: 'ev1', createdAt: T, updatedAt: T, date: '2024-02-01', channel: 'visit', contactIds: ['gm'], dealId: 'deal', summary: '拜访总经理' }],
      whitespaceMarks: [{ id: 'w1', createdAt: T, updatedAt: T, divisionId: 'plant', productLineId: 'pl-auto', competitor: '帝斯曼' }],
      warningSigns: { ordersSpread: { present: true, since: '2024-01-01', notes: '订单少了' } },
    });
  }
  const exportOf = (a: Parameters<typeof accountToSheets>[0], locale: 'en' | 'zh-CN' = 'zh-CN') =>
    sheetsToAccounts(read(accountToSheets(a, locale, NOW, { productLines: LINES })), { newId: ids(), now: NOW, productLines: LINES }).accounts[0]!;

  it('with no existing account, creates the divisions, orders, activities and marks too', () => {
    const { creates, merged } = previewMerge(null, grown(), NOW, { productLines: LINES });
    expect(creates.filter((c) => ['division', 'order', 'activity', 'whitespaceMark'].includes(c.kind))).toEqual([
      { kind: 'activity', name: '拜访总经理' },
      { kind: 'division', name: '青岛工厂' },
      { kind: 'division', name: '预混车间' },
      { kind: 'order', name: '2024-01-08 260000' },
      { kind: 'whitespaceMark', name: '帝斯曼' },
    ]);
    expect(merged).toEqual(grown());
  });

  it('re-importing its own export changes nothing', () => {
    const existing = grown();
    for (const locale of ['en', 'zh-CN'] as const) {
      const { creates, updates, unchanged, merged } = previewMerge(existing, exportOf(existing, locale), NOW, { productLines: LINES });
      expect(creates).toEqual([]);
      expect(updates).toEqual([]);
      // account, 2 contacts, 1 line, 1 deal, 1 criterion, 1 action, 1 activity, 2 divisions, 1 order, 1 mark
      expect(unchanged).toBe(12);
      expect(merged).toEqual(existing);
    }
  });

  it('matches by name or content when the IDs differ, redirects references to what matched, and never deletes', () => {
    const existing = grown();
    const incoming = exportOf(existing) as Record<string, unknown> & AccountInput;
    // The same plan from another database: every ID is different.
    const rename = (x: string | null | undefined) => (x == null ? x : x.startsWith('pl-') ? x : `x-${x}`);
    const other = JSON.parse(
      JSON.stringify(incoming, (k, v: unknown) => (['id', 'parentId', 'divisionId', 'dealId', 'reportsToId', 'fromId', 'toId', 'contactId'].includes(k) && typeof v === 'string' ? rename(v) : v)),
    ) as AccountInput & { activities: { contactIds: string[] }[] };
    for (const a of other.activities) a.contactIds = a.contactIds.map((c) => `x-${c}`);
    // New in the workbook: a plant under the existing one, its order, a call, a mark; an edited order note.
    other.divisions!.push({ id: 'x-new', createdAt: NOW, updatedAt: NOW, name: '潍坊工厂', parentId: 'x-plant' });
    other.orders!.push({ id: 'x-o2', createdAt: NOW, updatedAt: NOW, date: '2024-02-08', amount: 90000, divisionId: 'x-new', productLineId: 'pl-premix' });
    other.orders![0]!.notes = '一月';
    other.activities.push({ id: 'x-ev2', createdAt: NOW, updatedAt: NOW, date: '2024-02-03', channel: 'phone', contactIds: ['x-tech'], dealId: 'x-deal', summary: '电话' } as never);
    other.whitespaceMarks!.push({ id: 'x-w2', createdAt: NOW, updatedAt: NOW, divisionId: 'x-new', productLineId: 'pl-auto', competitor: '巴斯夫' });

    const { creates, updates, merged } = previewMerge(existing, other, NOW, { productLines: LINES });
    expect(creates).toEqual([
      { kind: 'activity', name: '电话' },
      { kind: 'division', name: '潍坊工厂' },
      { kind: 'order', name: '2024-02-08 90000' },
      { kind: 'whitespaceMark', name: '巴斯夫' },
    ]);
    expect(updates).toEqual([{ kind: 'order', name: '2024-01-08 260000', fields: ['notes'] }]);
    const weifang = merged.divisions.find((d) => d.name === '潍坊工厂')!;
    expect(weifang.parentId).toBe('plant');
    expect(merged.divisions.map((d) => d.id)).toEqual(['plant', 'shop', 'x-new']);
    expect(merged.orders.map((o) => [o.id, o.divisionId, o.notes])).toEqual([
      ['o1', 'shop', '一月'],
      ['x-o2', 'x-new', ''],
    ]);
    expect(merged.activities.map((a) => [a.id, a.contactIds, a.dealId])).toEqual([
      ['ev1', ['gm'], 'deal'],
      ['x-ev2', ['tech'], 'deal'],
    ]);
    expect(merged.whitespaceMarks.map((m) => [m.id, m.divisionId, m.competitor])).toEqual([
      ['w1', 'plant', '帝斯曼'],
      ['x-w2', 'x-new', '巴斯夫'],
    ]);
    expect(merged.deals[0]).toMatchObject({ id: 'deal', divisionId: 'shop', productLineId: 'pl-auto' });
    expect(accountSchema.safeParse(merged).success).toBe(true);
  });

  it('merges warning signs sign by sign and field by field', () => {
    const existing = grown();
    const incoming: AccountInput = {
      ...existing,
      contacts: [],
      influenceLines: [],
      deals: [],
      actions: [],
      // A sheet without the Since column: the date of the first sign stays.
      warningSigns: { ordersSpread: { present: false, notes: '恢复了' }, stockOuts: { present: true, notes: '' } },
    } as AccountInput;
    const { updates, merged } = previewMerge(existing, incoming, NOW);
    expect(updates).toEqual([
      { kind: 'account', name: '和美饲料', fields: ['warningSigns.ordersSpread.present', 'warningSigns.ordersSpread.notes', 'warningSigns.stockOuts.present'] },
    ]);
    expect(merged.warningSigns.ordersSpread).toEqual({ present: false, since: '2024-01-01', notes: '恢复了' });
    expect(merged.warningSigns.stockOuts).toEqual({ present: true, since: null, notes: '' });
    expect(merged.warningSigns.strategyChange).toEqual(existing.warningSigns.strategyChange);
  });

  it('cuts a loop of "part of" that the workbook and the account close together', () => {
    const existing = grown();
    // In the workbook the plant is part of the shop; in the account the shop is part of the plant.
    const incoming = {
      id: 'acc',
      createdAt: NOW,
      updatedAt: NOW,
      name: '和美饲料',
      divisions: [{ id: 'plant', createdAt: NOW, updatedAt: NOW, name: '青岛工厂', parentId: 'shop' }],
    } as AccountInput;
    const { merged } = previewMerge(existing, incoming, NOW);
    const parent = new Map(merged.divisions.map((d) => [d.id, d.parentId]));
    expect([parent.get('plant'), parent.get('shop')]).toContain(null);
  });
});
