import { describe, expect, it } from 'vitest';
import { inLast12, monthIndex, monthsBack, tradingStats } from '@shared/portfolio/trading';

const o = (date: string, amount: number) => ({ date, amount });
const TODAY = '2024-05-15';

describe('tradingStats', () => {
  it('sums whole months counted back from today: the last twelve, and the twelve before', () => {
    // Today is the 15th: month 0 is (Apr 15, May 15], the window (2023-05-15, 2024-05-15].
    const s = tradingStats(
      [
        o('2024-05-15', 1), // today: in, the last month
        o('2024-05-16', 1000), // after today: ignored
        o('2025-01-01', 1000), // future: ignored
        o('2024-04-16', 2), // first day of the last month
        o('2024-04-15', 32), // last day of the month before
        o('2023-05-16', 4), // first day of the window: oldest month
        o('2023-05-15', 8), // last day of the year before
        o('2022-05-16', 16), // first day of the year before
        o('2022-05-15', 1000), // before both: ignored
      ],
      TODAY,
    );
    expect(s.monthly).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 3]);
    expect(s.last12).toBe(39);
    expect(s.prior12).toBe(24);
    expect(s.quarterly).toEqual([4, 0, 0, 35]);
    expect(s.orderCount).toBe(4);
    expect(s.monthsWithOrders).toBe(3);
    expect(s.largestOrder).toBe(32);
    expect(s.averageOrder).toBeCloseTo(39 / 4, 12);
    expect(s.yoyChange).toBeCloseTo((39 - 24) / 24, 12);
  });

  it('crosses the year end', () => {
    const s = tradingStats([o('2023-01-11', 10), o('2023-01-10', 20), o('2024-01-10', 5), o('2023-12-31', 7), o('2023-12-10', 9)], '2024-01-10');
    expect(s.monthly).toEqual([10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 12]);
    expect(s.prior12).toBe(20);
    expect(s.yoyChange).toBeCloseTo((31 - 20) / 20, 12);
  });

  it('compares like with like whatever the day: a steady customer is not shrinking early in the month', () => {
    // An order of 100 on the 28th of every month for three years, seen on the 10th and on the 28th.
    const orders = Array.from({ length: 36 }, (_, i) => {
      const m = 2022 * 12 + 5 + i; // from 2022-06
      return o(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-28`, 100);
    });
    for (const today of ['2025-04-10', '2025-04-28', '2025-04-30']) {
      const s = tradingStats(orders, today);
      expect(s.last12).toBe(1200);
      expect(s.yoyChange).toBe(0);
      expect(s.monthsWithOrders).toBe(12);
      expect(s.stability).toBeCloseTo(100, 10);
    }
    // One order at the end of each quarter: the same four orders in the window on any day.
    const quarterly = ['2024-03-25', '2024-06-25', '2024-09-25', '2024-12-25', '2025-03-25', '2025-06-25', '2023-12-25', '2023-09-25', '2023-06-25'].map((d) => o(d, 100));
    const early = tradingStats(quarterly, '2025-06-10');
    const late = tradingStats(quarterly, '2025-06-26');
    expect(early.yoyChange).toBe(0);
    expect(late.yoyChange).toBe(0);
    expect(early.orderCount).toBe(4);
    expect(late.orderCount).toBe(4);
    expect(early.stability).toBeCloseTo(late.stability ?? -1, 10);
  });

  it('has no year-on-year change without orders in the year before', () => {
    expect(tradingStats([o('2024-03-01', 100)], TODAY).yoyChange).toBeNull();
    expect(tradingStats([o('2023-03-01', 100)], TODAY)).toMatchObject({ last12: 0, prior12: 100, yoyChange: -1 });
  });

  it('has no stability, average or largest order without orders in the window', () => {
    expect(tradingStats([], TODAY)).toEqual({
      last12: 0,
      prior12: 0,
      yoyChange: null,
      monthly: Array(12).fill(0),
      quarterly: [0, 0, 0, 0],
      orderCount: 0,
      averageOrder: null,
      largestOrder: null,
      monthsWithOrders: 0,
      stability: null,
    });
    expect(tradingStats([o('2023-04-30', 50)], TODAY).stability).toBeNull();
  });

  it('scores stability from regular months, even quarters and even single orders', () => {
    const months = ['2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    // Every month the same: regular and even.
    expect(tradingStats(months.map((m) => o(`${m}-10`, 100)), TODAY).stability).toBe(100);
    // One order a quarter, all the same: 4 months of 12, quarters and orders even → 100 × (4/12 + 1 + 1) / 3.
    const quarterly = tradingStats([o('2023-06-10', 100), o('2023-09-10', 100), o('2023-12-10', 100), o('2024-03-10', 100)], TODAY);
    expect(quarterly.stability).toBeCloseTo((100 * (4 / 12 + 2)) / 3, 10);
    // Quarters (and orders) 100, 100, 200, 200: mean 150, population σ 50, CV 1/3 → 100 × (4/12 + 2/3 + 2/3) / 3.
    const uneven = tradingStats([o('2023-06-10', 100), o('2023-09-10', 100), o('2023-12-10', 200), o('2024-03-10', 200)], TODAY);
    expect(uneven.quarterly).toEqual([100, 100, 200, 200]);
    expect(uneven.stability).toBeCloseTo((100 * 5) / 9, 10);
    // Everything in one month: quarterly CV √3 > 1 → 0; orders 900 and 100: CV 0.8 → 0.2; 1 month of 12.
    const lumpy = tradingStats([o('2024-05-01', 900), o('2024-05-02', 100)], TODAY);
    expect(lumpy.monthsWithOrders).toBe(1);
    expect(lumpy.orderCount).toBe(2);
    expect(lumpy.stability).toBeCloseTo((100 * (1 / 12 + 0.2)) / 3, 10);
    // Same-sized orders in the same month still score their evenness, not the quarters'.
    const twoEqual = tradingStats([o('2024-05-01', 500), o('2024-05-02', 500)], TODAY);
    expect(twoEqual.stability).toBeCloseTo((100 * (1 / 12 + 1)) / 3, 10);
    // A single order says nothing about steadiness: only its month counts.
    expect(tradingStats([o('2024-05-01', 500)], TODAY).stability).toBeCloseTo((100 * (1 / 12)) / 3, 10);
    // Orders of nothing still count as months with orders; nothing has evenness.
    expect(tradingStats([o('2024-05-01', 0), o('2024-04-01', 0)], TODAY).stability).toBeCloseTo((100 * (2 / 12)) / 3, 10);
  });
});

describe('window helpers', () => {
  it('numbers months and tells the window', () => {
    expect(monthIndex('2024-01-31') - monthIndex('2023-12-01')).toBe(1);
    expect(monthsBack('2024-04-16', TODAY)).toBe(0);
    expect(monthsBack('2024-04-15', TODAY)).toBe(1);
    expect(monthsBack('2024-05-16', TODAY)).toBe(-1);
    expect(inLast12('2023-05-16', TODAY)).toBe(true);
    expect(inLast12('2023-05-15', TODAY)).toBe(false);
    expect(inLast12('2024-05-15', TODAY)).toBe(true);
    expect(inLast12('2024-05-16', TODAY)).toBe(false);
  });
});
