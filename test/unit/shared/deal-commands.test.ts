import { beforeEach, describe, expect, it } from 'vitest';
import { actionPatchSchema, dealPatchSchema, performDealCommand, type DealCommand, type DealPatch } from '@shared/commands/deal-commands';
import { planCommandSchema, performPlanCommand, type PlanCommand } from '@shared/commands/plan-commands';
import { AppError } from '@shared/errors';
import type { Account } from '@shared/model/account';
import { influenceLineSchema, type Contact, type InfluenceLine } from '@shared/model/contact';
import { actionSchema, type Action, type Deal } from '@shared/model/deal';
import { ATTITUDES, BUYER_ROLES, DEAL_STAGES, MEETING_OUTCOMES, SALE_TYPES } from '@shared/model/vocabulary';
import { FIXED_NOW, makeAccount, makeContact, makeDeal, resetIds, type ContactInput, type DealInput } from '../../helpers/factories';
import { mulberry32, Rng } from '../../helpers/random';
import { byId, deepFreeze, withoutUpdatedAt } from '../../helpers/compare';

/** When the edit is made. */
const NOW = '2024-06-03T10:00:00.000Z';
/** When it is undone. */
const LATER = '2024-06-04T11:00:00.000Z';
/** When an old deal was closed. */
const CLOSED_LONG_AGO = '2024-03-01T09:30:00.000Z';

beforeEach(() => resetIds());

// ---------------------------------------------------------------------------------------------
// Helpers


/**
 * What must survive an undo: everything but `updatedAt` stamps. With `anyOrder`, the entity lists
 * are compared as sets: an undone removal puts what it restores at the end of its list.
 */
function comparable(a: Account, anyOrder = false): unknown {
  return withoutUpdatedAt(
    anyOrder
      ? { ...a, contacts: byId(a.contacts), influenceLines: byId(a.influenceLines), deals: byId(a.deals), actions: byId(a.actions) }
      : a,
  );
}

/**
 * Performs `cmd`, undoes its result, then redoes `cmd` on the undone account. Checks that the undo
 * passes the command schema as it is, gives back `start`, and that the redo gives what the first
 * perform gave (the redo runs at the same instant, so stamps like closedAt must match too).
 */
function roundTrip(start: Account, cmd: PlanCommand, { undoAnyOrder = false } = {}): Account {
  deepFreeze(start);
  const first = performPlanCommand(start, cmd, NOW);
  deepFreeze(first.account);
  expect(first.account.updatedAt).toBe(NOW);
  expect(planCommandSchema.parse(first.undo)).toEqual(first.undo);
  const undone = performPlanCommand(first.account, first.undo, LATER);
  expect(comparable(undone.account, undoAnyOrder)).toEqual(comparable(start, undoAnyOrder));
  const redone = performPlanCommand(deepFreeze(undone.account), cmd, NOW);
  expect(comparable(redone.account, undoAnyOrder)).toEqual(comparable(first.account, undoAnyOrder));
  return first.account;
}

/** Runs `fn`, which must be refused with an AppError, and returns that error. */
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('The command was accepted, but it should have been refused');
}

/** Performs a command that must be refused with VALIDATION, and checks the account is untouched. */
function expectRefused(account: Account, cmd: PlanCommand, message?: RegExp): void {
  deepFreeze(account);
  const before = structuredClone(account);
  const error = refusal(() => performPlanCommand(account, cmd, NOW));
  expect(error.code).toBe('VALIDATION');
  if (message) expect(error.message).toMatch(message);
  expect(account).toEqual(before);
}

const person = (id: string, fields: Partial<ContactInput> = {}): Contact => makeContact({ id, name: id, ...fields });

function makeAction(id: string, fields: Partial<Record<keyof Action, unknown>> = {}): Action {
  return actionSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, what: `Step ${id}`, ...fields });
}

function makeLine(id: string, fromId: string, toId: string, label = ''): InfluenceLine {
  return influenceLineSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, fromId, toId, label });
}

function deal(a: Account, id: string): Deal {
  const d = a.deals.find((x) => x.id === id);
  if (!d) throw new Error(`No deal ${id} in the account`);
  return d;
}

function action(a: Account, id: string): Action {
  const x = a.actions.find((y) => y.id === id);
  if (!x) throw new Error(`No action ${id} in the account`);
  return x;
}

const dealIds = (a: Account): string[] => a.deals.map((d) => d.id);
const actionIds = (a: Account): string[] => a.actions.map((x) => x.id);

/**
 * 和美 with three deals:
 *
 *   d-feed    investigating, 480k, seats gm (decider), coach (influencer), pm (executor);
 *             a criterion, a competitor, a meeting, a SPIN plan; steps a-visit and a-trial (done)
 *   d-premix  discovering, seats gm (decider), buyer (user); step a-quote
 *   d-won     won in March, no seats
 *
 * plus a-call, a next step linked to no deal.
 */
