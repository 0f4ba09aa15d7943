import { describe, expect, it } from 'vitest';
import { flagCount, redFlags } from '@shared/buying-centre/red-flags';
import { accountSchema } from '@shared/model/account';
import { buildPortfolio } from '@shared/portfolio/portfolio';
import { buildSampleAccount, sampleProductLines } from '@shared/sample/hemei';
import { FIXED_NOW, makeAccount, makeContact, makeCtx, makeDatabase, makeDeal, makeLargeDatabase } from '../../../helpers/factories';
import { activity, cleanContacts, order } from './records';

// 07:00 in Shanghai on 1 June is still 31 May in UTC: today is the date written in the instant.
const NOW = '2024-06-01T07:00:00+08:00';
const FRESH = '2024-05-30T00:00:00.000Z';
const months = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

function database() {
  return makeDatabase({
    settings: { valueWeights: { annualNetProfit: 10, annualPurchases: 0 }, productLines: [{ id: 'pA', name: 'Premix' }] },
    accounts: [
      makeAccount({
        id: 'steady',
        name: 'Steady Feed',
        kind: 'channel',
        profile: { owner: 'Li Na' },
        valueFactors: { annualNetProfit: 800 },
        contacts: cleanContacts(FRESH),
        orders: months.map((m) => order(`${m}-01`, 100)),
        deals: [
          makeDeal({ stage: 'prove', value: 1000, createdAt: FRESH, updatedAt: FRESH }),
          makeDeal({ stage: 'commit', value: 400, probability: 90, createdAt: FRESH, updatedAt: FRESH }),
          makeDeal({ stage: 'won', value: 5000 }),
        ],
        activities: [activity('2024-05-20'), activity('2024-05-28'), activity('2024-01-02')],
      }),
      makeAccount({ id: 'gone', name: 'Deleted', deletedAt: FIXED_NOW, valueFactors: { annualNetProfit: 1e9 } }),
      makeAccount({
        id: 'shrinking',
        name: 'Shrinking Mill',
        valueFactors: { annualPurchases: 12_345, annualNetProfit: 200 },
        warningSigns: { ordersSpread: { present: true, since: '2024-04-01', notes: '' } },
        contacts: [
          makeContact({ role: 'decider', stars: 1, attitude: 'supporter', confirmedAt: { attitude: FRESH, influence: FRESH, stars: FRESH } }),
          makeContact({ role: 'payer', isPlaceholder: true }),
        ],
        orders: [order('2023-05-01', 1000), order('2024-05-01', 500), order('2024-06-01', 100)],
      }),
      makeAccount({
        id: 'prospect',
        name: 'New Prospect',
        stage: 'prospect',
        valueFactors: { annualNetProfit: -50 },
        profile: { expectedAnnualPurchases: 3000, intent: 'medium' },
      }),
    ],
  });
}

