import type { Grade, HealthLevel, IntentLevel, MatrixCell, ValueFactor, WarningSign } from '../model/vocabulary';

/** One value factor of one account, as it enters the score. */
export interface FactorScore {
  factor: ValueFactor;
  /** What the user entered; null = not entered (the factor then does not count). */
  value: number | null;
  /**
   * 0–1: where the value stands among the accounts of the portfolio that have it (mid-rank
   * percentile; a lone account scores 0.5). Cost to serve and discounts count the other way round:
   * the lower, the better. Null when not entered.
   */
  score: number | null;
  /** The user's weight (settings), 0–10. */
  weight: number;
}

/** The value assessment of an account: the score, the grade it suggests, and the user's override. */
export interface ValueAssessment {
  /** 0–100, the weighted mean of the entered factors' scores; null when none is entered (or all weights are 0). */
  score: number | null;
  factors: FactorScore[];
  /** How many of the ten factors are entered. */
  entered: number;
  /** The grade the score falls in (settings' thresholds); null without a score. */
  suggestedGrade: Grade | null;
  /** The grade in force: the user's override when set, else the suggestion. */
  grade: Grade | null;
  /** True when the user set a grade that differs from the suggestion. */
  overridden: boolean;
}

/** What the order history says, as of `today`. */
export interface TradingStats {
  /** Sum of orders in the twelve months up to and including today (today − 364 days … today). */
  last12: number;
  /** Sum of orders in the twelve months before that. */
  prior12: number;
  /** (last12 − prior12) / prior12, e.g. −0.2 = down 20 %; null when prior12 is 0. */
  yoyChange: number | null;
  /** Twelve monthly sums, oldest first; the last is the month containing today. */
  monthly: number[];
  /** Four quarterly sums of the last twelve months (three of those months each), oldest first. */
  quarterly: number[];
  /** Orders in the last twelve months. */
  orderCount: number;
  averageOrder: number | null;
  largestOrder: number | null;
  /** Of the twelve months, how many had at least one order. */
  monthsWithOrders: number;
  /**
   * 0–100: half from regularity (months with orders / 12), half from evenness (1 − the
   * coefficient of variation of the quarterly sums, floored at 0). Null without orders in the
   * last twelve months.
   */
  stability: number | null;
}

/** Where an account sits on its portfolio matrix. */
export interface MatrixPlacement {
  /** Customers go on contribution × stability, prospects on expected contribution × intent. */
  matrix: 'existing' | 'prospect';
  /** Null when the data to place it is missing (see `missing`). */
  cell: MatrixCell | null;
  /** Contribution (last twelve months' orders) or expected annual purchases. */
  contribution: number | null;
  /** Stability (0–100) for customers; null for prospects. */
  stability: number | null;
  /** The prospect's intent; null for customers. */
  intent: IntentLevel | null;
  /** What is needed to place it: `orders` (no order in twelve months), `expectedPurchases`, `intent`. */
  missing: ('orders' | 'expectedPurchases' | 'intent')[];
}

/** The split between high and low used for this portfolio (settings, or the medians). */
export interface MatrixThresholds {
  contribution: number;
  stability: number;
  expectedContribution: number;
  intent: IntentLevel;
  /** True where the threshold is the portfolio's median rather than the user's number. */
  contributionIsMedian: boolean;
  expectedContributionIsMedian: boolean;
}

/** One reason an account's health is not what it should be. */
export type HealthSignal =
  | { kind: 'warningSign'; sign: WarningSign; since: string | null; notes: string }
  | { kind: 'ordersShrinking'; change: number }
  | { kind: 'redFlags'; count: number; high: number }
  | { kind: 'stalledDeals'; count: number; dealIds: string[] };

/**
 * The account's health. Points: one per ticked warning sign (the channel signs only for channel
 * partners); orders shrinking by at least the settings' percentage one point, by twice that two;
 * one for any high-severity red flag on the map; one for any stalled or idle open deal.
 * 0 points = healthy, 1 = watch, 2 or more = at risk.
 */
export interface AccountHealth {
  level: HealthLevel;
  points: number;
  signals: HealthSignal[];
}

/** Money figures of a division (or the group): its own, and with everything below it. */
export interface Figures {
  /** Orders of the last twelve months. */
  purchases12: number;
  openPipeline: number;
  weightedPipeline: number;
  openDeals: number;
  wonDeals: number;
}

/** One row of the group structure, in tree order (the group first, then depth-first). */
export interface DivisionRow {
  /** Null for the group itself (orders and deals with no division). */
  divisionId: string | null;
  name: string;
  parentId: string | null;
  depth: number;
  own: Figures;
  total: Figures;
}

export type WhitespaceStatus = 'sold' | 'openDeal' | 'competitor' | 'whitespace';

/** One cell of the whitespace map: a part of the group × one of our product lines. */
export interface WhitespaceCell {
  divisionId: string | null;
  productLineId: string;
  /** Sold beats an open deal beats a competitor mark; else whitespace. */
  status: WhitespaceStatus;
  /** Orders of the last twelve months in this cell. */
  revenue: number;
  /** The open deals in this cell. */
  dealIds: string[];
  /** The competitor named on the cell's mark, if any (shown whatever the status). */
  competitor: string | null;
  markId: string | null;
}

export interface WhitespaceGrid {
  /** The group, then its divisions in tree order. */
  rows: { divisionId: string | null; name: string; depth: number }[];
  productLines: { id: string; name: string }[];
  /** cells[row][column]. */
  cells: WhitespaceCell[][];
}

export interface ParetoPoint {
  id: string;
  name: string;
  /** The account's net profit (losses and blanks count as 0 here). */
  value: number;
  /** The account's share of the total, 0–1. */
  share: number;
  /** Cumulative share of profit up to and including this account, 0–1. */
  cumulativeShare: number;
  /** Cumulative share of accounts up to and including this one, 0–1. */
  accountShare: number;
}

/** The Pareto curve: accounts by profit, largest first. */
export interface Pareto {
  total: number;
  points: ParetoPoint[];
  /** The fewest accounts that together bring at least 80 % of the profit (0 when total is 0). */
  vitalFew: number;
  /** vitalFew / number of accounts. */
  vitalFewShare: number;
  /** Accounts with a loss (negative net profit), shown at 0 on the curve. */
  lossMaking: number;
  /** Accounts with no net profit entered. */
  blank: number;
}

/** One line of the portfolio table. */
export interface PortfolioRow {
  id: string;
  name: string;
  kind: 'direct' | 'channel';
  stage: 'customer' | 'prospect';
  owner: string;
  value: ValueAssessment;
  /** The value factor when entered, else the last twelve months' orders when there are any, else null. */
  annualPurchases: number | null;
  /** The value factor "annual net profit". */
  netProfit: number | null;
  openPipeline: number;
  weightedPipeline: number;
  openDeals: number;
  /** How many of the six buyer roles have an active, known person. */
  rolesCovered: number;
  redFlags: number;
  health: AccountHealth;
  /** Date of the latest logged activity; null when none. */
  lastActivity: string | null;
  matrix: MatrixPlacement;
  trading: TradingStats;
  updatedAt: string;
}

export interface Portfolio {
  /** The calendar date the figures are as of. */
  today: string;
  rows: PortfolioRow[];
  pareto: Pareto;
  thresholds: MatrixThresholds;
}
