import type { ApiErrorBody } from '../errors';

/** Something the store did on the user's behalf that they must be told about. */
export type StoreNotice =
  | { kind: 'restoredFromBackup'; corruptFile: string; backupFile: string; reason: string }
  | { kind: 'corruptNoBackup'; corruptFile: string; reason: string }
  | { kind: 'migrated'; fromVersion: number; toVersion: number; backupFile: string | null };

export interface AppStatus {
  /** false when the database could not be opened; `fatal` says why. */
  ready: boolean;
  fatal: ApiErrorBody | null;
  dataFile: string;
  backupDir: string;
  notices: StoreNotice[];
  /** The operating system's language, for the default UI language. */
  osLocale: string;
  host: 'electron' | 'browser';
  version: string;
}
