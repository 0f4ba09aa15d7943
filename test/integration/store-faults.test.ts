/**
 * The store on a failing disk: full, read-only, I/O errors on the journal and on the data file,
 * through an injected file system. An edit is refused or the failure shown within a second, the
 * failed write is not retried in a storm, and nothing is lost once the disk is back.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { contactSchema } from '@shared/model/contact';
import { DatabaseFile } from '../../electron/store/database-file';
import { faultyStoreFs, nodeStoreFs, type Faults, type StoreFs } from '../../electron/store/store-fs';
import { parseJournal } from '../../electron/store/journal';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
let file: string;
let faults: Faults;
/** Every write the store attempted, by target, including the failed ones. */
let attempts: { journal: number; snapshot: number };

/** The real file system, failing as `faults` says, and counting write attempts. */
function countingFs(): StoreFs {
  const faulty = faultyStoreFs(nodeStoreFs, () => faults);
  const target = (f: string) => (/\.journal(\.tmp)?$/.test(f) ? 'journal' : 'snapshot');
  return {
    ...faulty,
    async open(f, flags, mode) {
      if (flags !== 'r') attempts[target(f)]++;
      return faulty.open(f, flags, mode);
    },
  };
}

const open = (opts: Partial<Parameters<typeof DatabaseFile.open>[0]> = {}) =>
  DatabaseFile.open({ file, fs: countingFs(), saveDelayMs: 0, maxSaveDelayMs: 0, log: () => undefined, ...opts });

const names = (s: DatabaseFile) => s.data.accounts.map((a) => a.name);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const until = async (check: () => boolean, ms: number) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
};

beforeEach(async () => {
  file = path.join(await newTempDir(), 'planner.json');
  faults = {};
  attempts = { journal: 0, snapshot: 0 };
});

describe.each(['ENOSPC', 'EROFS', 'EIO'])('the journal fails with %s', (errno) => {
  it('refuses the edit with SAVE_FAILED at once, changes nothing, shows the problem, and works again once the disk is back', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'before' });
    faults = { journal: errno };

    const started = Date.now();
    const e = await refusal(store.commit({ type: 'account:create', name: 'refused' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e.code).toBe('SAVE_FAILED');
    expect(e.message).toContain(`${file}.journal`);
    expect(names(store)).toEqual(['before']);
    const status = store.saveStatus();
    expect(status.state).toBe('failed');
    expect(status.problem).toMatchObject({ where: 'journal', errno, file: `${file}.journal`, attempts: 1 });

    faults = {};
    await store.commit({ type: 'account:create', name: 'after' });
    expect(store.saveStatus()).toMatchObject({ state: 'saved', problem: null });
    await store.close();

    const again = await open();
    expect(names(again)).toEqual(['before', 'after']);
    await again.close();
  });
});

describe('a journal that cannot be written', () => {
  it('is tried again on its own with backoff (never more than once a second), and the problem clears without an edit', async () => {
    const store = await open();
    faults = { journal: 'ENOSPC' };
    await refusal(store.commit({ type: 'account:create', name: 'refused' }));
    const first = attempts.journal;
    // 1 s, then 2 s: in 2.5 s at most one more attempt of its own.
    await new Promise((r) => setTimeout(r, 2500));
    expect(attempts.journal - first).toBeLessThanOrEqual(2);
    expect(store.saveStatus().problem?.attempts).toBeGreaterThanOrEqual(2);
    faults = {};
    await until(() => store.saveStatus().state === 'saved', 5000);
    await store.close();
  }, 15_000);

  it('never leaves half a record before the next one: a failed flush is cut off', async () => {
    // The bytes reach the file, then the flush fails: the store must cut them off again.
    let failSync = false;
    const fsWithBadSync: StoreFs = {
      ...nodeStoreFs,
      async open(f, flags, mode) {
        const h = await nodeStoreFs.open(f, flags, mode);
        if (!f.endsWith('.journal')) return h;
        return {
          ...h,
          write: (d) => h.write(d),
          truncate: (n) => h.truncate(n),
          sync: () => h.sync(),
          close: () => h.close(),
          datasync: async () => {
            if (failSync) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
            return h.datasync();
          },
        };
      },
    };
    // A long quiet time, so the journal is not cut back by a snapshot during the test.
    const store = await DatabaseFile.open({ file, fs: fsWithBadSync, saveDelayMs: 60_000, maxSaveDelayMs: 60_000, log: () => undefined });
    await store.commit({ type: 'account:create', name: 'one' });
    failSync = true;
    expect((await refusal(store.commit({ type: 'account:create', name: 'lost' }))).code).toBe('SAVE_FAILED');
    failSync = false;
    await store.commit({ type: 'account:create', name: 'two' });

    const journal = parseJournal(await fs.readFile(`${file}.journal`));
    expect(journal.state).toBe('clean');
    expect(journal.records.map((r) => r.record.seq)).toEqual([1, 2]);
    expect(journal.records.map((r) => (r.record.cmd as { name: string }).name)).toEqual(['one', 'two']);
    await store.close();
    const again = await open();
    expect(names(again)).toEqual(['one', 'two']);
    await again.close();
  });
});

