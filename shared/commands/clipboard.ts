import type { Contact, InfluenceLine } from '../model/contact';
import type { PlanCommand } from './plan-commands';

/**
 * Turns copied contacts (and the lines among them) into an `addContacts`/`addLines` command for
 * a target account: fresh ids, reports-to kept inside the copied group, kept outside it only when
 * that boss exists in the target, seat history dropped, positions shifted so the copy is visible.
 */
export function pasteCommand(
  copied: { contacts: readonly Contact[]; lines: readonly InfluenceLine[] },
  target: { contacts: readonly Contact[] },
  newId: () => string,
  now: string,
  offset = { x: 40, y: 40 },
): { command: PlanCommand; ids: string[] } | null {
  if (copied.contacts.length === 0) return null;
  const idMap = new Map(copied.contacts.map((c) => [c.id, newId()]));
  const existing = new Set(target.contacts.map((c) => c.id));
  const contacts = copied.contacts.map((c) => ({
    ...c,
    id: idMap.get(c.id) as string,
    createdAt: now,
    updatedAt: now,
    reportsToId: c.reportsToId === null ? null : (idMap.get(c.reportsToId) ?? (existing.has(c.reportsToId) ? c.reportsToId : null)),
    successorOfId: null,
    position: c.position ? { x: c.position.x + offset.x, y: c.position.y + offset.y } : null,
  }));
  const lines = copied.lines
    .filter((l) => idMap.has(l.fromId) && idMap.has(l.toId))
    .map((l) => ({ ...l, id: newId(), createdAt: now, updatedAt: now, fromId: idMap.get(l.fromId) as string, toId: idMap.get(l.toId) as string }));
  const commands: PlanCommand[] = [{ type: 'addContacts', contacts }];
  if (lines.length) commands.push({ type: 'addLines', lines });
  return { command: { type: 'batch', commands }, ids: contacts.map((c) => c.id) };
}
