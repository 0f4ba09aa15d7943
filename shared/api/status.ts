import type { ApiErrorBody } from '../errors';

/** Something the store did on the user's behalf that they must be told about. */
export type StoreNotice =
  | { kind: 'restoredFromBackup'; corruptFile: string; backupFile: string; reason: string }
  | { kind: 'corruptNoBackup'; corruptFile: string; reason: string }
  /** `backupFile`: the original, kept apart from the rotating backups until the user deletes it. */
  | { kind: 'migrated'; fromVersion: number; toVersion: number; backupFile: string | null }
  /** A lock left by a process that is no longer running was taken over. */
  | { kind: 'lockTakenOver'; lockFile: string }
  /**
   * The journal could not be replayed to its end (a damaged disk, not a crash: a crash only tears
   * the last record, which was never acknowledged). `replayed` records were kept, `dropped` were not;
   * the whole journal as it was is kept as `keptAs`.
   */
  | { kind: 'journalDamaged'; journalFile: string; keptAs: string; replayed: number; dropped: number; reason: string };

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

/** Why the last write of one of the store's files failed. */
export interface SaveProblem {
  /**
   * `journal`: edits cannot be written, so every edit is refused (SAVE_FAILED) until it works again.
   * `snapshot`: edits are safe in the journal, but the data file itself could not be rewritten; retried
   * with backoff.
   */
  where: 'journal' | 'snapshot';
  /** The file that could not be written. */
  file: string;
  /** The system's error code (`ENOSPC`, `EROFS`, `EIO`, `EACCES` …) when there is one. */
  errno: string | null;
  /** The English detail, for the log and the tooltip. */
  message: string;
  /** When it first failed (ISO instant). */
  since: string;
  /** Failed attempts so far. */
  attempts: number;
  /** When the store tries again on its own (snapshot), or null (journal: the next edit tries). */
  nextRetryAt: string | null;
}

/**
 * The store's save state, polled by the renderer and shown at all times. An edit the API answered
 * with success is on disk (the journal is flushed before the answer); `problem` says what failed.
 */
export interface SaveStatus {
  /** `saved`: every acknowledged edit is on disk; `failed`: a write failed, see `problem`. */
  state: 'saved' | 'failed';
  problem: SaveProblem | null;
  /** The data file (the snapshot); the journal is `<dataFile>.journal`. */
  dataFile: string;
  /** The sequence number of the last acknowledged edit. */
  seq: number;
  /** Edits in the journal that the data file does not hold yet (written in the background). */
  unsnapshotted: number;
  /** When the last edit was written to the journal (ISO instant), null before the first. */
  lastSavedAt: string | null;
}

/** The reason for a failed write in words a user knows (the renderer's `save.reasons.<reason>`, the quit dialog's). */
export type SaveProblemReason = 'diskFull' | 'readOnly' | 'diskError' | 'generic';

/** Groups the system's error codes into the reasons the UI names. */
export function saveProblemReason(errno: SaveProblem['errno']): SaveProblemReason {
  switch (errno) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'diskFull';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'readOnly';
    case 'EIO':
      return 'diskError';
    default:
      return 'generic';
  }
}
