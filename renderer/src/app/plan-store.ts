import { useSyncExternalStore } from 'react';
import { performPlanCommand, type PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import { api } from '../api/client';
import { dataChanged } from './data-version';
import { showError } from './errors';
import { history } from './undo-history';

/**
 * The open account plans (map and deals). An edit is applied here at once (the same pure command the
 * main process runs), then sent through the API; calls per account go out in order. This store
 * outlives the components, so undo keeps working after switching tabs or pages.
 */
interface Entry {
  doc: Account;
  pending: number;
  queue: Promise<void>;
}

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Takes a freshly loaded account, unless local edits are still on their way. */
export function seedDocument(account: Account): void {
  const e = entries.get(account.id);
  if (!e) {
    entries.set(account.id, { doc: account, pending: 0, queue: Promise.resolve() });
    emit();
  } else if (e.pending === 0 && e.doc !== account && account.updatedAt > e.doc.updatedAt) {
    e.doc = account;
    emit();
  }
}

export function getDocument(accountId: string): Account | undefined {
  return entries.get(accountId)?.doc;
}

export function useDocument(accountId: string): Account | undefined {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => entries.get(accountId)?.doc,
  );
}

async function reload(accountId: string) {
  const e = entries.get(accountId);
  if (!e) return;
  try {
    e.doc = await api.account.get({ id: accountId });
  } catch {
    entries.delete(accountId);
  }
  emit();
}

/** Runs one command locally and remotely; returns its undo. Throws when the command is refused. */
function run(accountId: string, cmd: PlanCommand): PlanCommand {
  const e = entries.get(accountId);
  if (!e) throw new Error(`Account ${accountId} is not open`);
  const { account, undo } = performPlanCommand(e.doc, cmd, new Date().toISOString());
  e.doc = account;
  emit();
  e.pending++;
  e.queue = e.queue.then(async () => {
    try {
      const { updatedAt } = await api.plan.apply({ accountId, commands: [cmd] });
      e.pending--;
      if (e.pending === 0) {
        e.doc = { ...e.doc, updatedAt };
        dataChanged();
      }
    } catch (err) {
      e.pending--;
      showError(err);
      // The main process refused what the screen shows: show what is really stored.
      await reload(accountId);
    }
  });
  return undo;
}

/** An edit the user made: applied, saved, and recorded for undo under `label` (an i18n key). */
export function edit(accountId: string, cmd: PlanCommand, label: string): boolean {
  let undo: PlanCommand;
  try {
    undo = run(accountId, cmd);
  } catch (err) {
    showError(err);
    return false;
  }
  history.push({
    label,
    undo: async () => {
      await ensureDocument(accountId);
      run(accountId, undo);
      await entries.get(accountId)?.queue;
    },
    redo: async () => {
      await ensureDocument(accountId);
      run(accountId, cmd);
      await entries.get(accountId)?.queue;
    },
  });
  return true;
}

/** Loads an account into the store if it is not there yet (edits from the portfolio pages). */
export async function ensureDocument(accountId: string): Promise<void> {
  if (!entries.has(accountId)) seedDocument(await api.account.get({ id: accountId }));
}

/** Resolves when every edit of the account has reached the main process. */
export function settled(accountId: string): Promise<void> {
  return entries.get(accountId)?.queue ?? Promise.resolve();
}