function hemei(): Account {
  return makeAccount({
    id: 'acc',
    name: '和美饲料公司',
    contacts: [
      person('gm', { name: '黄炳亮', role: 'decider', attitude: 'supporter', influence: 'high' }),
      person('pm', { name: '阚方玉', reportsToId: 'gm', role: 'executor' }),
      person('coach', { name: '吕文斌', reportsToId: 'pm', isCoach: true }),
      person('buyer', { name: '小王', reportsToId: 'pm' }),
    ],
    influenceLines: [makeLine('l-trust', 'coach', 'gm', 'trusts')],
    deals: [
      makeDeal({
        id: 'd-feed',
        name: '饲料添加剂 2024',
        value: 480_000,
        stage: 'investigate',
        probability: 30,
        expectedCloseDate: '2024-09-30',
        owner: '张三',
        saleType: 'valueAdded',
        buyingCentre: [
          { contactId: 'gm', role: 'decider' },
          { contactId: 'coach', role: 'influencer' },
          { contactId: 'pm', role: 'executor' },
        ],
        criteria: [{ id: 'crit-price', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: 'Price', rank: 1, importance: 5, ourFit: 3, competitorFit: 4 }],
        competitors: [{ id: 'comp-1', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: '正大', threat: 'high' }],
        meetings: [{ id: 'm-1', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, date: '2024-04-20', outcome: 'advance' }],
        spin: { situation: 'Two plants, 300k t/year' },
        nineKnows: { structure: true, roles: true },
        winStrategy: 'Trial at the Nanning plant',
      }),
      makeDeal({
        id: 'd-premix',
        name: 'Premix',
        value: 90_000,
        stage: 'discover',
        buyingCentre: [
          { contactId: 'gm', role: 'decider' },
          { contactId: 'buyer', role: 'user' },
        ],
      }),
      makeDeal({ id: 'd-won', name: 'Vitamins 2023', value: 50_000, stage: 'won', closedAt: CLOSED_LONG_AGO }),
    ],
    actions: [
      makeAction('a-visit', { dealId: 'd-feed', when: '2024-05-10', who: '张三', contactIds: ['gm'] }),
      makeAction('a-trial', { dealId: 'd-feed', done: true, doneAt: '2024-04-25T08:00:00.000Z' }),
      makeAction('a-call', { dealId: null, when: '2024-05-20' }),
      makeAction('a-quote', { dealId: 'd-premix', when: '2024-06-01' }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Commands one by one

describe('addDeal', () => {
  it('appends the deal; undo takes it out again and redo puts it back', () => {
    const start = hemei();
    const added = makeDeal({ id: 'd-new', name: 'Enzymes', value: 120_000, buyingCentre: [{ contactId: 'pm', role: 'payer' }] });
    const after = roundTrip(start, { type: 'addDeal', deal: added });
    expect(dealIds(after)).toEqual(['d-feed', 'd-premix', 'd-won', 'd-new']);
    expect(deal(after, 'd-new')).toEqual(added);
    expect(after.actions).toEqual(start.actions);
    expect(after.contacts).toBe(start.contacts);
  });

  it('gives the same result through performDealCommand as through performPlanCommand', () => {
    const start = deepFreeze(hemei());
    const cmd: DealCommand = { type: 'addDeal', deal: makeDeal({ id: 'd-new' }) };
    const direct = performDealCommand(start, cmd, NOW);
    const viaPlan = performPlanCommand(start, cmd, NOW);
    expect(direct).toEqual(viaPlan);
    expect(direct.undo).toEqual({ type: 'removeDeal', id: 'd-new' });
  });

  it("adds the deal's next steps with it; undo takes both out again", () => {
    const start = hemei();
    const steps = [makeAction('a-n1', { dealId: 'd-new', when: '2024-07-01' }), makeAction('a-n2', { dealId: 'd-new' })];
    const after = roundTrip(start, { type: 'addDeal', deal: makeDeal({ id: 'd-new' }), actions: steps });
    expect(dealIds(after)).toContain('d-new');
    expect(actionIds(after)).toEqual([...actionIds(start), 'a-n1', 'a-n2']);
    expect(after.actions.slice(-2)).toEqual(steps);
  });

  it('refuses a deal id that already exists, and changes nothing', () => {
    expectRefused(hemei(), { type: 'addDeal', deal: makeDeal({ id: 'd-premix', name: 'Another' }) }, /already exists/);
  });

  it('refuses next steps whose ids are taken, in the account or twice in the command', () => {
    const start = hemei();
    expectRefused(start, { type: 'addDeal', deal: makeDeal({ id: 'd-new' }), actions: [makeAction('a-visit', { dealId: 'd-new' })] }, /already exists/);
    expectRefused(
      start,
      { type: 'addDeal', deal: makeDeal({ id: 'd-new' }), actions: [makeAction('a-x', { dealId: 'd-new' }), makeAction('a-x', { dealId: 'd-new' })] },
      /already exists/,
    );
  });

  it('refuses next steps that belong to another deal or none, since its undo could not take them back', () => {
    const start = hemei();
    expectRefused(start, { type: 'addDeal', deal: makeDeal({ id: 'd-new' }), actions: [makeAction('a-x', { dealId: 'd-premix' })] }, /must belong/);
    expectRefused(start, { type: 'addDeal', deal: makeDeal({ id: 'd-new' }), actions: [makeAction('a-x', { dealId: null })] }, /must belong/);
  });

  it('refuses a buying-centre seat naming a contact not on the map, and changes nothing', () => {
    const stranger = makeDeal({ id: 'd-new', name: 'Ghost deal', buyingCentre: [{ contactId: 'gm', role: 'decider' }, { contactId: 'nobody', role: 'user' }] });
    expectRefused(hemei(), { type: 'addDeal', deal: stranger }, /not on the map/);
  });
});

describe('removeDeal', () => {
  it('removes the deal and its next steps, keeps the other steps; undo brings both back', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'removeDeal', id: 'd-feed' }, { undoAnyOrder: true });
    expect(dealIds(after)).toEqual(['d-premix', 'd-won']);
    expect(actionIds(after)).toEqual(['a-call', 'a-quote']);

    const { undo } = performPlanCommand(start, { type: 'removeDeal', id: 'd-feed' }, NOW);
    expect(undo).toMatchObject({ type: 'addDeal', deal: deal(start, 'd-feed'), actions: [action(start, 'a-visit'), action(start, 'a-trial')] });
    const undone = performPlanCommand(after, undo, LATER).account;
    // The deal and its steps come back where they stood, so a board column keeps its order.
    expect(undone.deals.map((d) => d.id)).toEqual(start.deals.map((d) => d.id));
    expect(actionIds(undone)).toEqual(actionIds(start));
    expect(deal(undone, 'd-feed')).toEqual(deal(start, 'd-feed'));
    expect(action(undone, 'a-trial')).toEqual(action(start, 'a-trial'));
  });

  it('gives back the exact account when the last deal is removed and restored', () => {
    const after = roundTrip(hemei(), { type: 'removeDeal', id: 'd-won' });
    expect(dealIds(after)).toEqual(['d-feed', 'd-premix']);
    expect(actionIds(after)).toEqual(['a-visit', 'a-trial', 'a-call', 'a-quote']);
  });

  it('refuses an unknown deal id', () => {
    expectRefused(hemei(), { type: 'removeDeal', id: 'd-nope' }, /No deal/);
  });
});

describe('updateDeal', () => {
  it('changes only the keys in the patch: a rename keeps value, criteria, meetings and seats', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'updateDeal', id: 'd-feed', patch: { name: '饲料添加剂 2025' } });
    const before = deal(start, 'd-feed');
    expect(deal(after, 'd-feed')).toEqual({ ...before, name: '饲料添加剂 2025', updatedAt: NOW });
    expect(deal(after, 'd-feed').criteria).toEqual(before.criteria);
    expect(deal(after, 'd-feed').meetings).toEqual(before.meetings);
    expect(deal(after, 'd-feed').value).toBe(480_000);
    // The other deals are the very same objects.
    expect(deal(after, 'd-premix')).toBe(deal(start, 'd-premix'));
  });

  it('keeps absent keys absent when the patch comes through the command schema', () => {
    const start = deepFreeze(hemei());
    const cmd = planCommandSchema.parse({ type: 'updateDeal', id: 'd-feed', patch: { value: 500_000 } });
    expect(cmd).toEqual({ type: 'updateDeal', id: 'd-feed', patch: { value: 500_000 } });
    const after = performPlanCommand(start, cmd, NOW).account;
    expect(deal(after, 'd-feed')).toEqual({ ...deal(start, 'd-feed'), value: 500_000, updatedAt: NOW });
  });

  it('treats a key sent as undefined like an absent key', () => {
    const start = deepFreeze(hemei());
    const patch: DealPatch = { name: 'Renamed', value: undefined, criteria: undefined };
    const { account: after, undo } = performPlanCommand(start, { type: 'updateDeal', id: 'd-feed', patch }, NOW);
    expect(deal(after, 'd-feed')).toEqual({ ...deal(start, 'd-feed'), name: 'Renamed', updatedAt: NOW });
    expect(undo).toEqual({ type: 'updateDeal', id: 'd-feed', patch: { name: '饲料添加剂 2024' } });
  });

  it('replaces a buying centre whole; undo restores the old seats in their order', () => {
    const start = hemei();
    const seats = [
      { contactId: 'buyer', role: 'user' as const },
      { contactId: 'gm', role: 'decider' as const },
    ];
    const after = roundTrip(start, { type: 'updateDeal', id: 'd-feed', patch: { buyingCentre: seats } });
    expect(deal(after, 'd-feed').buyingCentre).toEqual(seats);
  });

  it('stamps closedAt when a deal is won; undo clears it again; redo stamps it again', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won' } });
    expect(deal(after, 'd-feed')).toMatchObject({ stage: 'won', closedAt: NOW });

    const { undo } = performPlanCommand(start, { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won' } }, NOW);
    expect(undo).toEqual({ type: 'updateDeal', id: 'd-feed', patch: { stage: 'investigate', closedAt: null } });
    const undone = performPlanCommand(after, undo, LATER).account;
    expect(deal(undone, 'd-feed')).toMatchObject({ stage: 'investigate', closedAt: null });
  });

  it('stamps closedAt when a deal is lost, too', () => {
    const after = roundTrip(hemei(), { type: 'updateDeal', id: 'd-premix', patch: { stage: 'lost', notes: 'Went to 正大' } });
    expect(deal(after, 'd-premix')).toMatchObject({ stage: 'lost', closedAt: NOW, notes: 'Went to 正大' });
  });

  it('keeps the first closing moment when a won deal is marked lost instead', () => {
    const after = roundTrip(hemei(), { type: 'updateDeal', id: 'd-won', patch: { stage: 'lost' } });
    expect(deal(after, 'd-won')).toMatchObject({ stage: 'lost', closedAt: CLOSED_LONG_AGO });
  });

  it('clears closedAt when a closed deal is reopened; undo puts the old stamp back', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'updateDeal', id: 'd-won', patch: { stage: 'commit' } });
    expect(deal(after, 'd-won')).toMatchObject({ stage: 'commit', closedAt: null });
    const { undo } = performPlanCommand(start, { type: 'updateDeal', id: 'd-won', patch: { stage: 'commit' } }, NOW);
    expect(deal(performPlanCommand(after, undo, LATER).account, 'd-won')).toMatchObject({ stage: 'won', closedAt: CLOSED_LONG_AGO });
  });

  it('does not touch closedAt for a move between open stages', () => {
    const after = roundTrip(hemei(), { type: 'updateDeal', id: 'd-feed', patch: { stage: 'prove' } });
    expect(deal(after, 'd-feed')).toMatchObject({ stage: 'prove', closedAt: null });
  });

  it('uses a closing date given with the stage instead of the present moment', () => {
    const when = '2024-05-31T16:00:00.000Z';
    const after = roundTrip(hemei(), { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won', closedAt: when } });
    expect(deal(after, 'd-feed')).toMatchObject({ stage: 'won', closedAt: when });
  });

  it('refuses a seat naming a contact not on the map, and changes nothing', () => {
    const start = hemei();
    expectRefused(
      start,
      { type: 'updateDeal', id: 'd-feed', patch: { buyingCentre: [{ contactId: 'gm', role: 'decider' }, { contactId: 'nobody', role: 'payer' }] } },
      /not on the map/,
    );
    // Also when the bad seat rides along with a stage change that would have stamped closedAt.
    expectRefused(start, { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won', buyingCentre: [{ contactId: 'ghost', role: 'user' }] } });
  });

  it('refuses an unknown deal id', () => {
    expectRefused(hemei(), { type: 'updateDeal', id: 'd-nope', patch: { name: 'x' } }, /No deal/);
  });
});

describe('addActions', () => {
  it('appends next steps, linked to a deal or to none; undo takes them out again', () => {
    const start = hemei();
    const added = [makeAction('a-demo', { dealId: 'd-premix', when: '2024-06-10' }), makeAction('a-dinner', { dealId: null })];
    const after = roundTrip(start, { type: 'addActions', actions: added });
    expect(actionIds(after)).toEqual([...actionIds(start), 'a-demo', 'a-dinner']);
    expect(after.actions.slice(-2)).toEqual(added);
    expect(after.deals).toBe(start.deals);
  });

  it('refuses ids already taken, in the account or twice in the command', () => {
    const start = hemei();
    expectRefused(start, { type: 'addActions', actions: [makeAction('a-call')] }, /already exists/);
    expectRefused(start, { type: 'addActions', actions: [makeAction('a-x'), makeAction('a-x')] }, /already exists/);
  });

  it('refuses a step linked to a deal that does not exist', () => {
    expectRefused(hemei(), { type: 'addActions', actions: [makeAction('a-x', { dealId: 'd-nope' })] }, /does not exist/);
  });
});

describe('updateAction', () => {
  it('marks a step done and stamps doneAt; undo makes it open again with no stamp', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'updateAction', id: 'a-visit', patch: { done: true } });
    expect(action(after, 'a-visit')).toEqual({ ...action(start, 'a-visit'), done: true, doneAt: NOW, updatedAt: NOW });

    const { undo } = performPlanCommand(start, { type: 'updateAction', id: 'a-visit', patch: { done: true } }, NOW);
    expect(undo).toEqual({ type: 'updateAction', id: 'a-visit', patch: { done: false, doneAt: null } });
  });

  it('clears doneAt when a done step is opened again', () => {
    const after = roundTrip(hemei(), { type: 'updateAction', id: 'a-trial', patch: { done: false } });
    expect(action(after, 'a-trial')).toMatchObject({ done: false, doneAt: null });
  });

  it('keeps the first doneAt when a done step is marked done again', () => {
    const after = roundTrip(hemei(), { type: 'updateAction', id: 'a-trial', patch: { done: true } });
    expect(action(after, 'a-trial').doneAt).toBe('2024-04-25T08:00:00.000Z');
  });

  it('changes only the keys in the patch', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'updateAction', id: 'a-visit', patch: { when: '2024-05-12', where: '南宁工厂' } });
    expect(action(after, 'a-visit')).toEqual({ ...action(start, 'a-visit'), when: '2024-05-12', where: '南宁工厂', updatedAt: NOW });
  });

  it('treats a key sent as undefined like an absent key', () => {
    const start = deepFreeze(hemei());
    const patch = { what: 'Visit the Nanning plant', when: undefined, dealId: undefined };
    const { account: after, undo } = performPlanCommand(start, { type: 'updateAction', id: 'a-visit', patch }, NOW);
    expect(action(after, 'a-visit')).toEqual({ ...action(start, 'a-visit'), what: 'Visit the Nanning plant', updatedAt: NOW });
    expect(undo).toEqual({ type: 'updateAction', id: 'a-visit', patch: { what: 'Step a-visit' } });
  });

  it('moves a step to another deal or to none', () => {
    const start = hemei();
    expect(action(roundTrip(start, { type: 'updateAction', id: 'a-call', patch: { dealId: 'd-premix' } }), 'a-call').dealId).toBe('d-premix');
    expect(action(roundTrip(hemei(), { type: 'updateAction', id: 'a-visit', patch: { dealId: null } }), 'a-visit').dealId).toBeNull();
  });

  it('refuses to link a step to a deal that does not exist', () => {
    expectRefused(hemei(), { type: 'updateAction', id: 'a-call', patch: { dealId: 'd-nope' } }, /does not exist/);
  });

  it('refuses an unknown step id', () => {
    expectRefused(hemei(), { type: 'updateAction', id: 'a-nope', patch: { done: true } }, /No action/);
  });
});

