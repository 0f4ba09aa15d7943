import type { Account } from '@shared/model/account';
import type { Locale } from '@shared/model/database';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { history } from '../../app/undo-history';

/**
 * Account-level edits. Each goes through the API, tells the views to reload, and records how to
 * undo and redo it, also through the API.
 */
export async function createAccount(name: string): Promise<Account> {
  const account = await api.account.create({ name });
  history.push({
    label: 'undo.create',
    undo: async () => void (await api.account.delete({ id: account.id })),
    redo: async () => void (await api.account.restore({ id: account.id })),
  });
  dataChanged();
  return account;
}

export async function loadSampleAccount(locale: Locale): Promise<Account> {
  const account = await api.sample.load({ locale });
  history.push({
    label: 'undo.sample',
    undo: async () => void (await api.account.delete({ id: account.id })),
    redo: async () => void (await api.account.restore({ id: account.id })),
  });
  dataChanged();
  return account;
}

export async function renameAccount(id: string, from: string, to: string): Promise<void> {
  await api.account.rename({ id, name: to });
  history.push({
    label: 'undo.rename',
    undo: async () => void (await api.account.rename({ id, name: from })),
    redo: async () => void (await api.account.rename({ id, name: to })),
  });
  dataChanged();
}

/** Deletes (softly); returns the undo for the notification's button. */
export async function deleteAccount(id: string): Promise<() => Promise<void>> {
  await api.account.delete({ id });
  const entry = history.push({
    label: 'undo.delete',
    undo: async () => void (await api.account.restore({ id })),
    redo: async () => void (await api.account.delete({ id })),
  });
  dataChanged();
  return async () => {
    // From the notification: undo through the history when it is still the last step, so that
    // redo works; after other edits, restore just this account.
    if (history.isLatest(entry)) await history.undo();
    else await api.account.restore({ id });
    dataChanged();
  };
}
