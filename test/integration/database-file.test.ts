import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '@shared/migrations/index';
import { APP_ID, emptyDatabase, restoreDatabase, type Database } from '@shared/model/database';
import { AppError } from '@shared/errors';
import { DatabaseFile, type StoreOptions } from '../../electron/store/database-file';
import { makeAccount, makeContact, makeDatabase, resetIds } from '../helpers/factories';
import { useTempDirs } from '../helpers/temp-dir';

const fixturePath = (name: string) => new URL(`../fixtures/db/${name}`, import.meta.url);
const HOUR = 60 * 60 * 1000;

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

async function readEnvelope(file: string): Promise<{ schemaVersion: number; app: string; savedAt: string; data: Database }> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

/** A database with one account per name, so that each state is easy to tell apart. */
const dbNamed = (...names: string[]) => makeDatabase({ accounts: names.map((name) => makeAccount({ name })) });
const names = (db: Database) => db.accounts.map((a) => a.name);

const newTempDir = useTempDirs();
const opened: DatabaseFile[] = [];
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
});

/**
 * Opens the test's file. Saves wait a minute unless flushed, so that nothing is written behind the
 * test's back: every write in these tests is one the test asked for.
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

/** Opens, replaces the data, closes. */
async function writeSession(db: Database, options: Partial<StoreOptions> = {}): Promise<DatabaseFile> {
  const store = await open(options);
  store.set(db);
  await store.close();
  return store;
}

