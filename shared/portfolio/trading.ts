import type { Order } from '../model/account';
import type { TradingStats } from './types';

/** Months since year 0 of a `YYYY-MM-DD` date: one number per calendar month. */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * True when an order dated `date` falls in the last-twelve-months window as of `today`: one of
 * the twelve calendar months ending with today's month, and not after today.
 */
export function inLast12(date: string, today: string): boolean {
  if (date > today) return false;
  const age = monthIndex(today) - monthIndex(date);
  return age >= 0 && age < 12;
}

/**
 * What the order history says as of `today` (a `YYYY-MM-DD` date), by calendar month: the
 * twelve months ending with today's month, and the twelve before them. Orders dated after today
 * are ignored. See {@link TradingStats} for each figure.
 */
export function tradingStats(orders: readonly Pick<Order, 'date' | 'amount'>[], today: string): TradingStats {
  const current = monthIndex(today);
  const monthly = Array.from({ length: 12 }, () => 0);
  let prior12 = 0;
  let orderCount = 0;
  let largest: number | null = null;
  const monthsSeen = new Set<number>();
  const amounts: number[] = [];
  for (const o of orders) {
    if (o.date > today) continue;
    const age = current - monthIndex(o.date);
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
