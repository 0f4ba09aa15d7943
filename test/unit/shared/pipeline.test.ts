import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import type { Database } from '@shared/model/database';
import { actionSchema, type Action } from '@shared/model/deal';
import { overdueNextSteps, portfolioPipeline, type PipelineItem } from '@shared/pipeline';
import { FIXED_NOW, makeAccount, makeContact, makeDatabase, makeDeal, resetIds } from '../../helpers/factories';

/** The user's present moment, in their own offset: their today is 2024-06-01. */
const NOW = '2024-06-01T09:00:00+08:00';
const TODAY = '2024-06-01';
const DELETED_AT = '2024-05-15T10:00:00.000Z';

beforeEach(() => resetIds());

function step(id: string, fields: Partial<Record<keyof Action, unknown>> = {}): Action {
  return actionSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, what: `Step ${id}`, ...fields });
}

const meeting = (id: string, date: string, outcome: 'order' | 'advance' | 'continuation' | 'noSale' = 'advance') => ({
  id,
  createdAt: `${date}T09:00:00.000Z`,
  updatedAt: `${date}T09:00:00.000Z`,
  date,
  outcome,
});

/**
 * 和美: a known decider and a coach; an open deal last met on 2024-05-25 (7 days before today)
 * with nothing else wrong, and a deal won long ago.
 */
function hemei(): Account {
  return makeAccount({
    id: 'acc-hemei',
    name: '和美饲料公司',
    profile: { owner: '张三' },
    contacts: [
      makeContact({ id: 'gm', name: '黄炳亮', role: 'decider', attitude: 'supporter' }),
      makeContact({ id: 'coach', name: '吕文斌', isCoach: true, attitude: 'supporter' }),
    ],
    deals: [
      makeDeal({
        id: 'hemei-feed',
        name: '饲料添加剂',
        stage: 'prove',
        createdAt: '2024-01-10T08:00:00.000Z',
        buyingCentre: [
          { contactId: 'gm', role: 'decider' },
          { contactId: 'coach', role: 'influencer' },
        ],
        meetings: [meeting('m-1', '2024-04-02'), meeting('m-2', '2024-05-25')],
      }),
      makeDeal({ id: 'hemei-old', name: 'Vitamins 2023', stage: 'won', createdAt: '2023-01-10T08:00:00.000Z', closedAt: '2023-06-30T08:00:00.000Z', expectedCloseDate: '2023-06-30' }),
    ],
    actions: [
      step('hemei-visit', { dealId: 'hemei-feed', when: '2024-05-20' }),
      step('hemei-done', { dealId: 'hemei-feed', when: '2024-05-02', done: true, doneAt: '2024-05-02T08:00:00.000Z' }),
      step('hemei-today', { when: TODAY }),
      step('hemei-undated', { when: null }),
      step('hemei-call', { dealId: null, when: '2024-05-28' }),
    ],
  });
}

/** 正大, deleted: its deal and its overdue step must appear nowhere. */
function zhengda(): Account {
  return makeAccount({
    id: 'acc-zhengda',
    name: '正大集团',
    deletedAt: DELETED_AT,
    deals: [makeDeal({ id: 'zhengda-deal', stage: 'commit' })],
    actions: [step('zhengda-step', { dealId: 'zhengda-deal', when: '2024-04-01' })],
  });
}

/**
 * 新希望: the decider seat is held by a placeholder that happens to share the id `gm` with 和美's
 * known decider, and nobody coaches; the deal was met 2 days ago.
 */
function xinxiwang(): Account {
  return makeAccount({
    id: 'acc-xinxiwang',
    name: '新希望',
    profile: { owner: '李四' },
    contacts: [makeContact({ id: 'gm', name: '财务部 ?', isPlaceholder: true })],
    deals: [
      makeDeal({
        id: 'xin-premix',
        name: 'Premix',
        stage: 'investigate',
        createdAt: '2024-05-01T08:00:00.000Z',
        buyingCentre: [{ contactId: 'gm', role: 'decider' }],
        meetings: [meeting('m-3', '2024-05-30')],
      }),
    ],
    actions: [
      step('xin-sample', { dealId: 'xin-premix', when: '2024-05-10' }),
      step('xin-call', { when: '2024-05-28' }),
    ],
  });
}

const portfolio = (dealIdleDays?: number, accounts = [hemei(), zhengda(), xinxiwang()]): Database =>
  makeDatabase({ accounts, ...(dealIdleDays !== undefined && { settings: { dealIdleDays } }) });

const item = (items: PipelineItem[], dealId: string): PipelineItem => {
  const found = items.find((i) => i.deal.id === dealId);
  if (!found) throw new Error(`No pipeline item for ${dealId}`);
  return found;
};
const codes = (i: PipelineItem) => i.risks.map((r) => r.code);

