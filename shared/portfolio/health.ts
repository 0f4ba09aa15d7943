import { flagCount, redFlags } from '../buying-centre/red-flags';
import { isOpen } from '../deals/probability';
import { dealRisks } from '../deals/risk';
import type { Account } from '../model/account';
import { CHANNEL_WARNING_SIGNS, WARNING_SIGNS, type HealthLevel } from '../model/vocabulary';
import type { AccountHealth, HealthSignal, TradingStats } from './types';

export interface HealthOptions {
  /** The present instant with the user's offset (or a date). */
  now: string;
  /** The account's trading stats as of today. */
  trading: TradingStats;
  /** Settings: orders down by at least this many percent on the year before is a signal. */
  shrinkPercent: number;
  /** Settings: an open deal untouched for more than this many days is idle. */
  dealIdleDays: number;
  /** Settings: judgements on the map older than this many days are stale (a low red flag). */
  staleAfterDays?: number;
}

/** Small slack so that exactly −10 % with a 10 % setting counts whatever the floating point. */
const EPSILON = 1e-9;

/**
 * The account's health as of `opts.now`. Signals, in this order, and their points:
 * - each warning sign ticked present (the four always, the five channel signs only when the
 *   account is a channel partner): 1 point each;
 * - `ordersShrinking` when the year-on-year change is −shrinkPercent % or worse: 1 point, 2 when
 *   −2 × shrinkPercent % or worse;
 * - `redFlags` when the buying-centre map has any red flag (count = all, high = high severity):
 *   1 point only when at least one is high;
 * - `stalledDeals` when any open deal has the `stalled` or `noActivity` risk (idle for more than
 *   dealIdleDays): 1 point.
 * Level: 0 points healthy, 1 watch, 2 or more at risk.
 */
export function accountHealth(account: Account, opts: HealthOptions): AccountHealth {
  const signals: HealthSignal[] = [];
  let points = 0;

  const signs = account.kind === 'channel' ? [...WARNING_SIGNS, ...CHANNEL_WARNING_SIGNS] : WARNING_SIGNS;
  for (const sign of signs) {
    const entry = account.warningSigns[sign];
    if (!entry?.present) continue;
    signals.push({ kind: 'warningSign', sign, since: entry.since, notes: entry.notes });
    points += 1;
  }

  const change = opts.trading.yoyChange;
  const limit = opts.shrinkPercent / 100;
  if (change !== null && change <= -limit + EPSILON) {
    signals.push({ kind: 'ordersShrinking', change });
    points += change <= -2 * limit + EPSILON ? 2 : 1;
  }

  const flags = redFlags(account, {
    now: opts.now,
    ...(opts.staleAfterDays !== undefined ? { maxAgeDays: opts.staleAfterDays } : {}),
  });
  if (flags.length > 0) {
    const { total, high } = flagCount(flags);
    signals.push({ kind: 'redFlags', count: total, high });
    // A map not started yet is every gap at once: shown, but not scored against the account's
    // health (a new account would otherwise start on "watch").
    if (high > 0 && account.contacts.length > 0) points += 1;
  }

  const stalled = account.deals.filter(
    (deal) =>
      isOpen(deal) &&
      dealRisks(deal, account, { now: opts.now, staleAfterDays: opts.dealIdleDays }).some(
        (r) => r.code === 'stalled' || r.code === 'noActivity',
      ),
  );
  if (stalled.length > 0) {
    signals.push({ kind: 'stalledDeals', count: stalled.length, dealIds: stalled.map((d) => d.id) });
    points += 1;
  }

  return { level: healthLevel(points), points, signals };
}

/** 0 points healthy, 1 watch, 2 or more at risk. */
export function healthLevel(points: number): HealthLevel {
  return points <= 0 ? 'healthy' : points === 1 ? 'watch' : 'atRisk';
}
