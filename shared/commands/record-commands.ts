import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../model/common';
import { activitySchema, type Activity } from '../model/deal';
import {
  divisionSchema,
  orderSchema,
  whitespaceMarkSchema,
  type Account,
  type Division,
  type Order,
  type WhitespaceMark,
} from '../model/account';
import { patchShape } from '../model/patch';
import { insertAt, positionsOf } from './list-order';
import { positionsSchema } from './positions';

/**
 * Commands on the account's plain record lists: the activity log, the order history, the group's
 * divisions and the whitespace marks. Each list has the same three commands (add, update,
 * remove), with its own reference checks and, for divisions, the cascade a removal needs.
 */
const LISTS = {
  activities: { schema: activitySchema, one: 'Activity', many: 'Activities' },
  orders: { schema: orderSchema, one: 'Order', many: 'Orders' },
  divisions: { schema: divisionSchema, one: 'Division', many: 'Divisions' },
  whitespaceMarks: { schema: whitespaceMarkSchema, one: 'WhitespaceMark', many: 'WhitespaceMarks' },
} as const;

export type RecordList = keyof typeof LISTS;
interface RecordOf {
  activities: Activity;
  orders: Order;
  divisions: Division;
  whitespaceMarks: WhitespaceMark;
}

export const activityPatchSchema = z.strictObject(patchShape(activitySchema.omit({ id: true, createdAt: true, updatedAt: true })));
export const orderPatchSchema = z.strictObject(patchShape(orderSchema.omit({ id: true, createdAt: true, updatedAt: true })));
export const divisionPatchSchema = z.strictObject(patchShape(divisionSchema.omit({ id: true, createdAt: true, updatedAt: true })));
export const whitespaceMarkPatchSchema = z.strictObject(
  patchShape(whitespaceMarkSchema.omit({ id: true, createdAt: true, updatedAt: true })),
);

const many = <S extends z.ZodType>(s: S) => z.array(s).min(1).max(5000);
const ids = many(idSchema);

export const recordCommandSchemas = [
  z.strictObject({ type: z.literal('addActivities'), records: many(activitySchema), at: positionsSchema }),
  z.strictObject({ type: z.literal('updateActivity'), id: idSchema, patch: activityPatchSchema }),
  z.strictObject({ type: z.literal('removeActivities'), ids }),
  z.strictObject({ type: z.literal('addOrders'), records: many(orderSchema), at: positionsSchema }),
  z.strictObject({ type: z.literal('updateOrder'), id: idSchema, patch: orderPatchSchema }),
  z.strictObject({ type: z.literal('removeOrders'), ids }),
  z.strictObject({ type: z.literal('addDivisions'), records: many(divisionSchema), at: positionsSchema }),
  z.strictObject({ type: z.literal('updateDivision'), id: idSchema, patch: divisionPatchSchema }),
  z.strictObject({ type: z.literal('removeDivisions'), ids }),
  z.strictObject({ type: z.literal('addWhitespaceMarks'), records: many(whitespaceMarkSchema), at: positionsSchema }),
  z.strictObject({ type: z.literal('updateWhitespaceMark'), id: idSchema, patch: whitespaceMarkPatchSchema }),
  z.strictObject({ type: z.literal('removeWhitespaceMarks'), ids }),
] as const;
export type RecordCommand = z.infer<(typeof recordCommandSchemas)[number]>;
/** A record command or a batch of them with other plan commands: what a removal's undo may need. */
export type RecordUndo = RecordCommand | { type: 'batch'; commands: (RecordCommand | DealDivisionUndo)[] };
/** Removing a division takes it off its deals; the undo puts it back with this. */
export interface DealDivisionUndo {
  type: 'updateDeal';
  id: string;
  patch: { divisionId: string | null };
}

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const KIND: Record<RecordCommand['type'], [RecordList, 'add' | 'update' | 'remove']> = {
  addActivities: ['activities', 'add'],
  updateActivity: ['activities', 'update'],
  removeActivities: ['activities', 'remove'],
  addOrders: ['orders', 'add'],
  updateOrder: ['orders', 'update'],
  removeOrders: ['orders', 'remove'],
  addDivisions: ['divisions', 'add'],
  updateDivision: ['divisions', 'update'],
  removeDivisions: ['divisions', 'remove'],
  addWhitespaceMarks: ['whitespaceMarks', 'add'],
  updateWhitespaceMark: ['whitespaceMarks', 'update'],
  removeWhitespaceMarks: ['whitespaceMarks', 'remove'],
};

