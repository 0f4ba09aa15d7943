import type { Account } from '../model/account';
import type { Contact, InfluenceLine } from '../model/contact';
import { compareByStrength, isActive, isKnownPerson } from './people';

/** The shortest supportive chain from our starting contact to one decision maker. */
export interface PowerPath {
  deciderId: string;
  /** Where the chain starts (see {@link pathStart}); null when we know nobody to start from. */
  startId: string | null;
  /** Contact ids from the start to the decider; `[]` when not reached, `[id]` when the start is the decider. */
  path: string[];
  reached: boolean;
}

export interface PathToPowerOptions {
  /**
   * Which influence lines carry support. Defaults to {@link isSupportiveLine}: every line
   * except those whose label names a hostile relation.
   */
  isUsableLine?: (line: InfluenceLine) => boolean;
}

type Graph = Pick<Account, 'contacts' | 'influenceLines'>;

const HOSTILE_LABEL =
  /rival|oppon|enem|conflict|dislike|distrust|mistrust|hostil|feud|对手|敌|不和|矛盾|冲突|竞争|不信任|反对|不满/i;

/**
 * Whether an influence line can carry our case from one person to the next. Labels are free
 * text, so this is a guess on words: a "rival" (对手) or "conflict" (矛盾) line is no way in,
 * while "trusts" (信任), "former colleague" or an empty label are.
 */
export function isSupportiveLine(line: Pick<InfluenceLine, 'label'>): boolean {
  return !HOSTILE_LABEL.test(line.label);
}

/**
 * Where a path to power starts: our coach (教练) if we have one, otherwise the contact we have
 * the strongest relationship with. Among several coaches, or several equally strong contacts,
 * the order is {@link compareByStrength} (stars, then supporters, then name). Only active, known
 * people qualify; without a coach someone needs at least one star, because zero stars means we
 * have no relationship to start from. Null when nobody qualifies.
 */
export function pathStart(contacts: readonly Contact[]): Contact | null {
  const known = contacts.filter(isKnownPerson);
  const coaches = known.filter((c) => c.isCoach).sort(compareByStrength);
  if (coaches[0]) return coaches[0];
  const strongest = known.filter((c) => c.stars > 0).sort(compareByStrength);
  return strongest[0] ?? null;
}

/**
 * For each active decision maker (in contact order), the shortest chain of supportive links
 * from {@link pathStart} to them, found breadth-first.
 *
 * Links: reports-to in both directions (a report can reach the boss and the boss the report),
 * and influence lines in their own direction only (`fromId → toId`: "A trusts B" lets us go
 * from A to B, not back), if {@link PathToPowerOptions.isUsableLine} accepts them. Every contact
 * between the start and the decider must be an active, known supporter; the start and the
 * decider may have any attitude. Contacts who left are not on the map at all: they break
 * the links through them. Placeholder deciders are included, since the seat can still be
 * reached through the org chart. Ties between equally short chains go to the contact listed
 * first in the account.
 */
export function pathToPower(account: Graph, opts: PathToPowerOptions = {}): PowerPath[] {
  const isUsableLine = opts.isUsableLine ?? isSupportiveLine;
  const active = account.contacts.filter(isActive);
  const start = pathStart(active);
  const deciders = active.filter((c) => c.role === 'decider');
  const neighbours = buildNeighbours(active, account.influenceLines.filter(isUsableLine));
  const canPassThrough = new Set(active.filter((c) => isKnownPerson(c) && c.attitude === 'supporter').map((c) => c.id));

  return deciders.map((decider) => {
    if (!start) return { deciderId: decider.id, startId: null, path: [], reached: false };
    const path = shortestPath(start.id, decider.id, neighbours, canPassThrough);
    return { deciderId: decider.id, startId: start.id, path: path ?? [], reached: path !== null };
  });
}

/** Adjacency lists over active contacts, each sorted by the contact's place in the account. */
function buildNeighbours(active: readonly Contact[], lines: readonly InfluenceLine[]): Map<string, string[]> {
  const order = new Map(active.map((c, i) => [c.id, i]));
  const sets = new Map<string, Set<string>>(active.map((c) => [c.id, new Set<string>()]));
  const link = (from: string, to: string) => {
    if (from !== to && order.has(to)) sets.get(from)?.add(to);
  };
  for (const c of active) {
    if (c.reportsToId === null) continue;
    link(c.id, c.reportsToId);
    if (order.has(c.reportsToId)) link(c.reportsToId, c.id);
  }
  for (const line of lines) link(line.fromId, line.toId);
  const rank = (id: string) => order.get(id) ?? 0;
  return new Map([...sets].map(([id, set]) => [id, [...set].sort((a, b) => rank(a) - rank(b))]));
}

function shortestPath(
  startId: string,
  targetId: string,
  neighbours: ReadonlyMap<string, readonly string[]>,
  canPassThrough: ReadonlySet<string>,
): string[] | null {
  if (startId === targetId) return [startId];
  const cameFrom = new Map<string, string>();
  const queue = [startId];
  for (let head = 0; head < queue.length; head += 1) {
    const current = queue[head] as string;
    for (const next of neighbours.get(current) ?? []) {
      if (next === startId || cameFrom.has(next)) continue;
      if (next !== targetId && !canPassThrough.has(next)) continue;
      cameFrom.set(next, current);
      if (next === targetId) return unwind(cameFrom, startId, targetId);
      queue.push(next);
    }
  }
  return null;
}

function unwind(cameFrom: ReadonlyMap<string, string>, startId: string, targetId: string): string[] {
  const path = [targetId];
  let at = targetId;
  while (at !== startId) {
    at = cameFrom.get(at) as string;
    path.push(at);
  }
  return path.reverse();
}
