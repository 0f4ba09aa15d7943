import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../model/common';
import { actionSchema, dealSchema, type Action, type Deal } from '../model/deal';
import type { Account } from '../model/account';
import { patchShape } from '../model/patch';
import { insertAt, positionsOf } from './list-order';
import { positionsSchema } from './positions';

/** What an edit may set on a deal: any field but identity and stamps; arrays are replaced whole. */
export const dealPatchSchema = z.strictObject(patchShape(dealSchema.omit({ id: true, createdAt: true, updatedAt: true })));
export type DealPatch = z.infer<typeof dealPatchSchema>;

export const actionPatchSchema = z.strictObject(patchShape(actionSchema.omit({ id: true, createdAt: true, updatedAt: true })));
export type ActionPatch = z.infer<typeof actionPatchSchema>;

/** The deal commands' schemas, joined into the one editor-command union in plan-commands. */
export const dealCommandSchemas = [
  z.strictObject({
    type: z.literal('addDeal'),
    deal: dealSchema,
    actions: z.array(actionSchema).max(5000).optional(),
    /** Where the deal and its actions stood, when an undo puts them back. */
    at: z.number().int().min(0).max(1_000_000).optional(),
    actionsAt: positionsSchema,
  }),
  z.strictObject({ type: z.literal('removeDeal'), id: idSchema }),
  z.strictObject({ type: z.literal('updateDeal'), id: idSchema, patch: dealPatchSchema }),
  z.strictObject({ type: z.literal('addActions'), actions: z.array(actionSchema).min(1).max(5000), at: positionsSchema }),
  z.strictObject({ type: z.literal('updateAction'), id: idSchema, patch: actionPatchSchema }),
  z.strictObject({ type: z.literal('removeActions'), ids: z.array(idSchema).min(1).max(5000) }),
] as const;

export type DealCommand = z.infer<(typeof dealCommandSchemas)[number]>;
/** Removing a deal unlinks the activities logged against it; its undo links them again with this. */
export interface ActivityDealUndo {
  type: 'updateActivity';
  id: string;
  patch: { dealId: string };
}
export type DealUndo = DealCommand | { type: 'batch'; commands: (DealCommand | ActivityDealUndo)[] };

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const isClosed = (stage: Deal['stage']) => stage === 'won' || stage === 'lost';

/** The patch without keys set to `undefined`: such a key is absent, not a request for the default. */
function defined<P extends object>(patch: P): P {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as P;
}

function checkDivision(account: Account, deal: Deal) {
  if (deal.divisionId !== null && !account.divisions.some((d) => d.id === deal.divisionId)) {
    fail(`${deal.name || deal.id}: the deal names a division of the customer that does not exist`);
  }
}

function checkDealRefs(account: Account, deal: Deal) {
  checkDivision(account, deal);
  const contacts = new Set(account.contacts.map((c) => c.id));
  for (const seat of deal.buyingCentre) {
    if (!contacts.has(seat.contactId)) fail(`${deal.name || deal.id}: the buying centre names a contact that is not on the map`);
  }
}

/**
 * Applies one deal or action command and returns the new account and the command that undoes
 * it. Pure, like the map commands: run in the renderer for instant feedback and in the main
 * process for keeps.
 */
