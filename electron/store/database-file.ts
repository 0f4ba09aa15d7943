import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { emptyDatabase, type Database } from '@shared/model/database';
import { CURRENT_SCHEMA_VERSION, NewerVersionError } from '@shared/migrations/index';
import { performStoreCommand, type StoreCommand, type StoreCommandResult, type StoreContext } from '@shared/commands/store-commands';
import { checkAccountInvariants, describeViolations, type InvariantViolation } from '@shared/model/invariants';
import type { SaveProblem, SaveStatus, StoreNotice } from '@shared/api/status';
import { AppError } from '@shared/errors';
import { BackupRotation, fileTimestamp } from './backups';
import { acquireLock, type FileLock } from './file-lock';
import { encodeRecord, Journal, JOURNAL_VERSION, type JournalRecord } from './journal';
import { encodeSnapshot, readSnapshot, SnapshotFile, tempFileOf } from './snapshot';
import { nodeStoreFs, type StoreFs } from './store-fs';

export interface StoreOptions {
  file: string;
  /** Default: `<folder of file>/backups`. */
  backupDir?: string;
  keepBackups?: number;
  /** At most one backup per interval while running (the one at open is always taken). */
  backupIntervalMs?: number;
  /** Quiet time after the last edit before the data file is rewritten (edits are safe in the journal already). */
  saveDelayMs?: number;
  /** The data file is rewritten at the latest this long after the first edit it does not hold. */
  maxSaveDelayMs?: number;
  now?: () => Date;
  newId?: () => string;
  log?: (message: string, error?: unknown) => void;
  /** The file system; tests inject failures through it. */
  fs?: StoreFs;
  /** The data file's folder is the app's own: made 0700 even if it existed (POSIX). A folder the user chose is left as it is. */
  privateFolder?: boolean;
}

/** Backoff of the background retries: 1 s, doubling, at most 60 s. */
export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 60_000;
const backoff = (attempts: number) => Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, attempts - 1));

