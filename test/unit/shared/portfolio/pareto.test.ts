import { describe, expect, it } from 'vitest';
import { pareto } from '@shared/portfolio/pareto';

const items = (values: (number | null)[]) => values.map((value, i) => ({ id: `a${i}`, name: `Account ${String.fromCharCode(65 + i)}`, value }));

describe('pareto', () => {
  it('finds the vital few of a classic 80/20 portfolio', () => {
    const p = pareto(items([2, 5, 1, 50, 2, 30, 5, 2, 1, 2]));
    expect(p.total).toBe(100);
    expect(p.points.map((x) => x.value)).toEqual([50, 30, 5, 5, 2, 2, 2, 2, 1, 1]);
    expect(p.points.map((x) => x.cumulativeShare)).toEqual([0.5, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98, 0.99, 1]);
    expect(p.points.map((x) => x.accountShare)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(p.points[0]).toEqual({ id: 'a3', name: 'Account D', value: 50, share: 0.5, cumulativeShare: 0.5, accountShare: 0.1 });
    expect(p.vitalFew).toBe(2);
    expect(p.vitalFewShare).toBe(0.2);
    expect(p.lossMaking).toBe(0);
    expect(p.blank).toBe(0);
  });

  it('needs the cumulative share to reach 80 %, not come near it', () => {
    expect(pareto(items([79, 20, 1])).vitalFew).toBe(2);
    expect(pareto(items([80, 20])).vitalFew).toBe(1);
    expect(pareto(items([100])).vitalFew).toBe(1);
    expect(pareto(items([25, 25, 25, 25]))).toMatchObject({ vitalFew: 4, vitalFewShare: 1 });
    // Amounts that binary floating point cannot add exactly: 0.57 + 0.23 is 80 % of 1.00.
    expect(pareto(items([0.57, 0.23, 0.2])).vitalFew).toBe(2);
    expect(pareto(items([0.59, 0.21, 0.2])).vitalFew).toBe(2);
  });

  it('has no vital few when nobody makes a profit', () => {
    const p = pareto(items([0, 0, null, -5]));
    expect(p.total).toBe(0);
    expect(p.vitalFew).toBe(0);
    expect(p.vitalFewShare).toBe(0);
    expect(p.points.map((x) => [x.name, x.share, x.cumulativeShare, x.accountShare])).toEqual([
      ['Account A', 0, 0, 0.25],
      ['Account B', 0, 0, 0.5],
      ['Account C', 0, 0, 0.75],
      ['Account D', 0, 0, 1],
    ]);
    expect(p).toMatchObject({ lossMaking: 1, blank: 1 });
  });

  it('puts losses and blanks at 0 and counts them', () => {
    const p = pareto(items([-50, null, 100, 0, -1, null, null]));
    expect(p.total).toBe(100);
    expect(p.points.map((x) => [x.id, x.value])).toEqual([
      ['a2', 100],
      ['a0', 0],
      ['a1', 0],
      ['a3', 0],
      ['a4', 0],
      ['a5', 0],
      ['a6', 0],
    ]);
    expect(p).toMatchObject({ vitalFew: 1, lossMaking: 2, blank: 3 });
    expect(p.vitalFewShare).toBeCloseTo(1 / 7, 12);
  });

  it('breaks ties by name in code point order, then id', () => {
    const p = pareto([
      { id: 'z', name: 'beta', value: 10 },
      { id: 'y', name: 'Beta', value: 10 },
      { id: 'x', name: 'alpha', value: 10 },
      { id: 'w', name: 'alpha', value: 10 },
      { id: 'v', name: 'gamma', value: 20 },
    ]);
    expect(p.points.map((x) => x.id)).toEqual(['v', 'y', 'w', 'x', 'z']);
  });

  it('is empty without accounts', () => {
    expect(pareto([])).toEqual({ total: 0, points: [], vitalFew: 0, vitalFewShare: 0, lossMaking: 0, blank: 0 });
  });
});
