import type { Grade, HealthLevel, IntentLevel, MatrixCell, ValueFactor, WarningSign } from '../model/vocabulary';

/** One value factor of one account, as it enters the score. */
export interface FactorScore {
  factor: ValueFactor;
  /** What the user entered; null = not entered (the factor then does not count). */
  value: number | null;
  /**
   * 0–1: where the value stands among the accounts not deleted that have this factor entered.
   * Their values are ranked ascending, ties sharing their average rank; score = (rank − 1) /
   * (n − 1), and a lone account scores 0.5. Annual discounts and cost to serve count the other way
   * round (score = 1 − that): the lower, the better. Null when not entered.
   */
  score: number | null;
  /** The user's weight (settings), 0–10. */
  weight: number;
}

/** The value assessment of an account: the score, the grade it suggests, and the user's override. */
export interface ValueAssessment {
  /**
   * 0–100: 100 × Σ(weight × score) / Σ(weight) over the entered factors with a weight above 0,
   * rounded to six decimals; null when that sum of weights is 0 (no factor entered, or all of
   * their weights 0).
   */
  score: number | null;
  factors: FactorScore[];
  /** How many of the ten factors are entered (not null), whatever their weights. */
  entered: number;
  /**
   * The grade the score falls in: A1 when score ≥ thresholds.A1, else A2 when ≥ A2, … C1 when
   * ≥ C1, else C2; null without a score.
   */
  suggestedGrade: Grade | null;
  /** The grade in force: `account.grade` (the user's override) when set, else the suggestion. */
  grade: Grade | null;
  /** True when the user set a grade (`account.grade` not null) that differs from the suggestion. */
  overridden: boolean;
}

/**
 * What the order history says, as of `today`, in whole months counted back from today's day of
 * the month: month 0 is (today − 1 month, today], the window is the last twelve such months and a
 * year ago is the twelve before — like with like, whatever day of the month today is. Orders
 * dated after today are ignored.
 */
export interface TradingStats {
  /** Sum of orders in the last twelve months, (today − 12 months, today]. */
  last12: number;
  /** Sum of orders in the twelve months before those, (today − 24 months, today − 12 months]. */
  prior12: number;
  /** (last12 − prior12) / prior12, e.g. −0.2 = down 20 %; null when prior12 is 0. */
  yoyChange: number | null;
  /** Twelve monthly sums, oldest first; the last is the month up to today. */
  monthly: number[];
  /** `monthly` summed in threes (months 1–3, 4–6, 7–9, 10–12 of the window), oldest first. */
  quarterly: number[];
  /** Orders in the last twelve months. */
  orderCount: number;
  /** last12 / orderCount; null without orders in the window. */
  averageOrder: number | null;
  /** The largest single order in the window; null without orders in it. */
  largestOrder: number | null;
  /** Of the twelve months, how many had at least one order (of any amount). */
  monthsWithOrders: number;
  /**
   * 0–100, the mean of three parts read from the monthly, quarterly and single-order volumes:
   * regularity (monthsWithOrders / 12), quarterly evenness (max(0, 1 − CV of the four quarterly
   * sums)) and order evenness (max(0, 1 − CV of the single orders' amounts), 0 with fewer than two
   * orders). CV = population standard deviation / mean; an evenness is 0 when the mean is 0.
   * Null without orders in the last twelve months.
   */
  stability: number | null;
}

/**
 * Where an account sits on its portfolio matrix. Customers (stage 'customer'): high contribution
 * = last12 ≥ thresholds.contribution, stable = stability ≥ thresholds.stability; E1 high and
 * stable, E2 high and unstable, E3 low and stable, E4 low and unstable. Prospects: high
 * contribution = expected annual purchases ≥ thresholds.expectedContribution, high intent =
 * intent at or above thresholds.intent (high > medium > low); P1 high/high, P2 high contribution
 * and low intent, P3 low contribution and high intent, P4 low/low.
 */
export interface MatrixPlacement {
  /** Customers go on contribution × stability, prospects on expected contribution × intent. */
  matrix: 'existing' | 'prospect';
  /** Null when the data to place it is missing (see `missing`). */
  cell: MatrixCell | null;
  /** Customers: last twelve months' orders (`TradingStats.last12`); prospects: expected annual purchases (null when blank). */
  contribution: number | null;
  /** Stability (0–100) for customers (null without orders); null for prospects. */
  stability: number | null;
  /** The prospect's intent; null for customers. */
  intent: IntentLevel | null;
  /**
   * What is needed to place it: `orders` for a customer with no order in the twelve months;
   * `expectedPurchases` and/or `intent` (in that order) for a prospect where those are blank.
   */
  missing: ('orders' | 'expectedPurchases' | 'intent')[];
}

