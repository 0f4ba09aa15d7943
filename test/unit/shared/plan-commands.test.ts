import { beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { planCommandSchema, performPlanCommand, wouldCycle, wouldCycleSeat, type ContactPatch, type PlanCommand } from '@shared/commands/plan-commands';
import { AppError } from '@shared/errors';
import type { Account } from '@shared/model/account';
import { influenceLineSchema, type Contact, type InfluenceLine } from '@shared/model/contact';
import { ATTITUDES, BUYER_ROLES, CONTACT_LEVELS, INFLUENCE_LEVELS } from '@shared/model/vocabulary';
import { FIXED_NOW, makeAccount, makeContact, resetIds, type ContactInput } from '../../helpers/factories';
import { mulberry32, Rng } from '../../helpers/random';
import { byId, deepFreeze, withoutUpdatedAt } from '../../helpers/compare';

/** When the edit is made. */
const NOW = '2024-06-03T10:00:00.000Z';
/** When it is undone. */
const LATER = '2024-06-04T11:00:00.000Z';
/** A judgement confirmed long before the edit. */
const OLD_STAMP = '2024-01-15T09:00:00.000Z';

beforeEach(() => resetIds());

// ---------------------------------------------------------------------------------------------
// Helpers


/**
 * What must survive an undo: everything but `updatedAt` stamps. With `anyOrder`, contacts and lines
 * are compared as sets: an undone removal puts the restored ones at the end of their lists.
 */
function comparable(a: Account, anyOrder = false): unknown {
  return withoutUpdatedAt(anyOrder ? { ...a, contacts: byId(a.contacts), influenceLines: byId(a.influenceLines) } : a);
}

/**
 * Performs `cmd`, undoes its result, then redoes `cmd` on the undone account. Checks that the undo
 * gives back `start` and the redo gives what the first perform gave. The redo runs at the same
 * instant as the first perform, so stamped judgement dates (`confirmedAt`) must match too.
 */
function roundTrip(start: Account, cmd: PlanCommand, { undoAnyOrder = false } = {}): Account {
  deepFreeze(start);
  const first = performPlanCommand(start, cmd, NOW);
  expect(first.account.updatedAt).toBe(NOW);
  expect(planCommandSchema.parse(first.undo)).toEqual(first.undo);
  const undone = performPlanCommand(first.account, first.undo, LATER);
  expect(comparable(undone.account, undoAnyOrder)).toEqual(comparable(start, undoAnyOrder));
  const redone = performPlanCommand(undone.account, cmd, NOW);
  expect(comparable(redone.account)).toEqual(comparable(first.account));
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

function find(a: Account, id: string): Contact {
  const c = a.contacts.find((x) => x.id === id);
  if (!c) throw new Error(`No contact ${id} in the account`);
  return c;
}

const bosses = (a: Account): Record<string, string | null> => Object.fromEntries(a.contacts.map((c) => [c.id, c.reportsToId]));
const contactIds = (a: Account): string[] => a.contacts.map((c) => c.id);
const lineIds = (a: Account): string[] => a.influenceLines.map((l) => l.id);

function makeLine(id: string, fromId: string, toId: string, label = ''): InfluenceLine {
  return influenceLineSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, fromId, toId, label });
}

const person = (id: string, reportsToId: string | null, extra: Partial<ContactInput> = {}): Contact =>
  makeContact({ id, name: id, reportsToId, ...extra });

/**
 * A small buying centre:
 *
 *   gm ─┬─ tech ── engineer
 *       ├─ pm ──┬─ buyer
 *       │       └─ clerk
 *       ├─ fin (took over the seat of oldFin)
 *       └─ oldFin (left)
 *
 * Informal lines: tech→gm "trusts", buyer→engineer "rival", fin→pm "former colleague",
 * pm→fin "owes a favour".
 */
