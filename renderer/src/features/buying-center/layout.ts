import { stratify, tree } from 'd3-hierarchy';
import type { Contact } from '@shared/model/contact';

export const CARD_WIDTH = 260;
export const CARD_HEIGHT = 132;
const GAP_X = 36;
const GAP_Y = 80;
/** The invisible root above the people who report to nobody on the map. */
export const ROOT = '\u0000root';

type TreeContact = Pick<Contact, 'id' | 'reportsToId'>;

/** Each contact's boss within the set; a missing boss, or one that closes a loop, makes it a root. */
export function parents(contacts: readonly TreeContact[]): Map<string, string> {
  const boss = new Map(contacts.map((c) => [c.id, c.reportsToId]));
  const out = new Map<string, string>();
  for (const c of contacts) {
    let parent = c.reportsToId && boss.has(c.reportsToId) ? c.reportsToId : ROOT;
    // Imported data may hold a reports-to loop; it must not stop the map from drawing.
    const seen = new Set([c.id]);
    for (let at: string | null | undefined = parent; at && at !== ROOT; at = boss.get(at) ?? null) {
      if (seen.has(at)) {
        parent = ROOT;
        break;
      }
      seen.add(at);
    }
    out.set(c.id, parent);
  }
  return out;
}

/**
 * Top-down org-chart positions (top-left corners) from the reports-to lines: a tidy tree
 * (Reingold–Tilford, from d3-hierarchy), linear in the number of contacts, so that a map of
 * hundreds lays out at once. Several top bosses sit side by side. Manual positions are applied
 * on top by the caller, so this only reruns when the tree changes.
 */
export function autoLayout(contacts: readonly TreeContact[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  if (contacts.length === 0) return out;
  const parentOf = parents(contacts);
  const rows = [{ id: ROOT, parent: null as string | null }, ...contacts.map((c) => ({ id: c.id, parent: parentOf.get(c.id) ?? ROOT }))];
  const root = stratify<{ id: string; parent: string | null }>()
    .id((d) => d.id)
    .parentId((d) => d.parent)(rows);
  tree<{ id: string; parent: string | null }>()
    .nodeSize([CARD_WIDTH + GAP_X, CARD_HEIGHT + GAP_Y])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.2))(root);
  for (const n of root.descendants()) {
    if (n.data.id === ROOT) continue;
    out.set(n.data.id, { x: (n.x ?? 0) - CARD_WIDTH / 2, y: ((n.y ?? 0) - (CARD_HEIGHT + GAP_Y)) });
  }
  return out;
}

/** A key that changes only when the auto layout would: the set of contacts and who reports to whom. */
export function treeKey(contacts: readonly TreeContact[]): string {
  return contacts.map((c) => `${c.id}>${c.reportsToId ?? ''}`).join('|');
}
