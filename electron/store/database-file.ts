import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { APP_ID, emptyDatabase, restoreDatabase, type Database } from '@shared/model/database';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent, NewerVersionError } from '@shared/migrations/index';
import type { StoreNotice } from '@shared/api/status';
import { AppError } from '@shared/errors';
import { BackupRotation, fileTimestamp } from './backups';
import { acquireLock, type FileLock } from './file-lock';

export interface StoreOptions {
  file: string;
  /** Default: `<folder of file>/backups`. */
  backupDir?: string;
  keepBackups?: number;
  /** At most one backup per interval while running (the one at open is always taken). */
  backupIntervalMs?: number;
  /** Quiet time after the last edit before a save. */
  saveDelayMs?: number;
  /** A save happens at the latest this long after the first unsaved edit, even while typing goes on. */
  maxSaveDelayMs?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

interface FileEnvelope {
  schemaVersion: number;
  app: typeof APP_ID;
  savedAt: string;
  data: Database;
}

/** Parses, migrates and restores the text of a database file; throws when it is not usable. */
export function readDatabaseText(text: string, now: Date): { db: Database; fromVersion: number } {
  const raw: unknown = JSON.parse(text);
  const { data, fromVersion } = migrateToCurrent(raw, { now: now.toISOString() });
  return { db: restoreDatabase(data), fromVersion };
}

function reasonOf(e: unknown): string {
  if (e instanceof SyntaxError) return `not valid JSON (${e.message})`;
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    const first = (e as { issues: { path: PropertyKey[]; message: string }[] }).issues[0];
    return `invalid data${first ? ` at ${first.path.map(String).join('.') || 'top level'}: ${first.message}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

/**
 * The one database file, owned by one process. lowdb does the atomic write (temp file + rename);
 * this class adds what lowdb leaves to us: validation and migration on open, quarantine of a
 * corrupt file with recovery from the newest valid backup, rotating backups, a lock against a
 * second writer, and debounced, coalesced saves with a flush on quit.
 */
export class DatabaseFile {
  readonly notices: StoreNotice[] = [];
  private current: Database;
  private dirty = false;
  private firstDirtyAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private lastBackupAt: number;
  /** The error of the last failed save, if the last save failed; cleared by a good one. */
  lastSaveError: unknown = null;

  private constructor(
    private readonly low: Low<FileEnvelope>,
    db: Database,
    private readonly opts: Required<Omit<StoreOptions, 'backupDir'>>,
    readonly backups: BackupRotation,
    private readonly lock: FileLock,
  ) {
    this.current = db;
    this.lastBackupAt = opts.now().getTime();
  }

  get file(): string {
    return this.opts.file;
  }

  get data(): Database {
    return this.current;
  }

  /**
   * Opens (or creates) the database. Throws AppError DB_NEWER_VERSION for a file written by a
   * newer build (left untouched), DB_LOCKED when another running instance holds it.
   */
  static async open(options: StoreOptions): Promise<DatabaseFile> {
    const opts = {
      keepBackups: 10,
      backupIntervalMs: 60 * 60 * 1000,
      saveDelayMs: 300,
      maxSaveDelayMs: 2000,
      now: () => new Date(),
      log: (m: string, e?: unknown) => console.error(m, e ?? ''),
      ...options,
      file: path.resolve(options.file),
    };
    const dir = path.dirname(opts.file);
    await fs.mkdir(dir, { recursive: true });
    const backups = new BackupRotation(
      options.backupDir ?? path.join(dir, 'backups'),
      path.basename(opts.file, '.json'),
      opts.keepBackups,
    );
    const lock = await acquireLock(`${opts.file}.lock`);
    try {
      const notices: StoreNotice[] = [];
      const db = await DatabaseFile.load(opts.file, backups, opts.now, notices, opts.log);
      const low = new Low<FileEnvelope>(
        new DataFile<FileEnvelope>(opts.file, { parse: JSON.parse, stringify: (v) => JSON.stringify(v) }),
        DatabaseFile.envelope(db, opts.now()),
      );
      const store = new DatabaseFile(low, db, opts, backups, lock);
      store.notices.push(...notices);
      // A migrated or recovered database is written back at once, so the file on disk is current.
      if (notices.length > 0 || !(await exists(opts.file))) {
        store.dirty = true;
        await store.flush();
      }
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  private static envelope(db: Database, now: Date): FileEnvelope {
    return { schemaVersion: CURRENT_SCHEMA_VERSION, app: APP_ID, savedAt: now.toISOString(), data: db };
  }

  private static async load(
    file: string,
    backups: BackupRotation,
    now: () => Date,
    notices: StoreNotice[],
    log: (message: string, error?: unknown) => void,
  ): Promise<Database> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyDatabase();
      throw new AppError('DB_UNREADABLE', `Cannot read ${file}: ${(e as Error).message}`);
    }
    let loaded: { db: Database; fromVersion: number } | null = null;
    let failure: unknown = null;
    try {
      loaded = readDatabaseText(text, now());
    } catch (e) {
      failure = e;
    }
    if (loaded) {
      // The backup at open keeps the bytes as they were, also the pre-migration version. It is a
      // safety net: when it cannot be taken (backup folder unwritable, disk full) the good file
      // is still opened, never treated as corrupt.
      let backupFile: string | null = null;
      try {
        backupFile = await backups.add(file, now());
      } catch (e) {
        log(`Could not back up ${file} into ${backups.dir}`, e);
      }
      if (loaded.fromVersion < CURRENT_SCHEMA_VERSION) {
        notices.push({ kind: 'migrated', fromVersion: loaded.fromVersion, toVersion: CURRENT_SCHEMA_VERSION, backupFile });
      }
      return loaded.db;
    }
    if (failure instanceof NewerVersionError) {
      throw new AppError('DB_NEWER_VERSION', `${file} was ${failure.message}. Update Account Planner to open it; the file has not been changed.`);
    }
    const reason = reasonOf(failure);
    const stem = path.join(path.dirname(file), `${path.basename(file, '.json')}.corrupt-${fileTimestamp(now())}`);
    let corruptFile = `${stem}.json`;
    // Never let one quarantined copy replace an earlier one.
    for (let n = 1; await exists(corruptFile); n++) corruptFile = `${stem}-${n}.json`;
    await fs.rename(file, corruptFile);
    for (const candidate of await backups.list()) {
      try {
        const { db } = readDatabaseText(await fs.readFile(candidate, 'utf8'), now());
        notices.push({ kind: 'restoredFromBackup', corruptFile, backupFile: candidate, reason });
        return db;
      } catch {
        // An unusable backup is skipped; an older one may still be good.
      }
    }
    notices.push({ kind: 'corruptNoBackup', corruptFile, reason });
    return emptyDatabase();
  }

  /** Replaces the data and schedules a save. */
  set(next: Database): void {
    if (this.closed) throw new AppError('INTERNAL', 'The database is closed');
    this.current = next;
    const now = Date.now();
    if (!this.dirty) this.firstDirtyAt = now;
    this.dirty = true;
    this.schedule(now);
  }

  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.opts.saveDelayMs, this.firstDirtyAt + this.opts.maxSaveDelayMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined);
    }, wait);
  }

  /** Writes pending changes now; resolves when they are on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Chain on the previous save whether or not it failed: after one failed write (disk full, file
    // busy) every later flush would otherwise return that old rejection and never write again.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const now = this.opts.now();
      this.low.data = DatabaseFile.envelope(this.current, now);
      try {
        await this.low.write();
        this.lastSaveError = null;
      } catch (e) {
        this.lastSaveError = e;
        this.dirty = true;
        this.opts.log(`Saving ${this.opts.file} failed; will retry`, e);
        if (!this.closed) this.schedule(Date.now());
        throw e;
      }
      if (now.getTime() - this.lastBackupAt >= this.opts.backupIntervalMs) {
        this.lastBackupAt = now.getTime();
        await this.backups.add(this.opts.file, now).catch((e) => this.opts.log('Backup failed', e));
      }
    });
    return this.writing;
  }

  saveStatus(): import('@shared/api/status').SaveStatus {
    return { state: 'saved', problem: null, dataFile: this.opts.file, seq: 0, unsnapshotted: 0, lastSavedAt: null };
  }

  copy(): { fileName: string; text: string } {
    return { fileName: path.basename(this.opts.file), text: JSON.stringify(DatabaseFile.envelope(this.current, this.opts.now())) };
  }

  /** Flushes, stops the timer and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      await this.lock.release();
    }
  }
}
