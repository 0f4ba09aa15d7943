import { describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import { DEFAULT_GRADE_THRESHOLDS, DEFAULT_VALUE_WEIGHTS, type GradeThresholds } from '@shared/model/database';
import { VALUE_FACTORS, type Grade, type ValueFactor } from '@shared/model/vocabulary';
import { assessValue, suggestGrade } from '@shared/portfolio/value';
import { FIXED_NOW, makeAccount } from '../../../helpers/factories';

type Factors = Partial<Record<ValueFactor, number | null>>;
const settings = (weights: Partial<Record<ValueFactor, number>> = {}, thresholds: GradeThresholds = { ...DEFAULT_GRADE_THRESHOLDS }) => ({
  valueWeights: { ...DEFAULT_VALUE_WEIGHTS, ...weights },
  gradeThresholds: thresholds,
});
const acct = (id: string, valueFactors: Factors, extra: Partial<Parameters<typeof makeAccount>[0]> = {}): Account =>
  makeAccount({ id, name: id, valueFactors, ...extra });
const only = (factor: ValueFactor, weight = 10) => Object.fromEntries(VALUE_FACTORS.map((f) => [f, f === factor ? weight : 0]));
const scoreOf = (m: Map<string, { score: number | null }>, id: string) => m.get(id)?.score;
const factorOf = (m: ReturnType<typeof assessValue>, id: string, f: ValueFactor) => m.get(id)?.factors.find((x) => x.factor === f);

/** Every factor at `level` (0 = worst, 2 = best); discounts and cost to serve reversed, since less is better. */
function everyFactor(level: number): Factors {
  return Object.fromEntries(
    VALUE_FACTORS.map((f) => [f, f === 'annualDiscounts' || f === 'costToServe' ? (2 - level) * 100 : level * 100 + 5]),
  );
}

describe('assessValue', () => {
  it('scores best, middle and worst in every factor 100, 50 and 0, graded A1, B1 and C2 by default', () => {
    const m = assessValue([acct('best', everyFactor(2)), acct('mid', everyFactor(1)), acct('worst', everyFactor(0))], settings());
    expect([scoreOf(m, 'best'), scoreOf(m, 'mid'), scoreOf(m, 'worst')]).toEqual([100, 50, 0]);
    expect(['best', 'mid', 'worst'].map((id) => m.get(id)?.suggestedGrade)).toEqual(['A1', 'B1', 'C2']);
    expect(['best', 'mid', 'worst'].map((id) => m.get(id)?.grade)).toEqual(['A1', 'B1', 'C2']);
    expect(m.get('best')?.entered).toBe(10);
    expect(m.get('best')?.factors.map((f) => f.factor)).toEqual([...VALUE_FACTORS]);
  });

  it('lets custom weights change the ranking', () => {
    // big buys a lot but earns little; lean buys little but earns a lot.
    const accounts = [
      acct('big', { annualPurchases: 1_000_000, annualNetProfit: 10_000 }),
      acct('lean', { annualPurchases: 100_000, annualNetProfit: 90_000 }),
    ];
    // Default weights: purchases 3, profit 3 → a tie at 50.
    const even = assessValue(accounts, settings());
    expect([scoreOf(even, 'big'), scoreOf(even, 'lean')]).toEqual([50, 50]);

    const byPurchases = assessValue(accounts, settings(only('annualPurchases')));
    expect([scoreOf(byPurchases, 'big'), scoreOf(byPurchases, 'lean')]).toEqual([100, 0]);

    const byProfit = assessValue(accounts, settings(only('annualNetProfit')));
    expect([scoreOf(byProfit, 'big'), scoreOf(byProfit, 'lean')]).toEqual([0, 100]);

    // Weight 3 on purchases, 1 on profit: (3 × 1 + 1 × 0) / 4 = 75 %.
    const mixed = assessValue(accounts, settings({ ...only('annualPurchases', 3), annualNetProfit: 1 }));
    expect([scoreOf(mixed, 'big'), scoreOf(mixed, 'lean')]).toEqual([75, 25]);
    expect(factorOf(mixed, 'big', 'annualNetProfit')).toEqual({ factor: 'annualNetProfit', value: 10_000, score: 0, weight: 1 });
  });

  it('counts discounts and cost to serve the other way round', () => {
    const accounts = [acct('cheap', { costToServe: 10, annualDiscounts: 1 }), acct('dear', { costToServe: 90, annualDiscounts: 9 })];
    const byCost = assessValue(accounts, settings(only('costToServe')));
    expect([scoreOf(byCost, 'cheap'), scoreOf(byCost, 'dear')]).toEqual([100, 0]);
    expect(factorOf(byCost, 'cheap', 'costToServe')?.score).toBe(1);
    const byDiscounts = assessValue(accounts, settings(only('annualDiscounts')));
    expect([scoreOf(byDiscounts, 'cheap'), scoreOf(byDiscounts, 'dear')]).toEqual([100, 0]);
    // The same numbers as purchases count the usual way.
    const asPurchases = assessValue(
      [acct('cheap', { potential: 10 }), acct('dear', { potential: 90 })],
      settings(only('potential')),
    );
    expect([scoreOf(asPurchases, 'cheap'), scoreOf(asPurchases, 'dear')]).toEqual([0, 100]);
  });

  it('gives tied values their average rank', () => {
    const m = assessValue(
      [acct('a', { potential: 10 }), acct('b', { potential: 20 }), acct('c', { potential: 20 }), acct('d', { potential: 30 })],
      settings(only('potential')),
    );
    // Ranks 1, 2.5, 2.5, 4 of 4 → 0, 0.5, 0.5, 1.
    expect(['a', 'b', 'c', 'd'].map((id) => factorOf(m, id, 'potential')?.score)).toEqual([0, 0.5, 0.5, 1]);
    const all = assessValue([acct('x', { potential: 5 }), acct('y', { potential: 5 }), acct('z', { potential: 5 })], settings(only('potential')));
    expect(['x', 'y', 'z'].map((id) => scoreOf(all, id))).toEqual([50, 50, 50]);
    // Three-way tie at the bottom of four: ranks 2, 2, 2, 4 → 1/3 each and 1.
    const bottom = assessValue(
      [acct('p', { potential: 1 }), acct('q', { potential: 1 }), acct('r', { potential: 1 }), acct('s', { potential: 2 })],
      settings(only('potential')),
    );
    expect(factorOf(bottom, 'p', 'potential')?.score).toBeCloseTo(1 / 3, 12);
    expect(factorOf(bottom, 's', 'potential')?.score).toBe(1);
  });

  it('scores a lone account 0.5 in each factor it alone has, inverted or not', () => {
    const m = assessValue([acct('solo', { potential: 7, costToServe: 3 }), acct('other', { annualPurchases: 1 })], settings());
    expect(factorOf(m, 'solo', 'potential')?.score).toBe(0.5);
    expect(factorOf(m, 'solo', 'costToServe')?.score).toBe(0.5);
    expect(scoreOf(m, 'solo')).toBe(50);
    expect(suggestGrade(50, DEFAULT_GRADE_THRESHOLDS)).toBe('B1');
  });

  it('ranks only accounts that entered the factor, and leaves out deleted accounts', () => {
    const m = assessValue(
      [
        acct('low', { potential: 1 }),
        acct('high', { potential: 3 }),
        acct('blank', {}),
        acct('gone', { potential: 1000 }, { deletedAt: FIXED_NOW }),
      ],
      settings(only('potential')),
    );
    expect(scoreOf(m, 'high')).toBe(100);
    expect(scoreOf(m, 'low')).toBe(0);
    expect(m.get('blank')).toMatchObject({ score: null, entered: 0, suggestedGrade: null, grade: null, overridden: false });
    expect(factorOf(m, 'blank', 'potential')).toEqual({ factor: 'potential', value: null, score: null, weight: 10 });
    expect(m.has('gone')).toBe(false);
    expect([...m.keys()]).toEqual(['low', 'high', 'blank']);
  });

  it('gives no score when every entered factor weighs 0, but still counts them as entered', () => {
    const m = assessValue([acct('a', { potential: 1, annualPurchases: 5 }), acct('b', { potential: 2 })], settings(only('costToServe')));
    expect(m.get('a')).toMatchObject({ score: null, entered: 2, suggestedGrade: null, grade: null });
    // A weight of 0 leaves the factor out of the mean instead of pulling it down.
    const partly = assessValue([acct('a', { potential: 1, annualPurchases: 5 }), acct('b', { potential: 2, annualPurchases: 1 })], settings({ ...only('annualPurchases', 2) }));
    expect(scoreOf(partly, 'a')).toBe(100);
  });

  it('keeps the user override as the grade and flags it only when it differs from the suggestion', () => {
    const m = assessValue(
      [
        acct('top', { potential: 9 }, { grade: 'A1' }),
        acct('bottom', { potential: 1 }, { grade: 'A3' }),
        acct('none', {}, { grade: 'B2' }),
        acct('free', { potential: 5 }),
      ],
      settings(only('potential')),
    );
    expect(m.get('top')).toMatchObject({ score: 100, suggestedGrade: 'A1', grade: 'A1', overridden: false });
    expect(m.get('bottom')).toMatchObject({ score: 0, suggestedGrade: 'C2', grade: 'A3', overridden: true });
    expect(m.get('none')).toMatchObject({ score: null, suggestedGrade: null, grade: 'B2', overridden: true });
    expect(m.get('free')).toMatchObject({ score: 50, suggestedGrade: 'B1', grade: 'B1', overridden: false });
  });

  it('reads the thresholds it is given', () => {
    const m = assessValue(
      [acct('a', { potential: 1 }), acct('b', { potential: 2 }), acct('c', { potential: 3 })],
      settings(only('potential'), { A1: 95, A2: 90, A3: 80, B1: 70, B2: 60, C1: 50 }),
    );
    expect(['a', 'b', 'c'].map((id) => m.get(id)?.suggestedGrade)).toEqual(['C2', 'C1', 'A1']);
  });
});

describe('suggestGrade', () => {
  const order: Grade[] = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'];
  const cases: [string, GradeThresholds][] = [
    ['default', { ...DEFAULT_GRADE_THRESHOLDS }],
    ['custom', { A1: 90, A2: 70, A3: 55, B1: 42.5, B2: 30, C1: 10 }],
  ];
  for (const [label, t] of cases) {
    it(`puts a score on each ${label} boundary in the grade above it, and just below in the next`, () => {
      (['A1', 'A2', 'A3', 'B1', 'B2', 'C1'] as const).forEach((g, i) => {
        expect(suggestGrade(t[g], t)).toBe(g);
        expect(suggestGrade(t[g] - 0.001, t)).toBe(order[i + 1]);
      });
      expect(suggestGrade(100, t)).toBe('A1');
      expect(suggestGrade(0, t)).toBe('C2');
    });
  }

  it('checks the boundaries of the default thresholds by number', () => {
    expect([85, 84.99, 75, 74.99, 65, 64.99, 50, 49.99, 40, 39.99, 25, 24.99].map((s) => suggestGrade(s, DEFAULT_GRADE_THRESHOLDS))).toEqual([
      'A1', 'A2', 'A2', 'A3', 'A3', 'B1', 'B1', 'B2', 'B2', 'C1', 'C1', 'C2',
    ]);
  });

  it('takes the higher grade when two thresholds are the same, and C2 only below C1', () => {
    const t: GradeThresholds = { A1: 80, A2: 80, A3: 60, B1: 60, B2: 0, C1: 0 };
    expect(suggestGrade(80, t)).toBe('A1');
    expect(suggestGrade(79, t)).toBe('A3');
    expect(suggestGrade(0, t)).toBe('B2');
  });

  it('gives no grade without a score', () => {
    expect(suggestGrade(null, DEFAULT_GRADE_THRESHOLDS)).toBeNull();
  });
});
