import { describe, expect, it } from 'vitest';
import { effectiveMove, rankedCriteria, suggestedMove, type CriterionMove } from '@shared/deals/criteria';
import { decisionCriterionSchema, type DecisionCriterion } from '@shared/model/deal';
import { CRITERION_MOVES } from '@shared/model/vocabulary';
import { FIXED_NOW } from '../../../helpers/factories';

let seq = 0;
const criterion = (fields: Partial<DecisionCriterion> = {}): DecisionCriterion =>
  decisionCriterionSchema.parse({ id: `crit-${++seq}`, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, ...fields });

const move = (importance: number, ourFit: number, competitorFit: number) =>
  suggestedMove({ importance, ourFit, competitorFit });

const SCORES = [1, 2, 3, 4, 5];
const LETTER: Record<string, CriterionMove> = { B: 'build', R: 'reinforce', U: 'raise', L: 'lower' };

/** The table written out by hand: rows are our fit 5 → 1, columns the competitor's fit 1 → 5. */
const GRIDS: Record<'high' | 'middling' | 'low', string[]> = {
  high: ['RRRRR', 'RRRRL', 'RRRLL', 'LLLLL', 'LLLLL'],
  middling: ['UUUUR', 'UUURL', 'UURLL', 'LLLLL', 'LLLLL'],
  low: ['BBBBR', 'BBBRL', 'BBRLL', 'LLLLL', 'LLLLL'],
};
const band = (importance: number) => (importance >= 4 ? 'high' : importance === 3 ? 'middling' : 'low');
const expected = (importance: number, ourFit: number, competitorFit: number): CriterionMove => {
  const letter = GRIDS[band(importance)][5 - ourFit]?.[competitorFit - 1] ?? '?';
  const found = LETTER[letter];
  if (!found) throw new Error(`no cell ${importance}/${ourFit}/${competitorFit}`);
  return found;
};

describe('suggestedMove', () => {
  it('maps every one of the 125 combinations to exactly the move in the written table', () => {
    const seen = new Map<CriterionMove, number>();
    for (const i of SCORES) {
      for (const o of SCORES) {
        for (const c of SCORES) {
          const m = move(i, o, c);
          expect(CRITERION_MOVES).toContain(m);
          expect([i, o, c, m]).toEqual([i, o, c, expected(i, o, c)]);
          seen.set(m, (seen.get(m) ?? 0) + 1);
        }
      }
    }
    expect(Object.fromEntries(seen)).toEqual({ lower: 65, reinforce: 33, raise: 9, build: 18 });
  });

  describe('lower: we cannot win on it', () => {
    it('lowers a criterion where the competitor fits better, at any importance', () => {
      expect(move(5, 4, 5)).toBe('lower');
      expect(move(3, 3, 4)).toBe('lower');
      expect(move(1, 4, 5)).toBe('lower');
    });

    it('lowers one we fit poorly (2 or less) even when the competitor is worse still', () => {
      expect(move(5, 2, 2)).toBe('lower');
      expect(move(3, 2, 1)).toBe('lower');
      expect(move(1, 2, 1)).toBe('lower');
    });

    it('does not lower one where we fit adequately and at least as well', () => {
      expect(move(5, 3, 3)).not.toBe('lower');
      expect(move(3, 3, 2)).not.toBe('lower');
      expect(move(1, 5, 5)).not.toBe('lower');
    });
  });

  describe('reinforce: it matters and we meet it, or there is no edge to gain', () => {
    it('reinforces an important criterion (4 or 5) we meet at least as well', () => {
      expect(move(4, 3, 3)).toBe('reinforce');
      expect(move(5, 5, 1)).toBe('reinforce');
      expect(move(4, 4, 2)).toBe('reinforce');
    });

    it('reinforces a draw at any importance', () => {
      expect(move(3, 4, 4)).toBe('reinforce');
      expect(move(1, 5, 5)).toBe('reinforce');
      expect(move(2, 3, 3)).toBe('reinforce');
    });

    it('does not reinforce an important one we cannot meet, nor a middling one where we lead', () => {
      expect(move(5, 2, 1)).toBe('lower');
      expect(move(3, 4, 2)).toBe('raise');
    });
  });

  describe('raise: middling importance and we lead', () => {
    it('raises a criterion of importance 3 where we beat the competitor', () => {
      expect(move(3, 3, 2)).toBe('raise');
      expect(move(3, 5, 4)).toBe('raise');
    });

    it('does not raise at importance 2 or 4, nor at a draw', () => {
      expect(move(2, 5, 4)).toBe('build');
      expect(move(4, 5, 4)).toBe('reinforce');
      expect(move(3, 5, 5)).toBe('reinforce');
    });
  });

  describe('build: the customer barely counts it yet and we lead', () => {
    it('builds a criterion of importance 1 or 2 where we beat the competitor', () => {
      expect(move(2, 4, 1)).toBe('build');
      expect(move(1, 5, 4)).toBe('build');
      expect(move(2, 3, 2)).toBe('build');
    });

    it('does not build where we only draw, trail, or fit poorly, nor at importance 3', () => {
      expect(move(1, 4, 4)).toBe('reinforce');
      expect(move(2, 4, 5)).toBe('lower');
      expect(move(1, 2, 1)).toBe('lower');
      expect(move(3, 4, 1)).toBe('raise');
    });
  });

  it('refuses scores outside the 1–5 table', () => {
    expect(() => move(0, 3, 3)).toThrow(RangeError);
    expect(() => move(3, 6, 3)).toThrow(RangeError);
    expect(() => move(3, 3, 2.5)).toThrow(RangeError);
    expect(() => move(3, Number.NaN, 3)).toThrow(/ourFit/);
  });
});

describe('effectiveMove', () => {
  it("is the user's chosen move, even against the suggestion", () => {
    expect(effectiveMove(criterion({ importance: 5, ourFit: 1, competitorFit: 5, move: 'reinforce' }))).toBe('reinforce');
  });

  it('is the suggested move when the user chose none', () => {
    expect(effectiveMove(criterion({ importance: 5, ourFit: 1, competitorFit: 5, move: null }))).toBe('lower');
    expect(effectiveMove(criterion({ importance: 2, ourFit: 5, competitorFit: 3 }))).toBe('build');
  });
});

describe('rankedCriteria', () => {
  it('orders by rank, then the more important first, keeping stored order on a full tie', () => {
    const a = criterion({ name: 'a', rank: 2, importance: 3 });
    const b = criterion({ name: 'b', rank: 1, importance: 2 });
    const c = criterion({ name: 'c', rank: 2, importance: 5 });
    const d = criterion({ name: 'd', rank: 1, importance: 4 });
    const e = criterion({ name: 'e', rank: 2, importance: 3 });
    expect(rankedCriteria([a, b, c, d, e]).map((x) => x.name)).toEqual(['d', 'b', 'c', 'a', 'e']);
  });

  it('returns a new array and leaves the stored one alone', () => {
    const stored = [criterion({ rank: 3 }), criterion({ rank: 1 })];
    const before = [...stored];
    expect(rankedCriteria(stored)).not.toBe(stored);
    expect(stored).toEqual(before);
    expect(rankedCriteria([])).toEqual([]);
  });
});
