import type { z } from 'zod';
import { divisionSchema, orderSchema, whitespaceMarkSchema, type Division, type Order, type WhitespaceMark } from '@shared/model/account';
import type { Contact } from '@shared/model/contact';
import { activitySchema, type Activity } from '@shared/model/deal';
import { BUYER_ROLES } from '@shared/model/vocabulary';
import { FIXED_NOW, makeContact, nextId } from '../../../helpers/factories';

/** Small builders for the portfolio tests: records stamped with FIXED_NOW, ids from the shared sequence. */
export function order(date: string, amount: number, extra: Partial<z.input<typeof orderSchema>> = {}): Order {
  return orderSchema.parse({ id: nextId('order'), createdAt: FIXED_NOW, updatedAt: FIXED_NOW, date, amount, ...extra });
}

export function division(id: string, name: string, parentId: string | null = null): Division {
  return divisionSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name, parentId });
}

export function mark(divisionId: string | null, productLineId: string, competitor: string, id = nextId('mark')): WhitespaceMark {
  return whitespaceMarkSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, divisionId, productLineId, competitor });
}

export function activity(date: string, extra: Partial<z.input<typeof activitySchema>> = {}): Activity {
  return activitySchema.parse({ id: nextId('activity'), createdAt: FIXED_NOW, updatedAt: FIXED_NOW, date, ...extra });
}

/**
 * A buying centre with no red flag as of `confirmedAt` (+ up to 90 days): one known supporter
 * with three stars in each of the six roles, the decider at decision level and our coach.
 */
export function cleanContacts(confirmedAt = FIXED_NOW): Contact[] {
  return BUYER_ROLES.map((role) =>
    makeContact({
      id: `c-${role}`,
      name: role,
      role,
      stars: 3,
      attitude: 'supporter',
      influence: 'medium',
      level: role === 'decider' ? 'decision' : 'management',
      isCoach: role === 'decider',
      confirmedAt: { attitude: confirmedAt, influence: confirmedAt, stars: confirmedAt },
    }),
  );
}
