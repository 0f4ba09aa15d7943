import type { DecisionCriterion } from '../model/deal';
import type { CRITERION_MOVES } from '../model/vocabulary';

/** One of the four moves on a decision criterion. */
export type CriterionMove = (typeof CRITERION_MOVES)[number];

type Scores = Pick<DecisionCriterion, 'importance' | 'ourFit' | 'competitorFit'>;

/** Our fit at or below this is one we cannot meet. */
export const POOR_FIT = 2;
/** Importance from which a criterion already matters to the customer. */
export const HIGH_IMPORTANCE = 4;
/** Importance at or below which a criterion barely counts yet. */
export const LOW_IMPORTANCE = 2;

/**
 * The move the method suggests for a criterion, from its importance (I), our fit (O) and the
 * main competitor's fit (C), each 1–5. The first rule that matches wins, so every one of the
 * 125 combinations has exactly one move:
 *
 * | # | move | when | the sentence shown to the user |
 * |---|---|---|---|
 * | 1 | lower | O < C, or O ≤ 2 | We cannot win on it: the competitor fits it better, or we fit it poorly. |
 * | 2 | reinforce | I ≥ 4, or O = C | We meet it at least as well as the competitor, and it already matters or we have no edge on it to press. |
 * | 3 | raise | I = 3 | We beat the competitor on it but it only counts for something. |
 * | 4 | build | I ≤ 2 | We beat the competitor on it but the customer barely counts it yet. |
 *
 * The same as grids (B build, R reinforce, ↑ raise, ↓ lower; rows our fit, columns competitor's):
 * ```
 *  I ≥ 4          I = 3          I ≤ 2
 *  O\C 1 2 3 4 5  O\C 1 2 3 4 5  O\C 1 2 3 4 5
 *   5  R R R R R   5  ↑ ↑ ↑ ↑ R   5  B B B B R
 *   4  R R R R ↓   4  ↑ ↑ ↑ R ↓   4  B B B R ↓
 *   3  R R R ↓ ↓   3  ↑ ↑ R ↓ ↓   3  B B R ↓ ↓
 *   2  ↓ ↓ ↓ ↓ ↓   2  ↓ ↓ ↓ ↓ ↓   2  ↓ ↓ ↓ ↓ ↓
 *   1  ↓ ↓ ↓ ↓ ↓   1  ↓ ↓ ↓ ↓ ↓   1  ↓ ↓ ↓ ↓ ↓
 * ```
 *
 * Why these cuts:
 * - A poor fit (≤ 2) is lowered even where the competitor is worse still: building or raising
 *   it would draw the customer's eye to a weakness of ours.
 * - Build and raise both push a criterion's weight up where we have an edge; what tells them
 *   apart is how far the customer already is. At importance ≤ 2 it is hardly a criterion yet, so
 *   we build it from the customer's uncovered explicit need; at 3 it exists and we raise it. An
 *   edge is what matters, not a high fit alone: a 4 against the competitor's 5 is lowered, and a
 *   5 against a 5 gains nothing from more weight.
 * - At a draw (O = C, both ≥ 3) moving the weight helps nobody, so the move is to keep showing
 *   the customer that we meet it: reinforce.
 *
 * @throws RangeError when a score is not a whole number from 1 to 5.
 */
export function suggestedMove(criterion: Scores): CriterionMove {
  const { importance, ourFit, competitorFit } = criterion;
  checkScore('importance', importance);
  checkScore('ourFit', ourFit);
  checkScore('competitorFit', competitorFit);
  if (ourFit < competitorFit || ourFit <= POOR_FIT) return 'lower';
  if (importance >= HIGH_IMPORTANCE || ourFit === competitorFit) return 'reinforce';
  if (importance > LOW_IMPORTANCE) return 'raise';
  return 'build';
}

/** The move the user chose for the criterion, or the {@link suggestedMove} when they chose none. */
export function effectiveMove(criterion: Scores & Pick<DecisionCriterion, 'move'>): CriterionMove {
  return criterion.move ?? suggestedMove(criterion);
}

/**
 * The criteria in the customer's order: by rank (1 first), then the more important first; ties
 * keep their stored order. Returns a new array.
 */
export function rankedCriteria<C extends Pick<DecisionCriterion, 'rank' | 'importance'>>(criteria: readonly C[]): C[] {
  return [...criteria].sort((a, b) => a.rank - b.rank || b.importance - a.importance);
}

function checkScore(name: string, score: number): void {
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw new RangeError(`${name} must be a whole number from 1 to 5: ${score}`);
  }
}
