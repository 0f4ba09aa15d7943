import { describe, expect, it } from 'vitest';
import {
  DEAL_RISK_CODES,
  dealMeetings,
  dealRisks,
  lastTouch,
  type DealRisk,
  type DealRiskCode,
} from '@shared/deals/risk';
import { accountSchema, type Account } from '@shared/model/account';
import type { Contact } from '@shared/model/contact';
import type { Deal } from '@shared/model/deal';
import { buildSampleAccount } from '@shared/sample/hemei';
import {
  FIXED_NOW,
  makeAccount,
  makeContact,
  makeCtx,
  makeDeal,
  type ContactInput,
  type DealInput,
} from '../../../helpers/factories';

const NOW = '2024-05-01T08:00:00.000Z';
const stampAt = (date: string, hour = '09') => `${date}T${hour}:00:00.000Z`;
let seq = 0;
const meeting = (date: string, outcome: 'order' | 'advance' | 'continuation' | 'noSale', hour = '09') => ({
  id: `m-${++seq}`,
  createdAt: stampAt(date, hour),
  updatedAt: stampAt(date, hour),
  date,
  outcome,
});
const activity = (date: string, fields: Record<string, unknown> = {}) => ({
  id: `a-${++seq}`,
  createdAt: stampAt(date),
  updatedAt: stampAt(date),
  date,
  dealId: 'deal',
  ...fields,
});

const person = (id: string, fields: Partial<ContactInput> = {}) =>
  makeContact({ id, name: id, attitude: 'supporter', influence: 'medium', stars: 3, ...fields });

function contacts(changes: Record<string, Partial<ContactInput>> = {}): Contact[] {
  const base: Record<string, Partial<ContactInput>> = {
    gm: { role: 'decider' },
    tech: { role: 'authority', isCoach: true },
    fin: { role: 'payer', attitude: 'neutral' },
  };
  return Object.entries({ ...base, ...changes }).map(([id, fields]) => person(id, { ...base[id], ...fields }));
}

/** An open deal with nothing to worry about: every rule's negative case. */
function healthyDeal(fields: Partial<DealInput> = {}): Deal {
  return makeDeal({
    id: 'deal',
    stage: 'prove',
    createdAt: '2024-01-01T00:00:00.000Z',
    expectedCloseDate: '2024-06-30',
    buyingCentre: [
      { contactId: 'gm', role: 'decider' },
      { contactId: 'tech', role: 'authority' },
      { contactId: 'fin', role: 'payer' },
    ],
    criteria: [
      { id: 'c1', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: 'accuracy', rank: 1, importance: 5, ourFit: 4, competitorFit: 3 },
      { id: 'c2', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: 'price', rank: 2, importance: 4, ourFit: 2, competitorFit: 5 },
    ],
    meetings: [meeting('2024-04-10', 'continuation'), meeting('2024-04-20', 'advance')],
    ...fields,
  });
}

function accountWith(fields: { contacts?: Contact[]; activities?: unknown[] } = {}): Account {
  return makeAccount({ contacts: fields.contacts ?? contacts(), activities: (fields.activities ?? []) as never });
}

const risksOf = (deal: Deal, account: Account = accountWith(), opts: { now?: string; staleAfterDays?: number } = {}) =>
  dealRisks(deal, account, { now: NOW, ...opts });
const codes = (risks: DealRisk[]) => risks.map((r) => r.code);
const withCode = (risks: DealRisk[], code: DealRiskCode) => risks.filter((r) => r.code === code);