describe('buildPortfolio', () => {
  it('has one row per account not deleted, in database order, as of the date written in now', () => {
    const p = buildPortfolio(database(), NOW);
    expect(p.today).toBe('2024-06-01');
    expect(p.rows.map((r) => r.id)).toEqual(['steady', 'shrinking', 'prospect']);
  });

  it('fills every figure of a row', () => {
    const db = database();
    const p = buildPortfolio(db, NOW);
    const [steady, shrinking, prospect] = p.rows;

    expect(steady).toMatchObject({
      name: 'Steady Feed',
      kind: 'channel',
      stage: 'customer',
      owner: 'Li Na',
      // No purchases entered: the last twelve months' orders (June's order of today counts).
      annualPurchases: 1200,
      netProfit: 800,
      openPipeline: 1400,
      weightedPipeline: 500 + 360,
      openDeals: 2,
      rolesCovered: 6,
      redFlags: 0,
      lastActivity: '2024-05-28',
      health: { level: 'healthy', points: 0, signals: [] },
      matrix: { matrix: 'existing', cell: 'E1', contribution: 1200, stability: 100 },
      updatedAt: FIXED_NOW,
    });
    expect(steady?.trading.last12).toBe(1200);
    // Only net profit weighs (10, purchases 0): best of three → 100.
    expect(steady?.value).toMatchObject({ score: 100, suggestedGrade: 'A1', grade: 'A1', overridden: false, entered: 1 });

    const account = db.accounts[2];
    if (!account) throw new Error('fixture');
    const flags = redFlags(account, { now: NOW, maxAgeDays: db.settings.staleAfterDays });
    expect(shrinking).toMatchObject({
      stage: 'customer',
      owner: '',
      // Orders recorded: what they bought (500 + 100 in the last twelve months), not the value factor.
      annualPurchases: 600,
      netProfit: 200,
      openPipeline: 0,
      weightedPipeline: 0,
      openDeals: 0,
      // The decider is known; the payer seat is only a placeholder.
      rolesCovered: 1,
      redFlags: flagCount(flags).total,
      lastActivity: null,
      value: { score: 50, suggestedGrade: 'B1' },
    });
    expect(flags.length).toBeGreaterThan(0);
    // Last twelve months 600 against 1000: −40 %, beyond twice the default 10 % → 2 points; a warning sign 1; high red flags 1.
    expect(shrinking?.trading.yoyChange).toBeCloseTo(-0.4, 12);
    expect(shrinking?.health).toMatchObject({ level: 'atRisk', points: 4 });
    expect(shrinking?.health.signals.map((s) => s.kind)).toEqual(['warningSign', 'ordersShrinking', 'redFlags']);

    expect(prospect).toMatchObject({
      stage: 'prospect',
      annualPurchases: null,
      netProfit: -50,
      value: { score: 0, suggestedGrade: 'C2' },
      matrix: { matrix: 'prospect', cell: 'P2', contribution: 3000, intent: 'medium', stability: null, missing: [] },
    });
  });

  it('takes annual purchases from the orders when there are any, else from the value factor, and ignores planned activities', () => {
    const db = makeDatabase({
      accounts: [
        makeAccount({ id: 'typed', valueFactors: { annualPurchases: 9_000 }, activities: [activity('2024-05-02'), activity('2024-07-15')] }),
        makeAccount({ id: 'ordered', valueFactors: { annualPurchases: 9_000 }, orders: [order('2024-03-01', 250)] }),
        makeAccount({ id: 'old', valueFactors: { annualPurchases: null }, orders: [order('2021-03-01', 250)] }),
      ],
    });
    const rows = Object.fromEntries(buildPortfolio(db, NOW).rows.map((r) => [r.id, r]));
    expect(rows.typed?.annualPurchases).toBe(9_000);
    expect(rows.ordered?.annualPurchases).toBe(250);
    expect(rows.old?.annualPurchases).toBeNull();
    expect(rows.typed?.lastActivity).toBe('2024-05-02');
  });

  it('takes the matrix thresholds from the customers and prospects not deleted', () => {
    const p = buildPortfolio(database(), NOW);
    expect(p.thresholds).toEqual({
      // Medians of 1200 and 600; of the one prospect's 3000.
      contribution: 900,
      stability: 60,
      expectedContribution: 3000,
      intent: 'high',
      contributionIsMedian: true,
      expectedContributionIsMedian: true,
    });
    expect(p.rows[1]?.matrix.cell).toBe('E4');
  });

  it('draws the Pareto curve over net profit', () => {
    const p = buildPortfolio(database(), NOW);
    expect(p.pareto).toMatchObject({ total: 1000, vitalFew: 1, lossMaking: 1, blank: 0 });
    expect(p.pareto.points.map((x) => [x.id, x.value, x.cumulativeShare])).toEqual([
      ['steady', 800, 0.8],
      ['shrinking', 200, 1],
      ['prospect', 0, 1],
    ]);
  });

  it('is empty for an empty database, and refuses a now that is not a date', () => {
    expect(buildPortfolio(makeDatabase(), NOW)).toMatchObject({ today: '2024-06-01', rows: [], pareto: { total: 0, points: [] } });
    expect(() => buildPortfolio(makeDatabase(), 'yesterday')).toThrow(RangeError);
  });

  it('copes with the sample account and a large portfolio', () => {
    const ctx = makeCtx();
    const lines = sampleProductLines(ctx, 'zh-CN', []);
    const sample = accountSchema.parse(buildSampleAccount(ctx, 'zh-CN', lines));
    const big = makeLargeDatabase({ accounts: 300, contactsPerAccount: 6 });
    const db = { ...big, accounts: [sample, ...big.accounts], settings: { ...big.settings, productLines: lines } };
    const p = buildPortfolio(db, NOW);
    expect(p.rows).toHaveLength(301);
    expect(p.rows[0]?.name).toBe(sample.name);
    expect(p.rows.every((r) => r.openDeals >= 0 && r.health.points >= 0)).toBe(true);
  });
});