describe.each(['ENOSPC', 'EROFS', 'EIO'])('the data file fails with %s', (errno) => {
  it('keeps accepting edits (they are in the journal), shows the problem within a second, and loses nothing', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'one' });
    await store.flush();
    faults = { snapshot: errno };

    await store.commit({ type: 'account:create', name: 'two' });
    const shownAfter = await until(() => store.saveStatus().state === 'failed', 1000);
    expect(shownAfter).toBeLessThan(1000);
    expect(store.saveStatus().problem).toMatchObject({ where: 'snapshot', errno, file });
    await store.commit({ type: 'account:create', name: 'three' });
    expect(store.saveStatus().unsnapshotted).toBe(2);
    // Closing cannot write the data file either; the journal holds both edits.
    await store.close();

    faults = {};
    const again = await open();
    expect(names(again)).toEqual(['one', 'two', 'three']);
    expect(again.notices).toEqual([]);
    await again.close();
  });
});

describe('a data file that cannot be rewritten', () => {
  it('is retried with backoff, not in a loop, however many edits arrive, and catches up once the disk is back', async () => {
    const store = await open();
    faults = { snapshot: 'ENOSPC' };
    await store.commit({ type: 'account:create', name: 'a' });
    await until(() => store.saveStatus().state === 'failed', 1000);
    const first = attempts.snapshot;
    const until2500 = Date.now() + 2500;
    let n = 0;
    while (Date.now() < until2500) {
      await store.commit({ type: 'account:rename', id: store.data.accounts[0]!.id, name: `a ${n++}` });
      await new Promise((r) => setTimeout(r, 20));
    }
    // Retries at 1 s and 3 s after the first failure: at most 2 in 2.5 s, whatever the edits did.
    expect(attempts.snapshot - first).toBeLessThanOrEqual(2);
    expect(n).toBeGreaterThan(20);
    const problem = store.saveStatus().problem;
    expect(problem?.where).toBe('snapshot');
    expect(Date.parse(problem?.nextRetryAt ?? '')).toBeGreaterThan(Date.now() - 100);

    faults = {};
    await until(() => store.saveStatus().state === 'saved' && store.saveStatus().unsnapshotted === 0, 5000);
    const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as { data: { accounts: { name: string }[] } };
    expect(onDisk.data.accounts.map((a) => a.name)).toEqual([`a ${n - 1}`]);
    await store.close();
  }, 15_000);
});

describe('saving a copy elsewhere', () => {
  it('writes everything acknowledged as a data file that opens, even while the data file cannot be written', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: '和美饲料' });
    faults = { snapshot: 'EROFS' };
    await store.commit({ type: 'account:create', name: 'second' });
    const copy = path.join(path.dirname(file), 'elsewhere', 'copy.json');
    await fs.mkdir(path.dirname(copy));
    await store.saveCopy(copy);
    await store.close();
    faults = {};
    const opened = await DatabaseFile.open({ file: copy, log: () => undefined });
    expect(names(opened)).toEqual(['和美饲料', 'second']);
    expect(opened.notices).toEqual([]);
    await opened.close();
  });
});