/**
 * The split between high and low used for this portfolio: the settings' numbers, or where those
 * are null the medians over the accounts not deleted (of an even count, the mean of the two
 * middle values; 0 when there is nothing to take it of): contribution of the customers' last12
 * where they have at least one order in the window; expected contribution of the prospects'
 * entered expected annual purchases.
 */
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
 * The account's health. Signals, in this order, and their points:
 * - `warningSign`: each sign ticked present, one point each — the four WARNING_SIGNS always, the
 *   five CHANNEL_WARNING_SIGNS only when the account's kind is 'channel';
 * - `ordersShrinking`: when yoyChange ≤ −shrinkPercent / 100, one point; two when
 *   ≤ −2 × shrinkPercent / 100;
 * - `redFlags`: when the buying-centre map has any red flag (count = all of them, as of now with
 *   the settings' staleAfterDays; high = the high-severity ones), one point only when high ≥ 1 and the map has at least one contact (an empty map shows its gaps without scoring);
 * - `stalledDeals`: when any open deal has the `stalled` or `noActivity` risk (idle for more than
 *   the settings' dealIdleDays), one point.
 * Level: 0 points = healthy, 1 = watch, 2 or more = atRisk.
 */
export interface AccountHealth {
  level: HealthLevel;
  points: number;
  signals: HealthSignal[];
}

/** Money figures of a division (or the group): its own, and with everything below it. */
export interface Figures {
  /** Orders of the last twelve months (the TradingStats window). */
  purchases12: number;
  /** Σ value of the open deals. */
  openPipeline: number;
  /** Σ probability-weighted value of the open deals. */
  weightedPipeline: number;
  /** How many open deals. */
  openDeals: number;
  /** How many won deals (whenever won). */
  wonDeals: number;
}

/**
 * One row of the group structure, in tree order: the group first (depth 0), then the divisions
 * depth-first, children in list order under their parent (roots at depth 1). A division whose
 * parent does not exist is a root.
 */
export interface DivisionRow {
  /** Null for the group itself. */
  divisionId: string | null;
  /** The account's name for the group row. */
  name: string;
  /** The parent in the tree: null for the group and for root divisions. */
  parentId: string | null;
  depth: number;
  /**
   * Orders and deals carrying this divisionId; the group's own are those with no division (or
   * one that does not exist).
   */
  own: Figures;
  /** Own plus every division below; the group's total is the whole account. */
  total: Figures;
}

export type WhitespaceStatus = 'sold' | 'openDeal' | 'competitor' | 'whitespace';

/** One cell of the whitespace map: a part of the group × one of our product lines. */
export interface WhitespaceCell {
  divisionId: string | null;
  productLineId: string;
  /** Revenue > 0 → sold; else an open deal → openDeal; else a mark → competitor; else whitespace. */
  status: WhitespaceStatus;
  /** Orders of the last twelve months with this divisionId and productLineId. */
  revenue: number;
  /** The open deals with this divisionId and productLineId. */
  dealIds: string[];
  /** The competitor named on the cell's mark, if any (shown whatever the status). */
  competitor: string | null;
  markId: string | null;
}

/**
 * The whitespace map. Orders, deals and marks naming a division that does not exist count in the
 * group's row; those with no product line, or one not among the columns, are in no cell.
 */
export interface WhitespaceGrid {
  /** The group, then its divisions in tree order (as the roll-up). */
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
  /** The account's share of the total, 0–1 (0 when the total is 0). */
  share: number;
  /** Cumulative share of profit up to and including this account, 0–1. */
  cumulativeShare: number;
  /** Cumulative share of accounts up to and including this one, 0–1. */
  accountShare: number;
}

/** The Pareto curve: accounts by profit, largest first, ties by name (code point order) then id. */
export interface Pareto {
  total: number;
  points: ParetoPoint[];
  /** The fewest top accounts whose cumulative share reaches at least 80 % of the profit (0 when total is 0). */
  vitalFew: number;
  /** vitalFew / number of accounts (0 without accounts). */
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
  /**
   * What they actually bought: the last twelve months' orders when any are recorded (the same
   * figure the matrix places them by), else the value factor "annual purchases", else null.
   */
  annualPurchases: number | null;
  /** The value factor "annual net profit". */
  netProfit: number | null;
  /** Σ value of the open deals. */
  openPipeline: number;
  /** Σ probability-weighted value of the open deals. */
  weightedPipeline: number;
  openDeals: number;
  /** How many of the six buyer roles have an active, known person (coverage weak or strong). */
  rolesCovered: number;
  /** How many red flags the map has (all severities; the health signal's count). */
  redFlags: number;
  health: AccountHealth;
  /** Date of the latest logged activity up to today (a planned one dated later does not count); null when none. */
  lastActivity: string | null;
  matrix: MatrixPlacement;
  trading: TradingStats;
  updatedAt: string;
}

/** The portfolio: one row per account not deleted, in the database's order. */
export interface Portfolio {
  /** The calendar date the figures are as of: the date written in `now` (the user's own offset). */
  today: string;
  rows: PortfolioRow[];
  /** Over the rows' netProfit. */
  pareto: Pareto;
  thresholds: MatrixThresholds;
}
