import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_THRESHOLDS, DEFAULT_VALUE_WEIGHTS } from '@shared/model/database';
import {
  checkFactor,
  checkSettingsDraft,
  checkSince,
  defaultSettingsDraft,
  mergePatches,
  type SettingsDraft,
} from '../../renderer/src/features/valuation/valuation-rules';

describe('value factor input', () => {
  it('takes empty as "not entered" and numbers within the factor’s range', () => {
    expect(checkFactor('annualNetProfit', '')).toEqual({ value: null });
    expect(checkFactor('annualNetProfit', -50_000)).toEqual({ value: -50_000 });
    expect(checkFactor('potential', 1)).toEqual({ value: 1 });
    expect(checkFactor('potential', 5)).toEqual({ value: 5 });
    expect(checkFactor('yearsOfCooperation', 0)).toEqual({ value: 0 });
  });

  it('refuses ratings outside 1–5, negative purchases and costs, and half-typed numbers', () => {
    expect(checkFactor('potential', 7)).toEqual({ problem: { key: 'valuation.value.errors.range', values: { min: '1', max: '5' } } });
    expect(checkFactor('influenceReferral', 0)).toHaveProperty('problem');
    expect(checkFactor('annualPurchases', -1)).toHaveProperty('problem');
    expect(checkFactor('costToServe', -1)).toHaveProperty('problem');
    expect(checkFactor('yearsOfCooperation', 500)).toHaveProperty('problem');
    expect(checkFactor('annualNetProfit', '-')).toEqual({ problem: { key: 'valuation.value.errors.notNumber' } });
  });
});

describe('warning sign dates', () => {
  it('takes none or a date up to today, and refuses the future', () => {
    expect(checkSince('', '2025-06-01')).toEqual({ value: null });
    expect(checkSince('2025-06-01', '2025-06-01')).toEqual({ value: '2025-06-01' });
    expect(checkSince('2025-06-02', '2025-06-01')).toEqual({ problem: { key: 'valuation.healthView.futureDate' } });
    expect(checkSince('06/02/2025', '2025-06-01')).toEqual({ problem: { key: 'valuation.healthView.badDate' } });
  });
});

describe('mergePatches', () => {
  it('merges value factors and warning signs key by key, the later edit winning', () => {
    const sign = { present: true, since: null, notes: '' };
    expect(
      mergePatches(
        { valueFactors: { potential: 3, annualNetProfit: 1 }, grade: 'A1', warningSigns: { ordersSpread: sign } },
        { valueFactors: { potential: 4 }, grade: null, warningSigns: { stockOuts: sign } },
      ),
    ).toEqual({
      valueFactors: { potential: 4, annualNetProfit: 1 },
      grade: null,
      warningSigns: { ordersSpread: sign, stockOuts: sign },
    });
    expect(mergePatches({ grade: 'B1' }, {})).toEqual({ grade: 'B1' });
  });
});

describe('the settings form', () => {
  const draft = (over: Partial<SettingsDraft> = {}): SettingsDraft => ({ ...defaultSettingsDraft(), ...over });

  it('starts from the defaults and turns into one whole patch; empty money thresholds mean the median', () => {
    const checked = checkSettingsDraft(draft());
    expect(checked).toEqual({
      patch: {
        valueWeights: { ...DEFAULT_VALUE_WEIGHTS },
        gradeThresholds: { ...DEFAULT_GRADE_THRESHOLDS },
        matrix: { contribution: null, stability: 60, expectedContribution: null, intent: 'high' },
        shrinkPercent: 10,
      },
    });
    const custom = checkSettingsDraft(draft({ contribution: 500_000, expectedContribution: 0, intent: 'medium', stability: 75, shrinkPercent: 25 }));
    expect(custom).toHaveProperty('patch.matrix', { contribution: 500_000, stability: 75, expectedContribution: 0, intent: 'medium' });
    expect(custom).toHaveProperty('patch.shrinkPercent', 25);
  });

  it('refuses weights outside 0–10, blank required numbers and out-of-range thresholds, field by field', () => {
    const d = draft({ stability: '', shrinkPercent: 0, contribution: -5 });
    d.weights = { ...d.weights, potential: 11, costToServe: -1 };
    const checked = checkSettingsDraft(d);
    expect(checked).toEqual({
      problems: {
        'weight.costToServe': { key: 'valuation.settings.errors.range', values: { min: '0', max: '10' } },
        'weight.potential': { key: 'valuation.settings.errors.range', values: { min: '0', max: '10' } },
        contribution: { key: 'valuation.settings.errors.range', values: { min: '0', max: '10,000,000,000,000' } },
        stability: { key: 'valuation.settings.errors.required' },
        shrinkPercent: { key: 'valuation.settings.errors.range', values: { min: '1', max: '100' } },
      },
    });
  });

  it('needs the grade thresholds to go down from A1 to C1 (equal is allowed)', () => {
    const d = draft();
    d.grades = { ...d.grades, A2: 90 };
    expect(checkSettingsDraft(d)).toEqual({
      problems: { 'grade.A1': { key: 'valuation.settings.errors.order', values: { below: 'A2', value: 90 } } },
    });
    d.grades = { A1: 50, A2: 50, A3: 50, B1: 50, B2: 50, C1: 50 };
    expect(checkSettingsDraft(d)).toHaveProperty('patch.gradeThresholds.C1', 50);
    d.grades = { ...d.grades, C1: 101 };
    expect(checkSettingsDraft(d)).toEqual({ problems: { 'grade.C1': { key: 'valuation.settings.errors.range', values: { min: '0', max: '100' } } } });
  });

  it('refuses every weight at 0 (no account could get a score), but takes a single weight above 0', () => {
    const d = draft();
    d.weights = Object.fromEntries(Object.keys(d.weights).map((f) => [f, 0])) as SettingsDraft['weights'];
    expect(checkSettingsDraft(d)).toEqual({ problems: { weights: { key: 'valuation.settings.errors.allZero' } } });
    d.weights = { ...d.weights, influenceReferral: 0.5 };
    expect(checkSettingsDraft(d)).toHaveProperty('patch.valueWeights.influenceReferral', 0.5);
    // A weight out of range is that field's problem, not "all zero".
    d.weights = { ...d.weights, influenceReferral: -1 };
    expect(checkSettingsDraft(d)).toEqual({
      problems: { 'weight.influenceReferral': { key: 'valuation.settings.errors.range', values: { min: '0', max: '10' } } },
    });
  });
});
