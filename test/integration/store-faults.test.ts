/**
 * The store on a failing disk: full, read-only, I/O errors on the journal and on the data file,
 * through an injected file system. An edit is refused or the failure shown within a second, the
 * failed write is not retried in a storm, and nothing is lost once the disk is back.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
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