export function performDealCommand(account: Account, cmd: DealCommand, now: string): { account: Account; undo: DealUndo } {
  const touched = (a: Account): Account => ({ ...a, updatedAt: now });
  switch (cmd.type) {
    case 'addDeal': {
      if (account.deals.some((d) => d.id === cmd.deal.id)) fail(`A deal with id ${cmd.deal.id} already exists`);
      checkDealRefs(account, cmd.deal);
      const actions = cmd.actions ?? [];
      const ids = new Set(account.actions.map((a) => a.id));
      for (const a of actions) {
        if (ids.has(a.id)) fail(`An action with id ${a.id} already exists`);
        // The undo (removeDeal) takes back only the deal's own steps.
        if (a.dealId !== cmd.deal.id) fail('The actions added with a deal must belong to it');
        ids.add(a.id);
      }
      return {
        account: touched({
          ...account,
          deals: insertAt(account.deals, [cmd.deal], cmd.at === undefined ? undefined : [cmd.at]),
          actions: insertAt(account.actions, actions, cmd.actionsAt),
        }),
        undo: { type: 'removeDeal', id: cmd.deal.id },
      };
    }
    case 'removeDeal': {
      const deal = account.deals.find((d) => d.id === cmd.id) ?? fail(`No deal with id ${cmd.id}`);
      // The deal's next steps go with it (and come back with the undo); logged activities stay,
      // no longer linked to it, and the undo links them again.
      const actions = account.actions.filter((a) => a.dealId === cmd.id);
      const linked = account.activities.filter((a) => a.dealId === cmd.id);
      const restore: DealCommand = {
        type: 'addDeal',
        deal,
        actions,
        at: account.deals.indexOf(deal),
        actionsAt: positionsOf(account.actions, (a) => a.dealId === cmd.id),
      };
      return {
        account: touched({
          ...account,
          deals: account.deals.filter((d) => d.id !== cmd.id),
          actions: account.actions.filter((a) => a.dealId !== cmd.id),
          activities: linked.length ? account.activities.map((a) => (a.dealId === cmd.id ? { ...a, dealId: null, updatedAt: now } : a)) : account.activities,
        }),
        undo: linked.length
          ? { type: 'batch', commands: [restore, ...linked.map((a): ActivityDealUndo => ({ type: 'updateActivity', id: a.id, patch: { dealId: cmd.id } }))] }
          : restore,
      };
    }
    case 'updateDeal': {
      const before = account.deals.find((d) => d.id === cmd.id) ?? fail(`No deal with id ${cmd.id}`);
      let patch: DealPatch = defined(cmd.patch);
      // Closing stamps the moment; reopening clears it.
      if (patch.stage !== undefined && patch.closedAt === undefined && isClosed(patch.stage) !== isClosed(before.stage)) {
        patch = { ...patch, closedAt: isClosed(patch.stage) ? now : null };
      }
      const after = dealSchema.parse({ ...before, ...patch, updatedAt: now });
      // Only seats being set are checked: an old deal naming a contact since gone stays editable.
      if (patch.buyingCentre !== undefined) checkDealRefs(account, after);
      if (patch.divisionId !== undefined) checkDivision(account, after);
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Deal]])) as DealPatch;
      return {
        account: touched({ ...account, deals: account.deals.map((d) => (d.id === cmd.id ? after : d)) }),
        undo: { type: 'updateDeal', id: cmd.id, patch: previous },
      };
    }
    case 'addActions': {
      const ids = new Set(account.actions.map((a) => a.id));
      for (const a of cmd.actions) {
        if (ids.has(a.id)) fail(`An action with id ${a.id} already exists`);
        if (a.dealId !== null && !account.deals.some((d) => d.id === a.dealId)) fail('The action belongs to a deal that does not exist');
        ids.add(a.id);
      }
      return {
        account: touched({ ...account, actions: insertAt(account.actions, cmd.actions, cmd.at) }),
        undo: { type: 'removeActions', ids: cmd.actions.map((a) => a.id) },
      };
    }
    case 'updateAction': {
      const before = account.actions.find((a) => a.id === cmd.id) ?? fail(`No action with id ${cmd.id}`);
      let patch: ActionPatch = defined(cmd.patch);
      if (patch.dealId && !account.deals.some((d) => d.id === patch.dealId)) fail('The action belongs to a deal that does not exist');
      if (patch.done !== undefined && patch.doneAt === undefined && patch.done !== before.done) {
        patch = { ...patch, doneAt: patch.done ? now : null };
      }
      const after: Action = actionSchema.parse({ ...before, ...patch, updatedAt: now });
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Action]])) as ActionPatch;
      return {
        account: touched({ ...account, actions: account.actions.map((a) => (a.id === cmd.id ? after : a)) }),
        undo: { type: 'updateAction', id: cmd.id, patch: previous },
      };
    }
    case 'removeActions': {
      const gone = new Set(cmd.ids);
      const removed = account.actions.filter((a) => gone.has(a.id));
      if (removed.length !== gone.size) fail('Some of these actions do not exist');
      return {
        account: touched({ ...account, actions: account.actions.filter((a) => !gone.has(a.id)) }),
        undo: { type: 'addActions', actions: removed, at: positionsOf(account.actions, (a) => gone.has(a.id)) },
      };
    }
  }
}