export const isRecordCommand = (cmd: { type: string }): cmd is RecordCommand => cmd.type in KIND;

/** True when making `parentId` the parent of division `id` would close a loop. */
function divisionCycle(divisions: readonly Division[], id: string, parentId: string | null): boolean {
  const parentOf = new Map(divisions.map((d) => [d.id, d.parentId]));
  for (let at: string | null | undefined = parentId, steps = 0; at; at = parentOf.get(at), steps++) {
    if (at === id || steps > divisions.length) return true;
  }
  return false;
}

/**
 * The references a record makes must point at things in this account. With `changed`, only the
 * references among those keys are checked: an edit of an activity's notes stays possible after
 * its deal was deleted.
 */
function checkRefs(account: Account, list: RecordList, record: RecordOf[RecordList], changed?: ReadonlySet<string>) {
  const touches = (...keys: string[]) => !changed || keys.some((k) => changed.has(k));
  const hasDivision = (id: string | null) => id === null || account.divisions.some((d) => d.id === id);
  switch (list) {
    case 'activities': {
      const a = record as Activity;
      const contacts = new Set(account.contacts.map((c) => c.id));
      if (touches('contactIds') && a.contactIds.some((id) => !contacts.has(id))) fail('The activity names a contact that is not on the map');
      if (touches('dealId') && a.dealId !== null && !account.deals.some((d) => d.id === a.dealId)) {
        fail('The activity belongs to a deal that does not exist');
      }
      return;
    }
    case 'orders': {
      if (touches('divisionId') && !hasDivision((record as Order).divisionId)) fail('The order names a division that does not exist');
      return;
    }
    case 'divisions': {
      const d = record as Division;
      if (touches('parentId') && d.parentId !== null && !account.divisions.some((x) => x.id === d.parentId)) {
        fail(`${d.name}: the parent division does not exist`);
      }
      if (divisionCycle(account.divisions, d.id, d.parentId)) fail(`${d.name}: a division cannot be part of itself`);
      return;
    }
    case 'whitespaceMarks': {
      const m = record as WhitespaceMark;
      if (touches('divisionId') && !hasDivision(m.divisionId)) fail('The whitespace mark names a division that does not exist');
      // Only a mark moving to (or added on) a cell can clash: editing one that shares its cell
      // with another (older data) stays possible.
      const clash =
        touches('divisionId', 'productLineId') &&
        account.whitespaceMarks.some((x) => x.id !== m.id && x.divisionId === m.divisionId && x.productLineId === m.productLineId);
      if (clash) fail('That cell of the whitespace map is already marked');
      return;
    }
  }
}

function addCommand(list: RecordList, records: RecordOf[RecordList][], at?: number[]): RecordCommand {
  const type = `add${LISTS[list].many}` as RecordCommand['type'];
  return { type, records, ...(at ? { at } : {}) } as RecordCommand;
}

/**
 * Applies one record command; returns the new account and the command that undoes it. Pure, and
 * run on both sides like every plan command.
 */
