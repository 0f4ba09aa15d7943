import * as accounts from '@shared/accounts';
import type { AppStatus } from '@shared/api/status';
import type { Settings } from '@shared/model/database';
import type { Account } from '@shared/model/account';
import type { StoreCommand } from '@shared/commands/store-commands';
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
 * The handler of every channel: parse is done by the dispatcher; each change is one store
 * command (`shared/commands/store-commands.ts`), which the store checks and journals. No Electron and no HTTP here: both doors share this table.
 */
export function createHandlers({ store, status, clock, newId }: HandlerDeps): HandlerTable {
  /** Runs one store command: checked, journaled and on disk before it resolves. */
  const commit = (cmd: StoreCommand) => store().commit(cmd);
  /** The account a command left, for the channels that answer with it. */
  const accountOf = async (cmd: StoreCommand): Promise<Account> => (await commit(cmd)).account as Account;
  const excel = new ExcelService({ store, clock, newId });

  return {
    'app:status': () => status(),
    'store:status': () => store().saveStatus(),
    'store:copy': () => store().copy(),
    'settings:get': () => store().data.settings,
    'settings:update': async (patch) => (await commit({ type: 'settings:update', patch })).settings as Settings,
    'account:list': () => accounts.listAccounts(store().data),
    'account:get': ({ id }) => accounts.findAccount(store().data, id),
    'account:create': ({ name }) => accountOf({ type: 'account:create', name }),
    'account:rename': async ({ id, name }) => accounts.summarizeAccount(await accountOf({ type: 'account:rename', id, name })),
    'account:update': ({ id, patch }) => accountOf({ type: 'account:update', id, patch }),
    'account:delete': async ({ id }) => accounts.summarizeAccount(await accountOf({ type: 'account:delete', id })),
    'account:restore': async ({ id }) => accounts.summarizeAccount(await accountOf({ type: 'account:restore', id })),
    'plan:apply': async ({ accountId, commands }) => ({ updatedAt: (await accountOf({ type: 'plan:apply', accountId, commands })).updatedAt }),
    'pipeline:list': ({ now }) => portfolioPipeline(store().data, now),
    'pipeline:overdue': ({ today }) => overdueNextSteps(store().data, today),
    'portfolio:list': ({ now }) => buildPortfolio(store().data, now),
    'account:replace': async ({ account }) => accounts.summarizeAccount(await accountOf({ type: 'account:replace', account })),
    'excel:export': (input) => excel.export(input),
    'excel:preview': (input) => excel.preview(input),
    'excel:apply': ({ token }) => excel.apply(token),
    'excel:progress': ({ jobId }) => excel.progress(jobId),
    'sample:load': ({ locale }) => accountOf({ type: 'sample:load', ...(locale && { locale }) }),
  };
}
