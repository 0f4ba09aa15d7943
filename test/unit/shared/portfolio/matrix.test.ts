import { describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import { matrixSettingsSchema, type MatrixSettings } from '@shared/model/database';
import { isHighIntent, matrixThresholds, median, placeAccount } from '@shared/portfolio/matrix';
import { tradingStats } from '@shared/portfolio/trading';
import type { MatrixThresholds, TradingStats } from '@shared/portfolio/types';
import { FIXED_NOW, makeAccount } from '../../../helpers/factories';
import { order } from './records';

const TODAY = '2024-05-15';
const settings = (s: Partial<MatrixSettings> = {}): MatrixSettings => matrixSettingsSchema.parse(s);
const customer = (id: string, amounts: number[], extra: Partial<Parameters<typeof makeAccount>[0]> = {}): Account =>
  makeAccount({ id, stage: 'customer', orders: amounts.map((a) => order('2024-04-10', a)), ...extra });
const prospect = (id: string, expectedAnnualPurchases: number | null, intent: 'high' | 'medium' | 'low' | null = null, extra: Partial<Parameters<typeof makeAccount>[0]> = {}): Account =>
  makeAccount({ id, stage: 'prospect', profile: { expectedAnnualPurchases, intent }, ...extra });
const statsOf = (accounts: Account[]) => new Map(accounts.map((a) => [a.id, tradingStats(a.orders, TODAY)]));

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones of an even count, and 0 of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBe(0);
  });
});

describe('matrixThresholds', () => {
  it('takes the medians of customers with orders and of prospects with expected purchases', () => {
    const accounts = [
      customer('c1', [100]),
      customer('c2', [300]),
      customer('c3', [100, 100]),
      customer('idle', []), // no orders in the window: left out
      makeAccount({ id: 'old', stage: 'customer', orders: [order('2022-01-01', 9999)] }), // only old orders: left out
      customer('gone', [1_000_000], { deletedAt: FIXED_NOW }), // deleted: left out
      prospect('p1', 50, 'high'),
      prospect('p2', 150),
      prospect('p3', null, 'high'), // not entered: left out
      prospect('pGone', 1e9, 'high', { deletedAt: FIXED_NOW }),
      // A prospect's orders do not make it a customer.
      makeAccount({ id: 'pWithOrders', stage: 'prospect', orders: [order('2024-04-01', 1e9)] }),
    ];
    const t = matrixThresholds(accounts, statsOf(accounts), settings());
    expect(t).toEqual({
      contribution: 200,
      stability: 60,
      expectedContribution: 100,
      intent: 'high',
      contributionIsMedian: true,
      expectedContributionIsMedian: true,
    });
  });

  it('uses the user’s numbers where set, and 0 when there is nothing to take a median of', () => {
    const accounts = [customer('c1', [100]), customer('c2', [300])];
    expect(matrixThresholds(accounts, statsOf(accounts), settings({ contribution: 150, stability: 40, intent: 'medium' }))).toEqual({
      contribution: 150,
      stability: 40,
      expectedContribution: 0,
      intent: 'medium',
      contributionIsMedian: false,
      expectedContributionIsMedian: true,
    });
    expect(matrixThresholds([], new Map(), settings({ expectedContribution: 0 }))).toMatchObject({
      contribution: 0,
      expectedContribution: 0,
      contributionIsMedian: true,
      expectedContributionIsMedian: false,
    });
  });
});

describe('placeAccount', () => {
  const thresholds: MatrixThresholds = {
    contribution: 1000,
    stability: 60,
    expectedContribution: 500,
    intent: 'high',
    contributionIsMedian: false,
    expectedContributionIsMedian: false,
  };
  const stats = (last12: number, stability: number | null, orderCount = 1): TradingStats => ({
    ...tradingStats([], TODAY),
    last12,
    stability,
    orderCount,
  });
  const cust = makeAccount({ stage: 'customer' });

  it('places customers on contribution × stability, the threshold itself counting as high', () => {
    expect(placeAccount(cust, stats(1000, 60), thresholds)).toEqual({
      matrix: 'existing',
      cell: 'E1',
      contribution: 1000,
      stability: 60,
      intent: null,
      missing: [],
    });
    expect(placeAccount(cust, stats(1000, 59.9), thresholds).cell).toBe('E2');
    expect(placeAccount(cust, stats(999, 60), thresholds).cell).toBe('E3');
    expect(placeAccount(cust, stats(999, 59.9), thresholds).cell).toBe('E4');
  });

  it('cannot place a customer without orders in the twelve months', () => {
    expect(placeAccount(cust, tradingStats([], TODAY), thresholds)).toEqual({
      matrix: 'existing',
      cell: null,
      contribution: 0,
      stability: null,
      intent: null,
      missing: ['orders'],
    });
  });

  it('places customers from real order histories', () => {
    const months = ['2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    const steady = makeAccount({ stage: 'customer', orders: months.map((m) => order(`${m}-01`, 300)) });
    const lumpy = makeAccount({ stage: 'customer', orders: [order('2024-01-20', 3600)] });
    const small = makeAccount({ stage: 'customer', orders: months.map((m) => order(`${m}-01`, 50)) });
    const place = (a: Account) => placeAccount(a, tradingStats(a.orders, TODAY), thresholds);
    expect(place(steady)).toMatchObject({ cell: 'E1', contribution: 3600, stability: 100 });
    expect(place(lumpy)).toMatchObject({ cell: 'E2', contribution: 3600 });
    expect(place(small)).toMatchObject({ cell: 'E3', contribution: 600 });
    expect(place(makeAccount({ stage: 'customer', orders: [order('2024-01-20', 600)] })).cell).toBe('E4');
  });

  it('places prospects on expected contribution × intent', () => {
    const place = (expected: number | null, intent: 'high' | 'medium' | 'low' | null, t = thresholds) =>
      placeAccount(prospect('p', expected, intent), tradingStats([], TODAY), t);
    expect(place(500, 'high')).toEqual({ matrix: 'prospect', cell: 'P1', contribution: 500, stability: null, intent: 'high', missing: [] });
    expect(place(500, 'medium').cell).toBe('P2');
    expect(place(499, 'high').cell).toBe('P3');
    expect(place(499, 'low').cell).toBe('P4');
    // With medium as the threshold, medium counts as high intent and low does not.
    const medium = { ...thresholds, intent: 'medium' as const };
    expect(place(500, 'medium', medium).cell).toBe('P1');
    expect(place(500, 'low', medium).cell).toBe('P2');
    expect(place(10, 'high', medium).cell).toBe('P3');
  });

  it('lists what a prospect lacks', () => {
    const place = (expected: number | null, intent: 'high' | null) => placeAccount(prospect('p', expected, intent), tradingStats([], TODAY), thresholds);
    expect(place(null, null)).toMatchObject({ cell: null, contribution: null, intent: null, missing: ['expectedPurchases', 'intent'] });
    expect(place(800, null)).toMatchObject({ cell: null, contribution: 800, missing: ['intent'] });
    expect(place(null, 'high')).toMatchObject({ cell: null, intent: 'high', missing: ['expectedPurchases'] });
  });

  it('orders intent high > medium > low', () => {
    expect(isHighIntent('high', 'low')).toBe(true);
    expect(isHighIntent('medium', 'low')).toBe(true);
    expect(isHighIntent('low', 'low')).toBe(true);
    expect(isHighIntent('medium', 'high')).toBe(false);
    expect(isHighIntent('low', 'medium')).toBe(false);
  });
});
