import { describe, expect, it } from 'vitest';
import { redFlags } from '@shared/buying-centre/red-flags';
import type { Account, WarningSignEntry } from '@shared/model/account';
import type { WarningSign } from '@shared/model/vocabulary';
import { accountHealth, healthLevel } from '@shared/portfolio/health';
import { tradingStats } from '@shared/portfolio/trading';
import type { TradingStats } from '@shared/portfolio/types';
import { makeAccount, makeDeal } from '../../../helpers/factories';
import { cleanContacts, order } from './records';

const NOW = '2024-05-15T09:00:00+08:00';
const TODAY = '2024-05-15';
const RECENT = '2024-05-10T09:00:00.000Z';
const NO_TRADE = tradingStats([], TODAY);

/** An account with a clean map, no deals and no orders. */
const healthy = (extra: Partial<Parameters<typeof makeAccount>[0]> = {}): Account =>
  makeAccount({ contacts: cleanContacts(RECENT), ...extra });
const sign = (since: string | null = '2024-03-01', notes = ''): WarningSignEntry => ({ present: true, since, notes });
const signs = (present: Partial<Record<WarningSign, WarningSignEntry>>) => present;
const health = (account: Account, opts: Partial<{ trading: TradingStats; shrinkPercent: number; dealIdleDays: number; staleAfterDays: number }> = {}) =>
  accountHealth(account, { now: NOW, trading: NO_TRADE, shrinkPercent: 10, dealIdleDays: 21, ...opts });
/** Trading with orders of `prior` in the year before and `last` in the last twelve months. */
const yoy = (prior: number, last: number) => tradingStats([order('2023-04-01', prior), order('2024-04-01', last)], TODAY);

