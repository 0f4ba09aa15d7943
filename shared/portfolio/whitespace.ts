import type { Account } from '../model/account';
import type { ProductLine } from '../model/database';
import { isOpen } from '../deals/probability';
import { divisionKey, divisionTree } from './divisions';
import { inLast12 } from './trading';
import type { WhitespaceCell, WhitespaceGrid, WhitespaceStatus } from './types';

/**
 * The whitespace map: rows are the group then its divisions in tree order (as in the roll-up),
 * columns our product lines. A cell's revenue is the last twelve months' orders with that
 * division and product line; its deals are the open deals with that pair; its mark the
 * whitespace mark with that pair. Records naming a division that does not exist count under the
 * group; records with no product line, or one not in `productLines`, are in no cell. Status:
 * revenue above 0 → sold, else an open deal → openDeal, else a mark → competitor, else
 * whitespace. The mark's competitor is shown whatever the status.
 */
export function whitespaceGrid(account: Account, productLines: readonly ProductLine[], today: string): WhitespaceGrid {
  const tree = divisionTree(account.divisions);
  const known = new Set(tree.map((n) => n.division.id));
  const rows = [
    { divisionId: null, name: account.name, depth: 0 },
    ...tree.map((n) => ({ divisionId: n.division.id, name: n.division.name, depth: n.depth })),
  ];
  const key = (divisionId: string | null, productLineId: string | null) => `${divisionKey(known, divisionId) ?? ''}\u0000${productLineId ?? ''}`;

  const revenue = new Map<string, number>();
  for (const o of account.orders) {
    if (o.productLineId === null || !inLast12(o.date, today)) continue;
    const k = key(o.divisionId, o.productLineId);
    revenue.set(k, (revenue.get(k) ?? 0) + o.amount);
  }
  const deals = new Map<string, string[]>();
  for (const d of account.deals) {
    if (d.productLineId === null || !isOpen(d)) continue;
    const k = key(d.divisionId, d.productLineId);
    deals.set(k, [...(deals.get(k) ?? []), d.id]);
  }
  const marks = new Map<string, { id: string; competitor: string }>();
  for (const m of account.whitespaceMarks) {
    const k = key(m.divisionId, m.productLineId);
    if (!marks.has(k)) marks.set(k, { id: m.id, competitor: m.competitor });
  }

  const cells = rows.map((row) =>
    productLines.map((line): WhitespaceCell => {
      const k = key(row.divisionId, line.id);
      const cellRevenue = revenue.get(k) ?? 0;
      const dealIds = deals.get(k) ?? [];
      const mark = marks.get(k) ?? null;
      const status: WhitespaceStatus = cellRevenue > 0 ? 'sold' : dealIds.length > 0 ? 'openDeal' : mark ? 'competitor' : 'whitespace';
      return {
        divisionId: row.divisionId,
        productLineId: line.id,
        status,
        revenue: cellRevenue,
        dealIds,
        competitor: mark ? mark.competitor : null,
        markId: mark ? mark.id : null,
      };
    }),
  );
  return { rows, productLines: productLines.map((l) => ({ id: l.id, name: l.name })), cells };
}