describe('portfolioPipeline', () => {
  it('lists every deal of the accounts not deleted, in stored order, and leaves the deleted account out', () => {
    const db = portfolio();
    const { accounts, items } = portfolioPipeline(db, NOW);
    expect(items.map((i) => [i.accountId, i.deal.id])).toEqual([
      ['acc-hemei', 'hemei-feed'],
      ['acc-hemei', 'hemei-old'],
      ['acc-xinxiwang', 'xin-premix'],
    ]);
    expect(item(items, 'hemei-feed').deal).toBe(db.accounts[0]?.deals[0]);
    expect(accounts).toEqual([
      {
        id: 'acc-hemei',
        name: '和美饲料公司',
        owner: '张三',
        contacts: [
          { id: 'gm', name: '黄炳亮' },
          { id: 'coach', name: '吕文斌' },
        ],
      },
      { id: 'acc-xinxiwang', name: '新希望', owner: '李四', contacts: [{ id: 'gm', name: '财务部 ?' }] },
    ]);
  });

  it('brings an account back once it is restored', () => {
    const restored = { ...zhengda(), deletedAt: null };
    const { accounts, items } = portfolioPipeline(portfolio(undefined, [hemei(), restored]), NOW);
    expect(accounts.map((a) => a.id)).toEqual(['acc-hemei', 'acc-zhengda']);
    expect(items.map((i) => i.deal.id)).toContain('zhengda-deal');
  });

  it("raises noActivity by the settings' dealIdleDays: a deal last touched 7 days ago is idle at 5, fresh at 60", () => {
    const idleAt5 = item(portfolioPipeline(portfolio(5), NOW).items, 'hemei-feed');
    expect(idleAt5.risks).toEqual([{ code: 'noActivity', severity: 'medium', params: { lastTouch: '2024-05-25', days: 7, staleAfterDays: 5 } }]);

    const freshAt60 = item(portfolioPipeline(portfolio(60), NOW).items, 'hemei-feed');
    expect(freshAt60.risks).toEqual([]);
  });

  it('counts exactly dealIdleDays days as still fresh', () => {
    expect(codes(item(portfolioPipeline(portfolio(7), NOW).items, 'hemei-feed'))).not.toContain('noActivity');
    expect(codes(item(portfolioPipeline(portfolio(6), NOW).items, 'hemei-feed'))).toContain('noActivity');
  });

  it('uses the default of 21 days when the setting was never changed', () => {
    const db = portfolio();
    expect(db.settings.dealIdleDays).toBe(21);
    // Last touched 2024-05-25: fresh today, idle 22 days later.
    expect(codes(item(portfolioPipeline(db, NOW).items, 'hemei-feed'))).toEqual([]);
    expect(codes(item(portfolioPipeline(db, '2024-06-16T09:00:00+08:00').items, 'hemei-feed'))).toEqual(['noActivity']);
  });

  it("judges each deal's buying centre against its own account's contacts", () => {
    const { items } = portfolioPipeline(portfolio(60), NOW);
    // Both deals seat a contact `gm` as decider; only 和美's is a known person.
    expect(codes(item(items, 'hemei-feed'))).toEqual([]);
    expect(item(items, 'xin-premix').risks).toEqual([
      { code: 'deciderMissing', severity: 'high', params: { reason: 'placeholderOnly' } },
      { code: 'noCoach', severity: 'medium', params: {} },
    ]);
  });

  it('gives a closed deal no risks, however long idle and however late', () => {
    const { items } = portfolioPipeline(portfolio(1), NOW);
    expect(item(items, 'hemei-old').risks).toEqual([]);
  });

  it('is empty for a portfolio with no live accounts', () => {
    expect(portfolioPipeline(portfolio(undefined, [zhengda()]), NOW)).toEqual({ accounts: [], items: [] });
  });

  it('refuses a present moment that is not a date', () => {
    expect(() => portfolioPipeline(portfolio(), 'yesterday')).toThrow(RangeError);
  });
});

describe('overdueNextSteps', () => {
  it('lists the open steps due before today across the live accounts, oldest due date first', () => {
    // 新希望 is stored first, so the tie on 2024-05-28 is settled by account name, not by storage.
    const db = portfolio(undefined, [xinxiwang(), zhengda(), hemei()]);
    const overdue = overdueNextSteps(db, TODAY);
    expect(overdue.map((o) => [o.action.id, o.accountId, o.action.when, o.daysOverdue, o.dealName])).toEqual([
      ['xin-sample', 'acc-xinxiwang', '2024-05-10', 22, 'Premix'],
      ['hemei-visit', 'acc-hemei', '2024-05-20', 12, '饲料添加剂'],
      ['hemei-call', 'acc-hemei', '2024-05-28', 4, null],
      ['xin-call', 'acc-xinxiwang', '2024-05-28', 4, null],
    ]);
    expect(overdue[1]?.accountName).toBe('和美饲料公司');
    expect(overdue[1]?.action).toBe(db.accounts[2]?.actions[0]);
  });

  it('leaves out steps that are done, due today, undated, or in a deleted account', () => {
    const ids = overdueNextSteps(portfolio(), TODAY).map((o) => o.action.id);
    for (const id of ['hemei-done', 'hemei-today', 'hemei-undated', 'zhengda-step']) expect(ids).not.toContain(id);
  });

  it('takes today from a timestamp in the user offset as well as from a date', () => {
    const db = portfolio();
    expect(overdueNextSteps(db, NOW)).toEqual(overdueNextSteps(db, TODAY));
    // Tomorrow, the step due today is overdue too.
    expect(overdueNextSteps(db, '2024-06-02').map((o) => o.action.id)).toContain('hemei-today');
  });

  it('refuses a today that is not a date', () => {
    expect(() => overdueNextSteps(portfolio(), '2024-02-30')).toThrow(RangeError);
  });
});
