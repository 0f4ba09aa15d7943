import { describe, expect, it } from 'vitest';
import { roleCoverage } from '@shared/buying-centre/coverage';
import { staleJudgements } from '@shared/buying-centre/freshness';
import { pathToPower } from '@shared/buying-centre/path-to-power';
import { flagCount, redFlags } from '@shared/buying-centre/red-flags';
import { seatHistory } from '@shared/buying-centre/successor';
import { accountSchema, type Account } from '@shared/model/account';
import { contactSchema } from '@shared/model/contact';
import { buildSampleAccount } from '@shared/sample/hemei';
import { FIXED_NOW, makeCtx } from '../../../helpers/factories';

/** The built-in sample (六和集团 和美饲料公司), every judgement confirmed at FIXED_NOW. */
const sample = (): Account => accountSchema.parse(buildSampleAccount(makeCtx(), 'zh-CN'));

function idOf(account: Account, name: string): string {
  const found = account.contacts.find((c) => c.name === name);
  if (!found) throw new Error(`no contact named ${name}`);
  return found.id;
}

/** The sample with one contact changed. */
function change(account: Account, name: string, fields: Partial<Account['contacts'][number]>): Account {
  const id = idOf(account, name);
  return { ...account, contacts: account.contacts.map((c) => (c.id === id ? { ...c, ...fields } : c)) };
}

const DAY = 86_400_000;
const daysAfter = (days: number) => new Date(Date.parse(FIXED_NOW) + days * DAY).toISOString();

describe('the 和美饲料 sample buying centre', () => {
  it('covers all six roles; only the decision maker and the payer are weak', () => {
    const account = sample();
    expect(roleCoverage(account.contacts).map((c) => [c.role, c.status, c.bestStars])).toEqual([
      ['decider', 'weak', 2],
      ['authority', 'strong', 3],
      ['influencer', 'weak', 1],
      ['executor', 'strong', 4],
      ['user', 'weak', 2],
      ['payer', 'weak', 0],
    ]);
  });

  it('reaches the decision maker 黄炳亮 from the coach 阚方玉 through the org chart', () => {
    const account = sample();
    expect(pathToPower(account)).toEqual([
      {
        deciderId: idOf(account, '黄炳亮'),
        startId: idOf(account, '阚方玉'),
        path: [idOf(account, '阚方玉'), idOf(account, '黄炳亮')],
        reached: true,
      },
    ]);
  });

  it('has no red flags on the day it is built: a 2-star, neutral decider is not yet weak or unknown', () => {
    const account = sample();
    expect(redFlags(account)).toEqual([]);
    expect(redFlags(account, { now: FIXED_NOW })).toEqual([]);
    expect(flagCount(redFlags(account, { now: FIXED_NOW })).total).toBe(0);
  });

  it('goes stale 91 days later, not 90', () => {
    const account = sample();
    expect(redFlags(account, { now: daysAfter(90) })).toEqual([]);
    expect(redFlags(account, { now: daysAfter(91) })).toEqual([
      {
        code: 'staleJudgements',
        severity: 'low',
        contactIds: account.contacts.map((c) => c.id),
        params: { count: 18, contacts: 6, maxAgeDays: 90 },
      },
    ]);
    expect(staleJudgements(account.contacts, daysAfter(91))).toHaveLength(18);
  });

  it('uses the trusts line 阚方玉 → 吕文斌 when the coach is off the org chart', () => {
    const account = change(sample(), '阚方玉', { reportsToId: null });
    const [path] = pathToPower(account);
    expect(path?.path).toEqual(['阚方玉', '吕文斌', '黄炳亮'].map((n) => idOf(account, n)));
    expect(redFlags(account)).toEqual([]);
  });

  it('loses the decision maker when 吕文斌 turns neutral and the coach is off the org chart', () => {
    const account = change(change(sample(), '阚方玉', { reportsToId: null }), '吕文斌', { attitude: 'neutral' });
    expect(redFlags(account)).toEqual([
      {
        code: 'deciderUnreached',
        severity: 'high',
        contactIds: [idOf(account, '黄炳亮')],
        role: 'decider',
        params: { reason: 'noPath', startId: idOf(account, '阚方玉') },
      },
    ]);
  });

  it('is single-threaded, coachless and missing its executor when the coach 阚方玉 leaves', () => {
    const account = change(sample(), '阚方玉', { leftOn: '2024-06-30' });
    expect(redFlags(account)).toEqual([
      { code: 'singleThreaded', severity: 'high', contactIds: [idOf(account, '吕文斌')], params: { strongCount: 1 } },
      { code: 'roleEmpty', severity: 'medium', contactIds: [], role: 'executor', params: {} },
      { code: 'noCoach', severity: 'medium', contactIds: [], params: {} },
    ]);
    // Without a coach the strongest contact, 吕文斌 (3 stars), starts the path.
    expect(pathToPower(account)[0]?.path).toEqual([idOf(account, '吕文斌'), idOf(account, '黄炳亮')]);
  });

  it('shows who held the payer seat before a new head of finance', () => {
    const account = change(sample(), '刘部长', { leftOn: '2024-06-30' });
    const successor = contactSchema.parse({
      id: 'new-fin',
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
      name: '周部长',
      role: 'payer',
      successorOfId: idOf(account, '刘部长'),
    });
    const contacts = [...account.contacts, successor];
    expect(seatHistory(contacts, 'new-fin')).toEqual([
      { contactId: idOf(account, '刘部长'), name: '刘部长', title: '财务部部长', leftOn: '2024-06-30' },
    ]);
  });
});
