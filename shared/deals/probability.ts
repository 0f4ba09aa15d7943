import type { Deal } from '../model/deal';
import { DEAL_STAGES, type DealStage } from '../model/vocabulary';

/**
 * The default win probability of each stage, in percent: what a deal is worth on the board when
 * the user has not set a probability of their own.
 */
export const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = Object.freeze({
  discover: 10,
  investigate: 25,
  prove: 50,
  commit: 75,
  won: 100,
  lost: 0,
});

/** Whether a deal is still being worked: in any stage but won or lost. */
export function isOpen(deal: Pick<Deal, 'stage'>): boolean {
  return deal.stage !== 'won' && deal.stage !== 'lost';
}

/**
 * The deal's win probability in percent: the user's own figure, or the stage default when they
 * set none (an explicit 0 is kept). A closed deal is certain whatever was typed while it was open:
 * won counts 100 and lost 0, because moving a deal to won or lost does not clear its probability
 * and a stale "60" must not shrink a won deal on the board.
 */
export function dealProbability(deal: Pick<Deal, 'stage' | 'probability'>): number {
  if (!isOpen(deal)) return STAGE_PROBABILITY[deal.stage];
  return deal.probability ?? STAGE_PROBABILITY[deal.stage];
}

/**
 * The deal's value weighted by its win probability: `value × probability / 100`, in the deal's
 * currency. Not rounded; round when formatting.
 */
export function weightedValue(deal: Pick<Deal, 'value' | 'stage' | 'probability'>): number {
  return (deal.value * dealProbability(deal)) / 100;
}

/** Count, total value and weighted value of a set of deals. */
export interface MoneyTotals {
  count: number;
  value: number;
  weighted: number;
}

/** The totals of one board column. */
export interface ColumnTotals extends MoneyTotals {
  stage: DealStage;
  /** The one currency of the column's deals; null when the column is empty or mixes currencies. */
  currency: string | null;
  /**
   * Present only when the column mixes currencies: the totals per currency code, codes in
   * ascending order. `value` and `weighted` above then add unlike amounts and must not be shown.
   */
  byCurrency?: Record<string, MoneyTotals>;
}

type Money = Pick<Deal, 'stage' | 'value' | 'currency' | 'probability'>;

/**
 * The totals of each board column, in the order of `stages` (each stage once). Deals whose stage
 * is not among `stages` are left out, so a board showing only open columns totals only open
 * deals. A board is assumed to be kept in one currency, so `value` and `weighted` are plain sums;
 * when a column mixes currencies `currency` is null and `byCurrency` carries the honest figures.
 */
export function columnTotals(
  deals: readonly Money[],
  stages: readonly DealStage[] = DEAL_STAGES,
): ColumnTotals[] {
  return [...new Set(stages)].map((stage) => {
    const inColumn = deals.filter((d) => d.stage === stage);
    const totals: ColumnTotals = { stage, ...sum(inColumn), currency: null };
    const currencies = [...new Set(inColumn.map((d) => d.currency))].sort();
    if (currencies.length === 1) {
      totals.currency = currencies[0] ?? null;
    } else if (currencies.length > 1) {
      totals.byCurrency = Object.fromEntries(
        currencies.map((code) => [code, sum(inColumn.filter((d) => d.currency === code))]),
      );
    }
    return totals;
  });
}

function sum(deals: readonly Money[]): MoneyTotals {
  let value = 0;
  let weighted = 0;
  for (const d of deals) {
    value += d.value;
    weighted += weightedValue(d);
  }
  return { count: deals.length, value, weighted };
}
