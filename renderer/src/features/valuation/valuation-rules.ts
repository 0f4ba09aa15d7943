import type { AccountPatch } from '@shared/api/contract';
import {
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_VALUE_WEIGHTS,
  matrixSettingsSchema,
  settingsSchema,
  type GradeThresholds,
  type Settings,
} from '@shared/model/database';
import { GRADES, INTENT_LEVELS, VALUE_FACTORS, type IntentLevel, type ValueFactor } from '@shared/model/vocabulary';

/** What a number field holds: a number, '' when empty, or a half-typed string such as '-'. */
export type NumberDraft = number | string;

/** A translatable message: an i18n key and its values. */
export interface Problem {
  key: string;
  values?: Record<string, string | number>;
}

/** The factors rated 1–5 rather than counted in money or years. */
export const RATING_FACTORS: ReadonlySet<ValueFactor> = new Set(['backgroundStrength', 'potential', 'influenceReferral']);
export const MONEY_FACTORS: ReadonlySet<ValueFactor> = new Set([
  'annualPurchases',
  'annualDiscounts',
  'costToServe',
  'annualNetProfit',
  'historicalContribution',
  'budgetedTotalProfit',
]);

const MONEY_MAX = 1e13;

/** The values each value factor may take. Profits may be losses; purchases, discounts and costs may not. */
export const FACTOR_RANGES: Readonly<Record<ValueFactor, readonly [number, number]>> = {
  annualPurchases: [0, MONEY_MAX],
  annualDiscounts: [0, MONEY_MAX],
  costToServe: [0, MONEY_MAX],
  annualNetProfit: [-MONEY_MAX, MONEY_MAX],
  historicalContribution: [-MONEY_MAX, MONEY_MAX],
  yearsOfCooperation: [0, 200],
  budgetedTotalProfit: [-MONEY_MAX, MONEY_MAX],
  backgroundStrength: [1, 5],
  potential: [1, 5],
  influenceReferral: [1, 5],
};

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A number field's draft checked against [min, max]: the value to save (null when empty) or the problem. */
export function checkNumber(raw: NumberDraft, min: number, max: number): { value: number | null } | { problem: Problem } {
  if (raw === '' || raw === null || raw === undefined) return { value: null };
  const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/,/g, '').trim());
  if (typeof raw === 'string' && raw.trim() === '') return { value: null };
  if (!Number.isFinite(n)) return { problem: { key: 'valuation.value.errors.notNumber' } };
  if (n < min || n > max) return { problem: { key: 'valuation.value.errors.range', values: { min: fmt(min), max: fmt(max) } } };
  return { value: n };
}

/** One value factor's draft checked against its range. */
export function checkFactor(factor: ValueFactor, raw: NumberDraft) {
  const [min, max] = FACTOR_RANGES[factor];
  return checkNumber(raw, min, max);
}

/** A "since" date of a warning sign: '' = none; a date after `today` is refused. */
export function checkSince(raw: string, today: string): { value: string | null } | { problem: Problem } {
  if (raw === '') return { value: null };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(new Date(`${raw}T00:00:00Z`).getTime())) {
    return { problem: { key: 'valuation.healthView.badDate' } };
  }
  if (raw > today) return { problem: { key: 'valuation.healthView.futureDate' } };
  return { value: raw };
}

/** Two account patches as one: value factors and warning signs merged key by key, the rest the later one's. */
export function mergePatches(a: AccountPatch, b: AccountPatch): AccountPatch {
  const merged: AccountPatch = { ...a, ...b };
  if (a.valueFactors || b.valueFactors) merged.valueFactors = { ...a.valueFactors, ...b.valueFactors };
  if (a.warningSigns || b.warningSigns) merged.warningSigns = { ...a.warningSigns, ...b.warningSigns };
  return merged;
}

// ---------------------------------------------------------------------------------------------
// The settings form

export type GradeKey = Exclude<(typeof GRADES)[number], 'C2'>;
export const GRADE_KEYS = GRADES.filter((g): g is GradeKey => g !== 'C2');

/** The settings form's state: every number as typed. */
export interface SettingsDraft {
  weights: Record<ValueFactor, NumberDraft>;
  grades: Record<GradeKey, NumberDraft>;
  contribution: NumberDraft;
  stability: NumberDraft;
  expectedContribution: NumberDraft;
  intent: IntentLevel;
  shrinkPercent: NumberDraft;
}

