import type { AccountPatch } from '@shared/api/contract';
import type { Account, AccountProfile } from '@shared/model/account';
import type { GIFT_POLICIES } from '@shared/model/vocabulary';

/**
 * The profile form's values and the rules between them and the stored account: what each field
 * holds while being edited, which entries are out of range (those are shown and not saved), and
 * the patch of what changed since the last save.
 */

export const TEXT_FIELDS = [
  'industry',
  'region',
  'address',
  'website',
  'phone',
  'description',
  'ownershipType',
  'businessModel',
  'mainProducts',
  'marketPosition',
  'decisionStyle',
  'paymentTerms',
  'tradingNotes',
  'satisfactionNotes',
  'owner',
  'team',
  'executiveSponsor',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The longest text each single-line field takes (the model's limits); the rest are free text. */
export const TEXT_MAX: Partial<Record<TextField, number>> = {
  industry: 200,
  region: 200,
  address: 500,
  website: 500,
  phone: 100,
  ownershipType: 200,
  businessModel: 500,
  mainProducts: 500,
  marketPosition: 500,
  decisionStyle: 500,
  paymentTerms: 200,
  owner: 200,
  team: 500,
  executiveSponsor: 200,
};

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

/** The number fields and their ranges, as the model has them. */
export const NUMBER_FIELDS = {
  revenue: { min: 0, max: 1e13 },
  revenueGrowth: { min: -100, max: 10_000 },
  employees: { min: 0, max: 10_000_000, integer: true },
  marketShare: { min: 0, max: 100 },
  creditLimit: { min: 0, max: 1e13 },
  expectedAnnualPurchases: { min: 0, max: 1e13 },
  openComplaints: { min: 0, max: 100_000, integer: true },
} as const satisfies Record<string, NumberRule>;
export type NumberField = keyof typeof NUMBER_FIELDS;
const NUMBER_KEYS = Object.keys(NUMBER_FIELDS) as NumberField[];

export const DATE_FIELDS = ['customerSince', 'lastReview', 'ownerSince'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** The profile while it is edited: numbers as typed (`''` = empty), dates `''` when empty. */
export type ProfileFields = Record<TextField, string> &
  Record<NumberField, number | string> &
  Record<DateField, string> & {
    intent: string;
    /** 0 = not rated. */
    satisfaction: number;
  };

export interface ProfileValues {
  kind: Account['kind'];
  stage: Account['stage'];
  /** `''` = not set. */
  relationshipType: string;
  giftRule: (typeof GIFT_POLICIES)[number];
  giftNotes: string;
  notes: string;
  profile: ProfileFields;
}

export function toValues(a: Account): ProfileValues {
  const p = a.profile;
  const profile = {
    intent: p.intent ?? '',
    satisfaction: p.satisfaction ?? 0,
  } as ProfileFields;
  for (const k of TEXT_FIELDS) profile[k] = p[k] ?? '';
  for (const k of NUMBER_KEYS) profile[k] = p[k] ?? '';
  for (const k of DATE_FIELDS) profile[k] = p[k] ?? '';
  return {
    kind: a.kind,
    stage: a.stage,
    relationshipType: a.relationshipType ?? '',
    giftRule: a.giftPolicy.rule,
    giftNotes: a.giftPolicy.notes,
    notes: a.notes,
    profile,
  };
}

export type FieldError =
  | { kind: 'range'; min: number; max: number }
  | { kind: 'whole' }
  | { kind: 'number' }
  | { kind: 'date' };

/** What is wrong with a number as typed; null when it can be saved (empty included). */
export function numberError(value: number | string, rule: NumberRule): FieldError | null {
  if (value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return { kind: 'number' };
  if (n < rule.min || n > rule.max) return { kind: 'range', min: rule.min, max: rule.max };
  if (rule.integer && !Number.isInteger(n)) return { kind: 'whole' };
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that is a real calendar date between 1900 and 2100; `''` is fine (empty). */
export function dateError(value: string): FieldError | null {
  if (value === '') return null;
  const m = DATE.exec(value);
  if (!m) return { kind: 'date' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && y >= 1900 && y <= 2100 ? null : { kind: 'date' };
}

export type ProfileErrors = Partial<Record<NumberField | DateField, FieldError>>;

export function profileErrors(v: ProfileValues): ProfileErrors {
  const errors: ProfileErrors = {};
  for (const k of NUMBER_KEYS) {
    const e = numberError(v.profile[k], NUMBER_FIELDS[k]);
    if (e) errors[k] = e;
  }
  for (const k of DATE_FIELDS) {
    const e = dateError(v.profile[k]);
    if (e) errors[k] = e;
  }
  return errors;
}

/** The stored form of one profile field's value (valid values only). */
function stored(v: ProfileFields, key: keyof ProfileFields): AccountProfile[keyof AccountProfile] {
  if ((NUMBER_KEYS as string[]).includes(key)) {
    const raw = v[key as NumberField];
    return raw === '' ? null : Number(raw);
  }
  if ((DATE_FIELDS as readonly string[]).includes(key)) return v[key as DateField] || null;
  if (key === 'intent') return (v.intent || null) as AccountProfile['intent'];
  if (key === 'satisfaction') return v.satisfaction > 0 ? v.satisfaction : null;
  return v[key as TextField];
}

const PROFILE_KEYS: (keyof ProfileFields)[] = [...TEXT_FIELDS, ...NUMBER_KEYS, ...DATE_FIELDS, 'intent', 'satisfaction'];

/**
 * What changed from `base` (what was last saved) to `next`, as an `account:update` patch; null
 * when nothing did. Fields with an error are left out: they keep their stored value.
 */
export function changedPatch(base: ProfileValues, next: ProfileValues): AccountPatch | null {
  const errors = profileErrors(next);
  const patch: AccountPatch = {};
  const profile: Record<string, unknown> = {};
  for (const k of PROFILE_KEYS) {
    if (k in errors) continue;
    const before = stored(base.profile, k);
    const after = stored(next.profile, k);
    if (before !== after) profile[k] = after;
  }
  if (Object.keys(profile).length) patch.profile = profile as AccountPatch['profile'];
  if (base.kind !== next.kind) patch.kind = next.kind;
  if (base.stage !== next.stage) patch.stage = next.stage;
  if (base.relationshipType !== next.relationshipType) {
    patch.relationshipType = (next.relationshipType || null) as AccountPatch['relationshipType'];
  }
  const gift: { rule?: ProfileValues['giftRule']; notes?: string } = {};
  if (base.giftRule !== next.giftRule) gift.rule = next.giftRule;
  if (base.giftNotes !== next.giftNotes) gift.notes = next.giftNotes;
  if (Object.keys(gift).length) patch.giftPolicy = gift;
  if (base.notes !== next.notes) patch.notes = next.notes;
  return Object.keys(patch).length ? patch : null;
}

/** What counts as saved once `next` has been sent: `next`, except its fields with errors. */
export function afterSave(base: ProfileValues, next: ProfileValues): ProfileValues {
  const errors = profileErrors(next);
  const profile = { ...next.profile };
  for (const k of Object.keys(errors) as (NumberField | DateField)[]) {
    (profile as Record<string, unknown>)[k] = base.profile[k];
  }
  return { ...next, profile };
}