function buyingCentre(): Account {
  return makeAccount({
    id: 'acc',
    name: '和美饲料公司',
    contacts: [
      person('gm', null, {
        name: '黄炳亮',
        title: '总经理',
        role: 'decider',
        attitude: 'supporter',
        influence: 'high',
        stars: 3,
        confirmedAt: { attitude: OLD_STAMP, influence: null, stars: OLD_STAMP },
        position: { x: 0, y: 0 },
      }),
      person('tech', 'gm', { name: '吕文斌', department: '技术部', role: 'authority', attitude: 'neutral' }),
      person('engineer', 'tech'),
      person('pm', 'gm', { name: '阚方玉', department: '采购部', role: 'executor', position: { x: 200, y: 120 } }),
      person('buyer', 'pm', { position: { x: 160, y: 240 } }),
      person('clerk', 'pm'),
      person('oldFin', 'gm', { leftOn: '2023-12-31' }),
      person('fin', 'gm', { name: '刘部长', role: 'payer', successorOfId: 'oldFin' }),
    ],
    influenceLines: [
      makeLine('l-trust', 'tech', 'gm', 'trusts'),
      makeLine('l-rival', 'buyer', 'engineer', 'rival'),
      makeLine('l-former', 'fin', 'pm', 'former colleague'),
      makeLine('l-favour', 'pm', 'fin', 'owes a favour'),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Commands one by one

describe('addContacts', () => {
  it('appends the contacts; undo takes them out again and redo puts them back', () => {
    const start = buyingCentre();
    const qc = person('qc', 'gm', { name: '杨部长', department: '质检部', role: 'influencer' });
    const inspector = person('inspector', 'qc');
    const after = roundTrip(start, { type: 'addContacts', contacts: [qc, inspector] });
    expect(contactIds(after)).toEqual([...contactIds(start), 'qc', 'inspector']);
    expect(find(after, 'qc')).toEqual(qc);
    expect(find(after, 'inspector').reportsToId).toBe('qc');
  });

  it('refuses an id that already exists, in the account or twice in the command', () => {
    const start = buyingCentre();
    expectRefused(start, { type: 'addContacts', contacts: [person('pm', null)] }, /already exists/);
    expectRefused(start, { type: 'addContacts', contacts: [person('new', null), person('new', 'gm')] }, /already exists/);
  });

  it('refuses a boss or a previous seat holder that does not exist', () => {
    const start = buyingCentre();
    expectRefused(start, { type: 'addContacts', contacts: [person('new', 'nobody')] }, /reports to a contact that does not exist/);
    expectRefused(
      start,
      { type: 'addContacts', contacts: [person('new', null, { successorOfId: 'nobody' })] },
      /succeeds a contact that does not exist/,
    );
  });

  it('refuses new contacts that report to each other in a loop', () => {
    expectRefused(buyingCentre(), { type: 'addContacts', contacts: [person('a', 'b'), person('b', 'a')] }, /loop/);
  });
});

describe('removeContacts', () => {
  it("moves a removed manager's reports up to the manager's own boss; undo restores the original reports-to", () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'removeContacts', ids: ['pm'] }, { undoAnyOrder: true });
    expect(contactIds(after)).not.toContain('pm');
    expect(find(after, 'buyer').reportsToId).toBe('gm');
    expect(find(after, 'clerk').reportsToId).toBe('gm');
    // Everyone else keeps their boss.
    const others = Object.entries(bosses(start)).filter(([id]) => !['pm', 'buyer', 'clerk'].includes(id));
    expect(bosses(after)).toMatchObject(Object.fromEntries(others));

    const undone = performPlanCommand(after, performPlanCommand(start, { type: 'removeContacts', ids: ['pm'] }, NOW).undo, LATER).account;
    expect(bosses(undone)).toEqual(bosses(start));
    expect(find(undone, 'pm')).toEqual(find(start, 'pm'));
  });

  it('moves reports past every removed level of a chain, to the top when the whole chain goes', () => {
    const start = buyingCentre();
    const midChain = roundTrip(start, { type: 'removeContacts', ids: ['tech', 'pm'] }, { undoAnyOrder: true });
    expect(bosses(midChain)).toMatchObject({ engineer: 'gm', buyer: 'gm', clerk: 'gm' });

    const topChain = roundTrip(start, { type: 'removeContacts', ids: ['gm', 'pm'] }, { undoAnyOrder: true });
    expect(bosses(topChain)).toEqual({ tech: null, engineer: 'tech', buyer: null, clerk: null, oldFin: null, fin: null });
  });

  it('removes the influence lines touching a removed contact, in either direction; undo restores them', () => {
    const start = buyingCentre();
    const first = performPlanCommand(deepFreeze(start), { type: 'removeContacts', ids: ['fin'] }, NOW);
    expect(lineIds(first.account)).toEqual(['l-trust', 'l-rival']);
    const undone = performPlanCommand(first.account, first.undo, LATER).account;
    expect(byId(undone.influenceLines)).toEqual(byId(start.influenceLines));
    roundTrip(start, { type: 'removeContacts', ids: ['fin'] }, { undoAnyOrder: true });
  });

  it("clears a successor's link to a removed previous seat holder; undo restores it", () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'removeContacts', ids: ['oldFin'] }, { undoAnyOrder: true });
    expect(find(after, 'fin').successorOfId).toBeNull();
    const { undo } = performPlanCommand(start, { type: 'removeContacts', ids: ['oldFin'] }, NOW);
    expect(find(performPlanCommand(after, undo, LATER).account, 'fin').successorOfId).toBe('oldFin');
  });

  it('removes everyone at once and brings everyone back', () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'removeContacts', ids: contactIds(start) }, { undoAnyOrder: true });
    expect(after.contacts).toEqual([]);
    expect(after.influenceLines).toEqual([]);
  });

  it('refuses an id that is not in the account and removes nothing', () => {
    expectRefused(buyingCentre(), { type: 'removeContacts', ids: ['pm', 'nobody'] }, /do not exist/);
  });
});