export type SettingsPatch = Pick<Settings, 'valueWeights' | 'gradeThresholds' | 'matrix' | 'shrinkPercent'>;

export function toSettingsDraft(s: Pick<Settings, 'valueWeights' | 'gradeThresholds' | 'matrix' | 'shrinkPercent'>): SettingsDraft {
  return {
    weights: Object.fromEntries(VALUE_FACTORS.map((f) => [f, s.valueWeights[f]])) as Record<ValueFactor, NumberDraft>,
    grades: Object.fromEntries(GRADE_KEYS.map((g) => [g, s.gradeThresholds[g]])) as Record<GradeKey, NumberDraft>,
    contribution: s.matrix.contribution ?? '',
    stability: s.matrix.stability,
    expectedContribution: s.matrix.expectedContribution ?? '',
    intent: s.matrix.intent,
    shrinkPercent: s.shrinkPercent,
  };
}

/** The defaults of every setting on the form. */
export function defaultSettingsDraft(): SettingsDraft {
  const defaults = settingsSchema.parse({});
  return toSettingsDraft({
    valueWeights: { ...DEFAULT_VALUE_WEIGHTS },
    gradeThresholds: { ...DEFAULT_GRADE_THRESHOLDS },
    matrix: matrixSettingsSchema.parse({}),
    shrinkPercent: defaults.shrinkPercent,
  });
}

/** Field name → problem; field names: `weight.<factor>`, `weights` (all of them), `grade.<A1…C1>`, `contribution`, … */
export type SettingsProblems = Record<string, Problem>;

const rangeProblem = (min: number, max: number): Problem => ({ key: 'valuation.settings.errors.range', values: { min: fmt(min), max: fmt(max) } });

/**
 * The settings form checked: the patch to send (every part replaced whole) or what is wrong, field
 * by field. Weights 0–10 and not all of them 0, grade thresholds 0–100 and each at least the one
 * below it, money thresholds ≥ 0 or empty (the median), stability 0–100, shrinking 1–100 %.
 */
export function checkSettingsDraft(d: SettingsDraft): { patch: SettingsPatch } | { problems: SettingsProblems } {
  const problems: SettingsProblems = {};
  const need = (field: string, raw: NumberDraft, min: number, max: number, optional = false): number | null => {
    const r = checkNumber(raw, min, max);
    if ('problem' in r) {
      problems[field] = r.problem.key === 'valuation.value.errors.notNumber' ? { key: 'valuation.settings.errors.required' } : rangeProblem(min, max);
      return null;
    }
    if (r.value === null && !optional) {
      problems[field] = { key: 'valuation.settings.errors.required' };
      return null;
    }
    return r.value;
  };

  const valueWeights = {} as Record<ValueFactor, number>;
  for (const f of VALUE_FACTORS) valueWeights[f] = need(`weight.${f}`, d.weights[f], 0, 10) ?? 0;
  // With every weight at 0 no account can have a score: refused as a whole.
  if (VALUE_FACTORS.every((f) => !problems[`weight.${f}`] && valueWeights[f] === 0)) {
    problems.weights = { key: 'valuation.settings.errors.allZero' };
  }

  const gradeThresholds = {} as GradeThresholds;
  for (const g of GRADE_KEYS) gradeThresholds[g] = need(`grade.${g}`, d.grades[g], 0, 100) ?? NaN;
  GRADE_KEYS.forEach((g, i) => {
    const below = GRADE_KEYS[i + 1];
    if (!below || problems[`grade.${g}`] || problems[`grade.${below}`]) return;
    if (gradeThresholds[g] < gradeThresholds[below]) {
      problems[`grade.${g}`] = { key: 'valuation.settings.errors.order', values: { below, value: gradeThresholds[below] } };
    }
  });

  const contribution = need('contribution', d.contribution, 0, MONEY_MAX, true);
  const stability = need('stability', d.stability, 0, 100);
  const expectedContribution = need('expectedContribution', d.expectedContribution, 0, MONEY_MAX, true);
  const shrinkPercent = need('shrinkPercent', d.shrinkPercent, 1, 100);
  const intent = INTENT_LEVELS.includes(d.intent) ? d.intent : 'high';

  if (Object.keys(problems).length > 0) return { problems };
  return {
    patch: {
      valueWeights,
      gradeThresholds,
      matrix: { contribution, stability: stability ?? 60, expectedContribution, intent },
      shrinkPercent: shrinkPercent ?? 10,
    },
  };
}
