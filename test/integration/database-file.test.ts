import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '@shared/migrations/index';
import { APP_ID, emptyDatabase, restoreDatabase, type Database } from '@shared/model/database';
import { AppError } from '@shared/errors';
import { DatabaseFile, type StoreOptions } from '../../electron/store/database-file';
import { parseJournal } from '../../electron/store/journal';
import { schemaFingerprint } from '../../electron/store/snapshot';
import { nodeStoreFs, type StoreFs } from '../../electron/store/store-fs';
import { makeAccount, makeContact, resetIds } from '../helpers/factories';
import { useTempDirs } from '../helpers/temp-dir';

const fixturePath = (name: string) => new URL(`../fixtures/db/${name}`, import.meta.url);
const HOUR = 60 * 60 * 1000;
const isPosix = process.platform !== 'win32';

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2024-05-01T08:00:00.000Z')) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

interface Envelope {
  schemaVersion: number;
  app: string;
  savedAt: string;
  journal: { seq: number; device: string };
  writer: string;
  checksum: string;
  data: Database;
}

async function readEnvelope(file: string): Promise<Envelope> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

const names = (db: Database) => db.accounts.map((a) => a.name);
const modeOf = async (p: string) => (await fs.stat(p)).mode & 0o777;

const newTempDir = useTempDirs();
const opened: DatabaseFile[] = [];
const children: ChildProcess[] = [];
let dir: string;
let file: string;
let logged: string[];