describe('updateContact', () => {
  it('changes the patched fields and stamps the contact; undo and redo', () => {
    const start = buyingCentre();
    const after = roundTrip(start, {
      type: 'updateContact',
      id: 'tech',
      patch: { name: '吕文斌 (Lü)', title: '技术部长', isCoach: true, level: 'management', notes: 'Met at the trade fair' },
    });
    expect(find(after, 'tech')).toEqual({
      ...find(start, 'tech'),
      name: '吕文斌 (Lü)',
      title: '技术部长',
      isCoach: true,
      level: 'management',
      notes: 'Met at the trade fair',
      updatedAt: NOW,
    });
    // Other contacts are the very same objects.
    expect(find(after, 'gm')).toBe(find(start, 'gm'));
  });

  it('moves a contact to another boss, or to the top; undo puts it back', () => {
    const start = buyingCentre();
    expect(find(roundTrip(start, { type: 'updateContact', id: 'buyer', patch: { reportsToId: 'tech' } }), 'buyer').reportsToId).toBe('tech');
    expect(find(roundTrip(start, { type: 'updateContact', id: 'pm', patch: { reportsToId: null } }), 'pm').reportsToId).toBeNull();
  });

  it('refuses a reports-to that closes a loop (A→B→A, longer loops, self) and changes nothing', () => {
    const start = buyingCentre();
    // tech reports to gm: gm may not report to tech.
    expectRefused(start, { type: 'updateContact', id: 'gm', patch: { reportsToId: 'tech' } }, /reports to them/);
    // buyer → pm → gm: gm may not report to buyer.
    expectRefused(start, { type: 'updateContact', id: 'gm', patch: { reportsToId: 'buyer' } }, /reports to them/);
    expectRefused(start, { type: 'updateContact', id: 'pm', patch: { reportsToId: 'pm' } }, /reports to them/);
  });

  it('refuses an unknown contact, boss or previous seat holder', () => {
    const start = buyingCentre();
    expectRefused(start, { type: 'updateContact', id: 'nobody', patch: { name: 'X' } }, /No contact with id nobody/);
    expectRefused(start, { type: 'updateContact', id: 'pm', patch: { reportsToId: 'nobody' } }, /No contact with id nobody/);
    expectRefused(start, { type: 'updateContact', id: 'pm', patch: { successorOfId: 'nobody' } }, /No contact with id nobody/);
  });

  it('refuses a contact succeeding themselves, or a loop of successions', () => {
    const start = buyingCentre();
    expectRefused(start, { type: 'updateContact', id: 'pm', patch: { successorOfId: 'pm' } }, /cannot take over a seat/);
    const chained = performPlanCommand(start, { type: 'updateContact', id: 'pm', patch: { successorOfId: 'fin' } }, LATER).account;
    expectRefused(chained, { type: 'updateContact', id: 'fin', patch: { successorOfId: 'pm' } }, /cannot take over a seat/);
    expectRefused(start, { type: 'addContacts', contacts: [person('me', null, { successorOfId: 'me' })] }, /succession would form a loop/);
  });

  it('refuses out-of-range values (6 stars) through the contact schema and changes nothing', () => {
    const start = deepFreeze(buyingCentre());
    const before = structuredClone(start);
    expect(() => performPlanCommand(start, { type: 'updateContact', id: 'pm', patch: { stars: 6 } }, NOW)).toThrow(ZodError);
    expect(start).toEqual(before);
  });

  it('stamps confirmedAt.attitude with the time of a changed attitude; undo restores the old stamp', () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'updateContact', id: 'gm', patch: { attitude: 'opponent' } });
    expect(find(after, 'gm').attitude).toBe('opponent');
    expect(find(after, 'gm').confirmedAt).toEqual({ attitude: NOW, influence: null, stars: OLD_STAMP });

    const { account, undo } = performPlanCommand(start, { type: 'updateContact', id: 'gm', patch: { attitude: 'opponent' } }, NOW);
    const undone = find(performPlanCommand(account, undo, LATER).account, 'gm');
    expect(undone.attitude).toBe('supporter');
    expect(undone.confirmedAt.attitude).toBe(OLD_STAMP);
  });

  it('stamps influence and stars when they change, and only those that change', () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'updateContact', id: 'gm', patch: { influence: 'low', stars: 3, attitude: 'supporter' } });
    // stars and attitude were already 3 and supporter: their stamps stay.
    expect(find(after, 'gm').confirmedAt).toEqual({ attitude: OLD_STAMP, influence: NOW, stars: OLD_STAMP });
    const renamed = roundTrip(start, { type: 'updateContact', id: 'gm', patch: { name: '黄总' } });
    expect(find(renamed, 'gm').confirmedAt).toEqual(find(start, 'gm').confirmedAt);
  });

  it('keeps confirmedAt given in the patch rather than stamping over it', () => {
    const start = buyingCentre();
    const confirmedAt = { attitude: '2024-05-20T00:00:00.000Z', influence: null, stars: null };
    const after = roundTrip(start, { type: 'updateContact', id: 'gm', patch: { attitude: 'neutral', confirmedAt } });
    expect(find(after, 'gm').confirmedAt).toEqual(confirmedAt);
  });
});

