import { describe, expect, it } from 'vitest';
import { dealsByStage, overdueActions, roleCoverageByDeal } from '@shared/deals/board';
import { accountSchema, type Account } from '@shared/model/account';
import { actionSchema, type Action } from '@shared/model/deal';
import { BUYER_ROLES, DEAL_STAGES } from '@shared/model/vocabulary';
import { buildSampleAccount } from '@shared/sample/hemei';
import { FIXED_NOW, makeAccount, makeContact, makeCtx, makeDeal } from '../../../helpers/factories';

const sample = (): Account => accountSchema.parse(buildSampleAccount(makeCtx(), 'zh-CN'));

describe('dealsByStage', () => {
  const deals = [
    makeDeal({ name: 'a', stage: 'prove' }),
    makeDeal({ name: 'b', stage: 'discover' }),
    makeDeal({ name: 'c', stage: 'prove' }),
    makeDeal({ name: 'd', stage: 'won' }),
  ];
  const names = (cols: ReturnType<typeof dealsByStage<(typeof deals)[number]>>) =>
    cols.map((c) => [c.stage, c.deals.map((d) => d.name)]);

  it('makes one column per stage, all six by default, deals in stored order, empty columns kept', () => {
    expect(names(dealsByStage(deals))).toEqual([
      ['discover', ['b']],
      ['investigate', []],
      ['prove', ['a', 'c']],
      ['commit', []],
      ['won', ['d']],
      ['lost', []],
    ]);
    expect(dealsByStage(deals).map((c) => c.stage)).toEqual([...DEAL_STAGES]);
  });

  it('shows only the stages asked for, in their order, each once', () => {
    expect(names(dealsByStage(deals, ['prove', 'discover', 'prove']))).toEqual([
      ['prove', ['a', 'c']],
      ['discover', ['b']],
    ]);
    expect(dealsByStage(deals, [])).toEqual([]);
  });
});

describe('roleCoverageByDeal', () => {
  const gm = makeContact({ id: 'gm', name: 'GM', role: 'decider', stars: 2, attitude: 'neutral' });
  const tech = makeContact({ id: 'tech', name: 'Tech', role: 'authority', stars: 4, attitude: 'supporter' });
  const qa = makeContact({ id: 'qa', name: 'QA', role: 'influencer', stars: 4, attitude: 'neutral' });
  const seat = makeContact({ id: 'seat', name: '', role: 'payer', isPlaceholder: true, stars: 0 });
  const gone = makeContact({ id: 'gone', name: 'Gone', role: 'user', stars: 5, leftOn: '2024-01-01' });
  const contacts = [gm, tech, qa, seat, gone];

  it('gives every open deal a row with all six roles, filled from its own buying centre', () => {
    const account = makeAccount({
      contacts,
      deals: [
        makeDeal({ id: 'd1', name: 'Line', stage: 'prove', buyingCentre: [{ contactId: 'gm', role: 'decider' }] }),
        makeDeal({ id: 'd2', name: 'Closed', stage: 'won', buyingCentre: [{ contactId: 'gm', role: 'decider' }] }),
        makeDeal({ id: 'd3', name: 'Empty', stage: 'discover' }),
        makeDeal({ id: 'd4', name: 'Lost', stage: 'lost' }),
      ],
    });
    const rows = roleCoverageByDeal(account);
    expect(rows.map((r) => r.dealId)).toEqual(['d1', 'd3']);
    expect(rows[0]).toEqual({
      dealId: 'd1',
      dealName: 'Line',
      roles: {
        decider: [{ contactId: 'gm', name: 'GM', attitude: 'neutral', stars: 2, isPlaceholder: false }],
        authority: [],
        influencer: [],
        executor: [],
        user: [],
        payer: [],
      },
    });
    expect(Object.keys(rows[1]?.roles ?? {})).toEqual([...BUYER_ROLES]);
    expect(Object.values(rows[1]?.roles ?? {}).every((cell) => cell.length === 0)).toBe(true);
  });

  it("uses the deal's seat, not the role on the map, and lets one contact sit in two roles", () => {
    const account = makeAccount({
      contacts,
      deals: [
        makeDeal({
          stage: 'commit',
          buyingCentre: [
            { contactId: 'tech', role: 'decider' },
            { contactId: 'tech', role: 'user' },
          ],
        }),
      ],
    });
    const [row] = roleCoverageByDeal(account);
    expect(row?.roles.decider.map((h) => h.contactId)).toEqual(['tech']);
    expect(row?.roles.user.map((h) => h.contactId)).toEqual(['tech']);
    expect(row?.roles.authority).toEqual([]);
  });

  it('skips seats naming a contact not on the map or one who has left, and lists a repeated seat once', () => {
    const account = makeAccount({
      contacts,
      deals: [
        makeDeal({
          stage: 'investigate',
          buyingCentre: [
            { contactId: 'nobody', role: 'decider' },
            { contactId: 'gone', role: 'user' },
            { contactId: 'qa', role: 'influencer' },
            { contactId: 'qa', role: 'influencer' },
          ],
        }),
      ],
    });
    const [row] = roleCoverageByDeal(account);
    expect(row?.roles.decider).toEqual([]);
    expect(row?.roles.user).toEqual([]);
    expect(row?.roles.influencer.map((h) => h.contactId)).toEqual(['qa']);
  });

  it('lists the strongest relationship first and placeholder seats last', () => {
    const account = makeAccount({
      contacts,
      deals: [
        makeDeal({
          stage: 'prove',
          buyingCentre: [
            { contactId: 'seat', role: 'influencer' },
            { contactId: 'gm', role: 'influencer' },
            { contactId: 'qa', role: 'influencer' },
            { contactId: 'tech', role: 'influencer' },
          ],
        }),
      ],
    });
    const [row] = roleCoverageByDeal(account);
    // tech and qa both have four stars; the supporter comes first.
    expect(row?.roles.influencer.map((h) => [h.contactId, h.isPlaceholder])).toEqual([
      ['tech', false],
      ['qa', false],
      ['gm', false],
      ['seat', true],
    ]);
  });

  it('fills all six cells of the 和美饲料 sample deal with its people', () => {
    const rows = roleCoverageByDeal(sample());
    expect(rows).toHaveLength(1);
    const cells = rows[0]?.roles;
    expect(BUYER_ROLES.map((role) => cells?.[role].map((h) => [h.name, h.stars, h.attitude]))).toEqual([
      [['黄炳亮', 2, 'neutral']],
      [['吕文斌', 3, 'supporter']],
      [['杨部长', 1, 'neutral']],
      [['阚方玉', 4, 'supporter']],
      [['黄厂长', 2, 'supporter']],
      [['刘部长', 0, 'unknown']],
    ]);
  });
});

