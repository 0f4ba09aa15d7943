import dagre from '@dagrejs/dagre';
import type { Contact } from '@shared/model/contact';

export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 116;

/**
 * Top-down tree positions for contacts from their reports-to lines; a contact placed by hand
 * keeps its position.
 */
export function layoutContacts(contacts: readonly Contact[]): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(contacts.map((c) => c.id));
  for (const c of contacts) g.setNode(c.id, { width: CARD_WIDTH, height: CARD_HEIGHT });
  for (const c of contacts) if (c.reportsToId && ids.has(c.reportsToId)) g.setEdge(c.reportsToId, c.id);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const c of contacts) {
    if (c.position) {
      out.set(c.id, c.position);
      continue;
    }
    const n = g.node(c.id) as { x: number; y: number };
    out.set(c.id, { x: n.x - CARD_WIDTH / 2, y: n.y - CARD_HEIGHT / 2 });
  }
  return out;
}