describe('moveContacts', () => {
  it('places, moves and unplaces contacts; undo puts them back where they were', () => {
    const start = buyingCentre();
    const after = roundTrip(start, {
      type: 'moveContacts',
      moves: [
        { id: 'gm', position: { x: 10.5, y: -20 } },
        { id: 'clerk', position: { x: 300, y: 400 } },
        { id: 'buyer', position: null },
      ],
    });
    expect(find(after, 'gm').position).toEqual({ x: 10.5, y: -20 });
    expect(find(after, 'clerk').position).toEqual({ x: 300, y: 400 });
    expect(find(after, 'buyer').position).toBeNull();
    expect(find(after, 'pm').position).toEqual({ x: 200, y: 120 });
  });

  it('refuses to move a contact that does not exist', () => {
    expectRefused(buyingCentre(), { type: 'moveContacts', moves: [{ id: 'gm', position: { x: 1, y: 1 } }, { id: 'nobody', position: null }] });
  });
});

describe('addLines', () => {
  it('adds lines between contacts; undo removes them', () => {
    const start = buyingCentre();
    const line = makeLine('l-new', 'clerk', 'gm', 'nephew of');
    const after = roundTrip(start, { type: 'addLines', lines: [line] });
    expect(after.influenceLines).toEqual([...start.influenceLines, line]);
  });

  it('refuses a line from a contact to itself, to an unknown contact, or with a taken id', () => {
    const start = buyingCentre();
    expectRefused(start, { type: 'addLines', lines: [makeLine('l-x', 'pm', 'pm')] }, /two different contacts/);
    expectRefused(start, { type: 'addLines', lines: [makeLine('l-x', 'pm', 'nobody')] }, /two contacts of this account/);
    expectRefused(start, { type: 'addLines', lines: [makeLine('l-x', 'nobody', 'pm')] }, /two contacts of this account/);
    expectRefused(start, { type: 'addLines', lines: [makeLine('l-trust', 'pm', 'gm')] }, /already exists/);
    expectRefused(start, { type: 'addLines', lines: [makeLine('l-x', 'pm', 'gm'), makeLine('l-x', 'gm', 'pm')] }, /already exists/);
  });
});

describe('removeLines', () => {
  it('removes the lines and no contact; undo restores them', () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'removeLines', ids: ['l-rival', 'l-favour'] }, { undoAnyOrder: true });
    expect(lineIds(after)).toEqual(['l-trust', 'l-former']);
    expect(after.contacts).toBe(start.contacts);
  });

  it('refuses an unknown line id', () => {
    expectRefused(buyingCentre(), { type: 'removeLines', ids: ['l-trust', 'l-nope'] }, /do not exist/);
  });
});

describe('updateLine', () => {
  it('relabels a line and stamps it; undo restores the label', () => {
    const start = buyingCentre();
    const after = roundTrip(start, { type: 'updateLine', id: 'l-rival', patch: { label: 'former rival' } });
    const line = after.influenceLines.find((l) => l.id === 'l-rival');
    expect(line).toMatchObject({ label: 'former rival', updatedAt: NOW, fromId: 'buyer', toId: 'engineer' });
  });

  it('refuses an unknown line id', () => {
    expectRefused(buyingCentre(), { type: 'updateLine', id: 'l-nope', patch: { label: 'x' } }, /No line/);
  });
});