describe('dealRisks', () => {
  it('raises nothing on a healthy open deal', () => {
    expect(risksOf(healthyDeal())).toEqual([]);
  });

  it('raises nothing on a won or lost deal, however bad it looks', () => {
    const bad = { buyingCentre: [], meetings: [], expectedCloseDate: '2020-01-01', createdAt: '2020-01-01T00:00:00.000Z' };
    expect(codes(risksOf(healthyDeal({ ...bad, stage: 'commit' })))).not.toEqual([]);
    expect(risksOf(healthyDeal({ ...bad, stage: 'won' }))).toEqual([]);
    expect(risksOf(healthyDeal({ ...bad, stage: 'lost' }))).toEqual([]);
  });

  describe('stalled', () => {
    it('is raised when the two most recent meetings both ended in a continuation', () => {
      const deal = healthyDeal({
        meetings: [meeting('2024-04-20', 'continuation'), meeting('2024-04-01', 'advance'), meeting('2024-04-10', 'continuation')],
      });
      expect(withCode(risksOf(deal), 'stalled')).toEqual([
        { code: 'stalled', severity: 'high', params: { meetings: 2, since: '2024-04-10' } },
      ]);
    });

    it('counts the whole run of continuations', () => {
      const deal = healthyDeal({
        meetings: ['2024-03-01', '2024-03-15', '2024-04-01'].map((d) => meeting(d, 'continuation')),
      });
      expect(withCode(risksOf(deal), 'stalled')[0]?.params).toEqual({ meetings: 3, since: '2024-03-01' });
    });

    it('is not raised after one continuation, or when the latest meeting moved forward', () => {
      expect(withCode(risksOf(healthyDeal({ meetings: [meeting('2024-04-20', 'continuation')] })), 'stalled')).toEqual([]);
      expect(withCode(risksOf(healthyDeal({ meetings: [] })), 'stalled')).toEqual([]);
      const recovered = healthyDeal({
        meetings: [meeting('2024-04-01', 'continuation'), meeting('2024-04-10', 'continuation'), meeting('2024-04-20', 'advance')],
      });
      expect(withCode(risksOf(recovered), 'stalled')).toEqual([]);
    });

    it('orders meetings on the same day by when they were recorded', () => {
      const stalledLast = [
        meeting('2024-04-20', 'continuation', '15'),
        meeting('2024-04-20', 'advance', '08'),
        meeting('2024-04-20', 'continuation', '10'),
      ];
      expect(codes(risksOf(healthyDeal({ meetings: stalledLast })))).toContain('stalled');
      const advancedLast = [
        meeting('2024-04-20', 'continuation', '08'),
        meeting('2024-04-20', 'advance', '15'),
        meeting('2024-04-20', 'continuation', '10'),
      ];
      expect(codes(risksOf(healthyDeal({ meetings: advancedLast })))).not.toContain('stalled');
    });

    it("counts visits logged on the deal with an outcome, but not other deals' or those without one", () => {
      const deal = healthyDeal({ meetings: [meeting('2024-04-10', 'continuation')] });
      const logged = accountWith({ activities: [activity('2024-04-25', { outcome: 'continuation' })] });
      expect(withCode(risksOf(deal, logged), 'stalled')[0]?.params).toEqual({ meetings: 2, since: '2024-04-10' });

      const otherDeal = accountWith({ activities: [activity('2024-04-25', { outcome: 'continuation', dealId: 'other' })] });
      expect(codes(risksOf(deal, otherDeal))).not.toContain('stalled');
      const noOutcome = accountWith({ activities: [activity('2024-04-25', { channel: 'phone' })] });
      expect(codes(risksOf(deal, noOutcome))).not.toContain('stalled');
    });
  });

  describe('noActivity', () => {
    const quiet = (lastMeeting: string) => healthyDeal({ meetings: [meeting(lastMeeting, 'advance')] });

    it('is raised when the last touch is more than 21 days before today', () => {
      expect(withCode(risksOf(quiet('2024-04-09')), 'noActivity')).toEqual([
        { code: 'noActivity', severity: 'medium', params: { lastTouch: '2024-04-09', days: 22, staleAfterDays: 21 } },
      ]);
    });

    it('is not raised at exactly 21 days', () => {
      expect(withCode(risksOf(quiet('2024-04-10')), 'noActivity')).toEqual([]);
    });

    it('counts any activity logged on the deal as a touch, but not one on another deal', () => {
      const deal = quiet('2024-01-15');
      expect(codes(risksOf(deal, accountWith({ activities: [activity('2024-04-28', { channel: 'email' })] })))).not.toContain(
        'noActivity',
      );
      const elsewhere = accountWith({ activities: [activity('2024-04-28', { dealId: 'other' }), activity('2024-04-28', { dealId: null })] });
      expect(withCode(risksOf(deal, elsewhere), 'noActivity')[0]?.params).toMatchObject({ lastTouch: '2024-01-15' });
    });

    it("falls back to the deal's creation date when nothing was ever logged", () => {
      const fresh = healthyDeal({ meetings: [], createdAt: '2024-04-20T23:00:00.000Z' });
      expect(codes(risksOf(fresh))).not.toContain('noActivity');
      const old = healthyDeal({ meetings: [], createdAt: '2024-03-01T10:00:00.000Z' });
      expect(withCode(risksOf(old), 'noActivity')[0]?.params).toEqual({ lastTouch: '2024-03-01', days: 61, staleAfterDays: 21 });
    });

    it('takes its own threshold', () => {
      const deal = quiet('2024-04-30');
      expect(withCode(risksOf(deal, accountWith(), { staleAfterDays: 0 }), 'noActivity')[0]?.params).toEqual({
        lastTouch: '2024-04-30',
        days: 1,
        staleAfterDays: 0,
      });
      expect(codes(risksOf(quiet('2024-05-01'), accountWith(), { staleAfterDays: 0 }))).not.toContain('noActivity');
      expect(codes(risksOf(quiet('2024-01-01'), accountWith(), { staleAfterDays: 365 }))).not.toContain('noActivity');
    });

    it('does not count a touch planned for later: the deal is as cold as its last real one', () => {
      // Today is 2024-05-01; the only meeting is a month ahead, so the deal's own creation counts.
      expect(codes(risksOf(quiet('2024-06-01'), accountWith(), { staleAfterDays: 0 }))).toContain('noActivity');
    });

    it('refuses a negative threshold or a bad now', () => {
      expect(() => risksOf(healthyDeal(), accountWith(), { staleAfterDays: -1 })).toThrow(RangeError);
      expect(() => risksOf(healthyDeal(), accountWith(), { staleAfterDays: Number.NaN })).toThrow(RangeError);
      expect(() => risksOf(healthyDeal(), accountWith(), { now: 'yesterday' })).toThrow(RangeError);
      expect(() => risksOf(healthyDeal(), accountWith(), { now: '2024-02-30' })).toThrow(RangeError);
    });
  });

  describe('closeDatePassed', () => {
    it('is raised from the day after the expected close date', () => {
      expect(withCode(risksOf(healthyDeal({ expectedCloseDate: '2024-04-30' })), 'closeDatePassed')).toEqual([
        { code: 'closeDatePassed', severity: 'medium', params: { expectedCloseDate: '2024-04-30', daysOverdue: 1 } },
      ]);
      expect(withCode(risksOf(healthyDeal({ expectedCloseDate: '2024-03-31' })), 'closeDatePassed')[0]?.params).toEqual({
        expectedCloseDate: '2024-03-31',
        daysOverdue: 31,
      });
    });

    it('is not raised on the close date itself, after it, or without one', () => {
      expect(codes(risksOf(healthyDeal({ expectedCloseDate: '2024-05-01' })))).not.toContain('closeDatePassed');
      expect(codes(risksOf(healthyDeal({ expectedCloseDate: null })))).not.toContain('closeDatePassed');
    });

    it("takes today from the date written in now, the user's own offset included", () => {
      const deal = healthyDeal({ expectedCloseDate: '2024-05-01' });
      expect(codes(risksOf(deal, accountWith(), { now: '2024-05-02T07:00:00+08:00' }))).toContain('closeDatePassed');
      expect(codes(risksOf(deal, accountWith(), { now: '2024-05-01T23:30:00-05:00' }))).not.toContain('closeDatePassed');
      expect(codes(risksOf(deal, accountWith(), { now: '2024-05-02' }))).toContain('closeDatePassed');
    });
  });

  describe('deciderMissing', () => {
    const seatsWithout = (id: string) => healthyDeal().buyingCentre.filter((s) => s.contactId !== id);

    it('is raised when no seat in the deal is the decider', () => {
      expect(withCode(risksOf(healthyDeal({ buyingCentre: seatsWithout('gm') })), 'deciderMissing')).toEqual([
        { code: 'deciderMissing', severity: 'high', params: { reason: 'none' } },
      ]);
    });

    it("goes by the deal's seats, not the role on the map", () => {
      const deal = healthyDeal({ buyingCentre: [...seatsWithout('gm'), { contactId: 'gm', role: 'influencer' }] });
      expect(codes(risksOf(deal))).toContain('deciderMissing');
      const fin = healthyDeal({ buyingCentre: [...seatsWithout('gm'), { contactId: 'fin', role: 'decider' }] });
      expect(codes(risksOf(fin))).not.toContain('deciderMissing');
    });

    it('is raised when the decider has left or is not on the map', () => {
      const left = accountWith({ contacts: contacts({ gm: { leftOn: '2024-04-01' } }) });
      expect(withCode(risksOf(healthyDeal(), left), 'deciderMissing')[0]?.params).toEqual({ reason: 'none' });
      const gone = accountWith({ contacts: contacts().filter((c) => c.id !== 'gm') });
      expect(codes(risksOf(healthyDeal(), gone))).toContain('deciderMissing');
    });

    it('is raised, saying so, when the decider is only a seat we cannot name', () => {
      const seat = accountWith({ contacts: contacts({ gm: { isPlaceholder: true, name: '' } }) });
      expect(withCode(risksOf(healthyDeal(), seat), 'deciderMissing')).toEqual([
        { code: 'deciderMissing', severity: 'high', params: { reason: 'placeholderOnly' } },
      ]);
    });
  });

  describe('opponentInBuyingCentre', () => {
    it('is raised for each opponent seated in the deal, as severe as their influence', () => {
      const account = accountWith({
        contacts: contacts({ fin: { attitude: 'opponent', influence: 'high' }, tech: { attitude: 'opponent', influence: 'low' } }),
      });
      expect(withCode(risksOf(healthyDeal(), account), 'opponentInBuyingCentre')).toEqual([
        { code: 'opponentInBuyingCentre', severity: 'high', params: { contactId: 'fin', role: 'payer' } },
        { code: 'opponentInBuyingCentre', severity: 'low', params: { contactId: 'tech', role: 'authority' } },
      ]);
      const medium = accountWith({ contacts: contacts({ fin: { attitude: 'opponent' } }) });
      expect(withCode(risksOf(healthyDeal(), medium), 'opponentInBuyingCentre')[0]?.severity).toBe('medium');
    });

    it('names a contact seated twice once, and counts an opponent seat we cannot name', () => {
      const deal = healthyDeal({ buyingCentre: [...healthyDeal().buyingCentre, { contactId: 'fin', role: 'influencer' }] });
      const account = accountWith({ contacts: contacts({ fin: { attitude: 'opponent', isPlaceholder: true } }) });
      expect(withCode(risksOf(deal, account), 'opponentInBuyingCentre').map((r) => r.params)).toEqual([
        { contactId: 'fin', role: 'payer' },
      ]);
    });

    it('is not raised for an opponent outside this deal, nor one who has left', () => {
      const outside = accountWith({ contacts: contacts({ rival: { attitude: 'opponent', influence: 'high', role: 'influencer' } }) });
      expect(codes(risksOf(healthyDeal(), outside))).not.toContain('opponentInBuyingCentre');
      const left = accountWith({ contacts: contacts({ fin: { attitude: 'opponent', leftOn: '2024-04-01' } }) });
      expect(codes(risksOf(healthyDeal(), left))).not.toContain('opponentInBuyingCentre');
    });
  });

  describe('noCoach', () => {
    it('is raised when no one in the deal is our coach, higher for a value-added sale', () => {
      const account = accountWith({ contacts: contacts({ tech: { isCoach: false } }) });
      expect(withCode(risksOf(healthyDeal(), account), 'noCoach')).toEqual([{ code: 'noCoach', severity: 'medium', params: {} }]);
      expect(withCode(risksOf(healthyDeal({ saleType: 'valueAdded' }), account), 'noCoach')[0]?.severity).toBe('high');
      expect(withCode(risksOf(healthyDeal({ saleType: 'transactional' }), account), 'noCoach')[0]?.severity).toBe('medium');
    });

    it('is raised when the coach is on the map but not in this deal, has left, or is a placeholder', () => {
      const notSeated = healthyDeal({ buyingCentre: healthyDeal().buyingCentre.filter((s) => s.contactId !== 'tech') });
      expect(codes(risksOf(notSeated))).toContain('noCoach');
      const left = accountWith({ contacts: contacts({ tech: { leftOn: '2024-04-01' } }) });
      expect(codes(risksOf(healthyDeal(), left))).toContain('noCoach');
      const seat = accountWith({ contacts: contacts({ tech: { isPlaceholder: true } }) });
      expect(codes(risksOf(healthyDeal(), seat))).toContain('noCoach');
    });

    it('is not raised when a known coach sits in any role of the deal', () => {
      expect(codes(risksOf(healthyDeal({ saleType: 'valueAdded' })))).not.toContain('noCoach');
    });
  });

  describe('competitorAhead', () => {
    const crit = (id: string, rank: number, importance: number, ourFit: number, competitorFit: number) => ({
      id,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
      rank,
      importance,
      ourFit,
      competitorFit,
    });

    it('is raised when the competitor fits the most important criterion better', () => {
      const deal = healthyDeal({ criteria: [crit('a', 2, 3, 5, 1), crit('b', 1, 5, 2, 4)] });
      expect(withCode(risksOf(deal), 'competitorAhead')).toEqual([
        { code: 'competitorAhead', severity: 'high', params: { criterionId: 'b', ourFit: 2, competitorFit: 4 } },
      ]);
    });

    it('breaks a tie in importance by the better rank, then by stored order', () => {
      const ahead = healthyDeal({ criteria: [crit('a', 2, 5, 5, 1), crit('b', 1, 5, 2, 3)] });
      expect(withCode(risksOf(ahead), 'competitorAhead')[0]?.params.criterionId).toBe('b');
      const behind = healthyDeal({ criteria: [crit('a', 1, 5, 5, 1), crit('b', 2, 5, 2, 3)] });
      expect(codes(risksOf(behind))).not.toContain('competitorAhead');
      const sameRank = healthyDeal({ criteria: [crit('a', 1, 5, 1, 2), crit('b', 1, 5, 5, 1)] });
      expect(withCode(risksOf(sameRank), 'competitorAhead')[0]?.params.criterionId).toBe('a');
    });

    it('is not raised at a draw, when only a less important criterion is behind, or without criteria', () => {
      expect(codes(risksOf(healthyDeal({ criteria: [crit('a', 1, 5, 3, 3)] })))).not.toContain('competitorAhead');
      expect(codes(risksOf(healthyDeal()))).not.toContain('competitorAhead');
      expect(codes(risksOf(healthyDeal({ criteria: [] })))).not.toContain('competitorAhead');
    });
  });

  it('sorts high severity first, in rule order within a severity', () => {
    const deal = healthyDeal({
      buyingCentre: [
        { contactId: 'tech', role: 'authority' },
        { contactId: 'fin', role: 'payer' },
      ],
      meetings: [meeting('2024-03-01', 'continuation'), meeting('2024-03-02', 'continuation')],
      expectedCloseDate: '2024-04-01',
      criteria: [{ id: 'c', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, importance: 5, ourFit: 1, competitorFit: 5 }],
    });
    const account = accountWith({ contacts: contacts({ tech: { isCoach: false }, fin: { attitude: 'opponent', influence: 'low' } }) });
    expect(risksOf(deal, account).map((r) => [r.code, r.severity])).toEqual([
      ['stalled', 'high'],
      ['deciderMissing', 'high'],
      ['competitorAhead', 'high'],
      ['noActivity', 'medium'],
      ['closeDatePassed', 'medium'],
      ['noCoach', 'medium'],
      ['opponentInBuyingCentre', 'low'],
    ]);
    expect(new Set(codes(risksOf(deal, account)))).toEqual(new Set(DEAL_RISK_CODES));
  });
});

