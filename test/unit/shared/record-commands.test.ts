import { beforeEach, describe, expect, it } from 'vitest';
import { performPlanCommand, planCommandSchema, type PlanCommand } from '@shared/commands/plan-commands';
import { AppError } from '@shared/errors';
import type { Account } from '@shared/model/account';
import { FIXED_NOW, makeAccount, makeContact, makeDeal, resetIds } from '../../helpers/factories';
import { deepFreeze, withoutUpdatedAt } from '../../helpers/compare';
import { activity, division, mark, order } from './portfolio/records';

const NOW = '2024-06-03T10:00:00.000Z';
const LATER = '2024-06-04T11:00:00.000Z';

beforeEach(() => resetIds());

/**
 * Performs `cmd`, undoes it, then redoes it on the undone account: the undo must give back
 * `start` (all but `updatedAt` stamps, in the same order) and the redo what the first run gave.
 */
function roundTrip(start: Account, cmd: PlanCommand): Account {
  deepFreeze(start);
  const first = performPlanCommand(start, cmd, NOW);
  expect(first.account.updatedAt).toBe(NOW);
  expect(planCommandSchema.parse(first.undo)).toEqual(first.undo);
  const undone = performPlanCommand(first.account, first.undo, LATER);
  expect(withoutUpdatedAt(undone.account)).toEqual(withoutUpdatedAt(start));
  const redone = performPlanCommand(undone.account, cmd, NOW);
  expect(withoutUpdatedAt(redone.account)).toEqual(withoutUpdatedAt(first.account));
  return first.account;
}

