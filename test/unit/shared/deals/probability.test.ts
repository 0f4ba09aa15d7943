import { describe, expect, it } from 'vitest';
import {
  columnTotals,
  dealProbability,
  isOpen,
  STAGE_PROBABILITY,
  weightedValue,
} from '@shared/deals/probability';
import { DEAL_STAGES } from '@shared/model/vocabulary';
import { makeDeal } from '../../../helpers/factories';

describe('STAGE_PROBABILITY', () => {
  it('gives every stage its default, rising with the stages, won certain and lost nothing', () => {
    expect(STAGE_PROBABILITY).toEqual({ discover: 10, investigate: 25, prove: 50, commit: 75, won: 100, lost: 0 });
    expect(Object.keys(STAGE_PROBABILITY).sort()).toEqual([...DEAL_STAGES].sort());
  });

  it('cannot be changed by a caller', () => {
    expect(() => {
      (STAGE_PROBABILITY as Record<string, number>).prove = 99;
    }).toThrow(TypeError);
    expect(STAGE_PROBABILITY.prove).toBe(50);
  });
});

describe('isOpen', () => {
  it('is true for the four working stages and false for won and lost', () => {
    expect(DEAL_STAGES.filter((stage) => isOpen({ stage }))).toEqual(['discover', 'investigate', 'prove', 'commit']);
  });
});

describe('dealProbability', () => {
  it('is the stage default when the user set none', () => {
    for (const stage of DEAL_STAGES) {
      expect(dealProbability(makeDeal({ stage, probability: null }))).toBe(STAGE_PROBABILITY[stage]);
    }
  });

  it("is the user's own figure on an open deal, an explicit 0 and 100 included", () => {
    expect(dealProbability(makeDeal({ stage: 'discover', probability: 60 }))).toBe(60);
    expect(dealProbability(makeDeal({ stage: 'commit', probability: 0 }))).toBe(0);
    expect(dealProbability(makeDeal({ stage: 'prove', probability: 100 }))).toBe(100);
    expect(dealProbability(makeDeal({ stage: 'investigate', probability: 12.5 }))).toBe(12.5);
  });

  it('ignores a figure left over from before the deal closed', () => {
    expect(dealProbability(makeDeal({ stage: 'won', probability: 60 }))).toBe(100);
    expect(dealProbability(makeDeal({ stage: 'lost', probability: 60 }))).toBe(0);
  });
});

describe('weightedValue', () => {
  it('is value × probability / 100', () => {
    expect(weightedValue(makeDeal({ value: 1_200_000, stage: 'investigate' }))).toBe(300_000);
    expect(weightedValue(makeDeal({ value: 1000, stage: 'prove', probability: 33 }))).toBe(330);
    expect(weightedValue(makeDeal({ value: 333, stage: 'investigate' }))).toBe(83.25);
  });

  it('is the whole value when won and nothing when lost or at 0%', () => {
    expect(weightedValue(makeDeal({ value: 500, stage: 'won' }))).toBe(500);
    expect(weightedValue(makeDeal({ value: 500, stage: 'lost' }))).toBe(0);
    expect(weightedValue(makeDeal({ value: 500, stage: 'commit', probability: 0 }))).toBe(0);
  });

  it('is nothing for a deal of no value', () => {
    expect(weightedValue(makeDeal({ value: 0, stage: 'commit' }))).toBe(0);
  });
});

describe('columnTotals', () => {
  const board = [
    makeDeal({ stage: 'discover', value: 1000 }),
    makeDeal({ stage: 'discover', value: 3000, probability: 50 }),
    makeDeal({ stage: 'prove', value: 2000 }),
    makeDeal({ stage: 'won', value: 700 }),
    makeDeal({ stage: 'lost', value: 900 }),
  ];

  it('counts and sums each column, in the order of the stages given, empty columns included', () => {
    expect(columnTotals(board)).toEqual([
      { stage: 'discover', count: 2, value: 4000, weighted: 100 + 1500, currency: 'CNY' },
      { stage: 'investigate', count: 0, value: 0, weighted: 0, currency: null },
      { stage: 'prove', count: 1, value: 2000, weighted: 1000, currency: 'CNY' },
      { stage: 'commit', count: 0, value: 0, weighted: 0, currency: null },
      { stage: 'won', count: 1, value: 700, weighted: 700, currency: 'CNY' },
      { stage: 'lost', count: 1, value: 900, weighted: 0, currency: 'CNY' },
    ]);
  });

  it('leaves out deals in stages the board does not show, and follows the order given', () => {
    const totals = columnTotals(board, ['prove', 'discover']);
    expect(totals.map((t) => [t.stage, t.count, t.value])).toEqual([
      ['prove', 1, 2000],
      ['discover', 2, 4000],
    ]);
  });

  it('makes one column of a stage listed twice', () => {
    expect(columnTotals(board, ['prove', 'prove']).map((t) => t.stage)).toEqual(['prove']);
  });

  it('has nothing to total without stages or deals', () => {
    expect(columnTotals(board, [])).toEqual([]);
    expect(columnTotals([], ['commit'])).toEqual([{ stage: 'commit', count: 0, value: 0, weighted: 0, currency: null }]);
  });

  it('names the one currency of a column kept in another currency, without byCurrency', () => {
    const [col] = columnTotals([makeDeal({ stage: 'commit', value: 100, currency: 'USD' })], ['commit']);
    expect(col).toEqual({ stage: 'commit', count: 1, value: 100, weighted: 75, currency: 'USD' });
    expect(col).not.toHaveProperty('byCurrency');
  });

  it('splits a column that mixes currencies by currency code', () => {
    const mixed = [
      makeDeal({ stage: 'commit', value: 100, currency: 'USD' }),
      makeDeal({ stage: 'commit', value: 1000, currency: 'CNY' }),
      makeDeal({ stage: 'commit', value: 300, currency: 'USD', probability: 10 }),
      makeDeal({ stage: 'prove', value: 50, currency: 'EUR' }),
    ];
    const [commit, prove] = columnTotals(mixed, ['commit', 'prove']);
    expect(commit).toEqual({
      stage: 'commit',
      count: 3,
      value: 1400,
      weighted: 75 + 750 + 30,
      currency: null,
      byCurrency: {
        CNY: { count: 1, value: 1000, weighted: 750 },
        USD: { count: 2, value: 400, weighted: 105 },
      },
    });
    expect(Object.keys(commit?.byCurrency ?? {})).toEqual(['CNY', 'USD']);
    expect(prove).toEqual({ stage: 'prove', count: 1, value: 50, weighted: 25, currency: 'EUR' });
  });
});