describe('removeActions', () => {
  it('removes the steps; undo brings them back unchanged', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'removeActions', ids: ['a-trial', 'a-quote'] }, { undoAnyOrder: true });
    expect(actionIds(after)).toEqual(['a-visit', 'a-call']);
    expect(after.deals).toBe(start.deals);
    const { undo } = performPlanCommand(start, { type: 'removeActions', ids: ['a-trial', 'a-quote'] }, NOW);
    expect(undo).toEqual({ type: 'addActions', actions: [action(start, 'a-trial'), action(start, 'a-quote')], at: [1, 3] });
    // The undo puts them back where they stood, not at the end.
    expect(actionIds(performPlanCommand(after, undo, LATER).account)).toEqual(actionIds(start));
  });

  it('refuses the whole command when one id is unknown', () => {
    expectRefused(hemei(), { type: 'removeActions', ids: ['a-call', 'a-nope'] }, /do not exist/);
  });
});

describe('batches of deal commands', () => {
  it('adds a deal, its steps and a seat change in one step, and undoes them in one step', () => {
    const start = hemei();
    const after = roundTrip(start, {
      type: 'batch',
      commands: [
        { type: 'addDeal', deal: makeDeal({ id: 'd-new', name: 'Enzymes' }) },
        { type: 'addActions', actions: [makeAction('a-new', { dealId: 'd-new' })] },
        { type: 'updateDeal', id: 'd-new', patch: { buyingCentre: [{ contactId: 'coach', role: 'influencer' }], stage: 'won' } },
        { type: 'updateAction', id: 'a-new', patch: { done: true } },
      ],
    });
    expect(deal(after, 'd-new')).toMatchObject({ stage: 'won', closedAt: NOW, buyingCentre: [{ contactId: 'coach', role: 'influencer' }] });
    expect(action(after, 'a-new')).toMatchObject({ done: true, doneAt: NOW });
  });

  it('refuses the whole batch when a later command fails', () => {
    expectRefused(hemei(), {
      type: 'batch',
      commands: [
        { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won' } },
        { type: 'removeDeal', id: 'd-premix' },
        { type: 'updateDeal', id: 'd-won', patch: { buyingCentre: [{ contactId: 'nobody', role: 'decider' }] } },
      ],
    });
  });
});

describe('removeContacts and the deals they sit in', () => {
  it('takes a contact seated in two deals out of both buying centres; undo restores the seats exactly', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'removeContacts', ids: ['gm'] }, { undoAnyOrder: true });
    expect(deal(after, 'd-feed').buyingCentre).toEqual([
      { contactId: 'coach', role: 'influencer' },
      { contactId: 'pm', role: 'executor' },
    ]);
    expect(deal(after, 'd-premix').buyingCentre).toEqual([{ contactId: 'buyer', role: 'user' }]);
    // Nothing else about the deals changes, and a deal without the contact is the same object.
    expect({ ...deal(after, 'd-feed'), buyingCentre: [] }).toEqual({ ...deal(start, 'd-feed'), buyingCentre: [] });
    expect(deal(after, 'd-won')).toBe(deal(start, 'd-won'));
    expect(dealIds(after)).toEqual(dealIds(start));

    const { undo } = performPlanCommand(start, { type: 'removeContacts', ids: ['gm'] }, NOW);
    const undone = performPlanCommand(after, undo, LATER).account;
    expect(deal(undone, 'd-feed').buyingCentre).toEqual(deal(start, 'd-feed').buyingCentre);
    expect(deal(undone, 'd-premix').buyingCentre).toEqual(deal(start, 'd-premix').buyingCentre);
  });

  it('takes several contacts out at once, including every seat of a deal', () => {
    const start = hemei();
    const after = roundTrip(start, { type: 'removeContacts', ids: ['gm', 'buyer', 'pm'] }, { undoAnyOrder: true });
    expect(deal(after, 'd-feed').buyingCentre).toEqual([{ contactId: 'coach', role: 'influencer' }]);
    expect(deal(after, 'd-premix').buyingCentre).toEqual([]);
  });

  it('leaves the deals alone when the removed contact holds no seat', () => {
    const start = hemei();
    const extra = { ...start, contacts: [...start.contacts, person('clerk', { reportsToId: 'pm' })] };
    const after = roundTrip(extra, { type: 'removeContacts', ids: ['clerk'] }, { undoAnyOrder: true });
    expect(after.deals).toEqual(extra.deals);
    const { undo } = performPlanCommand(extra, { type: 'removeContacts', ids: ['clerk'] }, NOW);
    expect(JSON.stringify(undo)).not.toContain('updateDeal');
  });
});

