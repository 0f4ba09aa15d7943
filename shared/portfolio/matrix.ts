import type { Account } from '../model/account';
import type { MatrixSettings } from '../model/database';
import { INTENT_LEVELS, type IntentLevel, type MatrixCell } from '../model/vocabulary';
import type { MatrixPlacement, MatrixThresholds, TradingStats } from './types';

/** The median; of an even count, the mean of the two middle values; 0 of nothing. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * Where the matrices split high from low. Money thresholds the user left blank (null) are the
 * portfolio's medians, over the accounts not deleted: contribution, of the last twelve months'
 * orders of the customers with at least one order in that window; expected contribution, of the
 * prospects' expected annual purchases where entered. A median of nothing is 0.
 */
export function matrixThresholds(
  accounts: readonly Account[],
  trading: ReadonlyMap<string, TradingStats>,
  settings: MatrixSettings,
): MatrixThresholds {
  const live = accounts.filter((a) => a.deletedAt === null);
  const contributions: number[] = [];
  const expected: number[] = [];
  for (const a of live) {
    if (a.stage === 'customer') {
      const t = trading.get(a.id);
      if (t && t.orderCount > 0) contributions.push(t.last12);
    } else if (a.profile.expectedAnnualPurchases !== null) {
      expected.push(a.profile.expectedAnnualPurchases);
    }
  }
  return {
    contribution: settings.contribution ?? median(contributions),
    stability: settings.stability,
    expectedContribution: settings.expectedContribution ?? median(expected),
    intent: settings.intent,
    contributionIsMedian: settings.contribution === null,
    expectedContributionIsMedian: settings.expectedContribution === null,
  };
}

/** True when `intent` is at or above `threshold` (high > medium > low). */
export function isHighIntent(intent: IntentLevel, threshold: IntentLevel): boolean {
  return INTENT_LEVELS.indexOf(intent) <= INTENT_LEVELS.indexOf(threshold);
}

/**
 * The account's cell. Customers go on contribution (last twelve months' orders, high when at or
 * above the threshold) × stability (stable when at or above the threshold): E1 high and stable,
 * E2 high and unstable, E3 low and stable, E4 low and unstable; without an order in the twelve
 * months the cell is null and `missing` is ['orders']. Prospects go on expected contribution
 * (expected annual purchases, high when at or above the threshold) × intent (high when at or
 * above the threshold level): P1 high/high, P2 high contribution and low intent, P3 low
 * contribution and high intent, P4 low/low; a blank figure is listed in `missing` and the cell is
 * null.
 */
export function placeAccount(account: Account, trading: TradingStats, thresholds: MatrixThresholds): MatrixPlacement {
  if (account.stage === 'customer') {
    const base = { matrix: 'existing' as const, contribution: trading.last12, stability: trading.stability, intent: null };
    if (trading.orderCount === 0 || trading.stability === null) return { ...base, cell: null, missing: ['orders'] };
    const high = trading.last12 >= thresholds.contribution;
    const stable = trading.stability >= thresholds.stability;
    const cell: MatrixCell = high ? (stable ? 'E1' : 'E2') : stable ? 'E3' : 'E4';
    return { ...base, cell, missing: [] };
  }
  const contribution = account.profile.expectedAnnualPurchases;
  const intent = account.profile.intent;
  const missing: MatrixPlacement['missing'] = [];
  if (contribution === null) missing.push('expectedPurchases');
  if (intent === null) missing.push('intent');
  let cell: MatrixCell | null = null;
  if (contribution !== null && intent !== null) {
    const high = contribution >= thresholds.expectedContribution;
    const keen = isHighIntent(intent, thresholds.intent);
    cell = high ? (keen ? 'P1' : 'P2') : keen ? 'P3' : 'P4';
  }
  return { matrix: 'prospect', cell, contribution, stability: null, intent, missing };
}
