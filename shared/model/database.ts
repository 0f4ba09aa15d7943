import { z } from 'zod';
import { accountSchema } from './account';
import { DEAL_STAGES, dealStageSchema } from './vocabulary';

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