/** Lets every callback already queued (promise jobs, a write's first step) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Retries `check` until it passes, yielding to real I/O between tries. Unlike `vi.waitFor`, it
 * never moves fake time, so a save it sees is one the store's own timer started. The limit only
 * ends a failing test; passing tests finish as soon as the write lands.
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
      data: emptyDatabase(),
    });
  });

  it('takes no backup when there was no file to back up', async () => {
    const store = await open();
    expect(await store.backups.list()).toEqual([]);
  });
});

describe('saving', () => {
  it('keeps what was set across close and reopen', async () => {
    const db = makeDatabase({
      accounts: [makeAccount({ name: '和美饲料', contacts: [makeContact({ name: '黄炳亮', stars: 2 })] })],
      settings: { locale: 'zh-CN' },
    });
    await writeSession(db);
    const reopened = await open();
    expect(reopened.data).toEqual(db);
    expect((await readEnvelope(file)).data).toEqual(db);
  });

  it('does not write on set(), and a flush after many rapid changes writes the last state once', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const flushes = vi.spyOn(store, 'flush');
    const before = await fs.readFile(file, 'utf8');
    for (let i = 1; i <= 50; i++) store.set(dbNamed(...Array.from({ length: i }, (_, j) => `Account ${j}`)));
    await settle();
    expect(flushes).not.toHaveBeenCalled();
    expect(await fs.readFile(file, 'utf8')).toBe(before);

    // savedAt is read from the clock as a write starts: a write begun during the set() calls
    // would carry the earlier instant.
    clock.advance(1000);
    await store.flush();
    const saved = await readEnvelope(file);
    expect(saved.savedAt).toBe(clock.now().toISOString());
    expect(saved.data.accounts).toHaveLength(50);
    expect(saved.data).toEqual(store.data);
  });

  it('flush with nothing to save leaves the file alone', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const before = await fs.readFile(file, 'utf8');
    clock.advance(1000);
    await store.flush();
    expect(await fs.readFile(file, 'utf8')).toBe(before);
  });

  // The store saves through its public flush(); a spy on it (the real one still runs) shows when
  // the store's own timer asked for a save, while fake timers decide what time it is.

  it('saves by itself once edits pause for saveDelayMs', async () => {
    const store = await open({ saveDelayMs: 300, maxSaveDelayMs: 2000 });
    const flushes = vi.spyOn(store, 'flush');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    store.set(dbNamed('first'));
    await vi.advanceTimersByTimeAsync(200);
    store.set(dbNamed('second'));
    await vi.advanceTimersByTimeAsync(299);
    expect(flushes).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1); // 300 ms after the last edit
    expect(flushes).toHaveBeenCalledTimes(1);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['second']));
  });

  it('saves at the latest maxSaveDelayMs after the first unsaved edit, even while edits go on', async () => {
    const store = await open({ saveDelayMs: 300, maxSaveDelayMs: 1000 });
    const flushes = vi.spyOn(store, 'flush');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // An edit every 250 ms never leaves 300 ms of quiet.
    for (let i = 0; i < 4; i++) {
      store.set(dbNamed(`edit ${i}`));
      await vi.advanceTimersByTimeAsync(i < 3 ? 250 : 249);
    }
    expect(flushes).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1); // 1000 ms after the first edit
    expect(flushes).toHaveBeenCalledTimes(1);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['edit 3']));

    // The next edit starts a new window: it waits for quiet again.
    store.set(dbNamed('edit 4'));
    await vi.advanceTimersByTimeAsync(299);
    expect(flushes).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes).toHaveBeenCalledTimes(2);
    await eventually(async () => expect(names((await readEnvelope(file)).data)).toEqual(['edit 4']));
  });

  it('refuses changes after close', async () => {
    const store = await open();
    await store.close();
    expect(() => store.set(dbNamed('late'))).toThrow(AppError);
  });

  it('recovers from a failed save: the next flush writes, and close succeeds', async () => {
    const store = await open();
    store.set(dbNamed('survives'));
    // lowdb writes `.planner.json.tmp` and renames it; a folder in its place makes the write fail.
    const tmp = path.join(dir, '.planner.json.tmp');
    await fs.mkdir(tmp);
    await expect(store.flush()).rejects.toThrow();
    expect(store.lastSaveError).not.toBeNull();
    expect(logged.some((m) => m.includes('failed'))).toBe(true);
    expect(names((await readEnvelope(file)).data)).toEqual([]);

    await fs.rmdir(tmp);
    await store.flush();
    expect(store.lastSaveError).toBeNull();
    expect(names((await readEnvelope(file)).data)).toEqual(['survives']);
    store.set(dbNamed('survives', 'and more'));
    await store.close();
    expect(names((await readEnvelope(file)).data)).toEqual(['survives', 'and more']);
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
    store.set({ ...store.data, settings: { ...store.data.settings, colorScheme: 'dark' } });
    await store.close();
    const saved = await readEnvelope(file);
    expect(saved.data).toMatchObject({ futureFeature: { on: true }, settings: { colorScheme: 'dark' } });
  });
});

describe('backups', () => {
  it('takes one at open of an existing file, holding the bytes as they were', async () => {
    await writeSession(dbNamed('before'));
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
      await writeSession(dbNamed(`session ${i}`), { now: clock.now });
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
      await writeSession(dbNamed(`s${i}`), { backupDir, keepBackups: 3, now: clock.now });
      clock.advance(1000);
    }
    expect(await fs.readdir(backupDir)).toHaveLength(3);
    expect(await exists(path.join(dir, 'backups'))).toBe(false);
  });

  it('lists the newest first even when the clock does not move between backups', async () => {
    const clock = manualClock(); // never advanced: every backup gets the same timestamp
    for (let i = 0; i < 12; i++) await writeSession(dbNamed(`session ${i}`), { now: clock.now, keepBackups: 5 });
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
      await writeSession(dbNamed(`other ${i}`), { now: clock.now, keepBackups: 2 });
      clock.advance(1000);
      file = mine;
      await writeSession(dbNamed(`mine ${i}`), { now: clock.now, keepBackups: 2 });
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
    await writeSession(dbNamed('precious'));
    const backupDir = path.join(dir, 'not-a-folder');
    await fs.writeFile(backupDir, 'a file where the backup folder should be');
    const store = await open({ backupDir });
    expect(names(store.data)).toEqual(['precious']);
    expect(store.notices).toEqual([]);
    expect((await fs.readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([]);
    expect(logged.some((m) => /back ?up/i.test(m))).toBe(true);
  });

  it('takes one more while running, on the first save after backupIntervalMs', async () => {
    await writeSession(dbNamed('start'));
    const clock = manualClock();
    const store = await open({ now: clock.now, backupIntervalMs: HOUR });
    expect(await store.backups.list()).toHaveLength(1);

    clock.advance(HOUR - 1);
    store.set(dbNamed('almost an hour'));
    await store.flush();
    expect(await store.backups.list()).toHaveLength(1);

    clock.advance(1);
    store.set(dbNamed('an hour'));
    await store.flush();
    const backups = await store.backups.list();
    expect(backups).toHaveLength(2);
    expect(names((await readEnvelope(backups[0] as string)).data)).toEqual(['an hour']);

    // The interval starts again from that backup.
    clock.advance(HOUR / 2);
    store.set(dbNamed('later'));
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
      last = await writeSession(dbNamed(name), { now: clock.now });
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
  it('is refused with DB_NEWER_VERSION and left exactly as it was, with no lock and no copies', async () => {
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

describe('the lock', () => {
  it('refuses a second open of a file that is open, without disturbing the first', async () => {
    const first = await open();
    const lockFile = `${file}.lock`;
    expect((await fs.readFile(lockFile, 'utf8')).trim()).toBe(String(process.pid));

    await expectAppError(open(), 'DB_LOCKED');
    // The failed open must not have removed the first one's lock.
    expect(await exists(lockFile)).toBe(true);
    await expectAppError(open(), 'DB_LOCKED');

    first.set(dbNamed('still mine'));
    await first.close();
    expect(await exists(lockFile)).toBe(false);
    const second = await open();
    expect(names(second.data)).toEqual(['still mine']);
  });

  it('refuses a file locked by another running process', async () => {
    await writeSession(dbNamed('x'));
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      await once(other, 'spawn');
      await fs.writeFile(`${file}.lock`, String(other.pid));
      const error = await expectAppError(open(), 'DB_LOCKED');
      expect(error.message).toContain(String(other.pid));
    } finally {
      other.kill('SIGKILL');
      await once(other, 'exit').catch(() => undefined);
    }
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeSession(dbNamed('left behind'));
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const [code] = await once(gone, 'exit');
    expect(code).toBe(0);
    await fs.writeFile(`${file}.lock`, String(gone.pid));

    const store = await open();
    expect(names(store.data)).toEqual(['left behind']);
    expect((await fs.readFile(`${file}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await store.close();
    expect(await exists(`${file}.lock`)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a pid'],
  ])('takes over a lock file that is %s (a crash between creating and writing it)', async (_label, content) => {
    await fs.writeFile(`${file}.lock`, content);
    const store = await open();
    expect((await fs.readFile(`${file}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await store.close();
  });
});

describe('a v0 prototype file', () => {
  it('is migrated on open, with a backup of the original bytes, and written back in the current format', async () => {
    const original = await fs.readFile(fixturePath('v0-prototype.json'));
    await fs.writeFile(file, original);
    const store = await open();

    expect(store.notices).toEqual([
      { kind: 'migrated', fromVersion: 0, toVersion: CURRENT_SCHEMA_VERSION, backupFile: expect.any(String) },
    ]);
    const notice = store.notices[0] as { backupFile: string };
    expect(await fs.readFile(notice.backupFile)).toEqual(original);

    const onDisk = await readEnvelope(file);
    expect(onDisk).toMatchObject({ schemaVersion: 1, app: APP_ID });
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
});
