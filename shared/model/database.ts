import { z } from 'zod';
import { accountSchema } from './account';
import { idSchema, shortText } from './common';
import { DEAL_STAGES, dealStageSchema, GRADES, INTENT_LEVELS, VALUE_FACTORS, type Grade, type ValueFactor } from './vocabulary';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const COLOR_SCHEMES = ['light', 'dark', 'auto'] as const;

/** One column of the deal board: a stage, with the user's own label if they renamed it. */
export const boardColumnSchema = z.looseObject({
  stage: dealStageSchema,
  label: z.string().trim().max(60).nullable().default(null),
});
export type BoardColumn = z.infer<typeof boardColumnSchema>;

/** The board's columns: every stage exactly once, in the user's order. */
export const boardColumnsSchema = z
  .array(boardColumnSchema)
  .refine((cols) => new Set(cols.map((c) => c.stage)).size === cols.length && cols.length === DEAL_STAGES.length, 'every stage once');

/** How much each value factor counts in the account's score, 0 (ignored) to 10. */
export const DEFAULT_VALUE_WEIGHTS: Readonly<Record<ValueFactor, number>> = Object.freeze({
  annualPurchases: 3,
  annualDiscounts: 1,
  costToServe: 1,
  annualNetProfit: 3,
  historicalContribution: 2,
  yearsOfCooperation: 1,
  budgetedTotalProfit: 2,
  backgroundStrength: 1,
  potential: 2,
  influenceReferral: 1,
});
const weight = z.number().min(0).max(10);
export const valueWeightsSchema = z
  .looseObject(
    Object.fromEntries(VALUE_FACTORS.map((k) => [k, weight.default(DEFAULT_VALUE_WEIGHTS[k])])) as Record<
      ValueFactor,
      z.ZodDefault<typeof weight>
    >,
  )
  // With every weight 0 nothing could be scored: at least one factor must count.
  .refine((w) => VALUE_FACTORS.some((k) => w[k] > 0), 'at least one value factor needs a weight above 0');
export type ValueWeights = z.infer<typeof valueWeightsSchema>;

/** The lowest score (0–100) of each grade; below the C1 line an account is C2. */
export type GradeThresholds = Record<Exclude<Grade, 'C2'>, number>;
export const DEFAULT_GRADE_THRESHOLDS: Readonly<GradeThresholds> = Object.freeze({ A1: 85, A2: 75, A3: 65, B1: 50, B2: 40, C1: 25 });
const cutoff = z.number().min(0).max(100);
export const gradeThresholdsSchema = z
  .looseObject(
    Object.fromEntries(GRADES.filter((g) => g !== 'C2').map((g) => [g, cutoff.default(DEFAULT_GRADE_THRESHOLDS[g as Exclude<Grade, 'C2'>])])) as Record<
      Exclude<Grade, 'C2'>,
      z.ZodDefault<typeof cutoff>
    >,
  )
  .refine((t) => t.A1 >= t.A2 && t.A2 >= t.A3 && t.A3 >= t.B1 && t.B1 >= t.B2 && t.B2 >= t.C1, 'each grade needs a score at least as high as the grade below it');

/**
 * Where the portfolio matrices split high from low. A null money threshold means the median of
 * the portfolio (of the customers' last twelve months, of the prospects' expected purchases).
 */
export const matrixSettingsSchema = z.looseObject({
  contribution: z.number().min(0).max(1e13).nullable().default(null),
  /** Stability score (0–100) from the order history at or above which an account is stable. */
  stability: z.number().min(0).max(100).default(60),
  expectedContribution: z.number().min(0).max(1e13).nullable().default(null),
  /** The lowest intent that counts as high. */
  intent: z.enum(INTENT_LEVELS).default('high'),
});
export type MatrixSettings = z.infer<typeof matrixSettingsSchema>;

/** One of our product lines: the columns of the whitespace map. */
export const productLineSchema = z.looseObject({ id: idSchema, name: shortText(100).min(1) });
export type ProductLine = z.infer<typeof productLineSchema>;
export const productLinesSchema = z
  .array(productLineSchema)
  .max(200)
  .refine((lines) => new Set(lines.map((l) => l.id)).size === lines.length, 'product line ids must be unique');

/** User preferences kept with the data, so they follow the file. */
export const settingsSchema = z.looseObject({
  /** null = follow the operating system's language. */
  locale: z.enum(LOCALES).nullable().default(null),
  colorScheme: z.enum(COLOR_SCHEMES).default('auto'),
  /** Judgements (attitude, influence, stars) older than this many days are shown as stale. */
  staleAfterDays: z.number().int().min(1).max(3650).default(90),
  /** A deal with no meeting or linked activity for this many days is flagged. */
  dealIdleDays: z.number().int().min(1).max(3650).default(21),
  /** The deal board's columns, in the user's order. */
  boardColumns: boardColumnsSchema.default(DEAL_STAGES.map((stage) => ({ stage, label: null }))),
  valueWeights: valueWeightsSchema.prefault({}),
  gradeThresholds: gradeThresholdsSchema.prefault({}),
  matrix: matrixSettingsSchema.prefault({}),
  /** Orders down by at least this many percent on the year before raise the "orders shrinking" signal. */
  shrinkPercent: z.number().min(1).max(100).default(10),
  productLines: productLinesSchema.default([]),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Everything the app stores. */
export const databaseSchema = z.looseObject({
  accounts: z.array(accountSchema).default([]),
  settings: settingsSchema.prefault({}),
});
export type Database = z.infer<typeof databaseSchema>;

/** The name written into every file, so we never mistake somebody else's JSON for ours. */
export const APP_ID = 'account-planner';

/** The file envelope: the data with the version of the schema it was written in. */
export const envelopeSchema = z.looseObject({
  schemaVersion: z.number().int().min(0),
  app: z.literal(APP_ID),
  savedAt: z.string().optional(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** An empty database. */
export function emptyDatabase(): Database {
  return databaseSchema.parse({});
}

/**
 * Fills defaults and keeps unknown keys. Run on every load and every import; throws a ZodError
 * when the data cannot be made valid.
 */
export function restoreDatabase(raw: unknown): Database {
  return databaseSchema.parse(raw);
}
