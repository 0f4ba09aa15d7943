import type { Account } from '../model/account';
import type { Activity } from '../model/deal';

/**
 * The account's activity log newest first (by date, then by when it was recorded); with
 * `contactId`, only the activities naming that contact (a contact's timeline).
 */
export function timeline(account: Pick<Account, 'activities'>, contactId?: string): Activity[] {
  const list = contactId === undefined ? [...account.activities] : account.activities.filter((a) => a.contactIds.includes(contactId));
  return list.sort((a, b) => compareDesc(a.date, b.date) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * The date of the latest logged activity; null when there is none. With `today`, activities dated
 * later (planned ones) do not count as contact made.
 */
export function lastActivity(account: Pick<Account, 'activities'>, today?: string): string | null {
  let last: string | null = null;
  for (const a of account.activities) {
    if (today !== undefined && a.date > today) continue;
    if (last === null || a.date > last) last = a.date;
  }
  return last;
}

function compareDesc(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}
