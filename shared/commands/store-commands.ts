import { z } from 'zod';
import { STORING_CHANNELS } from '../api/channels';
import * as accounts from '../accounts';
import { AppError } from '../errors';
import { accountSchema, type Account } from '../model/account';
import { LOCALES, settingsSchema, type Database, type Settings } from '../model/database';
import { buildSampleAccount, sampleProductLines } from '../sample/hemei';
import type { AccountPatch } from '../api/contract';
import type { PlanCommand } from './plan-commands';

/**
 * The commands that change the database: one per mutating API channel, plus `account:import`, the
 * write an Excel import ends in. They are what the journal records, what replay runs on open, and
 * what plan history and a team server will receive, so each is plain data and its effect depends
 * only on the database, the command and the {@link StoreContext}.
 */
export type StoreCommand =
  | { type: 'settings:update'; patch: SettingsPatch }
  | { type: 'account:create'; name: string }
  | { type: 'account:rename'; id: string; name: string }
  | { type: 'account:update'; id: string; patch: AccountPatch }
  | { type: 'account:delete'; id: string }
  | { type: 'account:restore'; id: string }
  | { type: 'account:replace'; account: Account }
  | { type: 'plan:apply'; accountId: string; commands: PlanCommand[] }
  | { type: 'sample:load'; locale?: (typeof LOCALES)[number] }
  /** Whole accounts as an import leaves them (created or merged); stamped with the command's time. */
  | { type: 'account:import'; accounts: Account[] };

export type StoreCommandType = StoreCommand['type'];

/** What `settings:update` may send: top-level keys replace, the three nested groups merge key by key. */
export type SettingsPatch = Partial<Omit<Settings, 'valueWeights' | 'gradeThresholds' | 'matrix'>> & {
  valueWeights?: Partial<Settings['valueWeights']>;
  gradeThresholds?: Partial<Settings['gradeThresholds']>;
  matrix?: Partial<Settings['matrix']>;
};

/**
 * Time and ids for one command. Recorded with the command in the journal, so that replaying it
 * gives the same ids and stamps as the first run.
 */
export interface StoreContext {
  now: string;
  newId: () => string;
}

/** What a command did: the new database, the accounts it touched (as they are now), and settings if it changed them. */
export interface StoreCommandResult {
  db: Database;
  /** Ids of the accounts the command touched, for the invariant check and the journal record. */
  touched: string[];
  account?: Account;
  accounts?: Account[];
  settings?: Settings;
}

function one(db: Database, account: Account): StoreCommandResult {
  return { db, touched: [account.id], account };
}

/** Runs one store command. Pure: throws AppError (or ZodError) and leaves `db` alone when refused. */
export function performStoreCommand(db: Database, cmd: StoreCommand, ctx: StoreContext): StoreCommandResult {
  switch (cmd.type) {
    case 'settings:update': {
      const { patch } = cmd;
      const settings = settingsSchema.parse({
        ...db.settings,
        ...patch,
        valueWeights: { ...db.settings.valueWeights, ...patch.valueWeights },
        gradeThresholds: { ...db.settings.gradeThresholds, ...patch.gradeThresholds },
        matrix: { ...db.settings.matrix, ...patch.matrix },
      });
      return { db: { ...db, settings }, touched: [], settings };
    }
    case 'account:create': {
      const r = accounts.createAccount(db, cmd.name, ctx);
      return one(r.db, r.account);
    }
    case 'account:rename': {
      const r = accounts.renameAccount(db, cmd.id, cmd.name, ctx.now);
      return one(r.db, r.account);
    }
    case 'account:update': {
      const r = accounts.updateAccount(db, cmd.id, cmd.patch, ctx.now);
      return one(r.db, r.account);
    }
    case 'account:delete': {
      const r = accounts.deleteAccount(db, cmd.id, ctx.now);
      return one(r.db, r.account);
    }
    case 'account:restore': {
      const r = accounts.restoreDeletedAccount(db, cmd.id);
      return one(r.db, r.account);
    }
    case 'account:replace': {
      const r = accounts.replaceWholeAccount(db, cmd.account, ctx.now);
      return one(r.db, r.account);
    }
    case 'plan:apply': {
      const r = accounts.applyPlanCommands(db, cmd.accountId, cmd.commands, ctx.now);
      return one(r.db, r.account);
    }
    case 'sample:load': {
      const language = cmd.locale ?? db.settings.locale ?? 'en';
      const productLines = sampleProductLines(ctx, language, db.settings.productLines);
      const withLines = { ...db, settings: { ...db.settings, productLines } };
      const r = accounts.addAccount(withLines, buildSampleAccount(ctx, language, productLines));
      return { ...one(r.db, r.account), settings: r.db.settings };
    }
    case 'account:import': {
      const stamped = cmd.accounts.map((a) => accountSchema.parse({ ...a, updatedAt: ctx.now }));
      const ids = new Set<string>();
      for (const a of stamped) {
        if (ids.has(a.id)) throw new AppError('VALIDATION', `The import names account ${a.id} twice`);
        ids.add(a.id);
      }
      const byId = new Map(stamped.map((a) => [a.id, a]));
      const kept = db.accounts.map((a) => byId.get(a.id) ?? a);
      const added = stamped.filter((a) => !db.accounts.some((x) => x.id === a.id));
      return { db: { ...db, accounts: [...kept, ...added] }, touched: [...ids], accounts: stamped };
    }
  }
}

/**
 * The shape of a journal record's command, checked when a record is read back: the record's
 * checksum proves it is whole, this proves it is one of ours. Payloads are checked by the command
 * itself when it runs.
 */
export const storeCommandEnvelopeSchema = z.looseObject({
  // One per storing channel; an Excel import's write is `account:import`, not `excel:apply`.
  type: z.enum(STORING_CHANNELS.map((c) => (c === 'excel:apply' ? 'account:import' : c)) as [StoreCommandType, ...StoreCommandType[]]),
});
