import type { Account, Division } from '../model/account';
import { isOpen, weightedValue } from '../deals/probability';
import type { DivisionRow, Figures } from './types';
import { inLast12 } from './trading';

/** One node of the group tree as the roll-up walks it. */
export interface DivisionNode {
  division: Division;
  /** The parent in the tree: null for a root (no parent, or a parent that does not exist). */
  parentId: string | null;
  /** 1 for a root division (the group itself is 0). */
  depth: number;
}

/**
 * The account's divisions in tree order: depth-first, children in list order under their
 * parent. A division whose parent does not exist is a root; a division caught in a loop of
 * parents (which the commands never make) is taken as a root where the loop is first met.
 */
export function divisionTree(divisions: readonly Division[]): DivisionNode[] {
  const ids = new Set(divisions.map((d) => d.id));
  const children = new Map<string | null, Division[]>();
  for (const d of divisions) {
    const parent = d.parentId !== null && ids.has(d.parentId) && d.parentId !== d.id ? d.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(d);
    children.set(parent, list);
  }
  const out: DivisionNode[] = [];
  const seen = new Set<string>();
  const walk = (d: Division, parentId: string | null, depth: number) => {
    if (seen.has(d.id)) return;
    seen.add(d.id);
    out.push({ division: d, parentId, depth });
    for (const c of children.get(d.id) ?? []) walk(c, d.id, depth + 1);
  };
  for (const root of children.get(null) ?? []) walk(root, null, 1);
  for (const d of divisions) walk(d, null, 1);
  return out;
}

/** The division a record counts under: its own when it exists, else the group (null). */
export function divisionKey(known: ReadonlySet<string>, divisionId: string | null): string | null {
  return divisionId !== null && known.has(divisionId) ? divisionId : null;
}

const zero = (): Figures => ({ purchases12: 0, openPipeline: 0, weightedPipeline: 0, openDeals: 0, wonDeals: 0 });

function add(into: Figures, from: Figures): void {
  into.purchases12 += from.purchases12;
  into.openPipeline += from.openPipeline;
  into.weightedPipeline += from.weightedPipeline;
  into.openDeals += from.openDeals;
  into.wonDeals += from.wonDeals;
}

/**
 * The group's figures rolled up from its divisions: the group row (divisionId null, the
 * account's name, depth 0) first, then the divisions in tree order ({@link divisionTree}).
 * `own` counts the orders of the last twelve months (see `inLast12`) and the deals carrying that
 * divisionId; orders and deals with no division, or one that does not exist, are the group's
 * own. `total` is own plus every division below, so the group's total is the whole account.
 * Open pipeline is the value of open deals, weighted pipeline their probability-weighted value;
 * won deals are counted whenever they were won.
 */
export function divisionRollUp(account: Account, today: string): DivisionRow[] {
  const tree = divisionTree(account.divisions);
  const known = new Set(tree.map((n) => n.division.id));
  const own = new Map<string | null, Figures>([[null, zero()]]);
  for (const n of tree) own.set(n.division.id, zero());
  const figuresOf = (divisionId: string | null): Figures => own.get(divisionKey(known, divisionId)) ?? zero();

  for (const o of account.orders) {
    if (inLast12(o.date, today)) figuresOf(o.divisionId).purchases12 += o.amount;
  }
  for (const d of account.deals) {
    const f = figuresOf(d.divisionId);
    if (isOpen(d)) {
      f.openPipeline += d.value;
      f.weightedPipeline += weightedValue(d);
      f.openDeals += 1;
    } else if (d.stage === 'won') {
      f.wonDeals += 1;
    }
  }

  const total = new Map<string | null, Figures>();
  for (const [id, f] of own) total.set(id, { ...f });
  // Children come after their parent in tree order: add each into its parent from the bottom up.
  for (let i = tree.length - 1; i >= 0; i--) {
    const n = tree[i];
    if (!n) continue;
    const mine = total.get(n.division.id);
    const parent = total.get(n.parentId);
    if (mine && parent) add(parent, mine);
  }

  const row = (divisionId: string | null, name: string, parentId: string | null, depth: number): DivisionRow => ({
    divisionId,
    name,
    parentId,
    depth,
    own: own.get(divisionId) ?? zero(),
    total: total.get(divisionId) ?? zero(),
  });
  return [row(null, account.name, null, 0), ...tree.map((n) => row(n.division.id, n.division.name, n.parentId, n.depth))];
}
