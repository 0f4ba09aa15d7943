import { z } from 'zod';
import { idSchema, shortText } from '../model/common';
import { patchShape } from '../model/patch';
import {
  accountProfileSchema,
  accountSchema,
  giftPolicySchema,
  valueFactorsSchema,
  warningSignSchema,
  warningSignsSchema,
  type Account,
} from '../model/account';
import { exportInputSchema, previewInputSchema, type ExcelProgress, type ImportPreview } from './excel';
import {
  boardColumnsSchema,
  COLOR_SCHEMES,
  gradeThresholdsSchema,
  LOCALES,
  matrixSettingsSchema,
  productLinesSchema,
  valueWeightsSchema,
  type Settings,
} from '../model/database';
import { ACCOUNT_KINDS, ACCOUNT_STAGES, gradeSchema, relationshipTypeSchema } from '../model/vocabulary';
import type { Portfolio } from '../portfolio/types';
import type { Result } from '../errors';
import type { AppStatus, SaveStatus } from './status';
import type { AccountSummary } from '../accounts';
import type { Pipeline } from '../pipeline';
import type { OverdueAction } from '../deals/board';
import type { Channel } from './channels';
import { planCommandSchema } from '../commands/plan-commands';

function channel<I extends z.ZodType>(input: I) {
  return {
    returns<O>() {
      return { input, output: undefined as unknown as O };
    },
  };
}

/** Channels that take nothing accept `undefined` or `{}`. */
const none = z.strictObject({}).optional();
const byId = z.strictObject({ id: idSchema });
const accountName = shortText().min(1, 'must not be empty');

/** What `account:update` may change; every key optional, nested objects merged. */
export const accountPatchSchema = z.strictObject({
  kind: z.enum(ACCOUNT_KINDS).optional(),
  stage: z.enum(ACCOUNT_STAGES).optional(),
  /** Signs named here are replaced whole (ticked, since, notes); others stay. */
  warningSigns: z.strictObject(Object.fromEntries(Object.keys(warningSignsSchema.shape).map((k) => [k, warningSignSchema.optional()])) as Record<
    keyof typeof warningSignsSchema.shape,
    z.ZodOptional<typeof warningSignSchema>
  >).optional(),
  profile: z.looseObject(patchShape(accountProfileSchema)).optional(),
  valueFactors: z.looseObject(patchShape(valueFactorsSchema)).optional(),
  grade: gradeSchema.nullable().optional(),
  relationshipType: relationshipTypeSchema.nullable().optional(),
  giftPolicy: z.looseObject(patchShape(giftPolicySchema)).optional(),
  notes: z.string().max(20_000).optional(),
});
export type AccountPatch = z.infer<typeof accountPatchSchema>;

/**
 * The API: every channel (`domain:verb`), its input schema and its output type. The Electron
 * preload, the IPC registrar, the browser host and the renderer client are all built from it.
 */
export const contract = {
  'app:status': channel(none).returns<AppStatus>(),
  /** The save state the renderer shows at all times; cheap, polled about once a second. */
  'store:status': channel(none).returns<SaveStatus>(),
  /**
   * The whole database as a data file (the same envelope), for "save a copy elsewhere" when the
   * data file cannot be written. `fileName` is a suggestion.
   */
  'store:copy': channel(none).returns<{ fileName: string; text: string }>(),
  'settings:get': channel(none).returns<Settings>(),
  'settings:update': channel(
    z.strictObject({
      locale: z.enum(LOCALES).nullable().optional(),
      colorScheme: z.enum(COLOR_SCHEMES).optional(),
      staleAfterDays: z.number().int().min(1).max(3650).optional(),
      dealIdleDays: z.number().int().min(1).max(3650).optional(),
      boardColumns: boardColumnsSchema.optional(),
      /** Merged key by key into the stored weights, thresholds and matrix settings; unknown keys refused. */
      valueWeights: z.strictObject(patchShape(valueWeightsSchema)).optional(),
      gradeThresholds: z.strictObject(patchShape(gradeThresholdsSchema)).optional(),
      matrix: z.strictObject(patchShape(matrixSettingsSchema)).optional(),
      shrinkPercent: z.number().min(1).max(100).optional(),
      productLines: productLinesSchema.optional(),
    }),
  ).returns<Settings>(),
  'account:list': channel(none).returns<AccountSummary[]>(),
  'account:get': channel(byId).returns<Account>(),
  'account:create': channel(z.strictObject({ name: accountName })).returns<Account>(),
  'account:rename': channel(z.strictObject({ id: idSchema, name: accountName })).returns<AccountSummary>(),
  'account:update': channel(z.strictObject({ id: idSchema, patch: accountPatchSchema })).returns<Account>(),
  'account:delete': channel(byId).returns<AccountSummary>(),
  'account:restore': channel(byId).returns<AccountSummary>(),
  /** Puts back a whole account as it was (undo and redo of an import). */
  'account:replace': channel(z.strictObject({ account: accountSchema })).returns<AccountSummary>(),
  'excel:export': channel(exportInputSchema).returns<{ fileName: string; base64: string }>(),
  'excel:preview': channel(previewInputSchema).returns<ImportPreview>(),
  'excel:progress': channel(z.strictObject({ jobId: z.uuid() })).returns<ExcelProgress | null>(),
  'excel:apply': channel(z.strictObject({ token: z.uuid() })).returns<{ after: Account[]; before: (Account | null)[] }>(),
  'sample:load': channel(z.strictObject({ locale: z.enum(LOCALES).optional() })).returns<Account>(),
  /** Applies editor commands (buying-centre map, deals, next steps) in order, all or none. */
  'plan:apply': channel(
    z.strictObject({ accountId: idSchema, commands: z.array(planCommandSchema).min(1).max(1000) }),
  ).returns<{ updatedAt: string }>(),
  /** Every deal in the portfolio with its risk signals; `now` carries the user's own offset. */
  'pipeline:list': channel(z.strictObject({ now: z.iso.datetime({ offset: true }) })).returns<Pipeline>(),
  /** Overdue next steps across all accounts, as of the user's `today`. */
  'pipeline:overdue': channel(z.strictObject({ today: z.iso.date() })).returns<OverdueAction[]>(),
  /** Every account with its value, grade, health and matrix cell, and the Pareto curve, as of the user's `now`. */
  'portfolio:list': channel(z.strictObject({ now: z.iso.datetime({ offset: true }) })).returns<Portfolio>(),
} satisfies Record<Channel, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = Contract[C]['output'];

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

/** The API as the renderer sees it: `api.account.create({ name })` → `Result`. */
export type PlannerApi = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: `${D}:${V}` extends infer C extends Channel
      ? (input?: Input<C>) => Promise<Result<Output<C>>>
      : never;
  };
};
