import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../model/common';
import { patchShape } from '../model/patch';
import { dealCommandSchemas, performDealCommand } from './deal-commands';
import { isRecordCommand, performRecordCommand, recordCommandSchemas } from './record-commands';
import { insertAt, positionsOf } from './list-order';
import { positionsSchema } from './positions';
import { contactSchema, influenceLineSchema, type Contact, type InfluenceLine } from '../model/contact';
import type { Account } from '../model/account';

/**
 * Fields of a contact an edit may set (everything but identity and stamps). Absent keys stay
 * absent: a patch that arrived with every default filled in would reset the whole contact.
 */
export const contactPatchSchema = z.strictObject(patchShape(contactSchema.omit({ id: true, createdAt: true, updatedAt: true })));
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const linePatchSchema = z.strictObject({ label: z.string().trim().max(200) });

const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const base = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('addContacts'), contacts: z.array(contactSchema).min(1).max(5000), at: positionsSchema }),
  z.strictObject({ type: z.literal('removeContacts'), ids: z.array(idSchema).min(1).max(5000) }),
  z.strictObject({ type: z.literal('updateContact'), id: idSchema, patch: contactPatchSchema }),
  z.strictObject({
    type: z.literal('moveContacts'),
    moves: z.array(z.strictObject({ id: idSchema, position: positionSchema.nullable() })).min(1).max(5000),
  }),
  z.strictObject({ type: z.literal('addLines'), lines: z.array(influenceLineSchema).min(1).max(5000), at: positionsSchema }),
  z.strictObject({ type: z.literal('removeLines'), ids: z.array(idSchema).min(1).max(5000) }),
  z.strictObject({ type: z.literal('updateLine'), id: idSchema, patch: linePatchSchema }),
  ...dealCommandSchemas,
  ...recordCommandSchemas,
]);

export type PlanCommand = z.infer<typeof base> | { type: 'batch'; commands: PlanCommand[] };

/** Zod schema of an editor command (recursive through `batch`). */
export const planCommandSchema: z.ZodType<PlanCommand> = z.lazy(() =>
  z.union([base, z.strictObject({ type: z.literal('batch'), commands: z.array(planCommandSchema).max(5000) })]),
);

export interface Performed {
  account: Account;
  /** The command that takes this one back. */
  undo: PlanCommand;
}

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

function contactById(account: Account, id: string): Contact {
  return account.contacts.find((c) => c.id === id) ?? fail(`No contact with id ${id}`);
}

/** True when making `bossId` the boss of `id` would close a loop in the org chart. */
export function wouldCycle(contacts: readonly Contact[], id: string, bossId: string | null): boolean {
  const bossOf = new Map(contacts.map((c) => [c.id, c.reportsToId]));
  for (let at: string | null | undefined = bossId, steps = 0; at; at = bossOf.get(at), steps++) {
    if (at === id || steps > contacts.length) return true;
  }
  return false;
}

/** True when making `id` the successor of `predecessorId` would close a loop of successions (or name itself). */
export function wouldCycleSeat(contacts: readonly Contact[], id: string, predecessorId: string | null): boolean {
  const predecessorOf = new Map(contacts.map((c) => [c.id, c.successorOfId]));
  for (let at: string | null | undefined = predecessorId, steps = 0; at; at = predecessorOf.get(at), steps++) {
    if (at === id || steps > contacts.length) return true;
  }
  return false;
}

function checkLine(contacts: readonly Contact[], l: Pick<InfluenceLine, 'fromId' | 'toId'>) {
  if (l.fromId === l.toId) fail('An influence line needs two different contacts');
  if (!contacts.some((c) => c.id === l.fromId) || !contacts.some((c) => c.id === l.toId)) {
    fail('An influence line must join two contacts of this account');
  }
}

/** Patches values that the judgement dates follow: a changed judgement counts as confirmed now. */
function withConfirmation(before: Contact, patch: ContactPatch, now: string): ContactPatch {
  if (patch.confirmedAt) return patch;
  const keys = (['attitude', 'influence', 'stars'] as const).filter((k) => k in patch && patch[k] !== before[k]);
  if (keys.length === 0) return patch;
  return { ...patch, confirmedAt: { ...before.confirmedAt, ...Object.fromEntries(keys.map((k) => [k, now])) } };
}