/** A file system whose next `n` failures of one kind are armed by the test. */
function armedFs(kind: 'dirSync' | 'journalDatasync' | 'journalWriteBytes') {
  const armed = { left: 0 };
  const base = nodeStoreFs;
  const fsys: StoreFs = {
    ...base,
    async open(f, flags, mode) {
      const h = await base.open(f, flags, mode);
      const isDir = flags === 'r' && !/\.json$|\.journal$/.test(f);
      const isJournal = f.endsWith('.journal');
      const fail = (code: string) => {
        armed.left--;
        throw Object.assign(new Error(`${code}: injected`), { code });
      };
      return {
        write: async (d) => {
          if (kind === 'journalWriteBytes' && isJournal && armed.left > 0 && Buffer.byteLength(d) > 0) fail('ENOSPC');
          return h.write(d);
        },
        datasync: async () => {
          if (kind === 'journalDatasync' && isJournal && armed.left > 0) fail('EIO');
          return h.datasync();
        },
        sync: async () => {
          if (kind === 'dirSync' && isDir && armed.left > 0) fail('EIO');
          return h.sync();
        },
        truncate: (n) => h.truncate(n),
        close: () => h.close(),
      };
    },
  };
  return { fsys, armed };
}

const openWith = (fsys: StoreFs) => DatabaseFile.open({ file, fs: fsys, saveDelayMs: 60_000, maxSaveDelayMs: 60_000, log: () => undefined });

/** Opens a copy of the data file and journal as they are on disk now: what a crash would leave. */
async function crashCopy(): Promise<DatabaseFile> {
  const dir = path.join(path.dirname(file), `crash-${Date.now()}`);
  await fs.mkdir(dir);
  const copy = path.join(dir, 'planner.json');
  await fs.copyFile(file, copy);
  await fs.copyFile(`${file}.journal`, `${copy}.journal`).catch(() => undefined);
  return DatabaseFile.open({ file: copy, log: () => undefined });
}

describe('the journal after a failure in the middle of its own upkeep', () => {
  it('takes every later record into the new file when the folder fsync after its rewrite fails', async () => {
    const { fsys, armed } = armedFs('dirSync');
    const store = await openWith(fsys);
    await store.commit({ type: 'account:create', name: 'A' });
    // An edit queued while the snapshot is written leaves a record to keep: the journal is rewritten.
    const snapshot = store.flush();
    const during = store.commit({ type: 'account:create', name: 'B' });
    armed.left = 1;
    await Promise.all([snapshot.catch(() => undefined), during]);
    await store.commit({ type: 'account:create', name: 'C' });
    const crashed = await crashCopy();
    expect(names(crashed)).toEqual(names(store));
    expect(names(crashed)).toEqual(['A', 'B', 'C']);
    await crashed.close();
    await store.close();
  });

  it('never pads the journal with zero bytes after a failed cut, so no acknowledged record reads as torn', async () => {
    const { fsys, armed } = armedFs('journalDatasync');
    const store = await openWith(fsys);
    await store.commit({ type: 'account:create', name: 'A' });
    armed.left = 1; // the flush of the cut to empty fails
    await store.flush();
    await store.commit({ type: 'account:create', name: 'B' });
    armed.left = 1; // one append fails
    await refusal(store.commit({ type: 'account:create', name: 'refused' }));
    await store.commit({ type: 'account:create', name: 'C' });
    const bytes = await fs.readFile(`${file}.journal`);
    expect(bytes.includes(0)).toBe(false);
    const crashed = await crashCopy();
    expect(names(crashed)).toEqual(['A', 'B', 'C']);
    expect(crashed.notices).toEqual([]);
    await crashed.close();
    await store.close();
  });

  it('does not call a full disk healed because an empty write went through', async () => {
    const { fsys, armed } = armedFs('journalWriteBytes');
    const store = await openWith(fsys);
    armed.left = 1000; // every write of real bytes fails: the disk stays full
    await refusal(store.commit({ type: 'account:create', name: 'refused' }));
    await new Promise((r) => setTimeout(r, 1500)); // the first probe runs after 1 s
    expect(store.saveStatus()).toMatchObject({ state: 'failed', problem: { where: 'journal', errno: 'ENOSPC' } });
    expect(store.saveStatus().problem?.attempts).toBeGreaterThanOrEqual(2);
    armed.left = 0;
    await until(() => store.saveStatus().state === 'saved', 5000);
    await store.close();
  }, 10_000);
});

