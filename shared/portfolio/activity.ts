import type { Account } from '../model/account';
import type { Activity } from '../model/deal';
import type { GIFT_POLICIES } from '../model/vocabulary';

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

/** Channels where hospitality (a meal, entertainment, a small gift) may come with the contact. */
export const HOSPITALITY_CHANNELS: readonly Activity['channel'][] = ['visit', 'meeting', 'companyVisit', 'seminar', 'personal'];

/**
 * True when a logged contact runs against the customer's gift and hospitality policy: a gift, or
 * a face-to-face contact with hospitality, while the customer bans or restricts them.
 */
export function giftPolicyConflict(channel: Activity['channel'], hospitality: boolean, rule: (typeof GIFT_POLICIES)[number]): boolean {
  if (rule !== 'banned' && rule !== 'restricted') return false;
  return channel === 'gift' || (hospitality && HOSPITALITY_CHANNELS.includes(channel));
}
