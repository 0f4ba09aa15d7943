import dagre from '@dagrejs/dagre';
import type { Contact } from '@shared/model/contact';

export const CARD_WIDTH = 260;
export const CARD_HEIGHT = 132;

/**
 * Top-down tree positions (top-left corners) for contacts from their reports-to lines. Manual
 * positions are applied on top by the caller, so this only reruns when the tree changes.
 */
export function autoLayout(contacts: readonly Pick<Contact, 'id' | 'reportsToId'>[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(contacts.map((c) => c.id));
  for (const c of contacts) g.setNode(c.id, { width: CARD_WIDTH, height: CARD_HEIGHT });
  for (const c of contacts) if (c.reportsToId && ids.has(c.reportsToId)) g.setEdge(c.reportsToId, c.id);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const c of contacts) {
    const n = g.node(c.id) as { x: number; y: number };
    out.set(c.id, { x: n.x - CARD_WIDTH / 2, y: n.y - CARD_HEIGHT / 2 });
  }
  return out;
}

/** A key that changes only when the auto layout would: the set of contacts and who reports to whom. */
export function treeKey(contacts: readonly Pick<Contact, 'id' | 'reportsToId'>[]): string {
  return contacts.map((c) => `${c.id}>${c.reportsToId ?? ''}`).join('|');
}