const T = '2026-01-01T00:00:00.000Z';

describe('a command as the journal keeps it', () => {
  it('runs as it replays: keys set to undefined (which IPC keeps) do nothing either time', async () => {
    const store = await open();
    const { account } = await store.commit({ type: 'account:create', name: 'A' });
    await store.commit({
      type: 'plan:apply',
      accountId: account!.id,
      commands: [{ type: 'addContacts', contacts: [contactSchema.parse({ id: 'boss', createdAt: T, updatedAt: T, name: 'Boss', title: 'GM', attitude: 'supporter' })] }],
    });
    await store.commit({
      type: 'plan:apply',
      accountId: account!.id,
      commands: [{ type: 'updateContact', id: 'boss', patch: { title: undefined, attitude: undefined, notes: 'n' } }],
    });
    const crashed = await crashCopy();
    const live = store.data.accounts[0]!.contacts[0]!;
    expect(live).toMatchObject({ title: 'GM', attitude: 'supporter', notes: 'n' });
    expect(crashed.data.accounts[0]!.contacts[0]).toEqual(live);
    await crashed.close();
    await store.close();
  });
});

describe('a data file rewrite that fails', () => {
  it('leaves no half-written temporary file taking the disk space', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'A' });
    faults = { snapshot: 'ENOSPC' };
    await store.commit({ type: 'account:create', name: 'B' });
    await until(() => store.saveStatus().state === 'failed', 1000);
    const left = (await fs.readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'));
    expect(left).toEqual([]);
    faults = {};
    await store.close();
  });
});

describe('the lock', () => {
  it('says so when it takes over a lock gone stale with no owner named (a crash while locking)', async () => {
    await fs.mkdir(`${file}.lock`);
    const old = new Date(Date.now() - 5 * 60_000);
    await fs.utimes(`${file}.lock`, old, old);
    const store = await open();
    expect(store.notices).toEqual([{ kind: 'lockTakenOver', lockFile: expect.stringContaining(`${file}.lock`) }]);
    await store.close();
  });

  it('once lost to another program, refuses every edit and stops writing the data file', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'A' });
    // Another program removes our lock: proper-lockfile finds out at its next refresh (every 5 s).
    await fs.rm(`${file}.lock`, { recursive: true, force: true });
    await until(() => store.saveStatus().state === 'failed', 9000);
    expect((await refusal(store.commit({ type: 'account:create', name: 'B' }))).code).toBe('DB_LOCKED');
    expect(names(store)).toEqual(['A']);
    await store.close();
  }, 15_000);
});

describe('the folder of the data file', () => {
  it.skipIf(process.platform === 'win32')('is made private when it is the app’s own, and left alone when the user chose it', async () => {
    const dir = path.dirname(file);
    await fs.chmod(dir, 0o755);
    const chosen = await open();
    await chosen.close();
    expect((await fs.stat(dir)).mode & 0o777).toBe(0o755);
    const own = await open({ privateFolder: true });
    await own.close();
    expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
  });
});

describe('a store held open', () => {
  it('keeps its lock across proper-lockfile’s refreshes (every 5 s) and goes on saving', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'A' });
    await new Promise((r) => setTimeout(r, 11_500)); // two refreshes
    await store.commit({ type: 'account:create', name: 'B' });
    expect(store.saveStatus()).toMatchObject({ state: 'saved', problem: null });
    expect(names(store)).toEqual(['A', 'B']);
    await store.close();
  }, 20_000);
});