describe('batch', () => {
  it('runs its commands in order, each seeing the one before, and undoes them all in one step', () => {
    const start = buyingCentre();
    const after = roundTrip(start, {
      type: 'batch',
      commands: [
        { type: 'addContacts', contacts: [person('qc', 'gm')] },
        { type: 'addLines', lines: [makeLine('l-qc', 'qc', 'tech', 'reports defects to')] },
        { type: 'updateContact', id: 'engineer', patch: { reportsToId: 'qc', stars: 2 } },
        { type: 'removeContacts', ids: ['tech'] },
      ],
    }, { undoAnyOrder: true });
    // The line to tech went with tech; engineer had moved under qc before tech went.
    expect(lineIds(after)).toEqual(['l-rival', 'l-former', 'l-favour']);
    expect(find(after, 'engineer')).toMatchObject({ reportsToId: 'qc', stars: 2 });
    expect(find(after, 'engineer').confirmedAt.stars).toBe(NOW);
  });

  it('refuses the whole batch when one command fails', () => {
    expectRefused(buyingCentre(), {
      type: 'batch',
      commands: [
        { type: 'updateContact', id: 'pm', patch: { name: 'Renamed' } },
        { type: 'updateContact', id: 'gm', patch: { reportsToId: 'clerk' } },
      ],
    });
  });

  it('undoes nested batches', () => {
    const start = buyingCentre();
    const after = roundTrip(start, {
      type: 'batch',
      commands: [
        { type: 'batch', commands: [{ type: 'moveContacts', moves: [{ id: 'gm', position: null }] }] },
        { type: 'batch', commands: [{ type: 'batch', commands: [{ type: 'updateLine', id: 'l-trust', patch: { label: 'distrusts' } }] }] },
      ],
    });
    expect(find(after, 'gm').position).toBeNull();
    expect(after.influenceLines[0]?.label).toBe('distrusts');
  });
});

describe('wouldCycle', () => {
  const { contacts } = buyingCentre();
  it('is true for a boss among the contact itself or its reports, at any depth', () => {
    expect(wouldCycle(contacts, 'gm', 'gm')).toBe(true);
    expect(wouldCycle(contacts, 'gm', 'tech')).toBe(true);
    expect(wouldCycle(contacts, 'gm', 'engineer')).toBe(true);
    expect(wouldCycle(contacts, 'pm', 'clerk')).toBe(true);
  });
  it('is false for the top, a sibling, an ancestor or a stranger', () => {
    expect(wouldCycle(contacts, 'pm', null)).toBe(false);
    expect(wouldCycle(contacts, 'pm', 'tech')).toBe(false);
    expect(wouldCycle(contacts, 'engineer', 'gm')).toBe(false);
    expect(wouldCycle(contacts, 'buyer', 'engineer')).toBe(false);
    expect(wouldCycle(contacts, 'buyer', 'nobody')).toBe(false);
  });
  it('stops on an org chart that already has a loop', () => {
    const looped = [person('a', 'b'), person('b', 'a'), person('c', null)];
    expect(wouldCycle(looped, 'c', 'a')).toBe(true);
  });
});

