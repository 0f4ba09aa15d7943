import type { Contact } from '../model/contact';

/** One earlier holder of a seat. */
export interface SeatPredecessor {
  contactId: string;
  name: string;
  title: string;
  /** When they left the customer; null if the record was never marked as left. */
  leftOn: string | null;
}

/**
 * Who held a contact's seat before them, oldest first, found by following `successorOfId`
 * back from the contact. Seats and people are separate records: a successor is a new contact
 * pointing at the one whose seat they took over. The contact itself is not in the list. The
 * chain stops at a predecessor that is no longer on file, and at a loop (bad data, e.g. two
 * contacts each naming the other), so it always ends. An unknown `contactId` gives `[]`.
 */
export function seatHistory(contacts: readonly Contact[], contactId: string): SeatPredecessor[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const seen = new Set<string>([contactId]);
  const newestFirst: SeatPredecessor[] = [];
  let previousId = byId.get(contactId)?.successorOfId ?? null;
  while (previousId !== null && !seen.has(previousId)) {
    const previous = byId.get(previousId);
    if (!previous) break;
    seen.add(previousId);
    newestFirst.push({ contactId: previous.id, name: previous.name, title: previous.title, leftOn: previous.leftOn });
    previousId = previous.successorOfId;
  }
  return newestFirst.reverse();
}
