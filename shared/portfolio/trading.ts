import type { Order } from '../model/account';
import type { TradingStats } from './types';

/** Months since year 0 of a `YYYY-MM-DD` date: one number per calendar month. */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * How many whole months before `today` a date lies: 0 for (today − 1 month, today], 1 for the
 * month before that, and so on. Months are counted back from today's day of the month, so every
 * window is a full month and a year ago compares like with like, whatever day today is. Negative
 * for a date after today.
 */
export function monthsBack(date: string, today: string): number {
  if (date > today) return -1;
  const day = (s: string) => Number(s.slice(8, 10));
  return monthIndex(today) - monthIndex(date) - (day(date) > day(today) ? 1 : 0);
}

/** True when `date` falls in the last twelve months as of `today`: (today − 12 months, today]. */
export function inLast12(date: string, today: string): boolean {
  const age = monthsBack(date, today);
  return age >= 0 && age < 12;
}

/**
 * What the order history says as of `today` (a `YYYY-MM-DD` date), in whole months counted back
 * from today (see {@link monthsBack}): the last twelve, and the twelve before them. Orders dated
 * after today are ignored. See {@link TradingStats} for each figure.
 */
export function tradingStats(orders: readonly Pick<Order, 'date' | 'amount'>[], today: string): TradingStats {
  const monthly = Array.from({ length: 12 }, () => 0);
  let prior12 = 0;
  let orderCount = 0;
  let largest: number | null = null;
  const monthsSeen = new Set<number>();
  const amounts: number[] = [];
  for (const o of orders) {
    const age = monthsBack(o.date, today);
    if (age < 0) continue;
    if (age < 12) {
      const slot = 11 - age;
      monthly[slot] = (monthly[slot] ?? 0) + o.amount;
      monthsSeen.add(slot);
      orderCount += 1;
      amounts.push(o.amount);
      largest = largest === null ? o.amount : Math.max(largest, o.amount);
    } else if (age < 24) {
      prior12 += o.amount;
    }
  }
  const last12 = monthly.reduce((s, v) => s + v, 0);
  const quarterly = [0, 1, 2, 3].map((q) => monthly.slice(q * 3, q * 3 + 3).reduce((s, v) => s + v, 0));
  const monthsWithOrders = monthsSeen.size;
  return {
    last12,
    prior12,
    yoyChange: prior12 === 0 ? null : (last12 - prior12) / prior12,
    monthly,
    quarterly,
    orderCount,
    averageOrder: orderCount === 0 ? null : last12 / orderCount,
    largestOrder: largest,
    monthsWithOrders,
    stability: orderCount === 0 ? null : stability(monthsWithOrders, quarterly, amounts),
  };
}

/** max(0, 1 − population CV); 0 when the values average 0. */
function evenness(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (!(mean > 0)) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.max(0, 1 - Math.sqrt(variance) / mean);
}

/**
 * 100 × the mean of regularity (months with orders / 12), quarterly evenness and single-order
 * evenness (0 with fewer than two orders: one order says nothing about how steady they are).
 */
function stability(monthsWithOrders: number, quarterly: readonly number[], amounts: readonly number[]): number {
  const orders = amounts.length < 2 ? 0 : evenness(amounts);
  return (100 * (monthsWithOrders / 12 + evenness(quarterly) + orders)) / 3;
}
