import { roleCoverage } from '../buying-centre/coverage';
import { calendarDate } from '../deals/dates';
import { isOpen, weightedValue } from '../deals/probability';
import type { Database } from '../model/database';
import { lastActivity } from './activity';
import { accountHealth } from './health';
import { matrixThresholds, placeAccount } from './matrix';
import { pareto } from './pareto';
import { tradingStats } from './trading';
import type { Portfolio, PortfolioRow, TradingStats } from './types';
import { assessValue } from './value';

/**
 * Every account's figures and the Pareto curve, as of `now` (an ISO instant with the user's
 * offset; today is the calendar date written in it). One row per account not deleted, in the
 * database's order; the Pareto curve is drawn over the rows' net profit.
 * @throws RangeError when `now` is not a date or timestamp.
 */
export function buildPortfolio(db: Database, now: string): Portfolio {
  const today = calendarDate(now, 'now');
  const { settings } = db;
  const live = db.accounts.filter((a) => a.deletedAt === null);
  const trading = new Map<string, TradingStats>(live.map((a) => [a.id, tradingStats(a.orders, today)]));
  const values = assessValue(live, settings);
  const thresholds = matrixThresholds(live, trading, settings.matrix);

  const rows = live.map((account): PortfolioRow => {
    const stats = trading.get(account.id) ?? tradingStats([], today);
    const value = values.get(account.id);
    if (!value) throw new Error(`No value assessment for ${account.id}`);
    const health = accountHealth(account, {
      now,
      trading: stats,
      shrinkPercent: settings.shrinkPercent,
      dealIdleDays: settings.dealIdleDays,
      staleAfterDays: settings.staleAfterDays,
    });
    let openPipeline = 0;
    let weightedPipeline = 0;
    let openDeals = 0;
    for (const d of account.deals) {
      if (!isOpen(d)) continue;
      openPipeline += d.value;
      weightedPipeline += weightedValue(d);
      openDeals += 1;
    }
    const flags = health.signals.find((s) => s.kind === 'redFlags');
    return {
      id: account.id,
      name: account.name,
      kind: account.kind,
      stage: account.stage,
      owner: account.profile.owner,
      value,
      annualPurchases: stats.orderCount > 0 ? stats.last12 : account.valueFactors.annualPurchases,
      netProfit: account.valueFactors.annualNetProfit ?? null,
      openPipeline,
      weightedPipeline,
      openDeals,
      rolesCovered: roleCoverage(account.contacts).filter((r) => r.status === 'weak' || r.status === 'strong').length,
      redFlags: flags?.kind === 'redFlags' ? flags.count : 0,
      health,
      lastActivity: lastActivity(account, today),
      matrix: placeAccount(account, stats, thresholds),
      trading: stats,
      updatedAt: account.updatedAt,
    };
  });

  return {
    today,
    rows,
    pareto: pareto(rows.map((r) => ({ id: r.id, name: r.name, value: r.netProfit }))),
    thresholds,
  };
}
