import type { Account } from '../model/account';
import type { GradeThresholds, Settings } from '../model/database';
import { GRADES, VALUE_FACTORS, type Grade, type ValueFactor } from '../model/vocabulary';
import type { FactorScore, ValueAssessment } from './types';

/** The factors where less is better: a customer who needs big discounts or costs a lot to serve is worth less. */
export const INVERTED_FACTORS: ReadonlySet<ValueFactor> = new Set<ValueFactor>(['annualDiscounts', 'costToServe']);

/**
 * The value assessment of every account not deleted (deleted ones are left out of the map and
 * out of the ranking). For each factor, the accounts that have it entered are ranked by value,
 * ascending, ties sharing their average rank; the factor's score is (rank − 1) / (n − 1), 0.5 for
 * a lone account, and 1 minus that for {@link INVERTED_FACTORS}. The account's score is
 * 100 × Σ(weight × score) / Σ(weight) over its entered factors with a weight above 0, rounded to
 * six decimals; null when that sum of weights is 0.
 */
export function assessValue(
  accounts: readonly Account[],
  settings: Pick<Settings, 'valueWeights' | 'gradeThresholds'>,
): Map<string, ValueAssessment> {
  const live = accounts.filter((a) => a.deletedAt === null);
  const scores = new Map<ValueFactor, Map<string, number>>();
  for (const factor of VALUE_FACTORS) {
    scores.set(factor, factorScores(live, factor));
  }

  const out = new Map<string, ValueAssessment>();
  for (const account of live) {
    let weighted = 0;
    let weights = 0;
    let entered = 0;
    const factors: FactorScore[] = VALUE_FACTORS.map((factor) => {
      const value = account.valueFactors[factor] ?? null;
      const weight = settings.valueWeights[factor] ?? 0;
      const score = value === null ? null : (scores.get(factor)?.get(account.id) ?? null);
      if (value !== null) entered += 1;
      if (score !== null && weight > 0) {
        weighted += weight * score;
        weights += weight;
      }
      return { factor, value, score, weight };
    });
    const score = weights > 0 ? Math.round((100 * weighted * 1e6) / weights) / 1e6 : null;
    const suggestedGrade = suggestGrade(score, settings.gradeThresholds);
    out.set(account.id, {
      score,
      factors,
      entered,
      suggestedGrade,
      grade: account.grade ?? suggestedGrade,
      overridden: account.grade !== null && account.grade !== suggestedGrade,
    });
  }
  return out;
}

/** The 0–1 score of one factor for each account that has it entered (see {@link assessValue}). */
function factorScores(accounts: readonly Account[], factor: ValueFactor): Map<string, number> {
  const entered = accounts
    .flatMap((a) => {
      const v = a.valueFactors[factor] ?? null;
      return v === null ? [] : [{ id: a.id, v }];
    })
    .sort((a, b) => a.v - b.v);
  const n = entered.length;
  const out = new Map<string, number>();
  const inverted = INVERTED_FACTORS.has(factor);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && entered[j + 1]?.v === entered[i]?.v) j += 1;
    // Positions i..j (0-based) share the average 1-based rank.
    const rank = (i + j) / 2 + 1;
    const raw = n === 1 ? 0.5 : (rank - 1) / (n - 1);
    for (let k = i; k <= j; k++) {
      const e = entered[k];
      if (e) out.set(e.id, inverted ? 1 - raw : raw);
    }
    i = j + 1;
  }
  return out;
}

/**
 * The grade a score falls in: the first of A1, A2, A3, B1, B2, C1 whose threshold the score
 * reaches (≥), else C2; null without a score.
 */
export function suggestGrade(score: number | null, thresholds: GradeThresholds): Grade | null {
  if (score === null) return null;
  for (const grade of GRADES) {
    if (grade === 'C2') break;
    if (score >= thresholds[grade]) return grade;
  }
  return 'C2';
}