describe('overdueActions', () => {
  let seq = 0;
  const action = (fields: Partial<Action> = {}): Action =>
    actionSchema.parse({ id: `act-${++seq}`, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, what: `do ${seq}`, ...fields });
  const TODAY = '2024-05-01';

  it('lists actions not done that were due before today, with their account and how late they are', () => {
    const late = action({ when: '2024-04-30' });
    const account = makeAccount({ id: 'acc', name: 'Hemei', actions: [late] });
    expect(overdueActions([account], TODAY)).toEqual([
      { accountId: 'acc', accountName: 'Hemei', action: late, dealName: null, daysOverdue: 1 },
    ]);
  });

  it('leaves out actions due today or later, undated, or done', () => {
    const account = makeAccount({
      actions: [
        action({ when: TODAY }),
        action({ when: '2024-05-20' }),
        action({ when: null }),
        action({ when: '2024-01-01', done: true, doneAt: FIXED_NOW }),
      ],
    });
    expect(overdueActions([account], TODAY)).toEqual([]);
  });

  it('leaves out deleted accounts', () => {
    const account = makeAccount({ deletedAt: FIXED_NOW, actions: [action({ when: '2024-01-01' })] });
    expect(overdueActions([account], TODAY)).toEqual([]);
  });

  it('names the linked deal, or none when unlinked or the deal is gone', () => {
    const deal = makeDeal({ id: 'deal-x', name: 'Premix line', stage: 'prove' });
    const account = makeAccount({
      deals: [deal],
      actions: [
        action({ when: '2024-04-01', dealId: 'deal-x' }),
        action({ when: '2024-04-02', dealId: 'deal-removed' }),
        action({ when: '2024-04-03' }),
      ],
    });
    expect(overdueActions([account], TODAY).map((o) => o.dealName)).toEqual(['Premix line', null, null]);
  });

  it('sorts across accounts by due date, then account name, then stored order', () => {
    const b = makeAccount({
      name: 'Beta',
      actions: [action({ what: 'b1', when: '2024-04-10' }), action({ what: 'b2', when: '2024-04-01' })],
    });
    const a = makeAccount({
      name: 'Alpha',
      actions: [action({ what: 'a1', when: '2024-04-10' }), action({ what: 'a2', when: '2024-04-10' })],
    });
    expect(overdueActions([b, a], TODAY).map((o) => [o.action.what, o.daysOverdue])).toEqual([
      ['b2', 30],
      ['a1', 21],
      ['a2', 21],
      ['b1', 21],
    ]);
  });

  it('takes today from a date or a timestamp, and refuses anything else', () => {
    const account = makeAccount({ actions: [action({ when: '2024-05-01' })] });
    expect(overdueActions([account], '2024-05-02T07:00:00+08:00')).toHaveLength(1);
    expect(overdueActions([account], '2024-05-01T23:59:00-05:00')).toHaveLength(0);
    expect(() => overdueActions([account], '05/02/2024')).toThrow(RangeError);
    expect(() => overdueActions([], '2024-13-01')).toThrow(RangeError);
  });

  it("finds the 和美饲料 sample's visit to arrange the day after it was due, not on the day", () => {
    const account = sample();
    expect(overdueActions([account], FIXED_NOW)).toEqual([]);
    const [late] = overdueActions([account], '2024-05-02');
    expect(late).toMatchObject({ accountName: '六和集团 和美饲料公司', dealName: '预混料生产线自动化改造', daysOverdue: 1 });
    expect(late?.action.what).toBe('安排总经理黄炳亮的高层拜访');
  });
});
