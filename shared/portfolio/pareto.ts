import type { Pareto, ParetoPoint } from './types';

/**
 * The Pareto curve of the accounts' values (net profit). Blank (null) and negative values count
 * as 0 on the curve. Accounts are sorted by value, largest first, ties by name (code point
 * order) then id. `vitalFew` is the fewest accounts from the top whose cumulative share reaches
 * 80 % (0 when the total is 0).
 */
export function pareto(items: readonly { id: string; name: string; value: number | null }[]): Pareto {
  let lossMaking = 0;
  let blank = 0;
  const valued = items.map((item) => {
    if (item.value === null) blank += 1;
    else if (item.value < 0) lossMaking += 1;
    return { id: item.id, name: item.name, value: item.value !== null && item.value > 0 ? item.value : 0 };
  });
  valued.sort((a, b) => b.value - a.value || compare(a.name, b.name) || compare(a.id, b.id));
  const total = valued.reduce((s, v) => s + v.value, 0);
  const n = valued.length;
  let running = 0;
  let vitalFew = 0;
  const points: ParetoPoint[] = valued.map((v, i) => {
    running += v.value;
    // "≥ 80 %" as 5 × running ≥ 4 × total, with a hair of slack for cents that do not add up exactly in binary.
    if (vitalFew === 0 && total > 0 && 5 * running >= 4 * total * (1 - 1e-12)) vitalFew = i + 1;
    return {
      ...v,
      share: total > 0 ? v.value / total : 0,
      cumulativeShare: total > 0 ? running / total : 0,
      accountShare: (i + 1) / n,
    };
  });
  return { total, points, vitalFew, vitalFewShare: n > 0 ? vitalFew / n : 0, lossMaking, blank };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
