import type { Account } from '@shared/model/account';
import type { Activity } from '@shared/model/deal';

export type Channel = Activity['channel'];
export type Outcome = NonNullable<Activity['outcome']>;

/** Channels where a meeting outcome makes sense (face to face or on the phone). */
export const OUTCOME_CHANNELS: readonly Channel[] = ['visit', 'meeting', 'companyVisit', 'phone'];

// The gift-policy rule is the domain's: it lives with the activity rules in shared/.
import { HOSPITALITY_CHANNELS } from '@shared/portfolio/activity';
export { giftPolicyConflict, HOSPITALITY_CHANNELS } from '@shared/portfolio/activity';

/** Earliest date the form accepts: anything before is a typo in the year. */
export const MIN_DATE = '1970-01-01';

/** What the activity form edits. */
export interface ActivityFormValues {
  date: string;
  channel: Channel;
  contactIds: string[];
  dealId: string | null;
  outcome: Outcome | null;
  summary: string;
  notes: string;
  /** A meal, entertainment or a small gift came with it: checked against the customer's gift policy. */
  hospitality: boolean;
}

/** A validation message: an i18n key and its values. */
export interface FieldError {
  key: string;
  values?: Record<string, string>;
}
export type ActivityFormErrors = Partial<Record<'date' | 'summary', FieldError>>;

const isRealDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A year after `today` (`YYYY-MM-DD`), as a comparable string. */
const aYearAfter = (today: string) => `${String(Number(today.slice(0, 4)) + 1).padStart(4, '0')}${today.slice(4)}`;

/** Checks the form: a real, plausible date (not before 1970, at most a year ahead) and a summary. */
export function validateActivity(values: Pick<ActivityFormValues, 'date' | 'summary'>, today: string): ActivityFormErrors {
  const errors: ActivityFormErrors = {};
  const date = values.date.trim();
  if (!date) errors.date = { key: 'activity.errors.dateRequired' };
  else if (!isRealDate(date)) errors.date = { key: 'activity.errors.dateInvalid' };
  else if (date < MIN_DATE) errors.date = { key: 'activity.errors.dateTooOld', values: { min: MIN_DATE.slice(0, 4) } };
  else if (date > aYearAfter(today)) errors.date = { key: 'activity.errors.dateTooFar' };
  if (!values.summary.trim()) errors.summary = { key: 'activity.errors.summaryRequired' };
  return errors;
}

/** The stored fields of the form's values: outcome only where it applies, texts trimmed. */
export function activityFields(values: ActivityFormValues) {
  return {
    date: values.date.trim(),
    channel: values.channel,
    contactIds: values.contactIds,
    dealId: values.dealId,
    outcome: OUTCOME_CHANNELS.includes(values.channel) ? values.outcome : null,
    summary: values.summary.trim(),
    notes: values.notes,
    hospitality: HOSPITALITY_CHANNELS.includes(values.channel) && values.hospitality,
  };
}

export type ActivityFields = ReturnType<typeof activityFields>;

/** Only the fields that differ from the stored activity (an update's patch). */
export function changedFields(before: Activity, after: ActivityFields): Partial<ActivityFields> {
  const patch: Partial<Record<keyof ActivityFields, unknown>> = {};
  for (const key of Object.keys(after) as (keyof ActivityFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as Partial<ActivityFields>;
}

export interface TimelineFilter {
  channel: Channel | null;
  contactId: string | null;
}

export function filterActivities(list: readonly Activity[], filter: TimelineFilter): Activity[] {
  return list.filter(
    (a) => (filter.channel === null || a.channel === filter.channel) && (filter.contactId === null || a.contactIds.includes(filter.contactId)),
  );
}

/** Consecutive runs of the same month (`YYYY-MM`) in an already sorted list. */
export function groupByMonth(list: readonly Activity[]): { month: string; items: Activity[] }[] {
  const groups: { month: string; items: Activity[] }[] = [];
  for (const a of list) {
    const month = a.date.slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.items.push(a);
    else groups.push({ month, items: [a] });
  }
  return groups;
}

/** The latest logged contact with a person up to `today` (planned ones ahead do not count). */
export function lastContacted(newestFirst: readonly Activity[], today: string): string | null {
  return newestFirst.find((a) => a.date <= today)?.date ?? null;
}

/** The contacts the form offers: those still with the customer, plus any the activity already names. */
export function contactChoices(account: Pick<Account, 'contacts'>, selected: readonly string[]) {
  return account.contacts.filter((c) => !c.leftOn || selected.includes(c.id));
}