function refused(account: Account, cmd: PlanCommand, message: RegExp): void {
  const before = JSON.stringify(account);
  let error: unknown;
  try {
    performPlanCommand(deepFreeze(account), cmd, NOW);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION');
  expect((error as AppError).message).toMatch(message);
  expect(JSON.stringify(account)).toBe(before);
}

/** Hemei: feed > north > mill, and premix; contacts gm and pm; one deal; records on each list. */
function hemei(): Account {
  return makeAccount({
    id: 'hemei',
    contacts: [makeContact({ id: 'gm', name: 'Huang' }), makeContact({ id: 'pm', name: 'Kan' })],
    deals: [
      makeDeal({ id: 'deal-feed', divisionId: 'feed', productLineId: 'pA' }),
      makeDeal({ id: 'deal-north', divisionId: 'north', productLineId: 'pA' }),
      makeDeal({ id: 'deal-mill', divisionId: 'mill' }),
      makeDeal({ id: 'deal-group' }),
    ],
    divisions: [division('feed', 'Feed'), division('north', 'Feed North', 'feed'), division('mill', 'North Mill', 'north'), division('premix', 'Premix')],
    orders: [
      order('2024-01-01', 100, { id: 'o-feed', divisionId: 'feed' }),
      order('2024-02-01', 200, { id: 'o-north', divisionId: 'north' }),
      order('2024-03-01', 300, { id: 'o-mill', divisionId: 'mill' }),
      order('2024-04-01', 400, { id: 'o-group' }),
    ],
    activities: [
      activity('2024-05-01', { id: 'a1', contactIds: ['gm', 'pm'], dealId: 'deal-feed' }),
      activity('2024-05-02', { id: 'a2', contactIds: ['pm'] }),
      activity('2024-05-03', { id: 'a3', contactIds: ['gm'] }),
    ],
    whitespaceMarks: [
      mark('north', 'pA', 'DSM', 'm-north'),
      mark('mill', 'pB', 'Cargill', 'm-mill'),
      mark(null, 'pB', 'Nutreco', 'm-group'),
      mark('premix', 'pA', 'ADM', 'm-premix'),
    ],
  });
}

describe('record commands: add, update, remove on each list', () => {
  it('adds activities at the end or where an undo says, and takes them back', () => {
    const a = roundTrip(hemei(), { type: 'addActivities', records: [activity('2024-06-01', { id: 'a4', contactIds: ['gm'], channel: 'phone' })] });
    expect(a.activities.map((x) => x.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const at = roundTrip(hemei(), { type: 'addActivities', records: [activity('2024-06-01', { id: 'a0' })], at: [0] });
    expect(at.activities.map((x) => x.id)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('updates an activity and restores its previous fields', () => {
    const a = roundTrip(hemei(), { type: 'updateActivity', id: 'a2', patch: { summary: 'Dinner', contactIds: ['gm'], outcome: 'advance' } });
    expect(a.activities[1]).toMatchObject({ id: 'a2', summary: 'Dinner', contactIds: ['gm'], outcome: 'advance', updatedAt: NOW });
    expect(a.activities[0]).toEqual(hemei().activities[0]);
  });

  it('removes activities and puts them back where they stood', () => {
    const a = roundTrip(hemei(), { type: 'removeActivities', ids: ['a1', 'a3'] });
    expect(a.activities.map((x) => x.id)).toEqual(['a2']);
  });

  it('adds, updates and removes orders', () => {
    expect(roundTrip(hemei(), { type: 'addOrders', records: [order('2024-05-05', 5, { id: 'o-new', divisionId: 'premix' })] }).orders).toHaveLength(5);
    const updated = roundTrip(hemei(), { type: 'updateOrder', id: 'o-group', patch: { amount: 450, divisionId: 'mill', productLineId: 'pC' } });
    expect(updated.orders[3]).toMatchObject({ amount: 450, divisionId: 'mill', productLineId: 'pC' });
    expect(roundTrip(hemei(), { type: 'removeOrders', ids: ['o-north', 'o-feed'] }).orders.map((o) => o.id)).toEqual(['o-mill', 'o-group']);
  });

  it('adds a division with its sub-division in one command, updates and removes divisions', () => {
    const added = roundTrip(hemei(), {
      type: 'addDivisions',
      records: [division('south', 'Feed South', 'feed'), division('south-mill', 'South Mill', 'south')],
    });
    expect(added.divisions.map((d) => d.id)).toEqual(['feed', 'north', 'mill', 'premix', 'south', 'south-mill']);
    // The sub-division may come first in the list.
    const partFirst = roundTrip(hemei(), { type: 'addDivisions', records: [division('east-mill', 'East Mill', 'east'), division('east', 'East')] });
    expect(partFirst.divisions.slice(4).map((d) => [d.id, d.parentId])).toEqual([['east-mill', 'east'], ['east', null]]);
    const moved = roundTrip(hemei(), { type: 'updateDivision', id: 'premix', patch: { parentId: 'mill', name: 'Premix Plant', kind: 'subsidiary' } });
    expect(moved.divisions[3]).toMatchObject({ parentId: 'mill', name: 'Premix Plant', kind: 'subsidiary' });
    expect(roundTrip(hemei(), { type: 'removeDivisions', ids: ['premix'] }).divisions.map((d) => d.id)).toEqual(['feed', 'north', 'mill']);
  });

  it('adds, updates and removes whitespace marks', () => {
    expect(roundTrip(hemei(), { type: 'addWhitespaceMarks', records: [mark('feed', 'pA', 'Alltech', 'm-new')] }).whitespaceMarks).toHaveLength(5);
    const updated = roundTrip(hemei(), { type: 'updateWhitespaceMark', id: 'm-group', patch: { competitor: 'Nutreco China', productLineId: 'pC' } });
    expect(updated.whitespaceMarks[2]).toMatchObject({ competitor: 'Nutreco China', productLineId: 'pC' });
    expect(roundTrip(hemei(), { type: 'removeWhitespaceMarks', ids: ['m-group'] }).whitespaceMarks.map((m) => m.id)).toEqual([
      'm-north',
      'm-mill',
      'm-premix',
    ]);
  });

  it('refuses ids that clash or do not exist', () => {
    refused(hemei(), { type: 'addActivities', records: [activity('2024-06-01', { id: 'a1' })] }, /already exists/);
    refused(hemei(), { type: 'addOrders', records: [order('2024-06-01', 1, { id: 'x' }), order('2024-06-01', 1, { id: 'x' })] }, /already exists/);
    refused(hemei(), { type: 'updateOrder', id: 'nope', patch: { amount: 1 } }, /No order with id nope/);
    refused(hemei(), { type: 'updateDivision', id: 'nope', patch: { name: 'X' } }, /No division/);
    refused(hemei(), { type: 'removeActivities', ids: ['a1', 'nope'] }, /do not exist/);
    refused(hemei(), { type: 'removeWhitespaceMarks', ids: ['nope'] }, /do not exist/);
  });
});

describe('record commands: reference checks', () => {
  it('refuses an activity naming a contact or deal that is not there', () => {
    refused(hemei(), { type: 'addActivities', records: [activity('2024-06-01', { contactIds: ['gm', 'ghost'] })] }, /contact that is not on the map/);
    refused(hemei(), { type: 'addActivities', records: [activity('2024-06-01', { dealId: 'ghost' })] }, /deal that does not exist/);
    refused(hemei(), { type: 'updateActivity', id: 'a1', patch: { contactIds: ['ghost'] } }, /contact that is not on the map/);
    refused(hemei(), { type: 'updateActivity', id: 'a1', patch: { dealId: 'ghost' } }, /deal that does not exist/);
  });

  it('refuses an order or a mark naming a division that is not there', () => {
    refused(hemei(), { type: 'addOrders', records: [order('2024-06-01', 1, { divisionId: 'ghost' })] }, /division that does not exist/);
    refused(hemei(), { type: 'updateOrder', id: 'o-group', patch: { divisionId: 'ghost' } }, /division that does not exist/);
    refused(hemei(), { type: 'addWhitespaceMarks', records: [mark('ghost', 'pA', 'X')] }, /division that does not exist/);
    refused(hemei(), { type: 'updateWhitespaceMark', id: 'm-group', patch: { divisionId: 'ghost' } }, /division that does not exist/);
  });

  it('refuses a second mark on a cell already marked', () => {
    refused(hemei(), { type: 'addWhitespaceMarks', records: [mark('north', 'pA', 'Other')] }, /already marked/);
    refused(hemei(), { type: 'addWhitespaceMarks', records: [mark('feed', 'pC', 'A'), mark('feed', 'pC', 'B')] }, /already marked/);
    refused(hemei(), { type: 'updateWhitespaceMark', id: 'm-premix', patch: { divisionId: 'north' } }, /already marked/);
    // Moving a mark onto a free cell, or keeping its own cell, is fine.
    expect(performPlanCommand(hemei(), { type: 'updateWhitespaceMark', id: 'm-north', patch: { competitor: 'DSM Vitamins' } }, NOW).account.whitespaceMarks[0]?.competitor).toBe('DSM Vitamins');
  });

  it('still lets a mark that shares its cell with another (older data) be edited, but not be moved onto a marked cell', () => {
    const base = hemei();
    const twin = mark('north', 'pA', 'Twin', 'm-twin');
    const account = { ...base, whitespaceMarks: [...base.whitespaceMarks, twin] };
    const edited = performPlanCommand(account, { type: 'updateWhitespaceMark', id: 'm-twin', patch: { notes: 'seen at the fair' } }, NOW).account;
    expect(edited.whitespaceMarks.find((m) => m.id === 'm-twin')?.notes).toBe('seen at the fair');
    refused(account, { type: 'updateWhitespaceMark', id: 'm-twin', patch: { productLineId: 'pA', divisionId: 'north' } }, /already marked/);
  });

  it('refuses a division under a missing parent or under itself', () => {
    refused(hemei(), { type: 'addDivisions', records: [division('x', 'X', 'ghost')] }, /parent division does not exist/);
    refused(hemei(), { type: 'addDivisions', records: [division('a', 'A', 'b'), division('b', 'B', 'a')] }, /cannot be part of itself/);
    refused(hemei(), { type: 'addDivisions', records: [division('self', 'Self', 'self')] }, /cannot be part of itself/);
    refused(hemei(), { type: 'updateDivision', id: 'feed', patch: { parentId: 'mill' } }, /cannot be part of itself/);
    refused(hemei(), { type: 'updateDivision', id: 'north', patch: { parentId: 'north' } }, /parent division does not exist|cannot be part of itself/);
    refused(hemei(), { type: 'updateDivision', id: 'north', patch: { parentId: 'ghost' } }, /parent division does not exist/);
  });
});

describe('activities and deals', () => {
  it('unlinks the activities of a removed deal, and the undo links them again', () => {
    const account = hemei();
    const deal = account.deals[0]!;
    const linked = activity('2024-05-20', { id: 'linked', dealId: deal.id, contactIds: ['gm'] });
    const withLinked = performPlanCommand(account, { type: 'addActivities', records: [linked] }, NOW).account;
    const dealGone = roundTrip(withLinked, { type: 'removeDeal', id: deal.id });
    expect(dealGone.activities.find((a) => a.id === 'linked')?.dealId).toBeNull();
  });

  it('lets an activity with a stale deal link (older data) be edited, but not be linked to a missing deal', () => {
    const stale = activity('2024-05-20', { id: 'stale', dealId: 'deal-long-gone', contactIds: ['gm'] });
    const account = { ...hemei(), activities: [stale] };
    const edited = roundTrip(account, { type: 'updateActivity', id: 'stale', patch: { notes: 'Still worth keeping', hospitality: true } });
    expect(edited.activities[0]).toMatchObject({ notes: 'Still worth keeping', hospitality: true, dealId: 'deal-long-gone' });
    refused(account, { type: 'updateActivity', id: 'stale', patch: { dealId: 'nowhere' } }, /deal/);
  });
});

describe('deals and divisions', () => {
  it('refuses a deal, new or edited, placed in a division that is not there, and accepts a real one', () => {
    const account = hemei();
    refused(account, { type: 'addDeal', deal: makeDeal({ id: 'new', divisionId: 'nowhere' }) }, /division/);
    const deal = account.deals[0]!;
    refused(account, { type: 'updateDeal', id: deal.id, patch: { divisionId: 'nowhere' } }, /division/);
    const moved = roundTrip(account, { type: 'updateDeal', id: deal.id, patch: { divisionId: 'mill' } });
    expect(moved.deals[0]?.divisionId).toBe('mill');
  });
});

describe('removing divisions', () => {
  it('moves parts, orders and deals up to the parent, drops its marks, and the undo restores everything', () => {
    const a = roundTrip(hemei(), { type: 'removeDivisions', ids: ['north'] });
    expect(a.divisions.map((d) => [d.id, d.parentId])).toEqual([
      ['feed', null],
      ['mill', 'feed'],
      ['premix', null],
    ]);
    expect(a.orders.map((o) => [o.id, o.divisionId])).toEqual([
      ['o-feed', 'feed'],
      ['o-north', 'feed'],
      ['o-mill', 'mill'],
      ['o-group', null],
    ]);
    expect(a.deals.map((d) => [d.id, d.divisionId])).toEqual([
      ['deal-feed', 'feed'],
      ['deal-north', 'feed'],
      ['deal-mill', 'mill'],
      ['deal-group', null],
    ]);
    expect(a.whitespaceMarks.map((m) => m.id)).toEqual(['m-mill', 'm-group', 'm-premix']);
  });

  it('moves everything to the group when a division and its parent go together', () => {
    const a = roundTrip(hemei(), { type: 'removeDivisions', ids: ['feed', 'north'] });
    expect(a.divisions.map((d) => [d.id, d.parentId])).toEqual([
      ['mill', null],
      ['premix', null],
    ]);
    expect(a.orders.map((o) => o.divisionId)).toEqual([null, null, 'mill', null]);
    expect(a.deals.map((d) => d.divisionId)).toEqual([null, null, 'mill', null]);
    expect(a.whitespaceMarks.map((m) => m.id)).toEqual(['m-mill', 'm-group', 'm-premix']);
  });

  it('removes a whole branch and its marks, and undoes it', () => {
    const a = roundTrip(hemei(), { type: 'removeDivisions', ids: ['mill', 'feed', 'north'] });
    expect(a.divisions.map((d) => d.id)).toEqual(['premix']);
    expect(a.orders.every((o) => o.divisionId === null)).toBe(true);
    expect(a.whitespaceMarks.map((m) => m.id)).toEqual(['m-group', 'm-premix']);
  });

  it('undoes the removal of a part listed before its parent, both removed together', () => {
    // premix is listed last; put north under it, so the part stands before its parent in the list.
    const start = performPlanCommand(hemei(), { type: 'updateDivision', id: 'north', patch: { parentId: 'premix' } }, FIXED_NOW).account;
    const a = roundTrip(start, { type: 'removeDivisions', ids: ['north', 'premix'] });
    expect(a.divisions.map((d) => [d.id, d.parentId])).toEqual([
      ['feed', null],
      ['mill', null],
    ]);
  });
});

describe('removing a contact', () => {
  it('takes them off the activities that named them, and the undo names them again', () => {
    const a = roundTrip(hemei(), { type: 'removeContacts', ids: ['gm'] });
    expect(a.activities.map((x) => [x.id, x.contactIds])).toEqual([
      ['a1', ['pm']],
      ['a2', ['pm']],
      ['a3', []],
    ]);
    // The activities stay: only the name goes.
    expect(a.activities.map((x) => x.summary)).toEqual(hemei().activities.map((x) => x.summary));
  });
});
