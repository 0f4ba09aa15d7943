import { describe, expect, it } from 'vitest';
import { fieldAliases, sheetColumns, sheetFields, sheetKindOf, sheetName, SHEET_KINDS } from '@shared/excel/columns';
import { accountToSheets, portfolioToSheets, templateSheets } from '@shared/excel/to-sheets';
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
    expect(['account', 'contacts', 'lines', 'deals', 'criteria', 'competitors', 'actions', 'flags', 'accounts'].map((k) => sheetName(k as never, 'zh-CN'))).toEqual([
      '客户概况',
      '采购中心',
      '影响关系',
      '商机',
      '决策准则',
      '竞争对手',
      '行动计划',
      '风险',
      '客户列表',
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
});

describe('to-sheets', () => {
  it('writes the eight sheets of a plan, with red flags as sentences', () => {
    const gm = makeContact({ name: '黄炳亮', role: 'decider', stars: 1, attitude: 'opponent', influence: 'high' });
    const account = makeAccount({ name: '和美', contacts: [gm] });
    const sheets = accountToSheets(account, 'zh-CN', NOW);
    expect(sheets.map((s) => s.name)).toEqual(['客户概况', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划', '风险']);
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
    expect(sheets.map((s) => s.kind)).toEqual(['accounts', 'contacts', 'lines', 'deals', 'criteria', 'competitors', 'actions', 'flags']);
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
    expect(t.map((s) => s.name)).toEqual(['客户概况', '采购中心', '影响关系', '商机', '决策准则', '竞争对手', '行动计划']);
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
});