describe('dealMeetings and lastTouch', () => {
  it('merge the deal’s meetings with outcome-bearing visits on it, newest first', () => {
    const deal = healthyDeal({ meetings: [meeting('2024-04-01', 'advance'), meeting('2024-04-20', 'noSale')] });
    const account = accountWith({
      activities: [activity('2024-04-10', { outcome: 'order' }), activity('2024-04-30', { channel: 'phone' })],
    });
    expect(dealMeetings(deal, account).map((m) => [m.date, m.outcome])).toEqual([
      ['2024-04-20', 'noSale'],
      ['2024-04-10', 'order'],
      ['2024-04-01', 'advance'],
    ]);
    expect(lastTouch(deal, account)).toBe('2024-04-30');
    expect(lastTouch(healthyDeal({ meetings: [] }), accountWith())).toBe('2024-01-01');
  });

  it('do not count a visit planned for later as a touch, so a cold deal is still flagged', () => {
    const deal = healthyDeal({ meetings: [meeting('2024-03-01', 'advance')] });
    const account = accountWith({ activities: [activity('2024-08-01', { channel: 'visit' })] });
    expect(lastTouch(deal, account, '2024-05-01')).toBe('2024-03-01');
    expect(lastTouch(deal, account)).toBe('2024-08-01');
    expect(withCode(risksOf(deal, account), 'noActivity')[0]?.params).toMatchObject({ lastTouch: '2024-03-01' });
  });
});

