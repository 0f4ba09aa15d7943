import type { Contact } from '../model/contact';

/** The stars from which we count a relationship as real (★★★ 帮助到客户: we have helped them). */
export const STRONG_STARS = 3;

/** Still at the customer: a contact who left stays on file for history only. */
export function isActive(contact: Pick<Contact, 'leftOn'>): boolean {
  return contact.leftOn === null;
}

/**
 * An active contact who is a known person, not a seat we cannot name yet. Judgements about our
 * relationship (stars, coach, attitude) only mean something for these.
 */
export function isKnownPerson(contact: Pick<Contact, 'leftOn' | 'isPlaceholder'>): boolean {
  return isActive(contact) && !contact.isPlaceholder;
}

type Ranked = Pick<Contact, 'id' | 'name' | 'stars' | 'attitude'>;

/**
 * Orders contacts strongest relationship first: more stars, then supporters before everyone
 * else, then name, then id. Names compare by code point rather than `localeCompare`, so the
 * order is the same on every machine whatever its ICU data.
 */
export function compareByStrength(a: Ranked, b: Ranked): number {
  if (a.stars !== b.stars) return b.stars - a.stars;
  const sa = a.attitude === 'supporter' ? 0 : 1;
  const sb = b.attitude === 'supporter' ? 0 : 1;
  if (sa !== sb) return sa - sb;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