describe('dealPatchSchema and actionPatchSchema', () => {
  it('fills no defaults for keys that were not sent', () => {
    expect(dealPatchSchema.parse({})).toEqual({});
    expect(dealPatchSchema.parse({ name: 'x' })).toEqual({ name: 'x' });
    expect(actionPatchSchema.parse({ done: true })).toEqual({ done: true });
  });

  it('accepts the edges of the ranges', () => {
    expect(dealPatchSchema.safeParse({ value: 0, probability: 0 }).success).toBe(true);
    expect(dealPatchSchema.safeParse({ probability: 100 }).success).toBe(true);
    expect(dealPatchSchema.safeParse({ probability: null, expectedCloseDate: null, saleType: null, closedAt: null }).success).toBe(true);
  });

  it('rejects unknown keys and the stamps', () => {
    for (const patch of [{ colour: 'red' }, { id: 'd-2' }, { createdAt: NOW }, { updatedAt: NOW }, { name: 'x', extra: 1 }]) {
      expect(dealPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
    for (const patch of [{ priority: 1 }, { id: 'a-2' }, { createdAt: NOW }]) {
      expect(actionPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
  });

  it('rejects a stage, value or probability out of range', () => {
    for (const patch of [{ stage: 'negotiate' }, { stage: null }, { value: -1 }, { value: Number.NaN }, { probability: 100.5 }, { probability: 101 }, { probability: -1 }]) {
      expect(dealPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
    for (const patch of [{ currency: 'rmb' }, { expectedCloseDate: '2024-13-01' }, { closedAt: '2024-06-01' }, { buyingCentre: [{ contactId: 'gm', role: 'boss' }] }]) {
      expect(dealPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
    for (const patch of [{ done: 'yes' }, { when: 'tomorrow' }, { doneAt: '2024-06-01' }]) {
      expect(actionPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
  });

  it('rejects bad deal commands as a whole command', () => {
    const bad: unknown[] = [
      { type: 'updateDeal', id: 'd-feed', patch: { stage: 'negotiate' } },
      { type: 'updateDeal', id: 'd-feed', patch: { value: -5 } },
      { type: 'updateDeal', id: 'd-feed', patch: { probability: 120 } },
      { type: 'updateDeal', id: 'd-feed', patch: { owner: 'x' }, force: true },
      { type: 'addDeal', deal: { id: 'd', createdAt: NOW, updatedAt: NOW, stage: 'negotiate' } },
      { type: 'addDeal', deal: { id: 'd', createdAt: NOW, updatedAt: NOW }, actions: [{ id: 'a' }] },
      { type: 'addActions', actions: [] },
      { type: 'removeActions', ids: [] },
      { type: 'removeDeal', id: '' },
      { type: 'updateAction', id: 'a-visit', patch: { dealId: '' } },
    ];
    for (const cmd of bad) expect(planCommandSchema.safeParse(cmd).success, JSON.stringify(cmd)).toBe(false);
  });

  it('fills deal defaults in addDeal, so that a sparse deal arrives complete', () => {
    const parsed = planCommandSchema.parse({ type: 'addDeal', deal: { id: 'd', createdAt: NOW, updatedAt: NOW } });
    expect(parsed).toEqual({ type: 'addDeal', deal: makeDeal({ id: 'd', name: '', createdAt: NOW, updatedAt: NOW }) });
    if (parsed.type !== 'addDeal') throw new Error('unreachable');
    expect(parsed.deal).toMatchObject({ stage: 'discover', value: 0, currency: 'CNY', closedAt: null, buyingCentre: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Random edit sequences

interface Gen {
  rng: Rng;
  prefix: string;
  seq: number;
}
const freshId = (g: Gen, kind: string): string => `${g.prefix}-${kind}-${++g.seq}`;

const isClosed = (stage: Deal['stage']) => stage === 'won' || stage === 'lost';
const randomDate = (rng: Rng): string => new Date(Date.UTC(2024, rng.int(12), 1 + rng.int(28))).toISOString().slice(0, 10);
const randomStamp = (rng: Rng): string => new Date(Date.UTC(2023, rng.int(12), 1 + rng.int(28), rng.int(24))).toISOString();

function randomContact(g: Gen, bossIds: readonly string[]): Contact {
  const { rng } = g;
  const id = freshId(g, 'contact');
  return makeContact({
    id,
    name: `Person ${id}`,
    reportsToId: bossIds.length && rng.chance(0.8) ? rng.pick(bossIds) : null,
    role: rng.chance(0.6) ? rng.pick(BUYER_ROLES) : null,
    attitude: rng.pick(ATTITUDES),
    isCoach: rng.chance(0.2),
  });
}

function randomSeats(rng: Rng, contacts: readonly Contact[]): Deal['buyingCentre'] {
  if (contacts.length === 0 || rng.chance(0.15)) return [];
  return rng.some(contacts, 4).map((c) => ({ contactId: c.id, role: rng.pick(BUYER_ROLES) }));
}

function randomCriteria(g: Gen): DealInput['criteria'] {
  const { rng } = g;
  return Array.from({ length: rng.int(3) }, (_, i) => ({
    id: freshId(g, 'crit'),
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    name: rng.pick(['Price', 'Quality', 'Service', '交期']),
    rank: i + 1,
    importance: rng.between(1, 5),
    ourFit: rng.between(1, 5),
    competitorFit: rng.between(1, 5),
  }));
}

function randomMeetings(g: Gen): DealInput['meetings'] {
  const { rng } = g;
  return Array.from({ length: rng.int(3) }, () => ({
    id: freshId(g, 'meeting'),
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    date: randomDate(rng),
    outcome: rng.pick(MEETING_OUTCOMES),
  }));
}

function randomDeal(g: Gen, contacts: readonly Contact[]): Deal {
  const { rng } = g;
  const stage = rng.pick(DEAL_STAGES);
  return makeDeal({
    id: freshId(g, 'deal'),
    createdAt: randomStamp(rng),
    name: `Deal ${g.seq}`,
    value: rng.int(1_000_000),
    stage,
    probability: rng.chance(0.5) ? rng.int(101) : null,
    expectedCloseDate: rng.chance(0.6) ? randomDate(rng) : null,
    saleType: rng.chance(0.7) ? rng.pick(SALE_TYPES) : null,
    buyingCentre: randomSeats(rng, contacts),
    criteria: randomCriteria(g),
    meetings: randomMeetings(g),
    closedAt: isClosed(stage) ? randomStamp(rng) : null,
  });
}

function randomAction(g: Gen, account: Account, dealId: string | null): Action {
  const { rng } = g;
  const done = rng.chance(0.3);
  return makeAction(freshId(g, 'action'), {
    what: rng.pick(['Visit', 'Send the quote', '安排试用', 'Dinner']),
    when: rng.chance(0.7) ? randomDate(rng) : null,
    done,
    doneAt: done ? randomStamp(rng) : null,
    dealId,
    contactIds: account.contacts.length && rng.chance(0.5) ? rng.some(account.contacts, 2).map((c) => c.id) : [],
  });
}

function randomDealPatch(g: Gen, account: Account): DealPatch {
  const { rng } = g;
  const setters: Array<() => DealPatch> = [
    () => ({ name: `Renamed ${freshId(g, 'name')}` }),
    () => ({ value: rng.int(2_000_000) }),
    () => ({ stage: rng.pick(DEAL_STAGES) }),
    () => ({ stage: rng.pick(['won', 'lost'] as const) }),
    () => ({ probability: rng.chance(0.3) ? null : rng.int(101) }),
    () => ({ expectedCloseDate: rng.chance(0.3) ? null : randomDate(rng) }),
    () => ({ saleType: rng.chance(0.3) ? null : rng.pick(SALE_TYPES) }),
    () => ({ buyingCentre: randomSeats(rng, account.contacts) }),
    () => ({ criteria: dealPatchSchema.parse({ criteria: randomCriteria(g) }).criteria ?? [] }),
    () => ({ meetings: dealPatchSchema.parse({ meetings: randomMeetings(g) }).meetings ?? [] }),
    () => ({ notes: rng.pick(['', 'Budget approved', '预算已批']) }),
    () => ({ spin: { situation: rng.pick(['', 'Two plants']), problem: 'Yield', implication: '', needPayoff: '' } }),
  ];
  return Object.assign({}, ...rng.some(setters, 3).map((set) => set())) as DealPatch;
}

/** A random command, map or deal, that is valid on `account`. */
function randomCommand(g: Gen, account: Account, depth: number, now: string): PlanCommand {
  const { rng } = g;
  const { contacts, influenceLines: lines, deals, actions } = account;
  const seated = contacts.filter((c) => deals.some((d) => d.buyingCentre.some((s) => s.contactId === c.id)));
  const options: Array<[number, () => PlanCommand]> = [
    [
      contacts.length < 3 ? 40 : 8,
      () => {
        const added: Contact[] = [];
        for (let n = rng.between(1, 2); n > 0; n--) added.push(randomContact(g, [...contacts, ...added].map((c) => c.id)));
        return { type: 'addContacts', contacts: added };
      },
    ],
    [
      deals.length === 0 ? 40 : 12,
      () => {
        const d = randomDeal(g, contacts);
        return rng.chance(0.4)
          ? { type: 'addDeal', deal: d, actions: Array.from({ length: rng.between(1, 2) }, () => randomAction(g, account, d.id)) }
          : { type: 'addDeal', deal: d };
      },
    ],
    [
      10,
      () => ({
        type: 'addActions',
        actions: Array.from({ length: rng.between(1, 3) }, () => randomAction(g, account, deals.length && rng.chance(0.75) ? rng.pick(deals).id : null)),
      }),
    ],
  ];
  if (contacts.length) {
    options.push(
      [
        10,
        () => {
          const first = seated.length && rng.chance(0.7) ? rng.pick(seated) : rng.pick(contacts);
          const more = rng.chance(0.2) && contacts.length > 1 ? rng.some(contacts.filter((c) => c !== first), 2) : [];
          return { type: 'removeContacts', ids: [first, ...more].map((c) => c.id) };
        },
      ],
      [6, () => ({ type: 'updateContact', id: rng.pick(contacts).id, patch: rng.chance(0.5) ? { attitude: rng.pick(ATTITUDES) } : { name: `Renamed ${freshId(g, 'name')}` } })],
      [4, () => ({ type: 'moveContacts', moves: rng.some(contacts, 2).map((c) => ({ id: c.id, position: { x: rng.int(1000), y: rng.int(800) } })) })],
    );
  }
  if (contacts.length >= 2) {
    options.push([
      4,
      () => {
        const [from, to] = rng.two(contacts);
        return { type: 'addLines', lines: [makeLine(freshId(g, 'line'), from.id, to.id, rng.pick(['trusts', 'rival', '']))] };
      },
    ]);
  }
  if (lines.length) options.push([3, () => ({ type: 'removeLines', ids: rng.some(lines, 2).map((l) => l.id) })]);
  if (deals.length) {
    options.push(
      [7, () => ({ type: 'removeDeal', id: rng.pick(deals).id })],
      [24, () => ({ type: 'updateDeal', id: rng.pick(deals).id, patch: randomDealPatch(g, account) })],
    );
  }
  if (actions.length) {
    options.push(
      [
        12,
        () => {
          const a = rng.pick(actions);
          const setters: Array<() => Partial<Action>> = [
            () => ({ done: !a.done }),
            () => ({ done: true }),
            () => ({ what: rng.pick(['Call back', 'Send samples', '回访']) }),
            () => ({ when: rng.chance(0.2) ? null : randomDate(rng) }),
            () => ({ dealId: deals.length && rng.chance(0.8) ? rng.pick(deals).id : null }),
          ];
          return { type: 'updateAction', id: a.id, patch: Object.assign({}, ...rng.some(setters, 2).map((set) => set())) };
        },
      ],
      [6, () => ({ type: 'removeActions', ids: rng.some(actions, 3).map((x) => x.id) })],
    );
  }
  if (depth < 2) {
    options.push([
      8,
      () => {
        const commands: PlanCommand[] = [];
        let current = account;
        for (let n = rng.between(1, 4); n > 0; n--) {
          const cmd = randomCommand(g, current, depth + 1, now);
          current = performPlanCommand(current, cmd, now).account;
          commands.push(cmd);
        }
        return { type: 'batch', commands };
      },
    ]);
  }
  return rng.weighted(options);
}

/** Broken references and stamps: what no sequence of valid commands may ever produce. */
function problems(a: Account): string[] {
  const out: string[] = [];
  const contactIds = new Set(a.contacts.map((c) => c.id));
  const dealIdSet = new Set(a.deals.map((d) => d.id));
  if (dealIdSet.size !== a.deals.length) out.push('duplicate deal ids');
  if (new Set(a.actions.map((x) => x.id)).size !== a.actions.length) out.push('duplicate action ids');
  for (const d of a.deals) {
    for (const s of d.buyingCentre) if (!contactIds.has(s.contactId)) out.push(`${d.id} seats missing contact ${s.contactId}`);
    if (isClosed(d.stage) !== (d.closedAt !== null)) out.push(`${d.id} is ${d.stage} with closedAt ${d.closedAt}`);
  }
  for (const x of a.actions) {
    if (x.dealId !== null && !dealIdSet.has(x.dealId)) out.push(`${x.id} belongs to missing deal ${x.dealId}`);
    if (x.done !== (x.doneAt !== null)) out.push(`${x.id} is done=${x.done} with doneAt ${x.doneAt}`);
  }
  for (const l of a.influenceLines) if (!contactIds.has(l.fromId) || !contactIds.has(l.toId)) out.push(`line ${l.id} has a missing end`);
  return out;
}

/** Deep equality that skips `updatedAt` keys and short-cuts on shared objects. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => k !== 'updatedAt');
  const kb = Object.keys(rb).filter((k) => k !== 'updatedAt');
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && same(ra[k], rb[k]));
}

/** Like `comparable(x, true)` equal to `comparable(y, true)`, but fast. */
function sameState(x: Account, y: Account): boolean {
  const sameSet = <T extends { id: string }>(xs: readonly T[], ys: readonly T[]) => {
    const byKey = new Map(ys.map((v) => [v.id, v]));
    return xs.length === ys.length && byKey.size === ys.length && xs.every((v) => same(v, byKey.get(v.id)));
  };
  const rest = (a: Account) => ({ ...a, contacts: null, influenceLines: null, deals: null, actions: null });
  return (
    sameSet(x.contacts, y.contacts) &&
    sameSet(x.influenceLines, y.influenceLines) &&
    sameSet(x.deals, y.deals) &&
    sameSet(x.actions, y.actions) &&
    same(rest(x), rest(y))
  );
}

const stepTime = (i: number): string => new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString();
const UNDO_TIME = '2025-01-01T00:00:00.000Z';

function flatten(cmd: PlanCommand): PlanCommand[] {
  return cmd.type === 'batch' ? cmd.commands.flatMap(flatten) : [cmd];
}

describe('random edit sequences with deals (seeded)', () => {
  it('undoes 60 sequences of 100+ deal, step and map commands, one step at a time, back to the start', () => {
    const SEQUENCES = 60;
    const seen = new Map<string, number>();
    let totalSteps = 0;
    let dealCommands = 0;
    let seatsLostWithContacts = 0;
    let stepsLostWithDeals = 0;
    let closings = 0;
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const g: Gen = { rng: new Rng(mulberry32(seed)), prefix: `s${seed}`, seq: 0 };
      const contacts: Contact[] = [];
      for (let n = g.rng.between(2, 6); n > 0; n--) contacts.push(randomContact(g, contacts.map((c) => c.id)));
      const start = deepFreeze(makeAccount({ id: `${g.prefix}-account`, contacts }));
      const states: Account[] = [start];
      const commands: PlanCommand[] = [];
      const undos: PlanCommand[] = [];
      const length = g.rng.between(100, 130);

      for (let i = 0; i < length; i++) {
        const before = states[i] as Account;
        const cmd = randomCommand(g, before, 0, stepTime(i));
        const { account, undo } = performPlanCommand(before, cmd, stepTime(i));
        deepFreeze(account);
        const where = `seed ${seed}, step ${i} (${cmd.type})`;
        for (const c of flatten(cmd)) {
          seen.set(c.type, (seen.get(c.type) ?? 0) + 1);
          if (['addDeal', 'removeDeal', 'updateDeal', 'addActions', 'updateAction', 'removeActions'].includes(c.type)) dealCommands++;
        }

        const broken = problems(account);
        if (broken.length) expect(broken, where).toEqual([]);
        // The undo goes over IPC like any other command, so it must pass the schema as it is.
        const parsedUndo = planCommandSchema.safeParse(undo);
        if (!parsedUndo.success) expect(parsedUndo.error.issues, where).toEqual([]);
        else if (!same(parsedUndo.data, undo)) expect(parsedUndo.data, where).toEqual(undo);

        if (cmd.type === 'removeContacts') {
          const gone = new Set(cmd.ids);
          const seatsBefore = before.deals.flatMap((d) => d.buyingCentre.filter((s) => gone.has(s.contactId)));
          seatsLostWithContacts += seatsBefore.length;
          expect(account.deals.map((d) => d.buyingCentre), where).toEqual(before.deals.map((d) => d.buyingCentre.filter((s) => !gone.has(s.contactId))));
        }
        if (cmd.type === 'removeDeal') {
          stepsLostWithDeals += before.actions.filter((x) => x.dealId === cmd.id).length;
          expect(account.actions, where).toEqual(before.actions.filter((x) => x.dealId !== cmd.id));
        }
        if (cmd.type === 'updateDeal' && cmd.patch.stage !== undefined) {
          const was = before.deals.find((d) => d.id === cmd.id);
          if (was && !isClosed(was.stage) && isClosed(cmd.patch.stage)) {
            closings++;
            expect(account.deals.find((d) => d.id === cmd.id)?.closedAt, where).toBe(stepTime(i));
          }
        }
        states.push(account);
        commands.push(cmd);
        undos.push(undo);
      }
      totalSteps += length;

      let current = states[length] as Account;
      for (let i = length - 1; i >= 0; i--) {
        const where = `seed ${seed}, undo of step ${i} (${(commands[i] as PlanCommand).type})`;
        current = deepFreeze(performPlanCommand(current, undos[i] as PlanCommand, UNDO_TIME).account);
        if (!sameState(current, states[i] as Account)) expect(comparable(current, true), where).toEqual(comparable(states[i] as Account, true));
        // Redo from the undone state gives what the step gave the first time.
        const redone = performPlanCommand(current, commands[i] as PlanCommand, stepTime(i)).account;
        if (!sameState(redone, states[i + 1] as Account)) {
          expect(comparable(redone, true), `seed ${seed}, redo of step ${i}`).toEqual(comparable(states[i + 1] as Account, true));
        }
      }
      expect(comparable(current, true), `seed ${seed}`).toEqual(comparable(start, true));
    }

    // The sequences really exercised what they claim to.
    expect(totalSteps).toBeGreaterThanOrEqual(SEQUENCES * 100);
    expect(dealCommands).toBeGreaterThan(SEQUENCES * 50);
    expect(seatsLostWithContacts).toBeGreaterThan(100);
    expect(stepsLostWithDeals).toBeGreaterThan(100);
    expect(closings).toBeGreaterThan(100);
    for (const type of ['addDeal', 'removeDeal', 'updateDeal', 'addActions', 'updateAction', 'removeActions', 'addContacts', 'removeContacts', 'updateContact', 'moveContacts', 'addLines', 'removeLines']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(50);
    }
  });
});