/**
 * Applies one editor command to an account and returns the new account and the command that
 * undoes it. Pure: the renderer runs it for instant feedback and the main process runs the very
 * same command on its copy; an undo is just another command through the same path.
 */
export function performPlanCommand(account: Account, cmd: PlanCommand, now: string): Performed {
  const touched = (a: Account): Account => ({ ...a, updatedAt: now });
  switch (cmd.type) {
    case 'batch': {
      let current = account;
      const undos: PlanCommand[] = [];
      for (const c of cmd.commands) {
        const r = performPlanCommand(current, c, now);
        current = r.account;
        undos.unshift(r.undo);
      }
      return { account: current, undo: { type: 'batch', commands: undos } };
    }
    case 'addContacts': {
      const ids = new Set(account.contacts.map((c) => c.id));
      for (const c of cmd.contacts) {
        if (ids.has(c.id)) fail(`A contact with id ${c.id} already exists`);
        ids.add(c.id);
      }
      const contacts = insertAt(account.contacts, cmd.contacts, cmd.at);
      for (const c of cmd.contacts) {
        if (c.reportsToId !== null && !ids.has(c.reportsToId)) fail(`${c.name || c.id} reports to a contact that does not exist`);
        if (c.successorOfId !== null && !ids.has(c.successorOfId)) fail(`${c.name || c.id} succeeds a contact that does not exist`);
      }
      for (const c of cmd.contacts) if (wouldCycle(contacts, c.id, c.reportsToId)) fail(`${c.name || c.id}: reports-to would form a loop`);
      for (const c of cmd.contacts) if (wouldCycleSeat(contacts, c.id, c.successorOfId)) fail(`${c.name || c.id}: the succession would form a loop`);
      return {
        account: touched({ ...account, contacts }),
        undo: { type: 'removeContacts', ids: cmd.contacts.map((c) => c.id) },
      };
    }
    case 'removeContacts': {
      const gone = new Set(cmd.ids);
      const removed = account.contacts.filter((c) => gone.has(c.id));
      if (removed.length !== gone.size) fail('Some of these contacts do not exist');
      // Reports of a removed manager move up to the manager's own boss, as on a whiteboard.
      const bossOf = (id: string | null): string | null => {
        let at = id;
        while (at && gone.has(at)) at = account.contacts.find((c) => c.id === at)?.reportsToId ?? null;
        return at;
      };
      const reparented: PlanCommand[] = [];
      const contacts = account.contacts
        .filter((c) => !gone.has(c.id))
        .map((c) => {
          const seatFrom = c.successorOfId && gone.has(c.successorOfId) ? null : c.successorOfId;
          if ((c.reportsToId && gone.has(c.reportsToId)) || seatFrom !== c.successorOfId) {
            reparented.push({
              type: 'updateContact',
              id: c.id,
              patch: { reportsToId: c.reportsToId, successorOfId: c.successorOfId },
            });
            return { ...c, reportsToId: bossOf(c.reportsToId), successorOfId: seatFrom };
          }
          return c;
        });
      const lines = account.influenceLines.filter((l) => !gone.has(l.fromId) && !gone.has(l.toId));
      const removedLines = account.influenceLines.filter((l) => gone.has(l.fromId) || gone.has(l.toId));
      // A removed person also leaves the buying centres of the deals they sat in.
      const seated = account.deals.filter((d) => d.buyingCentre.some((s) => gone.has(s.contactId)));
      const deals = account.deals.map((d) =>
        seated.includes(d) ? { ...d, buyingCentre: d.buyingCentre.filter((s) => !gone.has(s.contactId)) } : d,
      );
      // …and the activities and next steps that named them no longer do.
      const named = account.activities.filter((a) => a.contactIds.some((id) => gone.has(id)));
      const activities = account.activities.map((a) =>
        named.includes(a) ? { ...a, contactIds: a.contactIds.filter((id) => !gone.has(id)), updatedAt: now } : a,
      );
      const assigned = account.actions.filter((a) => a.contactIds.some((id) => gone.has(id)));
      const actions = account.actions.map((a) =>
        assigned.includes(a) ? { ...a, contactIds: a.contactIds.filter((id) => !gone.has(id)), updatedAt: now } : a,
      );
      const undo: PlanCommand[] = [{ type: 'addContacts', contacts: removed, at: positionsOf(account.contacts, (c) => gone.has(c.id)) }];
      if (removedLines.length) {
        undo.push({ type: 'addLines', lines: removedLines, at: positionsOf(account.influenceLines, (l) => removedLines.includes(l)) });
      }
      undo.push(...reparented);
      undo.push(...seated.map((d): PlanCommand => ({ type: 'updateDeal', id: d.id, patch: { buyingCentre: d.buyingCentre } })));
      undo.push(...named.map((a): PlanCommand => ({ type: 'updateActivity', id: a.id, patch: { contactIds: a.contactIds } })));
      undo.push(...assigned.map((a): PlanCommand => ({ type: 'updateAction', id: a.id, patch: { contactIds: a.contactIds } })));
      return {
        account: touched({ ...account, contacts, influenceLines: lines, deals, activities, actions }),
        undo: { type: 'batch', commands: undo },
      };
    }
    case 'updateContact': {
      const before = contactById(account, cmd.id);
      const patch = withConfirmation(before, cmd.patch, now);
      if (patch.reportsToId !== undefined && patch.reportsToId !== null) {
        contactById(account, patch.reportsToId);
        if (wouldCycle(account.contacts, cmd.id, patch.reportsToId)) fail(`${before.name || before.id} cannot report to someone who reports to them`);
      }
      if (patch.successorOfId) {
        contactById(account, patch.successorOfId);
        if (wouldCycleSeat(account.contacts, cmd.id, patch.successorOfId)) fail(`${before.name || before.id} cannot take over a seat that comes after their own`);
      }
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Contact]])) as ContactPatch;
      const after = contactSchema.parse({ ...before, ...patch, updatedAt: now });
      return {
        account: touched({ ...account, contacts: account.contacts.map((c) => (c.id === cmd.id ? after : c)) }),
        undo: { type: 'updateContact', id: cmd.id, patch: previous },
      };
    }
    case 'moveContacts': {
      const moves = new Map(cmd.moves.map((m) => [m.id, m.position]));
      const undo = cmd.moves.map((m) => ({ id: m.id, position: contactById(account, m.id).position }));
      return {
        account: touched({
          ...account,
          contacts: account.contacts.map((c) => (moves.has(c.id) ? { ...c, position: moves.get(c.id) ?? null } : c)),
        }),
        undo: { type: 'moveContacts', moves: undo },
      };
    }
    case 'addLines': {
      const ids = new Set(account.influenceLines.map((l) => l.id));
      for (const l of cmd.lines) {
        if (ids.has(l.id)) fail(`A line with id ${l.id} already exists`);
        checkLine(account.contacts, l);
        ids.add(l.id);
      }
      return {
        account: touched({ ...account, influenceLines: insertAt(account.influenceLines, cmd.lines, cmd.at) }),
        undo: { type: 'removeLines', ids: cmd.lines.map((l) => l.id) },
      };
    }
    case 'removeLines': {
      const gone = new Set(cmd.ids);
      const removed = account.influenceLines.filter((l) => gone.has(l.id));
      if (removed.length !== gone.size) fail('Some of these lines do not exist');
      return {
        account: touched({ ...account, influenceLines: account.influenceLines.filter((l) => !gone.has(l.id)) }),
        undo: { type: 'addLines', lines: removed, at: positionsOf(account.influenceLines, (l) => gone.has(l.id)) },
      };
    }
    case 'updateLine': {
      const before = account.influenceLines.find((l) => l.id === cmd.id) ?? fail(`No line with id ${cmd.id}`);
      return {
        account: touched({
          ...account,
          influenceLines: account.influenceLines.map((l) => (l.id === cmd.id ? { ...l, ...cmd.patch, updatedAt: now } : l)),
        }),
        undo: { type: 'updateLine', id: cmd.id, patch: { label: before.label } },
      };
    }
    default:
      return isRecordCommand(cmd) ? performRecordCommand(account, cmd, now) : performDealCommand(account, cmd, now);
  }
}