describe('accountHealth', () => {
  it('is healthy with a clean map, no signs, steady orders and fresh deals', () => {
    const a = healthy();
    expect(redFlags(a, { now: NOW })).toEqual([]);
    expect(health(a, { trading: yoy(100, 100) })).toEqual({ level: 'healthy', points: 0, signals: [] });
  });

  it('counts each of the four warning signs, and the channel signs only for a channel partner', () => {
    const warningSigns = signs({
      ordersSpread: sign('2024-02-01', 'Now buys from three suppliers'),
      newPurchasingModel: sign(null),
      stockOuts: sign('2024-01-01', 'We ran out for six weeks'),
      partnerStaffLeaving: sign(),
      // Not ticked: does not count, whatever its notes say.
      strategyChange: { present: false, since: '2024-01-01', notes: 'Talk of own brands' },
    });
    const direct = health(healthy({ kind: 'direct', warningSigns }));
    expect(direct.signals).toEqual([
      { kind: 'warningSign', sign: 'ordersSpread', since: '2024-02-01', notes: 'Now buys from three suppliers' },
      { kind: 'warningSign', sign: 'newPurchasingModel', since: null, notes: '' },
    ]);
    expect(direct).toMatchObject({ points: 2, level: 'atRisk' });

    const channel = health(healthy({ kind: 'channel', warningSigns }));
    expect(channel.signals.map((s) => (s.kind === 'warningSign' ? s.sign : s.kind))).toEqual([
      'ordersSpread',
      'newPurchasingModel',
      'stockOuts',
      'partnerStaffLeaving',
    ]);
    expect(channel).toMatchObject({ points: 4, level: 'atRisk' });

    expect(health(healthy({ kind: 'direct', warningSigns: signs({ priceRises: sign(), greyImports: sign() }) }))).toMatchObject({
      points: 0,
      level: 'healthy',
      signals: [],
    });
    expect(health(healthy({ kind: 'channel', warningSigns: signs({ brokenPromises: sign() }) }))).toMatchObject({ points: 1, level: 'watch' });
  });

  it('scores orders shrinking by the settings’ percentage one point, by twice that two', () => {
    const at = (prior: number, last: number, shrinkPercent = 10) => health(healthy(), { trading: yoy(prior, last), shrinkPercent });
    expect(at(100, 91)).toMatchObject({ points: 0, signals: [] });
    expect(at(100, 90)).toMatchObject({ points: 1, level: 'watch', signals: [{ kind: 'ordersShrinking', change: -0.1 }] });
    expect(at(100, 81)).toMatchObject({ points: 1, level: 'watch' });
    expect(at(100, 80)).toMatchObject({ points: 2, level: 'atRisk', signals: [{ kind: 'ordersShrinking', change: -0.2 }] });
    expect(at(100, 0)).toMatchObject({ points: 2, signals: [{ kind: 'ordersShrinking', change: -1 }] });
    expect(at(100, 150)).toMatchObject({ points: 0, signals: [] });
    // Another setting moves both lines.
    expect(at(100, 80, 20)).toMatchObject({ points: 1 });
    expect(at(100, 61, 20)).toMatchObject({ points: 1 });
    expect(at(100, 60, 20)).toMatchObject({ points: 2 });
    expect(at(1000, 930, 7)).toMatchObject({ points: 1 });
    // No orders the year before: nothing to compare.
    expect(health(healthy(), { trading: tradingStats([order('2024-04-01', 5)], TODAY) })).toMatchObject({ points: 0, signals: [] });
  });

  it('reports red flags on the map, with a point only for a high one', () => {
    const weakDecider = healthy({ contacts: cleanContacts(RECENT).map((c) => (c.role === 'decider' ? { ...c, stars: 1 } : c)) });
    // The decider drops under three stars, so only four strong contacts remain: still not single-threaded.
    expect(health(weakDecider)).toEqual({ level: 'watch', points: 1, signals: [{ kind: 'redFlags', count: 1, high: 1 }] });

    const unknownAttitude = healthy({
      contacts: cleanContacts(RECENT).map((c) => (c.role === 'decider' ? { ...c, attitude: 'unknown' as const } : c)),
    });
    expect(health(unknownAttitude)).toEqual({ level: 'healthy', points: 0, signals: [{ kind: 'redFlags', count: 1, high: 0 }] });

    const empty = health(makeAccount());
    const s = empty.signals[0];
    expect(s?.kind).toBe('redFlags');
    expect(s?.kind === 'redFlags' && s.high).toBeGreaterThan(0);
    // An empty map shows its gaps but does not score: a new account starts healthy.
    expect(empty.points).toBe(0);
    expect(empty.level).toBe('healthy');
  });

  it('passes the settings’ stale-after days to the red flags', () => {
    // Judgements confirmed 105 days before now: stale after 90 days (the default), fresh when 120 are allowed.
    const old = healthy({ contacts: cleanContacts('2024-01-31T00:00:00.000Z') });
    expect(health(old)).toMatchObject({ points: 0, level: 'healthy', signals: [{ kind: 'redFlags', count: 1, high: 0 }] });
    expect(health(old, { staleAfterDays: 120 })).toEqual({ points: 0, level: 'healthy', signals: [] });
    expect(health(old, { staleAfterDays: 100 }).signals).toEqual([{ kind: 'redFlags', count: 1, high: 0 }]);
  });

  it('counts open deals that are stalled or idle for more than the deal-idle days as one point', () => {
    const meeting = (id: string, date: string) => ({ id, createdAt: RECENT, updatedAt: RECENT, date, outcome: 'continuation' as const });
    // Created 2024-05-01 (the factories' stamp): 14 days before today.
    const idle = makeDeal({ id: 'idle', stage: 'investigate' });
    const stalled = makeDeal({ id: 'stalled', stage: 'prove', meetings: [meeting('m1', '2024-05-13'), meeting('m2', '2024-05-14')] });
    const wonIdle = makeDeal({ id: 'won', stage: 'won' });
    const lostIdle = makeDeal({ id: 'lost', stage: 'lost' });

    expect(health(healthy({ deals: [idle, wonIdle, lostIdle] }), { dealIdleDays: 14 })).toEqual({ level: 'healthy', points: 0, signals: [] });
    expect(health(healthy({ deals: [idle, wonIdle, lostIdle] }), { dealIdleDays: 13 })).toEqual({
      level: 'watch',
      points: 1,
      signals: [{ kind: 'stalledDeals', count: 1, dealIds: ['idle'] }],
    });
    // Two stalled deals are still one point.
    expect(health(healthy({ deals: [idle, stalled, wonIdle] }), { dealIdleDays: 13 })).toEqual({
      level: 'watch',
      points: 1,
      signals: [{ kind: 'stalledDeals', count: 2, dealIds: ['idle', 'stalled'] }],
    });
    // A stalled run of meetings counts even when the deal was touched yesterday.
    expect(health(healthy({ deals: [stalled] }), { dealIdleDays: 30 }).signals).toEqual([{ kind: 'stalledDeals', count: 1, dealIds: ['stalled'] }]);
  });

  it('adds the points up and lists the signals in order', () => {
    const a = healthy({
      kind: 'channel',
      warningSigns: signs({ channelConflict: sign(), priceRises: sign() }),
      contacts: cleanContacts(RECENT).map((c) => (c.role === 'decider' ? { ...c, stars: 0 } : c)),
      deals: [makeDeal({ id: 'cold', stage: 'discover' })],
    });
    const h = health(a, { trading: yoy(100, 50), dealIdleDays: 5 });
    expect(h.signals.map((s) => s.kind)).toEqual(['warningSign', 'warningSign', 'ordersShrinking', 'redFlags', 'stalledDeals']);
    expect(h.points).toBe(2 + 2 + 1 + 1);
    expect(h.level).toBe('atRisk');
  });
});

describe('healthLevel', () => {
  it('is healthy at 0 points, watch at 1 and at risk from 2', () => {
    expect([0, 1, 2, 3, 9].map(healthLevel)).toEqual(['healthy', 'watch', 'atRisk', 'atRisk', 'atRisk']);
  });
});