export function performRecordCommand(account: Account, cmd: RecordCommand, now: string): { account: Account; undo: RecordUndo } {
  const [list, op] = KIND[cmd.type];
  const { schema, one, many: plural } = LISTS[list];
  const current = account[list] as RecordOf[RecordList][];
  const touched = (next: Partial<Account>): Account => ({ ...account, ...next, updatedAt: now });

  if (op === 'add') {
    const records = (cmd as { records: RecordOf[RecordList][] }).records;
    const known = new Set(current.map((r) => r.id));
    // The records may refer to one another in any order (an undo restores a part before its parent).
    const staged = { ...account, [list]: [...current, ...records] } as Account;
    for (const r of records) {
      if (known.has(r.id)) fail(`${one} ${r.id} already exists`);
      known.add(r.id);
      checkRefs(staged, list, r);
    }
    const at = (cmd as { at?: number[] }).at;
    return {
      account: touched({ [list]: insertAt(current, records, at) }),
      undo: { type: `remove${plural}`, ids: records.map((r) => r.id) } as RecordCommand,
    };
  }

  if (op === 'update') {
    const { id, patch: raw } = cmd as { id: string; patch: Record<string, unknown> };
    const before = current.find((r) => r.id === id) ?? fail(`No ${one.toLowerCase()} with id ${id}`);
    const patch = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    const after = schema.parse({ ...before, ...patch, updatedAt: now }) as RecordOf[RecordList];
    checkRefs({ ...account, [list]: current.filter((r) => r.id !== id) } as Account, list, after, new Set(Object.keys(patch)));
    if (list === 'divisions' && divisionCycle(account.divisions, id, (after as Division).parentId)) {
      fail(`${(after as Division).name}: a division cannot be part of itself`);
    }
    const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]]));
    return {
      account: touched({ [list]: current.map((r) => (r.id === id ? after : r)) }),
      undo: { type: `update${one}`, id, patch: previous } as RecordCommand,
    };
  }

  const gone = new Set((cmd as { ids: string[] }).ids);
  const removed = current.filter((r) => gone.has(r.id));
  if (removed.length !== gone.size) fail(`Some of these ${plural.toLowerCase()} do not exist`);
  const restore = addCommand(list, removed, positionsOf(current, (r) => gone.has(r.id)));
  if (list !== 'divisions') {
    return { account: touched({ [list]: current.filter((r) => !gone.has(r.id)) }), undo: restore };
  }

  // A removed division's parts, orders and deals move up to its own parent (or the group itself);
  // its whitespace marks go with it. The undo puts every one of them back.
  const divisions = account.divisions;
  const parentOf = (id: string | null): string | null => {
    let at = id;
    while (at && gone.has(at)) at = divisions.find((d) => d.id === at)?.parentId ?? null;
    return at;
  };
  const undo: (RecordCommand | DealDivisionUndo)[] = [restore];
  const keptDivisions = divisions
    .filter((d) => !gone.has(d.id))
    .map((d) => {
      if (!d.parentId || !gone.has(d.parentId)) return d;
      undo.push({ type: 'updateDivision', id: d.id, patch: { parentId: d.parentId } });
      return { ...d, parentId: parentOf(d.parentId), updatedAt: now };
    });
  const orders = account.orders.map((o) => {
    if (!o.divisionId || !gone.has(o.divisionId)) return o;
    undo.push({ type: 'updateOrder', id: o.id, patch: { divisionId: o.divisionId } });
    return { ...o, divisionId: parentOf(o.divisionId), updatedAt: now };
  });
  const deals = account.deals.map((d) => {
    if (!d.divisionId || !gone.has(d.divisionId)) return d;
    undo.push({ type: 'updateDeal', id: d.id, patch: { divisionId: d.divisionId } });
    return { ...d, divisionId: parentOf(d.divisionId), updatedAt: now };
  });
  const droppedMarks = account.whitespaceMarks.filter((m) => m.divisionId !== null && gone.has(m.divisionId));
  if (droppedMarks.length) {
    undo.push(
      addCommand(
        'whitespaceMarks',
        droppedMarks,
        positionsOf(account.whitespaceMarks, (m) => droppedMarks.includes(m)),
      ),
    );
  }
  // Undo runs in order: the divisions first, then what referred to them.
  return {
    account: touched({
      divisions: keptDivisions,
      orders,
      deals,
      whitespaceMarks: account.whitespaceMarks.filter((m) => !droppedMarks.includes(m)),
    }),
    undo: { type: 'batch', commands: undo },
  };
}