describe('planCommandSchema', () => {
  it('rejects unknown command types', () => {
    expect(planCommandSchema.safeParse({ type: 'explode', ids: ['a'] }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'batch', commands: [{ type: 'explode' }] }).success).toBe(false);
    expect(planCommandSchema.safeParse({ ids: ['a'] }).success).toBe(false);
  });

  it('rejects extra keys on a command, a move, or a patch', () => {
    expect(planCommandSchema.safeParse({ type: 'removeContacts', ids: ['a'], force: true }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'batch', commands: [], note: 'x' }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'moveContacts', moves: [{ id: 'a', position: null, z: 1 }] }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'updateContact', id: 'a', patch: { id: 'b' } }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'updateContact', id: 'a', patch: { createdAt: NOW } }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'updateLine', id: 'l', patch: { label: 'x', fromId: 'a' } }).success).toBe(false);
  });

  it('rejects out-of-range values and empty lists', () => {
    expect(planCommandSchema.safeParse({ type: 'updateContact', id: 'a', patch: { stars: 6 } }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'updateContact', id: 'a', patch: { attitude: 'hostile' } }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'removeContacts', ids: [] }).success).toBe(false);
    expect(planCommandSchema.safeParse({ type: 'moveContacts', moves: [{ id: 'a', position: { x: Infinity, y: 0 } }] }).success).toBe(false);
  });

  it('accepts nested batches and gives them back unchanged', () => {
    const cmd: PlanCommand = {
      type: 'batch',
      commands: [
        { type: 'removeContacts', ids: ['a'] },
        { type: 'batch', commands: [{ type: 'batch', commands: [{ type: 'updateLine', id: 'l', patch: { label: 'trusts' } }] }, { type: 'batch', commands: [] }] },
      ],
    };
    expect(planCommandSchema.parse(cmd)).toEqual(cmd);
  });

  it('fills contact defaults in addContacts, so that a sparse contact arrives complete', () => {
    const parsed = planCommandSchema.parse({ type: 'addContacts', contacts: [{ id: 'a', createdAt: NOW, updatedAt: NOW }] });
    expect(parsed).toEqual({ type: 'addContacts', contacts: [makeContact({ id: 'a', name: '', createdAt: NOW, updatedAt: NOW })] });
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

function randomStamp(rng: Rng): string | null {
  return rng.chance(0.5) ? null : new Date(Date.UTC(2023, rng.int(12), 1 + rng.int(28), rng.int(24))).toISOString();
}

function randomContact(g: Gen, id: string, bossIds: readonly string[], seatIds: readonly string[]): Contact {
  const { rng } = g;
  return makeContact({
    id,
    name: `Person ${id}`,
    title: rng.pick(['总经理', '技术部长', '采购员', '财务部长', '']),
    reportsToId: bossIds.length && rng.chance(0.8) ? rng.pick(bossIds) : null,
    successorOfId: seatIds.length && rng.chance(0.15) ? rng.pick(seatIds) : null,
    role: rng.chance(0.6) ? rng.pick(BUYER_ROLES) : null,
    level: rng.chance(0.5) ? rng.pick(CONTACT_LEVELS) : null,
    attitude: rng.pick(ATTITUDES),
    influence: rng.pick(INFLUENCE_LEVELS),
    stars: rng.int(6),
    confirmedAt: { attitude: randomStamp(rng), influence: randomStamp(rng), stars: randomStamp(rng) },
    position: rng.chance(0.7) ? { x: rng.int(2000) - 1000, y: rng.int(1200) } : null,
  });
}

function randomLine(g: Gen, contacts: readonly Contact[]): InfluenceLine {
  const [from, to] = g.rng.two(contacts);
  return makeLine(freshId(g, 'line'), from.id, to.id, g.rng.pick(['trusts', 'rival', 'former colleague', '']));
}

function randomAccount(g: Gen): Account {
  const contacts: Contact[] = [];
  for (let n = g.rng.between(3, 12); n > 0; n--) {
    const ids = contacts.map((c) => c.id);
    contacts.push(randomContact(g, freshId(g, 'contact'), ids, ids));
  }
  const influenceLines = Array.from({ length: g.rng.int(contacts.length) }, () => randomLine(g, contacts));
  return makeAccount({ id: `${g.prefix}-account`, contacts, influenceLines });
}

/** The contact itself and everyone below it in the org chart. */
function selfAndReports(contacts: readonly Contact[], id: string): Set<string> {
  const bossOf = new Map(contacts.map((c) => [c.id, c.reportsToId]));
  const under = new Set<string>();
  for (const c of contacts) {
    for (let at: string | null | undefined = c.id, steps = 0; at && steps <= contacts.length; at = bossOf.get(at), steps++) {
      if (at === id) {
        under.add(c.id);
        break;
      }
    }
  }
  return under;
}

function randomPatch(g: Gen, account: Account, id: string): ContactPatch {
  const { rng } = g;
  const others = account.contacts.filter((c) => c.id !== id);
  const setters: Array<() => ContactPatch> = [
    () => ({ name: `Renamed ${freshId(g, 'name')}` }),
    () => ({ attitude: rng.pick(ATTITUDES) }),
    () => ({ influence: rng.pick(INFLUENCE_LEVELS) }),
    () => ({ stars: rng.int(6) }),
    () => ({ isCoach: rng.chance(0.5) }),
    () => ({ role: rng.chance(0.8) ? rng.pick(BUYER_ROLES) : null }),
    () => ({ notes: rng.pick(['', 'likes golf', '喜欢钓鱼']) }),
    () => {
      const under = selfAndReports(account.contacts, id);
      const allowed = account.contacts.filter((c) => !under.has(c.id));
      return { reportsToId: allowed.length && rng.chance(0.85) ? rng.pick(allowed).id : null };
    },
    () => {
      // A seat can be taken over from anyone but those who (in turn) took it over from this one.
      const allowed = others.filter((c) => !wouldCycleSeat(account.contacts, id, c.id));
      return { successorOfId: allowed.length && rng.chance(0.7) ? rng.pick(allowed).id : null };
    },
    () => ({ confirmedAt: { attitude: randomStamp(rng), influence: randomStamp(rng), stars: randomStamp(rng) } }),
  ];
  return Object.assign({}, ...rng.some(setters, 3).map((set) => set())) as ContactPatch;
}

/** A random command that is valid on `account`. */
function randomCommand(g: Gen, account: Account, depth: number, now: string): PlanCommand {
  const { rng } = g;
  const { contacts, influenceLines: lines } = account;
  const options: Array<[number, () => PlanCommand]> = [
    [
      contacts.length < 4 ? 60 : 14,
      () => {
        const added: Contact[] = [];
        for (let n = rng.between(1, 3); n > 0; n--) {
          const ids = [...contacts, ...added].map((c) => c.id);
          added.push(randomContact(g, freshId(g, 'contact'), ids, ids));
        }
        return { type: 'addContacts', contacts: added };
      },
    ],
  ];
  if (contacts.length) {
    const managers = contacts.filter((c) => contacts.some((o) => o.reportsToId === c.id));
    options.push(
      [
        14,
        () => {
          const first = managers.length && rng.chance(0.7) ? rng.pick(managers) : rng.pick(contacts);
          const more = rng.chance(0.2) && contacts.length > 1 ? rng.some(contacts.filter((c) => c !== first), 2) : [];
          return { type: 'removeContacts', ids: [first, ...more].map((c) => c.id) };
        },
      ],
      [
        25,
        () => {
          const id = rng.pick(contacts).id;
          return { type: 'updateContact', id, patch: randomPatch(g, account, id) };
        },
      ],
      [
        10,
        () => ({
          type: 'moveContacts',
          moves: rng.some(contacts, 3).map((c) => ({ id: c.id, position: rng.chance(0.85) ? { x: rng.int(3000) - 1500, y: rng.int(2000) } : null })),
        }),
      ],
    );
  }
  if (contacts.length >= 2) options.push([10, () => ({ type: 'addLines', lines: Array.from({ length: rng.between(1, 2) }, () => randomLine(g, contacts)) })]);
  if (lines.length) {
    options.push(
      [7, () => ({ type: 'removeLines', ids: rng.some(lines, 2).map((l) => l.id) })],
      [6, () => ({ type: 'updateLine', id: rng.pick(lines).id, patch: { label: rng.pick(['trusts', 'rival', '老同学', '']) } })],
    );
  }
  if (depth < 2) {
    options.push([
      10,
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

/** Broken references in an account: what no sequence of valid commands may ever produce. */
function problems(a: Account): string[] {
  const out: string[] = [];
  const ids = new Set(a.contacts.map((c) => c.id));
  if (ids.size !== a.contacts.length) out.push('duplicate contact ids');
  const bossOf = new Map(a.contacts.map((c) => [c.id, c.reportsToId]));
  for (const c of a.contacts) {
    if (c.reportsToId !== null && !ids.has(c.reportsToId)) out.push(`${c.id} reports to missing ${c.reportsToId}`);
    if (c.successorOfId !== null && !ids.has(c.successorOfId)) out.push(`${c.id} succeeds missing ${c.successorOfId}`);
    if (wouldCycleSeat(a.contacts, c.id, c.successorOfId)) out.push(`${c.id} is in a succession loop`);
    let steps = 0;
    for (let at: string | null | undefined = c.reportsToId; at; at = bossOf.get(at)) {
      if (++steps > a.contacts.length) {
        out.push(`${c.id} is in a reports-to loop`);
        break;
      }
    }
  }
  if (new Set(a.influenceLines.map((l) => l.id)).size !== a.influenceLines.length) out.push('duplicate line ids');
  for (const l of a.influenceLines) {
    if (!ids.has(l.fromId) || !ids.has(l.toId)) out.push(`line ${l.id} has a missing end`);
    if (l.fromId === l.toId) out.push(`line ${l.id} joins a contact to itself`);
  }
  return out;
}

/** Who each remaining contact should report to once `gone` are removed: the nearest boss left. */
function expectedBossesAfterRemoving(a: Account, gone: ReadonlySet<string>): Record<string, string | null> {
  const bossOf = new Map(a.contacts.map((c) => [c.id, c.reportsToId]));
  const out: Record<string, string | null> = {};
  for (const c of a.contacts) {
    if (gone.has(c.id)) continue;
    let at = c.reportsToId;
    while (at !== null && gone.has(at)) at = bossOf.get(at) ?? null;
    out[c.id] = at;
  }
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
  return (
    sameSet(x.contacts, y.contacts) &&
    sameSet(x.influenceLines, y.influenceLines) &&
    same({ ...x, contacts: null, influenceLines: null }, { ...y, contacts: null, influenceLines: null })
  );
}

const stepTime = (i: number): string => new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString();
const UNDO_TIME = '2025-01-01T00:00:00.000Z';

describe('random edit sequences (seeded)', () => {
  it('undoes 200 sequences of 100+ valid commands, one step at a time, back to the start', () => {
    const SEQUENCES = 200;
    const seen = new Set<string>();
    let totalSteps = 0;
    let managersRemovedUnderABoss = 0;
    // A quick check first (states share most objects); on a mismatch toEqual says what differs.
    const quick = (x: Account, y: Account) => !sameState(x, y);
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const g: Gen = { rng: new Rng(mulberry32(seed)), prefix: `s${seed}`, seq: 0 };
      const start = deepFreeze(randomAccount(g));
      const states: Account[] = [start];
      const commands: PlanCommand[] = [];
      const undos: PlanCommand[] = [];
      const length = g.rng.between(100, 130);

      for (let i = 0; i < length; i++) {
        const before = states[i] as Account;
        const cmd = randomCommand(g, before, 0, stepTime(i));
        const { account, undo } = performPlanCommand(before, cmd, stepTime(i));
        deepFreeze(account);
        seen.add(cmd.type);
        if (cmd.type === 'batch') for (const c of cmd.commands) seen.add(`batch:${c.type}`);

        const where = `seed ${seed}, step ${i} (${cmd.type})`;
        const broken = problems(account);
        if (broken.length) expect(broken, where).toEqual([]);
        // The undo goes over IPC like any other command, so it must pass the schema as it is.
        const parsedUndo = planCommandSchema.safeParse(undo);
        if (!parsedUndo.success) expect(parsedUndo.error.issues, where).toEqual([]);
        else if (!same(parsedUndo.data, undo)) expect(parsedUndo.data, where).toEqual(undo);
        if (cmd.type === 'removeContacts') {
          const gone = new Set(cmd.ids);
          expect(bosses(account), where).toEqual(expectedBossesAfterRemoving(before, gone));
          managersRemovedUnderABoss += before.contacts.filter(
            (c) => gone.has(c.id) && c.reportsToId !== null && !gone.has(c.reportsToId) && before.contacts.some((o) => o.reportsToId === c.id && !gone.has(o.id)),
          ).length;
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
        if (quick(current, states[i] as Account)) expect(comparable(current, true), where).toEqual(comparable(states[i] as Account, true));
        // Redo from the undone state gives what the step gave the first time.
        const redone = performPlanCommand(current, commands[i] as PlanCommand, stepTime(i)).account;
        if (quick(redone, states[i + 1] as Account)) {
          expect(comparable(redone, true), `seed ${seed}, redo of step ${i}`).toEqual(comparable(states[i + 1] as Account, true));
        }
      }
      expect(comparable(current, true), `seed ${seed}`).toEqual(comparable(start, true));
    }

    expect(totalSteps).toBeGreaterThanOrEqual(SEQUENCES * 100);
    expect(managersRemovedUnderABoss).toBeGreaterThan(100);
    for (const type of ['addContacts', 'removeContacts', 'updateContact', 'moveContacts', 'addLines', 'removeLines', 'updateLine', 'batch']) {
      expect(seen, type).toContain(type);
      if (type !== 'batch') expect(seen, `batch:${type}`).toContain(`batch:${type}`);
    }
  });
});

describe('order after undo', () => {
  it('puts removed contacts and lines back where they stood, so the map lays out as before', () => {
    const a = makeAccount({
      contacts: ['a', 'b', 'c', 'd', 'e'].map((id) => makeContact({ id, name: id.toUpperCase(), reportsToId: id === 'a' ? null : 'a' })),
      influenceLines: [
        { id: 'l1', createdAt: NOW, updatedAt: NOW, fromId: 'b', toId: 'c', label: '' },
        { id: 'l2', createdAt: NOW, updatedAt: NOW, fromId: 'd', toId: 'e', label: '' },
        { id: 'l3', createdAt: NOW, updatedAt: NOW, fromId: 'c', toId: 'e', label: '' },
      ],
    });
    const { account: after, undo } = performPlanCommand(a, { type: 'removeContacts', ids: ['b', 'd'] }, NOW);
    expect(after.contacts.map((c) => c.id)).toEqual(['a', 'c', 'e']);
    const undone = performPlanCommand(after, undo, LATER).account;
    expect(undone.contacts.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(undone.influenceLines.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
  });
});