beforeEach(async () => {
  resetIds();
  dir = await newTempDir();
  file = path.join(dir, 'planner.json');
  logged = [];
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

/**
 * Opens the test's file. Snapshots wait a minute unless flushed, so that the data file is written
 * only when the test asks (the journal is written on every commit, as it must be).
 */
async function open(options: Partial<StoreOptions> = {}): Promise<DatabaseFile> {
  const store = await DatabaseFile.open({
    file,
    saveDelayMs: 60_000,
    maxSaveDelayMs: 60_000,
    log: (message) => logged.push(message),
    ...options,
  });
  opened.push(store);
  return store;
}

/** Gives the database one account called `name`: created the first time, renamed after. */
async function nameAccount(store: DatabaseFile, name: string): Promise<void> {
  const first = store.data.accounts[0];
  await store.commit(first ? { type: 'account:rename', id: first.id, name } : { type: 'account:create', name });
}

/** Opens, names the one account, closes. */
async function writeSession(name: string, options: Partial<StoreOptions> = {}): Promise<DatabaseFile> {
  const store = await open(options);
  await nameAccount(store, name);
  await store.close();
  return store;
}

/**
 * Retries `check` until it passes, yielding to real I/O between tries. Unlike `vi.waitFor`, it
 * never moves fake time, so a write it sees is one the store's own timer started.
 */
async function eventually(check: () => Promise<void>, limitMs = 10_000): Promise<void> {
  const start = performance.now();
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (performance.now() - start > limitMs) throw e;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected AppError ${code}, but it resolved`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** The store's file system, counting the data file's rewrites as they start (the temp file opened). */
function countingSnapshots(): { fs: StoreFs; started: () => number } {
  let started = 0;
  return {
    fs: {
      ...nodeStoreFs,
      open(f, flags, mode) {
        if (flags === 'w' && path.basename(f) === '.planner.json.tmp') started++;
        return nodeStoreFs.open(f, flags, mode);
      },
    },
    started: () => started,
  };
}

describe('a new database', () => {
  it('is created on open, in folders that did not exist, as an envelope around an empty database', async () => {
    file = path.join(dir, 'not', 'yet', 'planner.json');
    const clock = manualClock();
    const store = await open({ now: clock.now });
    expect(store.data).toEqual(emptyDatabase());
    expect(store.notices).toEqual([]);
    expect(await readEnvelope(file)).toEqual({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      app: APP_ID,
      savedAt: clock.now().toISOString(),
      journal: { seq: 0, device: store.device },
      writer: schemaFingerprint(),
      checksum: expect.stringMatching(/^[0-9a-f]{8}$/),
      data: emptyDatabase(),
    });
  });

  it('takes no backup when there was no file to back up', async () => {
    const store = await open();
    expect(await store.backups.list()).toEqual([]);
  });
});

describe('saving', () => {
  it('keeps what was committed across close and reopen', async () => {
    const account = makeAccount({ name: '和美饲料', contacts: [makeContact({ name: '黄炳亮', stars: 2 })] });
    const first = await open();
    await first.commit({ type: 'account:import', accounts: [account] });
    await first.commit({ type: 'settings:update', patch: { locale: 'zh-CN' } });
    const committed = first.data;
    expect(committed.accounts[0]).toMatchObject({ name: '和美饲料', contacts: [{ name: '黄炳亮', stars: 2 }] });
    expect(committed.settings.locale).toBe('zh-CN');
    await first.close();

    const reopened = await open();
    expect(reopened.data).toEqual(committed);
    expect((await readEnvelope(file)).data).toEqual(committed);
  });

  it('writes every commit to the journal at once and the data file only later; flush writes it once', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const before = await fs.readFile(file, 'utf8');
    for (let i = 0; i < 50; i++) await store.commit({ type: 'account:create', name: `Account ${i}` });

    const journal = parseJournal(await fs.readFile(store.journalFile));
    expect(journal.state).toBe('clean');
    expect(journal.records.map((r) => r.record.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await fs.readFile(file, 'utf8')).toBe(before);

    // savedAt is read from the clock as the snapshot starts: one begun during the commits would
    // carry the earlier instant.
    clock.advance(1000);
    await store.flush();
    const saved = await readEnvelope(file);
    expect(saved.savedAt).toBe(clock.now().toISOString());
    expect(saved.journal.seq).toBe(50);
    expect(saved.data.accounts).toHaveLength(50);
    expect(saved.data).toEqual(store.data);
    // The snapshot holds everything, so the journal is cut back to nothing.
    expect((await fs.readFile(store.journalFile)).length).toBe(0);
  });

  it('flush with nothing to save leaves the file alone', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const before = await fs.readFile(file, 'utf8');
    clock.advance(1000);
    await store.flush();
    expect(await fs.readFile(file, 'utf8')).toBe(before);
  });

  // Fake timers decide what time it is; the counting file system shows when the store's own timer
  // started a rewrite of the data file. Commits are awaited before time moves: their journal
  // writes are real I/O.

  it('rewrites the data file by itself once edits pause for saveDelayMs', async () => {
    const snapshots = countingSnapshots();
    const store = await open({ saveDelayMs: 300, maxSaveDelayMs: 2000, fs: snapshots.fs });
    const atOpen = snapshots.started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await nameAccount(store, 'first');
    await vi.advanceTimersByTimeAsync(200);
    await nameAccount(store, 'second');
    await vi.advanceTimersByTimeAsync(299);
    expect(snapshots.started()).toBe(atOpen);
    expect(names((await readEnvelope(file)).data)).toEqual([]);

    await vi.advanceTimersByTimeAsync(1); // 300 ms after the last edit
    expect(snapshots.started()).toBe(atOpen + 1);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['second']));
  });

  it('rewrites it at the latest maxSaveDelayMs after the first edit it lacks, even while edits go on', async () => {
    const snapshots = countingSnapshots();
    const store = await open({ saveDelayMs: 300, maxSaveDelayMs: 1000, fs: snapshots.fs });
    const atOpen = snapshots.started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // An edit every 250 ms never leaves 300 ms of quiet.
    for (let i = 0; i < 4; i++) {
      await nameAccount(store, `edit ${i}`);
      await vi.advanceTimersByTimeAsync(i < 3 ? 250 : 249);
    }
    expect(snapshots.started()).toBe(atOpen);

    await vi.advanceTimersByTimeAsync(1); // 1000 ms after the first edit
    expect(snapshots.started()).toBe(atOpen + 1);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['edit 3']));
    await eventually(async () => expect(store.saveStatus().unsnapshotted).toBe(0));

    // The next edit starts a new window: it waits for quiet again.
    await nameAccount(store, 'edit 4');
    await vi.advanceTimersByTimeAsync(299);
    expect(snapshots.started()).toBe(atOpen + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(snapshots.started()).toBe(atOpen + 2);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['edit 4']));
  });

  it('refuses commits after close, changing nothing', async () => {
    const store = await open();
    await nameAccount(store, 'kept');
    await store.close();
    const bytes = await fs.readFile(file);
    await expect(store.commit({ type: 'account:create', name: 'late' })).rejects.toThrow(AppError);
    expect(names(store.data)).toEqual(['kept']);
    expect(await fs.readFile(file)).toEqual(bytes);
    expect((await fs.readFile(`${file}.journal`)).length).toBe(0);
  });

  it('keeps keys this build does not know through a load and save', async () => {
    await fs.writeFile(
      file,
      JSON.stringify({
        schemaVersion: CURRENT_SCHEMA_VERSION,
        app: APP_ID,
        data: { accounts: [], futureFeature: { on: true } },
        writtenBy: 'a later build',
      }),
    );
    const store = await open();
    await store.commit({ type: 'settings:update', patch: { colorScheme: 'dark' } });
    await store.close();
    const saved = await readEnvelope(file);
    expect(saved.data).toMatchObject({ futureFeature: { on: true }, settings: { colorScheme: 'dark' } });

    const again = await open();
    expect(again.data).toMatchObject({ futureFeature: { on: true }, settings: { colorScheme: 'dark' } });
  });
});

describe('backups', () => {
  it('takes one at open of an existing file, holding the bytes as they were', async () => {
    await writeSession('before');
    const bytes = await fs.readFile(file);
    const store = await open();
    const backups = await store.backups.list();
    expect(backups).toHaveLength(1);
    expect(path.dirname(backups[0] as string)).toBe(path.join(dir, 'backups'));
    expect(await fs.readFile(backups[0] as string)).toEqual(bytes);
  });

  it('keeps at most keepBackups, dropping the oldest', async () => {
    const clock = manualClock();
    for (let i = 0; i < 13; i++) {
      await writeSession(`session ${i}`, { now: clock.now });
      clock.advance(60_000);
    }
    const store = await open({ now: clock.now }); // the 13th backup, of session 12
    const backups = await store.backups.list();
    expect(backups).toHaveLength(10);
    // Newest first: the backups of sessions 12 down to 3 (session 0's file was never backed up).
    const held = await Promise.all(backups.map(async (b) => names(restoreDatabase((await readEnvelope(b)).data))));
    expect(held).toEqual(Array.from({ length: 10 }, (_, i) => [`session ${12 - i}`]));
  });

  it('honours backupDir and keepBackups', async () => {
    const backupDir = path.join(dir, 'elsewhere');
    const clock = manualClock();
    for (let i = 0; i < 5; i++) {
      await writeSession(`s${i}`, { backupDir, keepBackups: 3, now: clock.now });
      clock.advance(1000);
    }
    expect(await fs.readdir(backupDir)).toHaveLength(3);
    expect(await exists(path.join(dir, 'backups'))).toBe(false);
  });

  it('lists the newest first even when the clock does not move between backups', async () => {
    const clock = manualClock(); // never advanced: every backup gets the same timestamp
    for (let i = 0; i < 12; i++) await writeSession(`session ${i}`, { now: clock.now, keepBackups: 5 });
    const store = await open({ now: clock.now, keepBackups: 5 });
    const backups = await store.backups.list();
    const held = await Promise.all(backups.map(async (b) => names((await readEnvelope(b)).data)));
    expect(held).toEqual([['session 11'], ['session 10'], ['session 9'], ['session 8'], ['session 7']]);
  });

  it('keeps apart the backups of two databases in one folder whose names share a prefix', async () => {
    const clock = manualClock();
    const mine = file;
    const other = path.join(dir, 'planner-2023.json');
    for (let i = 0; i < 4; i++) {
      file = other;
      await writeSession(`other ${i}`, { now: clock.now, keepBackups: 2 });
      clock.advance(1000);
      file = mine;
      await writeSession(`mine ${i}`, { now: clock.now, keepBackups: 2 });
      clock.advance(1000);
    }
    // Each rotation prunes only its own copies…
    expect(await fs.readdir(path.join(dir, 'backups'))).toHaveLength(4);
    // …and a corrupt file is restored from its own backups, never from the other database's.
    await fs.writeFile(mine, '{');
    const store = await open({ now: clock.now, keepBackups: 2 });
    expect(names(store.data)).toEqual(['mine 2']);
    for (const b of await store.backups.list()) expect(path.basename(b)).toMatch(/^planner-\d{4}-/);
  });

  it('opens a good file even when the backup cannot be taken, and says why in the log', async () => {
    await writeSession('precious');
    const backupDir = path.join(dir, 'not-a-folder');
    await fs.writeFile(backupDir, 'a file where the backup folder should be');
    const store = await open({ backupDir });
    expect(names(store.data)).toEqual(['precious']);
    expect(store.notices).toEqual([]);
    expect((await fs.readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([]);
    expect(logged.some((m) => /back ?up/i.test(m))).toBe(true);
  });

  it('takes one more while running, on the first snapshot after backupIntervalMs', async () => {
    await writeSession('start');
    const clock = manualClock();
    const store = await open({ now: clock.now, backupIntervalMs: HOUR });
    expect(await store.backups.list()).toHaveLength(1);

    clock.advance(HOUR - 1);
    await nameAccount(store, 'almost an hour');
    await store.flush();
    expect(await store.backups.list()).toHaveLength(1);

    clock.advance(1);
    await nameAccount(store, 'an hour');
    await store.flush();
    const backups = await store.backups.list();
    expect(backups).toHaveLength(2);
    expect(names((await readEnvelope(backups[0] as string)).data)).toEqual(['an hour']);

    // The interval starts again from that backup.
    clock.advance(HOUR / 2);
    await nameAccount(store, 'later');
    await store.flush();
    expect(await store.backups.list()).toHaveLength(2);
  });
});

describe('a corrupt file', () => {
  it.each([
    ['truncated JSON', 'corrupt-truncated.json', /JSON/],
    ['valid JSON with invalid data (stars: 9)', 'corrupt-invalid-stars.json', /accounts\.0\.contacts\.0\.stars/],
  ])('with %s is moved aside and the newest valid backup is restored', async (_label, fixture, reason) => {
    const clock = manualClock();
    let last: DatabaseFile | undefined;
    for (const name of ['first', 'second', 'third']) {
      last = await writeSession(name, { now: clock.now });
      clock.advance(60_000);
    }
    // The second and third opens backed up "first" and "second". Spoil the newest, so that it
    // has to be skipped.
    const [newestBackup, validBackup, ...rest] = (await last?.backups.list()) ?? [];
    expect(rest).toEqual([]);
    expect(names((await readEnvelope(newestBackup as string)).data)).toEqual(['second']);
    await fs.writeFile(newestBackup as string, '{"schemaVersion":1,"app":"account-planner","da');
    const expected = names((await readEnvelope(validBackup as string)).data);
    expect(expected).toEqual(['first']);

    const corruptBytes = await fs.readFile(fixturePath(fixture));
    await fs.writeFile(file, corruptBytes);
    clock.advance(60_000);
    const store = await open({ now: clock.now });

    expect(store.notices).toHaveLength(1);
    const notice = store.notices[0];
    expect(notice).toMatchObject({ kind: 'restoredFromBackup', backupFile: validBackup, reason: expect.stringMatching(reason) });
    if (notice?.kind !== 'restoredFromBackup') throw new Error('unreachable');
    expect(path.dirname(notice.corruptFile)).toBe(dir);
    expect(path.basename(notice.corruptFile)).toMatch(/^planner\.corrupt-.+\.json$/);
    expect(await fs.readFile(notice.corruptFile)).toEqual(corruptBytes);

    expect(names(store.data)).toEqual(expected);
    // The restored data is on disk at once, in the current format.
    const onDisk = await readEnvelope(file);
    expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(names(onDisk.data)).toEqual(expected);
    // And it can be edited on: the next commit continues from the restored backup.
    await nameAccount(store, 'after the restore');
    await store.close();
    expect(names((await open()).data)).toEqual(['after the restore']);
  });

  it('with no backup to restore gives an empty database, keeps the corrupt file and says so', async () => {
    const corruptBytes = await fs.readFile(fixturePath('corrupt-truncated.json'));
    await fs.writeFile(file, corruptBytes);
    const store = await open();

    expect(store.data).toEqual(emptyDatabase());
    expect(store.notices).toEqual([
      { kind: 'corruptNoBackup', corruptFile: expect.stringMatching(/planner\.corrupt-.+\.json$/), reason: expect.stringMatching(/JSON/) },
    ]);
    const notice = store.notices[0] as { corruptFile: string };
    expect(await fs.readFile(notice.corruptFile)).toEqual(corruptBytes);
    expect((await readEnvelope(file)).data).toEqual(emptyDatabase());
  });

  it('with only corrupt backups also gives an empty database', async () => {
    const backupDir = path.join(dir, 'backups');
    await fs.mkdir(backupDir);
    await fs.writeFile(path.join(backupDir, 'planner-2024-01-01T00-00-00-000Z.json'), 'not json');
    await fs.copyFile(fixturePath('corrupt-invalid-stars.json'), file);
    const store = await open();
    expect(store.notices.map((n) => n.kind)).toEqual(['corruptNoBackup']);
    expect(store.data.accounts).toEqual([]);
  });

  it('is reported once: the next open finds a good file', async () => {
    await fs.copyFile(fixturePath('corrupt-truncated.json'), file);
    await (await open()).close();
    const again = await open();
    expect(again.notices).toEqual([]);
  });
});

describe('a file from a newer version', () => {
  it('is refused with DB_NEWER_VERSION and left exactly as it was, with no lock, journal or copies', async () => {
    const bytes = await fs.readFile(fixturePath('newer-version.json'));
    await fs.writeFile(file, bytes);
    const error = await expectAppError(open(), 'DB_NEWER_VERSION');
    expect(error.message).toContain('999');
    expect(await fs.readFile(file)).toEqual(bytes);
    expect(await fs.readdir(dir)).toEqual(['planner.json']);
  });

  it('can be refused again and again (the lock was released)', async () => {
    await fs.copyFile(fixturePath('newer-version.json'), file);
    await expectAppError(open(), 'DB_NEWER_VERSION');
    await expectAppError(open(), 'DB_NEWER_VERSION');
  });
});

/** The kernel's start time of a process (Linux), as the lock's owner record holds it; null elsewhere. */
function startTimeOf(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** A running process that is not an Account Planner. */
async function startIdleProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child as ChildProcess & { pid: number };
}

/** The pid of a process that has run and exited (and been reaped). */
async function pidOfExitedProcess(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const [code] = await once(gone, 'exit');
  expect(code).toBe(0);
  return gone.pid as number;
}

/** What a process that crashed while holding the lock leaves: the lock folder (fresh) and its owner record. */
async function leaveLock(owner: { pid: number; started: string | null }): Promise<void> {
  await fs.mkdir(`${file}.lock`);
  await fs.writeFile(`${file}.lock/owner.json`, JSON.stringify({ ...owner, host: os.hostname(), at: new Date().toISOString() }));
}

const readOwner = async () => JSON.parse(await fs.readFile(`${file}.lock/owner.json`, 'utf8')) as { pid: number; started: string | null; host: string; at: string };

describe('the lock', () => {
  it('refuses a second open of a file that is open, without disturbing the first', async () => {
    const first = await open();
    expect((await fs.stat(`${file}.lock`)).isDirectory()).toBe(true);
    expect(await readOwner()).toEqual({ pid: process.pid, started: startTimeOf(process.pid), host: os.hostname(), at: expect.any(String) });

    const error = await expectAppError(open(), 'DB_LOCKED');
    expect(error.message).toContain(String(process.pid));
    // The failed open must not have removed or replaced the first one's lock.
    expect((await fs.stat(`${file}.lock`)).isDirectory()).toBe(true);
    expect((await readOwner()).pid).toBe(process.pid);
    await expectAppError(open(), 'DB_LOCKED');

    await nameAccount(first, 'still mine');
    await first.flush();
    expect(names((await readEnvelope(file)).data)).toEqual(['still mine']);
    await first.close();
    expect(await exists(`${file}.lock`)).toBe(false);
    expect(await exists(`${file}.lock/owner.json`)).toBe(false);
    const second = await open();
    expect(second.notices).toEqual([]);
    expect(names(second.data)).toEqual(['still mine']);
  });

  it('refuses a file locked by another running process', async () => {
    await writeSession('x');
    const other = await startIdleProcess();
    await leaveLock({ pid: other.pid, started: startTimeOf(other.pid) });
    const error = await expectAppError(open(), 'DB_LOCKED');
    expect(error.message).toContain(String(other.pid));
    expect((await readOwner()).pid).toBe(other.pid);
  });

  it('takes over at once a lock left by a process that is gone, and says so', async () => {
    await writeSession('left behind');
    const pid = await pidOfExitedProcess();
    await leaveLock({ pid, started: '12345' });

    const store = await open();
    expect(names(store.data)).toEqual(['left behind']);
    expect(store.notices).toEqual([{ kind: 'lockTakenOver', lockFile: expect.stringContaining(`${file}.lock`) }]);
    expect((await readOwner()).pid).toBe(process.pid);
    await store.close();
    expect(await exists(`${file}.lock`)).toBe(false);
    expect(await exists(`${file}.lock/owner.json`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid now belongs to another program (started at another time)', async () => {
    await writeSession('pid reused');
    const unrelated = await startIdleProcess();
    const started = startTimeOf(unrelated.pid);
    await leaveLock({ pid: unrelated.pid, started: `${Number(started) + 1}` });

    const store = await open();
    expect(names(store.data)).toEqual(['pid reused']);
    expect(store.notices).toEqual([{ kind: 'lockTakenOver', lockFile: expect.stringContaining(`${file}.lock`) }]);
    expect((await readOwner()).pid).toBe(process.pid);
    // The unrelated program was left alone.
    expect(unrelated.exitCode).toBeNull();
  });

  it.each([
    ['a pid', () => String(process.pid + 100_000)],
    ['nothing (empty)', () => ''],
    ['garbage', () => 'not a pid'],
  ])('replaces a lock file of the older format holding %s', async (_label, content) => {
    await writeSession('old lock');
    await fs.writeFile(`${file}.lock`, content());
    const store = await open();
    expect(names(store.data)).toEqual(['old lock']);
    expect(store.notices).toEqual([{ kind: 'lockTakenOver', lockFile: expect.stringContaining(`${file}.lock`) }]);
    expect((await fs.stat(`${file}.lock`)).isDirectory()).toBe(true);
    expect((await readOwner()).pid).toBe(process.pid);
    await store.close();
    expect(await exists(`${file}.lock`)).toBe(false);
  });
});

describe('a v0 prototype file', () => {
  it('is migrated on open, with the original kept beside the file, and written back in the current format', async () => {
    const original = await fs.readFile(fixturePath('v0-prototype.json'));
    await fs.writeFile(file, original);
    const store = await open();

    expect(store.notices).toEqual([{ kind: 'migrated', fromVersion: 0, toVersion: CURRENT_SCHEMA_VERSION, backupFile: expect.any(String) }]);
    const notice = store.notices[0] as { backupFile: string };
    expect(path.dirname(notice.backupFile)).toBe(dir);
    expect(path.basename(notice.backupFile)).toMatch(new RegExp(`^planner\\.before-v${CURRENT_SCHEMA_VERSION}-.+\\.json$`));
    expect(await fs.readFile(notice.backupFile)).toEqual(original);
    expect(await store.backups.list()).not.toContain(notice.backupFile);

    const onDisk = await readEnvelope(file);
    expect(onDisk).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, app: APP_ID });
    expect(restoreDatabase(onDisk.data)).toEqual(store.data);
    const gm = store.data.accounts[0]?.contacts.find((c) => c.id === 'c-gm');
    expect(gm).toMatchObject({ role: 'decider', attitude: 'supporter', stars: 3 });
  });

  it('is migrated only once', async () => {
    await fs.copyFile(fixturePath('v0-prototype.json'), file);
    const first = await open();
    const migrated = first.data;
    await first.close();
    const second = await open();
    expect(second.notices).toEqual([]);
    expect(second.data).toEqual(migrated);
  });

  it('keeps its original out of the rotation: more sessions than keepBackups do not prune it', async () => {
    const original = await fs.readFile(fixturePath('v0-prototype.json'));
    await fs.writeFile(file, original);
    const clock = manualClock();
    const first = await open({ now: clock.now, keepBackups: 2 });
    const kept = (first.notices[0] as { backupFile: string }).backupFile;
    await first.close();
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await writeSession(`session ${i}`, { now: clock.now, keepBackups: 2 });
    }
    const store = await open({ now: clock.now, keepBackups: 2 });
    expect(await store.backups.list()).toHaveLength(2);
    expect(await fs.readFile(kept)).toEqual(original);
  });
});

describe('files the store leaves and finds', () => {
  it('removes temporary files a crash left behind, and nothing else', async () => {
    await writeSession('survivor');
    const backupDir = path.join(dir, 'backups');
    await fs.mkdir(backupDir, { recursive: true });
    const leftovers = [
      path.join(dir, '.planner.json.tmp'),
      `${file}.journal.tmp`,
      path.join(backupDir, 'planner-2024-05-01T08-00-00-000Z.json.tmp'),
    ];
    for (const f of leftovers) await fs.writeFile(f, 'half written');
    const unrelated = path.join(dir, 'notes.txt');
    await fs.writeFile(unrelated, 'mine');

    const store = await open();
    expect(names(store.data)).toEqual(['survivor']);
    expect(store.notices).toEqual([]);
    for (const f of leftovers) expect(await exists(f), f).toBe(false);
    expect(await fs.readFile(unrelated, 'utf8')).toBe('mine');
  });

  it.skipIf(!isPosix)('keeps the data file, journal and backups private (0600, folders 0700)', async () => {
    file = path.join(dir, 'created', 'by-store', 'planner.json');
    await writeSession('first');
    const store = await open();
    await nameAccount(store, 'second');
    expect(await modeOf(path.join(dir, 'created'))).toBe(0o700);
    expect(await modeOf(path.join(dir, 'created', 'by-store'))).toBe(0o700);
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(`${file}.journal`)).toBe(0o600);
    expect(await modeOf(`${file}.lock/owner.json`)).toBe(0o600);
    const backupDir = path.join(path.dirname(file), 'backups');
    expect(await modeOf(backupDir)).toBe(0o700);
    const backups = await store.backups.list();
    expect(backups).toHaveLength(1);
    for (const b of backups) expect(await modeOf(b)).toBe(0o600);
    await store.flush();
    expect(await modeOf(file)).toBe(0o600);
  });

  it.skipIf(!isPosix)('keeps the original of a migrated file private too', async () => {
    await fs.copyFile(fixturePath('v0-prototype.json'), file);
    await fs.chmod(file, 0o644);
    const store = await open();
    const kept = (store.notices[0] as { backupFile: string }).backupFile;
    expect(await modeOf(kept)).toBe(0o600);
    expect(await modeOf(file)).toBe(0o600);
  });

  it.skipIf(!isPosix)('follows a symlinked data path: edits land in the target and the link stays a link', async () => {
    const realDir = path.join(dir, 'real');
    const linkDir = path.join(dir, 'link');
    await fs.mkdir(realDir);
    await fs.mkdir(linkDir);
    const target = path.join(realDir, 'planner.json');
    file = target;
    await writeSession('through the target');
    const link = path.join(linkDir, 'planner.json');
    await fs.symlink(target, link);

    file = link;
    const store = await open();
    const realTarget = await fs.realpath(target);
    expect(store.file).toBe(realTarget);
    expect(names(store.data)).toEqual(['through the target']);
    await nameAccount(store, 'through the link');
    await store.flush();

    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe(target);
    expect(names((await readEnvelope(target)).data)).toEqual(['through the link']);
    // Lock, journal and backups live beside the target; the link's folder holds only the link.
    expect(store.journalFile).toBe(`${realTarget}.journal`);
    expect(await exists(`${target}.lock`)).toBe(true);
    expect(await exists(`${target}.journal`)).toBe(true);
    expect(await store.backups.list()).toHaveLength(1);
    expect(path.dirname((await store.backups.list())[0] as string)).toBe(path.join(path.dirname(realTarget), 'backups'));
    expect(await fs.readdir(linkDir)).toEqual(['planner.json']);

    // The target opened directly is the same file, held by the same lock.
    file = target;
    await expectAppError(open(), 'DB_LOCKED');

    await store.close();
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    file = link;
    expect(names((await open()).data)).toEqual(['through the link']);
  });

  it.skipIf(!isPosix)('creates the target of a symlink that points to no file yet', async () => {
    const target = path.join(dir, 'real', 'planner.json');
    await fs.mkdir(path.dirname(target));
    const link = path.join(dir, 'planner-link.json');
    await fs.symlink(target, link);
    file = link;
    const store = await open();
    await nameAccount(store, 'new');
    await store.close();
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(names((await readEnvelope(target)).data)).toEqual(['new']);
  });
});