describe('the 和美饲料 sample deal', () => {
  const sample = (): Account => accountSchema.parse(buildSampleAccount(makeCtx(), 'zh-CN'));
  const daysAfter = (days: number) => new Date(Date.parse(FIXED_NOW) + days * 86_400_000).toISOString();

  it('has no risks the day it is created: decider, coach, no opponent, ahead on accuracy, visited today', () => {
    const account = sample();
    const [deal] = account.deals;
    if (!deal) throw new Error('the sample has a deal');
    expect(dealRisks(deal, account, { now: FIXED_NOW })).toEqual([]);
    expect(dealRisks(deal, account, { now: daysAfter(21) })).toEqual([]);
  });

  it('goes cold after three weeks without a touch, and shouts when the GM turns against us', () => {
    const account = sample();
    const [deal] = account.deals;
    if (!deal) throw new Error('the sample has a deal');
    expect(dealRisks(deal, account, { now: daysAfter(22) })).toEqual([
      { code: 'noActivity', severity: 'medium', params: { lastTouch: '2024-05-01', days: 22, staleAfterDays: 21 } },
    ]);
    const gm = account.contacts.find((c) => c.name === '黄炳亮');
    const hostile = { ...account, contacts: account.contacts.map((c) => (c === gm ? { ...c, attitude: 'opponent' as const } : c)) };
    expect(dealRisks(deal, hostile, { now: FIXED_NOW })).toEqual([
      { code: 'opponentInBuyingCentre', severity: 'high', params: { contactId: gm?.id, role: 'decider' } },
    ]);
  });
});