function reasonOf(e: unknown): string {
  if (e instanceof SyntaxError) return `not valid JSON (${e.message})`;
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    const first = (e as { issues: { path: PropertyKey[]; message: string }[] }).issues[0];
    return `invalid data${first ? ` at ${first.path.map(String).join('.') || 'top level'}: ${first.message}` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

const errnoOf = (e: unknown): string | null => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : null;
};

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

/** The real path of a data file that may be a symlink (or not exist yet): we write the target, never the link. */
async function realDataPath(file: string): Promise<string> {
  const resolved = path.resolve(file);
  try {
    return await fs.realpath(resolved);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // Not a link (or nothing there): readlink fails, and the path is a plain new file.
  const link = await fs.readlink(resolved).catch(() => null);
  // A link to a file that does not exist yet: create the target.
  if (link !== null) return realDataPath(path.resolve(path.dirname(resolved), link));
  const dir = path.dirname(resolved);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  return path.join(await fs.realpath(dir), path.basename(resolved));
}

interface Loaded {
  db: Database;
  seq: number;
  device: string | null;
}

/**
 * The one database file, owned by one process, with a journal in front of it.
 *
 * Every accepted command is appended to `<file>.journal` and flushed to disk (fdatasync) before
 * `commit` resolves: an edit the API acknowledged survives a crash. The data file itself (the lowdb
 * JSON, readable and complete) is a snapshot rewritten in the background (temp file, fsync, rename,
 * fsync of the folder); after each the journal is cut back to the records the snapshot does not
 * hold. Opening reads the snapshot and replays the newer records; a torn last record (a crash
 * during the append) fails its checksum and is dropped.
 *
 * Around that: validation and migration on open, quarantine of a corrupt file with recovery from
 * the newest valid backup, rotating backups, the original of a migrated file kept apart, a lock
 * against a second writer, and a save status that says when a write failed and why.
 */
export class DatabaseFile {
  readonly notices: StoreNotice[] = [];
  private current: Database;
  private seq: number;
  private snapshotSeq: number;
  /** Journal lines the snapshot does not hold yet, kept for the journal's rewrite after a snapshot. */
  private unsnapshotted: { seq: number; line: string }[] = [];
  private firstUnsnapshottedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Commands and journal rewrites, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private snapshotting: Promise<void> = Promise.resolve();
  private closed = false;
  private lastBackupAt: number;
  private lastSavedAt: string | null = null;
  private journalProblem: SaveProblem | null = null;
  /** Set when another process took the lock from under us: from then on nothing is written. */
  private lockLost: string | null = null;
  private snapshotProblem: SaveProblem | null = null;
  private readonly low: Low<{ db: Database; savedAt: string; seq: number; device: string }>;

  private constructor(
    private readonly opts: Required<Omit<StoreOptions, 'backupDir'>>,
    loaded: Loaded & { device: string },
    /** The last record the data file on disk holds (before a replay). */
    snapshotSeq: number,
    private journal: Journal,
    readonly backups: BackupRotation,
    private readonly lock: FileLock,
  ) {
    this.current = loaded.db;
    this.seq = loaded.seq;
    this.snapshotSeq = snapshotSeq;
    this.device = loaded.device;
    this.lastBackupAt = opts.now().getTime();
    this.low = new Low(new SnapshotFile(opts.fs, opts.file), { db: loaded.db, savedAt: '', seq: loaded.seq, device: loaded.device });
  }

  /** The data file's own id, written on every journal record. */
  readonly device: string;

  /** The real path of the data file (a symlink given at open is followed). */
  get file(): string {
    return this.opts.file;
  }

  get journalFile(): string {
    return this.journal.file;
  }

  get data(): Database {
    return this.current;
  }

  /**
   * Opens (or creates) the database. Throws AppError DB_NEWER_VERSION for a file written by a
   * newer build (left untouched), DB_LOCKED when another running instance holds it.
   */
  static async open(options: StoreOptions): Promise<DatabaseFile> {
    const file = await realDataPath(options.file);
    const opts = {
      keepBackups: 10,
      backupIntervalMs: 60 * 60 * 1000,
      saveDelayMs: 1000,
      maxSaveDelayMs: 10_000,
      now: () => new Date(),
      newId: () => randomUUID(),
      log: (m: string, e?: unknown) => console.error(m, e ?? ''),
      fs: nodeStoreFs,
      privateFolder: false,
      ...options,
      file,
    };
    const dir = path.dirname(file);
    if (options.privateFolder && process.platform !== 'win32') await fs.chmod(dir, 0o700).catch((e: unknown) => opts.log(`Could not make ${dir} private`, e));
    const stem = path.basename(file, '.json');
    const backups = new BackupRotation(options.backupDir ?? path.join(dir, 'backups'), stem, opts.keepBackups);
    const notices: StoreNotice[] = [];
    let opened: DatabaseFile | null = null;
    const { lock, tookOver } = await acquireLock(file, (e) => {
      opts.log(`The lock on ${file} was lost; edits are refused from now on`, e);
      opened?.loseLock(e.message);
    });
    let journal: Journal | null = null;
    try {
      if (tookOver) notices.push({ kind: 'lockTakenOver', lockFile: tookOver });
      await DatabaseFile.removeLeftovers(file, backups.dir, opts.log);
      const loaded = await DatabaseFile.load(file, backups, opts, notices);
      const journalFile = `${file}.journal`;
      const read = await Journal.read(opts.fs, journalFile).catch((e: unknown) => {
        throw new AppError('DB_UNREADABLE', `Cannot read the journal ${journalFile}: ${reasonOf(e)}`);
      });
      const replay = DatabaseFile.replay(loaded, read.records, opts.log);
      let goodBytes = read.goodBytes;
      if (read.state === 'damaged' || replay.stoppedAt !== null) {
        // Keep the unusable rest for whoever looks into it, then start the journal from what was replayed.
        const aside = `${journalFile}.damaged-${fileTimestamp(opts.now())}`;
        await fs.copyFile(journalFile, aside);
        await fs.chmod(aside, 0o600).catch((e: unknown) => opts.log(`Could not make ${aside} private`, e));
        const lost = read.droppedLines + (replay.stoppedAt === null ? 0 : read.records.length - replay.stoppedAt);
        notices.push({ kind: 'journalDamaged', journalFile, keptAs: aside, replayed: replay.applied, dropped: lost, reason: replay.reason ?? 'a record in the middle of the journal fails its checksum' });
        goodBytes = replay.stoppedAt === null ? read.goodBytes : replay.goodBytes;
      } else if (read.state === 'torn') {
        opts.log(`Dropped an incomplete last record of ${journalFile} (a crash while it was being written; it was never acknowledged)`);
      }
      journal = await Journal.open(opts.fs, journalFile, goodBytes);
      const store = new DatabaseFile(opts, { ...replay.state, device: replay.state.device ?? randomUUID() }, loaded.seq, journal, backups, lock);
      opened = store;
      store.notices.push(...notices);
      store.unsnapshotted = replay.lines;
      if (replay.lines.length > 0) store.firstUnsnapshottedAt = Date.now();
      // A migrated or recovered database (or a new one) is written at once, so the data file is
      // current; replayed edits are safe in the journal and go into the data file in the background.
      if (notices.some((n) => n.kind !== 'lockTakenOver') || !(await exists(file))) await store.snapshot(true);
      else if (replay.applied > 0) store.scheduleSnapshot();
      return store;
    } catch (e) {
      // A store that failed to open must not go on writing in the background without the lock.
      opened?.stop();
      await journal?.close();
      await lock.release();
      throw e;
    }
  }

  /** Stops every timer and refuses further work (a failed open, a lost lock). */
  private stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.clearRetry();
  }

  /** Another process changed or removed our lock: two writers would corrupt the file, so stop writing. */
  private loseLock(reason: string): void {
    this.lockLost = reason;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.clearRetry();
    const now = this.opts.now().toISOString();
    this.journalProblem = { where: 'journal', file: `${this.opts.file}.lock`, errno: 'ELOCKLOST', message: `the lock was lost: ${reason}`, since: now, attempts: 1, nextRetryAt: null };
  }

  /** Temporary files a crash left behind: half-written snapshots, journal rewrites and backups. */
  private static async removeLeftovers(file: string, backupDir: string, log: StoreOptions['log']): Promise<void> {
    const leftovers = [tempFileOf(file), `${file}.journal.tmp`];
    const inBackups = await fs.readdir(backupDir).catch(() => [] as string[]);
    leftovers.push(...inBackups.filter((n) => n.endsWith('.tmp')).map((n) => path.join(backupDir, n)));
    for (const f of leftovers) {
      if (await exists(f)) {
        await fs.rm(f, { force: true }).catch((e: unknown) => log?.(`Could not remove the leftover ${f}`, e));
      }
    }
  }

  /** Replays journal records newer than the snapshot, in order, until the first that does not fit. */
  private static replay(
    loaded: Loaded,
    records: { record: JournalRecord; line: string }[],
    log: (m: string, e?: unknown) => void,
  ): { state: Loaded; applied: number; lines: { seq: number; line: string }[]; stoppedAt: number | null; goodBytes: number; reason: string | null } {
    let db = loaded.db;
    let seq = loaded.seq;
    let applied = 0;
    let goodBytes = 0;
    const lines: { seq: number; line: string }[] = [];
    for (let i = 0; i < records.length; i++) {
      const { record, line } = records[i] as { record: JournalRecord; line: string };
      const stop = (reason: string) => ({ state: { ...loaded, db, seq }, applied, lines, stoppedAt: i, goodBytes, reason });
      if (record.seq <= seq) {
        // Already in the snapshot: the journal was not cut back before the crash.
        goodBytes += Buffer.byteLength(line);
        continue;
      }
      if (record.seq !== seq + 1) return stop(`record ${record.seq} follows ${seq}: records are missing`);
      if (loaded.device !== null && record.device !== loaded.device) return stop(`record ${record.seq} belongs to another data file`);
      if (record.schema > CURRENT_SCHEMA_VERSION) return stop(`record ${record.seq} was written by a newer version`);
      try {
        let next = 0;
        const ctx: StoreContext = {
          now: record.at,
          newId: () => {
            const id = record.ids[next++];
            if (id === undefined) throw new Error('the record holds fewer ids than the command asks for');
            return id;
          },
        };
        db = performStoreCommand(db, record.cmd, ctx).db;
      } catch (e) {
        log(`Replaying journal record ${record.seq} failed`, e);
        return stop(`record ${record.seq} (${record.cmd.type}) could not be replayed: ${reasonOf(e)}`);
      }
      seq = record.seq;
      applied++;
      goodBytes += Buffer.byteLength(line);
      lines.push({ seq, line });
    }
    return { state: { ...loaded, db, seq, device: loaded.device ?? records[0]?.record.device ?? null }, applied, lines, stoppedAt: null, goodBytes, reason: null };
  }

  private static async load(
    file: string,
    backups: BackupRotation,
    opts: { now: () => Date; log: (message: string, error?: unknown) => void },
    notices: StoreNotice[],
  ): Promise<Loaded> {
    const { now, log } = opts;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { db: emptyDatabase(), seq: 0, device: null };
      throw new AppError('DB_UNREADABLE', `Cannot read ${file}: ${(e as Error).message}`);
    }
    let loaded: ReturnType<typeof readSnapshot> | null = null;
    let failure: unknown = null;
    try {
      loaded = readSnapshot(bytes, now());
    } catch (e) {
      failure = e;
    }
    if (loaded) {
      // The backup at open keeps the bytes as they were. It is a safety net: when it cannot be
      // taken (backup folder unwritable, disk full) the good file is still opened.
      try {
        await backups.add(file, now());
      } catch (e) {
        log(`Could not back up ${file} into ${backups.dir}`, e);
      }
      if (loaded.fromVersion < CURRENT_SCHEMA_VERSION) {
        // The original of a migrated file is kept apart from the rotation, until the user deletes it.
        let original: string | null = path.join(path.dirname(file), `${path.basename(file, '.json')}.before-v${CURRENT_SCHEMA_VERSION}-${fileTimestamp(now())}.json`);
        try {
          await fs.copyFile(file, original, fs.constants.COPYFILE_EXCL);
          await fs.chmod(original, 0o600);
        } catch (e) {
          log(`Could not keep the original of ${file} before the upgrade`, e);
          original = null;
        }
        notices.push({ kind: 'migrated', fromVersion: loaded.fromVersion, toVersion: CURRENT_SCHEMA_VERSION, backupFile: original });
      }
      return { db: loaded.db, seq: loaded.seq, device: loaded.device };
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
        const restored = readSnapshot(await fs.readFile(candidate), now());
        notices.push({ kind: 'restoredFromBackup', corruptFile, backupFile: candidate, reason });
        return { db: restored.db, seq: restored.seq, device: restored.device };
      } catch {
        // An unusable backup is skipped; an older one may still be good.
      }
    }
    notices.push({ kind: 'corruptNoBackup', corruptFile, reason });
    return { db: emptyDatabase(), seq: 0, device: null };
  }

  /**
   * Runs one command: on the current data, checked, written to the journal and flushed to disk,
   * then kept. Resolves once the edit is on disk; rejects with the command's own error, INVARIANT
   * when it would break the plan, or SAVE_FAILED when the journal cannot be written — in every
   * rejection the data is as it was. `guard` runs first, on the data the command will see.
   */
  commit(input: StoreCommand, guard?: (db: Database) => void): Promise<StoreCommandResult> {
    const run = async (): Promise<StoreCommandResult> => {
      if (this.closed) throw new AppError('INTERNAL', 'The database is closed');
      if (this.lockLost) throw new AppError('DB_LOCKED', `The lock on ${this.opts.file} was lost (${this.lockLost}); reopen Account Planner so that only one program writes the file.`);
      const before = this.current;
      guard?.(before);
      // The command as the journal will hold it: JSON drops keys set to undefined, which zod and
      // IPC keep, and a replay must see exactly what the first run saw.
      let cmd: StoreCommand;
      try {
        cmd = JSON.parse(JSON.stringify(input)) as StoreCommand;
      } catch (e) {
        throw new AppError('VALIDATION', `This change cannot be stored: ${reasonOf(e)}`);
      }
      const ids: string[] = [];
      const now = this.opts.now().toISOString();
      const result = performStoreCommand(before, cmd, {
        now,
        newId: () => {
          const id = this.opts.newId();
          ids.push(id);
          return id;
        },
      });
      this.checkInvariants(before, result);
      const record: JournalRecord = { v: JOURNAL_VERSION, seq: this.seq + 1, at: now, device: this.device, schema: CURRENT_SCHEMA_VERSION, accounts: result.touched, cmd, ids };
      let line: string;
      try {
        line = encodeRecord(record);
      } catch (e) {
        throw new AppError('VALIDATION', `This change cannot be stored: ${reasonOf(e)}`);
      }
      try {
        await this.journal.append(line);
      } catch (e) {
        this.journalFailed(e);
        throw new AppError(
          'SAVE_FAILED',
          `The change was not saved: ${this.journal.file} cannot be written (${reasonOf(e)}). Nothing was changed.`,
        );
      }
      this.journalProblem = null;
      if (this.retryTimer && !this.snapshotProblem) this.clearRetry();
      this.seq = record.seq;
      this.current = result.db;
      this.lastSavedAt = now;
      this.unsnapshotted.push({ seq: record.seq, line });
      if (this.firstUnsnapshottedAt === 0) this.firstUnsnapshottedAt = Date.now();
      this.scheduleSnapshot();
      return result;
    };
    const p = this.queue.then(run, run);
    // The caller gets the rejection through `p`; the queue only orders the next command after it.
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Refuses a result that breaks a rule of a touched account that held before. */
  private checkInvariants(before: Database, result: StoreCommandResult): void {
    const key = (v: InvariantViolation) => `${v.code}:${JSON.stringify(v.params)}`;
    const found: InvariantViolation[] = [];
    for (const id of result.touched) {
      const after = result.db.accounts.find((a) => a.id === id);
      if (!after) continue;
      const violations = checkAccountInvariants(after, result.db.settings);
      if (violations.length === 0) continue;
      // A file from before these rules may already break one; editing it must stay possible.
      const old = before.accounts.find((a) => a.id === id);
      const known = new Set(old ? checkAccountInvariants(old, before.settings).map(key) : []);
      found.push(...violations.filter((v) => !known.has(key(v))));
    }
    if (found.length > 0) throw new AppError('INVARIANT', describeViolations(found));
  }

  private journalFailed(e: unknown): void {
    const now = this.opts.now();
    const attempts = (this.journalProblem?.attempts ?? 0) + 1;
    const delay = backoff(attempts);
    this.journalProblem = {
      where: 'journal',
      file: this.journal.file,
      errno: errnoOf(e),
      message: reasonOf(e),
      since: this.journalProblem?.since ?? now.toISOString(),
      attempts,
      nextRetryAt: new Date(now.getTime() + delay).toISOString(),
    };
    this.opts.log(`Writing the journal ${this.journal.file} failed; edits are refused until it works again`, e);
    // Find out on our own when the disk works again, so the warning goes away without an edit.
    this.armRetry(delay, () => this.probeJournal());
  }

  /** Tries the journal with no record: reopened, cut to its good part and flushed. */
  private probeJournal(): void {
    const run = async () => {
      if (this.closed || !this.journalProblem) return;
      try {
        await this.journal.probe();
        this.journalProblem = null;
        this.opts.log(`The journal ${this.journal.file} can be written again`);
        if (this.snapshotProblem) this.scheduleSnapshot();
      } catch (e) {
        this.journalFailed(e);
      }
    };
    this.queue = this.queue.then(run, run);
  }

  private armRetry(delay: number, fn: () => void): void {
    this.clearRetry();
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      fn();
    }, delay);
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private scheduleSnapshot(): void {
    if (this.closed || this.seq === this.snapshotSeq) return;
    // While a failed snapshot waits for its retry, edits do not bring the retry forward.
    if (this.snapshotProblem) {
      // snapshot() records its own failure in the save status and logs it; nothing more to do here.
      if (!this.retryTimer) this.armRetry(0, () => void this.snapshot(false).catch(() => undefined));
      return;
    }
    const now = Date.now();
    const wait = Math.max(0, Math.min(this.opts.saveDelayMs, this.firstUnsnapshottedAt + this.opts.maxSaveDelayMs - now));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.snapshot(false).catch(() => undefined);
    }, wait);
  }

  /**
   * Rewrites the data file with everything acknowledged so far, then cuts the journal back.
   * `force` writes even when the file holds the latest edit already.
   */
  private snapshot(force: boolean): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const run = async () => {
      const seq = this.seq;
      if (this.lockLost || this.closed) return;
      if (!force && seq === this.snapshotSeq) return;
      const now = this.opts.now();
      this.low.data = { db: this.current, savedAt: now.toISOString(), seq, device: this.device };
      try {
        await this.low.write();
      } catch (e) {
        const attempts = (this.snapshotProblem?.attempts ?? 0) + 1;
        const delay = backoff(attempts);
        this.snapshotProblem = {
          where: 'snapshot',
          file: this.opts.file,
          errno: errnoOf(e),
          message: reasonOf(e),
          since: this.snapshotProblem?.since ?? now.toISOString(),
          attempts,
          nextRetryAt: new Date(now.getTime() + delay).toISOString(),
        };
        this.opts.log(`Rewriting ${this.opts.file} failed; edits are safe in the journal; next try in ${delay / 1000} s`, e);
        if (!this.journalProblem) this.armRetry(delay, () => void this.snapshot(false).catch(() => undefined));
        throw e;
      }
      if (this.snapshotProblem) {
        this.snapshotProblem = null;
        this.clearRetry();
      }
      this.snapshotSeq = seq;
      this.firstUnsnapshottedAt = this.seq > seq ? Date.now() : 0;
      await this.cutJournal(seq);
      if (now.getTime() - this.lastBackupAt >= this.opts.backupIntervalMs) {
        this.lastBackupAt = now.getTime();
        await this.backups.add(this.opts.file, now).catch((e: unknown) => this.opts.log('Backup failed', e));
      }
      if (this.seq > this.snapshotSeq) this.scheduleSnapshot();
    };
    const p = this.snapshotting.then(run, run);
    this.snapshotting = p.catch(() => undefined);
    return p;
  }

  /** Drops the journal records the data file now holds (between commands, never during one). */
  private cutJournal(seq: number): Promise<void> {
    const run = async () => {
      const keep = this.unsnapshotted.filter((r) => r.seq > seq);
      try {
        await this.journal.rewrite(keep.map((r) => r.line));
        this.unsnapshotted = keep;
      } catch (e) {
        // Harmless: records the snapshot holds are skipped on replay. The next snapshot tries again.
        this.opts.log(`Cutting back the journal ${this.journal.file} failed`, e);
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Writes the data file now (edits are on disk already; this brings the snapshot up to date). */
  async flush(): Promise<void> {
    await this.queue;
    await this.snapshot(false);
  }

  /** What the renderer shows: saved, or what failed and where. */
  saveStatus(): SaveStatus {
    const problem = this.journalProblem ?? this.snapshotProblem;
    return {
      state: problem ? 'failed' : 'saved',
      problem,
      dataFile: this.opts.file,
      seq: this.seq,
      unsnapshotted: this.seq - this.snapshotSeq,
      lastSavedAt: this.lastSavedAt,
    };
  }

  /** Everything acknowledged, as a data file's text: the "save a copy elsewhere" of a failing disk. */
  copy(): { fileName: string; text: string } {
    const savedAt = this.opts.now();
    const text = encodeSnapshot(this.current, { savedAt: savedAt.toISOString(), seq: this.seq, device: this.device }).toString('utf8');
    return { fileName: `${path.basename(this.opts.file, '.json')} copy ${fileTimestamp(savedAt)}.json`, text };
  }

  /** Writes that copy to `target` (Electron's "save a copy…" on quit). */
  async saveCopy(target: string): Promise<void> {
    await fs.writeFile(target, this.copy().text, { mode: 0o600 });
  }

  /**
   * Brings the data file up to date, stops the timers and releases the lock. A data file that
   * cannot be written is no loss: the journal holds every edit and the next open replays it.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.queue;
      if (!this.journalProblem) await this.snapshot(false);
    } catch (e) {
      this.opts.log(`Closing ${this.opts.file}: the data file could not be brought up to date; the journal keeps every edit`, e);
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.clearRetry();
      await this.snapshotting;
      await this.journal.close();
      await this.lock.release();
    }
  }
}
