import type { Contact } from '../model/contact';
import { BUYER_ROLES, type Attitude, type BuyerRole } from '../model/vocabulary';
import { compareByStrength, isActive, STRONG_STARS } from './people';

/**
 * How well one buyer role is covered:
 * - `empty`: no active contact holds it;
 * - `placeholder`: only placeholder seats hold it (we know the seat exists, not the person);
 * - `weak`: a known person holds it, but our best relationship there is under three stars;
 * - `strong`: we have three stars or more with someone in the role.
 */
export type CoverageStatus = 'empty' | 'placeholder' | 'weak' | 'strong';

/** One contact filling a role. */
export interface RoleHolder {
  contactId: string;
  name: string;
  stars: number;
  attitude: Attitude;
  isPlaceholder: boolean;
}

/** The coverage of one of the six buyer roles. */
export interface RoleCoverage {
  role: BuyerRole;
  /** Known people strongest first (see {@link compareByStrength}), then placeholder seats. */
  holders: RoleHolder[];
  /** The known person we have the best relationship with; null when only placeholders (or nobody). */
  strongestId: string | null;
  /** That person's stars; null when there is no known person in the role. */
  bestStars: number | null;
  status: CoverageStatus;
}

/**
 * The coverage of each of the six buyer roles, in {@link BUYER_ROLES} order. Only active
 * contacts (`leftOn === null`) count. A placeholder fills the seat but carries no relationship,
 * so it never sets `bestStars`.
 */
export function roleCoverage(contacts: readonly Contact[]): RoleCoverage[] {
  return BUYER_ROLES.map((role) => {
    const inRole = contacts.filter((c) => c.role === role && isActive(c));
    const people = inRole.filter((c) => !c.isPlaceholder).sort(compareByStrength);
    const seats = inRole.filter((c) => c.isPlaceholder);
    const strongest = people[0] ?? null;
    return {
      role,
      holders: [...people, ...seats].map(toHolder),
      strongestId: strongest?.id ?? null,
      bestStars: strongest?.stars ?? null,
      status: statusOf(strongest, seats.length > 0),
    };
  });
}

function statusOf(strongest: Contact | null, hasPlaceholder: boolean): CoverageStatus {
  if (strongest) return strongest.stars >= STRONG_STARS ? 'strong' : 'weak';
  return hasPlaceholder ? 'placeholder' : 'empty';
}

function toHolder(c: Contact): RoleHolder {
  return { contactId: c.id, name: c.name, stars: c.stars, attitude: c.attitude, isPlaceholder: c.isPlaceholder };
}
