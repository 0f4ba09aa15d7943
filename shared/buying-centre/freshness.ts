import type { Contact } from '../model/contact';
import { isKnownPerson } from './people';

/** The three judgements about a contact that go stale: attitude, influence and stars. */
export const JUDGEMENTS = ['attitude', 'influence', 'stars'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

/** How long a judgement holds before the user should confirm it again. */
export const DEFAULT_MAX_AGE_DAYS = 90;

const DAY_MS = 86_400_000;

/** One judgement that needs confirming again. */
export interface StaleJudgement {
  contactId: string;
  judgement: Judgement;
  /** When it was last confirmed; null = never. */
  confirmedAt: string | null;
  /** Whole days since then; null = never confirmed. */
  ageDays: number | null;
}

type Judged = Pick<Contact, 'attitude' | 'influence' | 'stars' | 'confirmedAt'>;

/**
 * Whole days between `confirmedAt` and `now`, rounded down, so a judgement confirmed 90 days and
 * 23 hours ago is 90 days old. A confirmation later than `now` (another machine's clock) is 0
 * days old. Null, or a timestamp that does not parse, means never confirmed.
 * @throws RangeError when `now` is not a timestamp.
 */
export function judgementAgeDays(confirmedAt: string | null, now: string): number | null {
  const nowMs = parseNow(now);
  if (confirmedAt === null) return null;
  const at = Date.parse(confirmedAt);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((nowMs - at) / DAY_MS));
}

/**
 * Whether a judgement says anything yet. An attitude of `unknown` and zero stars are what a new
 * contact starts with, so an unconfirmed one is not a claim anybody needs to re-check (the red
 * flags on unknown deciders and weak coverage already speak about them). Influence has no
 * "unknown" value, so a never-confirmed influence is the `medium` default of a new card rather
 * than a judgement: it counts once somebody has set it (which confirms it).
 */
export function carriesInformation(contact: Judged, judgement: Judgement): boolean {
  switch (judgement) {
    case 'attitude':
      return contact.attitude !== 'unknown';
    case 'stars':
      return contact.stars > 0;
    case 'influence':
      return contact.confirmedAt.influence !== null;
  }
}

/**
 * Whether one judgement about a contact is stale: confirmed more than `maxAgeDays` whole days
 * before `now` (exactly `maxAgeDays` is still fresh), or never confirmed while it
 * {@link carriesInformation}. A confirmed judgement goes stale by age whatever its value: an
 * "unknown" confirmed long ago is worth asking about again.
 * @throws RangeError when `now` is not a timestamp or `maxAgeDays` is negative or NaN.
 */
export function isStale(
  contact: Judged,
  judgement: Judgement,
  now: string,
  maxAgeDays: number = DEFAULT_MAX_AGE_DAYS,
): boolean {
  checkMaxAge(maxAgeDays);
  const age = judgementAgeDays(contact.confirmedAt[judgement], now);
  return age === null ? carriesInformation(contact, judgement) : age > maxAgeDays;
}

/**
 * Every stale judgement (see {@link isStale}) of the active, known contacts, in contact order and
 * then {@link JUDGEMENTS} order. Contacts who left are history, and placeholder seats have no
 * person to confirm anything with, so both are skipped.
 * @throws RangeError when `now` is not a timestamp or `maxAgeDays` is negative or NaN.
 */
export function staleJudgements(
  contacts: readonly Contact[],
  now: string,
  maxAgeDays: number = DEFAULT_MAX_AGE_DAYS,
): StaleJudgement[] {
  checkMaxAge(maxAgeDays);
  parseNow(now);
  const stale: StaleJudgement[] = [];
  for (const contact of contacts) {
    if (!isKnownPerson(contact)) continue;
    for (const judgement of JUDGEMENTS) {
      if (!isStale(contact, judgement, now, maxAgeDays)) continue;
      const confirmedAt = contact.confirmedAt[judgement];
      stale.push({ contactId: contact.id, judgement, confirmedAt, ageDays: judgementAgeDays(confirmedAt, now) });
    }
  }
  return stale;
}

function parseNow(now: string): number {
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`now is not a timestamp: ${now}`);
  return ms;
}

function checkMaxAge(maxAgeDays: number): void {
  if (!(maxAgeDays >= 0)) throw new RangeError(`maxAgeDays must be 0 or more: ${maxAgeDays}`);
}
