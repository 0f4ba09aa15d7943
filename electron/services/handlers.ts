import * as accounts from '@shared/accounts';
import type { AppStatus } from '@shared/api/status';
import { settingsSchema, type Database } from '@shared/model/database';
import { buildSampleAccount, sampleProductLines } from '@shared/sample/hemei';
import { overdueNextSteps, portfolioPipeline } from '@shared/pipeline';
import { buildPortfolio } from '@shared/portfolio/portfolio';
import type { HandlerTable } from '../api/dispatch';
import type { DatabaseFile } from '../store/database-file';
import { ExcelService } from './excel';

export interface HandlerDeps {
  store: () => DatabaseFile;
  status: () => AppStatus;
  clock: () => string;
  newId: () => string;
}

/**
 * The handler of every channel: parse is done by the dispatcher, so each one calls the domain
 * command and stores the result. No Electron and no HTTP here: both doors share this table.
 */
export function createHandlers({ store, status, clock, newId }: HandlerDeps): HandlerTable {
  /** Runs a pure command on the current data and keeps its result. */
  const commit = <R>(run: (db: Database) => { db: Database } & R): R => {
    const s = store();
    const { db, ...rest } = run(s.data);
    s.set(db);
    return rest as R;
  };
  const ctx = () => ({ now: clock(), newId });
  const excel = new ExcelService({ store, clock, newId });

  return {
    'app:status': () => status(),
    'store:status': () => store().saveStatus(),
    'store:copy': () => store().copy(),
    'settings:get': () => store().data.settings,
    'settings:update': (patch) =>
      commit((db) => {
        // The nested groups merge key by key: a patch naming one weight keeps the other nine.
        const settings = settingsSchema.parse({
          ...db.settings,
          ...patch,
          valueWeights: { ...db.settings.valueWeights, ...patch.valueWeights },
          gradeThresholds: { ...db.settings.gradeThresholds, ...patch.gradeThresholds },
          matrix: { ...db.settings.matrix, ...patch.matrix },
        });
        return { db: { ...db, settings }, settings };
      }).settings,
    'account:list': () => accounts.listAccounts(store().data),
    'account:get': ({ id }) => accounts.findAccount(store().data, id),
    'account:create': ({ name }) => commit((db) => accounts.createAccount(db, name, ctx())).account,
    'account:rename': ({ id, name }) =>
      accounts.summarizeAccount(commit((db) => accounts.renameAccount(db, id, name, clock())).account),
    'account:update': ({ id, patch }) => commit((db) => accounts.updateAccount(db, id, patch, clock())).account,
    'account:delete': ({ id }) =>
      accounts.summarizeAccount(commit((db) => accounts.deleteAccount(db, id, clock())).account),
    'account:restore': ({ id }) =>
      accounts.summarizeAccount(commit((db) => accounts.restoreDeletedAccount(db, id)).account),
    'plan:apply': ({ accountId, commands }) => {
      const { updatedAt } = commit((db) => accounts.applyPlanCommands(db, accountId, commands, clock())).account;
      return { updatedAt };
    },
    'pipeline:list': ({ now }) => portfolioPipeline(store().data, now),
    'pipeline:overdue': ({ today }) => overdueNextSteps(store().data, today),
    'portfolio:list': ({ now }) => buildPortfolio(store().data, now),
    'account:replace': ({ account }) =>
      accounts.summarizeAccount(commit((db) => accounts.replaceWholeAccount(db, account, clock())).account),
    'excel:export': (input) => excel.export(input),
    'excel:preview': (input) => excel.preview(input),
    'excel:apply': ({ token }) => excel.apply(token),
    'excel:progress': ({ jobId }) => excel.progress(jobId),
    'sample:load': ({ locale }) =>
      commit((db) => {
        const language = locale ?? db.settings.locale ?? 'en';
        const productLines = sampleProductLines(ctx(), language, db.settings.productLines);
        const withLines = { ...db, settings: { ...db.settings, productLines } };
        return accounts.addAccount(withLines, buildSampleAccount(ctx(), language, productLines));
      }).account,
  };
}
