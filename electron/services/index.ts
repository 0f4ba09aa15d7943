import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AppStatus, SaveStatus } from '@shared/api/status';
import { AppError, type ApiErrorBody } from '@shared/errors';
import { createDispatcher, type Dispatch } from '../api/dispatch';
import { DatabaseFile, type StoreOptions } from '../store/database-file';
import { storeFsFromEnv } from '../store/store-fs';
import { createHandlers } from './handlers';

export interface OpenServicesOptions {
  dataFile: string;
  host: AppStatus['host'];
  osLocale: string;
  version: string;
  /** The data file is in the app's own user-data folder, which is then kept private (0700). */
  inAppFolder?: boolean;
  /** Store tuning for tests; defaults suit the app. */
  store?: Omit<StoreOptions, 'file'>;
  log?: (message: string, error?: unknown) => void;
}

export interface Services {
  dispatch: Dispatch;
  status(): AppStatus;
  /** Brings the data file up to date now (every acknowledged edit is on disk already, in the journal). */
  flush(): Promise<void>;
  /** The store's save state (nothing to save when the database could not be opened). */
  saveStatus(): SaveStatus;
  /** Writes everything acknowledged, as a data file, to `target` (a copy elsewhere, when the disk fails). */
  saveCopy(target: string): Promise<void>;
  /** Flushes and releases the database. */
  close(): Promise<void>;
}

/**
 * Opens the database and builds the API both doors serve. Never throws for a database that cannot
 * be opened: the status says why (`ready: false`) and every channel but `app:status` answers with
 * that error, so the UI can tell the user instead of the process dying silently.
 */
export async function openServices(opts: OpenServicesOptions): Promise<Services> {
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''));
  let store: DatabaseFile | null = null;
  let fatal: ApiErrorBody | null = null;
  try {
    // ACCOUNT_PLANNER_FAULTS names a control file through which the end-to-end tests break the disk.
    store = await DatabaseFile.open({ fs: storeFsFromEnv(process.env), privateFolder: opts.inAppFolder ?? false, ...opts.store, file: opts.dataFile, log });
  } catch (e) {
    fatal =
      e instanceof AppError
        ? { code: e.code, message: e.message }
        : { code: 'DB_UNREADABLE', message: `Cannot open ${opts.dataFile}: ${e instanceof Error ? e.message : String(e)}` };
  }

  const status = (): AppStatus => ({
    ready: store !== null,
    fatal,
    dataFile: path.resolve(opts.dataFile),
    backupDir: store?.backups.dir ?? path.join(path.dirname(path.resolve(opts.dataFile)), 'backups'),
    notices: store?.notices ?? [],
    osLocale: opts.osLocale,
    host: opts.host,
    version: opts.version,
  });

  const handlers = createHandlers({
    store: () => {
      if (!store) throw new AppError(fatal?.code ?? 'DB_UNREADABLE', fatal?.message ?? 'The database is not open');
      return store;
    },
    status,
    clock: () => new Date().toISOString(),
    newId: () => randomUUID(),
  });

  return {
    dispatch: createDispatcher(handlers, (e) => log('Handler failed', e)),
    status,
    flush: async () => {
      await store?.flush();
    },
    saveStatus: () =>
      store?.saveStatus() ?? { state: 'saved', problem: null, dataFile: path.resolve(opts.dataFile), seq: 0, unsnapshotted: 0, lastSavedAt: null },
    saveCopy: async (target) => {
      if (!store) throw new AppError(fatal?.code ?? 'DB_UNREADABLE', fatal?.message ?? 'The database is not open');
      await store.saveCopy(target);
    },
    close: async () => {
      await store?.close();
    },
  };
}
