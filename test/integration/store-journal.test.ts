import fs from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreCommand } from '@shared/commands/store-commands';
import { CURRENT_SCHEMA_VERSION } from '@shared/migrations/index';
import type { Database } from '@shared/model/database';
import { DatabaseFile, type StoreOptions } from '../../electron/store/database-file';
import { encodeRecord, JOURNAL_VERSION, parseJournal, type JournalRecord } from '../../electron/store/journal';
import { readSnapshot, schemaFingerprint } from '../../electron/store/snapshot';
import { makeAccount, makeContact, resetIds } from '../helpers/factories';
import { useTempDirs } from '../helpers/temp-dir';

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

interface Envelope {
  schemaVersion: number;
  app: string;
  savedAt: string;
  journal: { seq: number; device: string };
  writer: string;
  checksum: string;
  data: Database;
}

const readEnvelope = async (file: string): Promise<Envelope> => JSON.parse(await fs.readFile(file, 'utf8'));
const readJournal = async (file: string) => parseJournal(await fs.readFile(file));
const names = (db: Database) => db.accounts.map((a) => a.name);
const isPosix = process.platform !== 'win32';

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

/** Opens `at` (the test's file unless told). The data file is rewritten only when the test asks. */
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

/**
 * What a crash leaves: the data file and the journal copied elsewhere as they are on disk now,
 * while the store that wrote them is still open (and never gets to close).
 */
async function crashCopy(store: DatabaseFile): Promise<{ file: string; journal: string }> {
  const elsewhere = await newTempDir();
  const copy = path.join(elsewhere, 'planner.json');
  await fs.copyFile(store.file, copy);
  await fs.copyFile(store.journalFile, `${copy}.journal`);
  return { file: copy, journal: `${copy}.journal` };
}

/** Commits one `account:create` per name and returns the data after each (index 0: before any). */
async function commitAccounts(store: DatabaseFile, ...accountNames: string[]): Promise<Database[]> {
  const states = [store.data];
  for (const name of accountNames) {
    await store.commit({ type: 'account:create', name });
    states.push(store.data);
  }
  return states;
}

/** Byte offsets where each line of a journal starts. */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < bytes.length - 1; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return starts;
}

/** Flips one bit in the middle of line `index` (0-based): its checksum no longer matches. */
function spoilLine(bytes: Buffer, index: number): Buffer {
  const starts = lineStarts(bytes);
  const start = starts[index] as number;
  const end = (starts[index + 1] ?? bytes.length) - 1;
  const out = Buffer.from(bytes);
  const at = start + Math.floor((end - start) / 2);
  out[at] = (out[at] as number) ^ 0x01;
  return out;
}

describe('an acknowledged commit', () => {
  it('is in the journal on disk, checksummed, before the data file is rewritten', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const dataFileBefore = await fs.readFile(file);
    clock.advance(5000);
    const result = await store.commit({ type: 'account:create', name: 'Acknowledged' });
    const id = result.account?.id as string;

    const journal = await readJournal(store.journalFile);
    expect(journal.state).toBe('clean');
    expect(journal.records.map((r) => r.record)).toEqual([
      {
        v: JOURNAL_VERSION,
        seq: 1,
        at: clock.now().toISOString(),
        device: store.device,
        schema: CURRENT_SCHEMA_VERSION,
        accounts: [id],
        cmd: { type: 'account:create', name: 'Acknowledged' },
        ids: [id],
      },
    ]);
    expect(await fs.readFile(file)).toEqual(dataFileBefore);
    expect(store.saveStatus()).toMatchObject({ state: 'saved', seq: 1, unsnapshotted: 1 });
  });

  it('survives a crash right after it: a copy of data file and journal opens with it', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'Acknowledged' });
    const copy = await crashCopy(store);
    expect((await readEnvelope(copy.file)).data.accounts).toEqual([]);

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([]);
    expect(recovered.data).toEqual(store.data);
    expect(recovered.saveStatus().seq).toBe(1);
    // Numbering goes on where the crashed store stopped.
    await recovered.commit({ type: 'account:create', name: 'Next' });
    expect(recovered.saveStatus().seq).toBe(2);
    await recovered.close();
    expect(names((await open({ file: copy.file })).data)).toEqual(['Acknowledged', 'Next']);
  });

  it('replayed after a crash, reaches the data file: flush writes it and cuts the journal back', async () => {
    const store = await open();
    await store.commit({ type: 'account:create', name: 'Acknowledged' });
    const copy = await crashCopy(store);

    const recovered = await open({ file: copy.file });
    // Written at open or in the background; either way the status counts what the file lacks,
    // and flush brings it in.
    const status = recovered.saveStatus();
    const dataFileSeq = (await readEnvelope(copy.file)).journal.seq;
    expect(status.unsnapshotted).toBe(status.seq - dataFileSeq);
    await recovered.flush();
    expect(recovered.saveStatus()).toMatchObject({ seq: 1, unsnapshotted: 0 });
    expect((await readEnvelope(copy.file)).journal.seq).toBe(1);
    expect(names((await readEnvelope(copy.file)).data)).toEqual(['Acknowledged']);
    expect((await fs.readFile(copy.journal)).length).toBe(0);
  });

  it('of every kind replays to the same data, ids and time stamps included', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    const contact = makeContact({ name: 'Buyer', stars: 2 });
    const imported = makeAccount({ name: 'Imported', contacts: [contact] });
    const steps: ((db: Database) => StoreCommand)[] = [
      () => ({ type: 'account:create', name: 'Created' }),
      (db) => ({ type: 'account:rename', id: db.accounts[0]?.id as string, name: 'Renamed' }),
      (db) => ({ type: 'account:update', id: db.accounts[0]?.id as string, patch: { notes: 'noted', profile: { industry: 'Feed' } } }),
      () => ({ type: 'settings:update', patch: { colorScheme: 'dark', valueWeights: {} } }),
      () => ({ type: 'account:import', accounts: [imported] }),
      () => ({ type: 'plan:apply', accountId: imported.id, commands: [{ type: 'updateContact', id: contact.id, patch: { stars: 4 } }] }),
      () => ({ type: 'sample:load', locale: 'en' }),
      (db) => ({ type: 'account:delete', id: db.accounts[0]?.id as string }),
      (db) => ({ type: 'account:restore', id: db.accounts[0]?.id as string }),
    ];
    for (const step of steps) {
      clock.advance(1000);
      await store.commit(step(store.data));
    }
    expect(store.data.accounts.find((a) => a.id === imported.id)?.contacts[0]?.stars).toBe(4);
    const copy = await crashCopy(store);
    expect((await readJournal(copy.journal)).records).toHaveLength(steps.length);

    // Another clock and other ids: replay must take both from the records.
    const recovered = await open({ file: copy.file, now: () => new Date('2030-01-01T00:00:00.000Z'), newId: () => 'not-from-the-record' });
    expect(recovered.notices).toEqual([]);
    expect(recovered.data).toEqual(store.data);
  });
});

describe('replay', () => {
  it('applies the records after the snapshot, and skips those it holds (a journal not cut back)', async () => {
    const store = await open();
    await commitAccounts(store, 'one', 'two', 'three');
    const journalUpToThree = await fs.readFile(store.journalFile);
    await store.flush();
    const snapshotAtThree = await fs.readFile(file);
    expect((await readEnvelope(file)).journal.seq).toBe(3);
    await commitAccounts(store, 'four', 'five');
    const journalAfterThree = await fs.readFile(store.journalFile);
    expect((parseJournal(journalAfterThree)).records.map((r) => r.record.seq)).toEqual([4, 5]);

    // A crash after the snapshot's rename but before the journal was cut: records 1–5 on disk.
    const elsewhere = await newTempDir();
    const copy = path.join(elsewhere, 'planner.json');
    await fs.writeFile(copy, snapshotAtThree);
    await fs.writeFile(`${copy}.journal`, Buffer.concat([journalUpToThree, journalAfterThree]));

    const recovered = await open({ file: copy });
    expect(recovered.notices).toEqual([]);
    // Each account once: records 1–3 were not run a second time on a snapshot that holds them.
    expect(names(recovered.data)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(new Set(recovered.data.accounts.map((a) => a.id)).size).toBe(5);
    expect(recovered.data).toEqual(store.data);
    expect(recovered.saveStatus().seq).toBe(5);
  });

  it('with a snapshot that holds every record, opens without rewriting the data file', async () => {
    const store = await open();
    await commitAccounts(store, 'one', 'two');
    const journal = await fs.readFile(store.journalFile);
    await store.flush();
    const copy = await crashCopy(store);
    await fs.writeFile(copy.journal, journal);
    const before = await fs.readFile(copy.file);

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([]);
    expect(names(recovered.data)).toEqual(['one', 'two']);
    expect(recovered.saveStatus()).toMatchObject({ seq: 2, unsnapshotted: 0 });
    expect(await fs.readFile(copy.file)).toEqual(before);
  });

  it('stops at a gap in the numbering and keeps the journal aside', async () => {
    const store = await open();
    await commitAccounts(store, 'one');
    await store.flush();
    const copy = await crashCopy(store);
    await commitAccounts(store, 'two', 'three');
    // Record 2 is missing: only 3 follows the snapshot at 1.
    const three = (await readJournal(store.journalFile)).records[1]?.line as string;
    await fs.writeFile(copy.journal, three);

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([
      { kind: 'journalDamaged', journalFile: expect.any(String), keptAs: expect.any(String), replayed: 0, dropped: 1, reason: expect.stringMatching(/missing/) },
    ]);
    expect(names(recovered.data)).toEqual(['one']);
  });

  it('does not replay the journal of another data file', async () => {
    const mine = await open();
    await commitAccounts(mine, 'mine');
    await mine.flush();
    const copy = await crashCopy(mine);
    file = path.join(dir, 'other.json');
    const other = await open();
    // Two records: the first has a number the snapshot holds already and is skipped either way.
    await commitAccounts(other, 'not mine', 'not mine either');
    await fs.copyFile(other.journalFile, copy.journal);

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toMatchObject([{ kind: 'journalDamaged', replayed: 0, reason: expect.stringMatching(/another data file/) }]);
    expect(names(recovered.data)).toEqual(['mine']);
  });

  it('stops at a record whose command no longer applies, keeping what came before', async () => {
    const store = await open();
    await commitAccounts(store, 'one');
    const copy = await crashCopy(store);
    const good = (await readJournal(copy.journal)).records[0]?.record as JournalRecord;
    const bad: JournalRecord = { ...good, seq: 2, cmd: { type: 'account:rename', id: 'no-such-account', name: 'x' }, ids: [] };
    await fs.appendFile(copy.journal, encodeRecord(bad));

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toMatchObject([{ kind: 'journalDamaged', replayed: 1, dropped: 1, reason: expect.stringMatching(/record 2/) }]);
    expect(names(recovered.data)).toEqual(['one']);
    expect(recovered.saveStatus().seq).toBe(1);
  });
});

describe('a torn last record (a crash during the append)', () => {
  it.each([
    ['cut off in the middle', (b: Buffer) => b.subarray(0, (lineStarts(b)[2] as number) + 20), 2],
    ['followed by garbage without a newline', (b: Buffer) => Buffer.concat([b, Buffer.from('{"crc":"1234abcd","rec":{"v":1,"se')]), 3],
    ['with one flipped bit', (b: Buffer) => spoilLine(b, 2), 2],
  ])('%s is dropped, everything before it kept, with no notice', async (_label, tear, kept) => {
    const store = await open();
    const states = await commitAccounts(store, 'one', 'two', 'three');
    const copy = await crashCopy(store);
    await fs.writeFile(copy.journal, tear(await fs.readFile(copy.journal)));
    expect((await readJournal(copy.journal)).state).toBe('torn');

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([]);
    expect(recovered.data).toEqual(states[kept]);
    expect(recovered.saveStatus().seq).toBe(kept);
    expect(logged.some((m) => /incomplete last record/.test(m))).toBe(true);
    expect((await fs.readdir(path.dirname(copy.file))).filter((n) => n.includes('damaged'))).toEqual([]);

    // The torn bytes are gone: the next record follows the good ones, and all of it opens again.
    const next = await recovered.commit({ type: 'account:create', name: 'after the crash' });
    const journal = await readJournal(copy.journal);
    expect(journal.state).toBe('clean');
    expect(journal.records.at(-1)?.record).toMatchObject({ seq: kept + 1, ids: [next.account?.id] });
    await recovered.close();
    const reopened = await open({ file: copy.file });
    expect(names(reopened.data)).toEqual([...names(states[kept] as Database), 'after the crash']);
  });

  it('is cut off the journal at open, leaving exactly its good part', async () => {
    const store = await open();
    await commitAccounts(store, 'one', 'two');
    const good = await fs.readFile(store.journalFile);
    await store.flush();
    const copy = await crashCopy(store);
    // The snapshot holds both records, so nothing is replayed and the journal is not rewritten:
    // what remains of it is what the open cut it to.
    await fs.writeFile(copy.journal, Buffer.concat([good, Buffer.from('{"crc":"0bad0bad","rec":{"v"')]));

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([]);
    expect(await fs.readFile(copy.journal)).toEqual(good);
  });
});

describe('damage in the middle of the journal', () => {
  it('replays up to the damage, says so, and keeps the whole journal aside', async () => {
    const store = await open();
    const states = await commitAccounts(store, 'one', 'two', 'three', 'four', 'five');
    const copy = await crashCopy(store);
    const damaged = spoilLine(await fs.readFile(copy.journal), 1);
    await fs.writeFile(copy.journal, damaged);
    expect(parseJournal(damaged).state).toBe('damaged');

    const recovered = await open({ file: copy.file });
    expect(recovered.notices).toEqual([
      {
        kind: 'journalDamaged',
        journalFile: copy.journal,
        keptAs: expect.stringMatching(/planner\.json\.journal\.damaged-.+$/),
        replayed: 1,
        dropped: 4,
        reason: expect.any(String),
      },
    ]);
    const notice = recovered.notices[0] as { keptAs: string };
    expect(path.dirname(notice.keptAs)).toBe(path.dirname(copy.journal));
    expect(await fs.readFile(notice.keptAs)).toEqual(damaged);
    if (isPosix) expect((await fs.stat(notice.keptAs)).mode & 0o777).toBe(0o600);

    expect(recovered.data).toEqual(states[1]);
    expect((await readEnvelope(copy.file)).journal.seq).toBe(1);
    expect(parseJournal(await fs.readFile(copy.journal))).toMatchObject({ state: 'clean', records: [] });
    // Reported once: the next open finds a clean journal.
    await recovered.close();
    expect((await open({ file: copy.file })).notices).toEqual([]);
  });
});

describe('the journal after a snapshot', () => {
  it('is cut back to the records the data file lacks: empty when no edit came after', async () => {
    const store = await open();
    await commitAccounts(store, 'one', 'two', 'three');
    expect((await readJournal(store.journalFile)).records).toHaveLength(3);
    await store.flush();
    expect((await fs.readFile(store.journalFile)).length).toBe(0);
    expect((await readEnvelope(file)).journal.seq).toBe(3);

    await commitAccounts(store, 'four');
    expect((await readJournal(store.journalFile)).records.map((r) => r.record.seq)).toEqual([4]);
    await store.flush();
    expect((await fs.readFile(store.journalFile)).length).toBe(0);
  });

  it('is cut back when the background snapshot comes by itself', async () => {
    const store = await open({ saveDelayMs: 20, maxSaveDelayMs: 100 });
    await commitAccounts(store, 'one', 'two');
    expect((await readJournal(store.journalFile)).records.length).toBeGreaterThan(0);
    await vi.waitFor(async () => {
      expect((await readEnvelope(file)).journal.seq).toBe(2);
      expect((await fs.readFile(store.journalFile)).length).toBe(0);
    });
    expect(store.saveStatus().unsnapshotted).toBe(0);
  });
});

describe('the data file (snapshot)', () => {
  it('carries the journal position, the writer and a checksum, and reads back as trusted', async () => {
    const store = await open();
    await commitAccounts(store, 'Alpha', 'Beta');
    await store.flush();
    const bytes = await fs.readFile(file);
    const envelope = JSON.parse(bytes.toString('utf8')) as Envelope;
    expect(envelope.journal).toEqual({ seq: 2, device: store.device });
    expect(envelope.writer).toBe(schemaFingerprint());
    expect(envelope.checksum).toBe(crc32(JSON.stringify(envelope.data)).toString(16).padStart(8, '0'));

    const read = readSnapshot(bytes, new Date());
    expect(read).toEqual({ db: store.data, fromVersion: CURRENT_SCHEMA_VERSION, seq: 2, device: store.device, trusted: true });
  });

  it('edited by hand (still valid JSON) is not trusted, goes through the full restore and still opens', async () => {
    const store = await open();
    await commitAccounts(store, 'Alpha', 'Beta');
    await store.close();
    const text = await fs.readFile(file, 'utf8');
    // A changed name, and a setting deleted that the restore fills in again.
    const edited = text.replace('"name":"Alpha"', '"name":"Alpha (edited)"').replace(/"staleAfterDays":\d+,/, '');
    expect(edited).not.toBe(text);
    expect(edited).not.toContain('staleAfterDays');
    await fs.writeFile(file, edited);
    const read = readSnapshot(Buffer.from(edited), new Date());
    expect(read.trusted).toBe(false);
    expect(read.seq).toBe(2);

    const reopened = await open();
    expect(reopened.notices).toEqual([]);
    expect(names(reopened.data)).toEqual(['Alpha (edited)', 'Beta']);
    expect(reopened.data.settings.staleAfterDays).toBe(store.data.settings.staleAfterDays);
    expect(reopened.saveStatus().seq).toBe(2);

    // The next snapshot is this build's own again.
    await reopened.commit({ type: 'account:create', name: 'Gamma' });
    await reopened.flush();
    expect(readSnapshot(await fs.readFile(file), new Date())).toMatchObject({ trusted: true, seq: 3 });
  });
});

describe('the save status', () => {
  it('counts commits, shows what the data file lacks, and when the last edit was written', async () => {
    const clock = manualClock();
    const store = await open({ now: clock.now });
    expect(store.saveStatus()).toEqual({ state: 'saved', problem: null, dataFile: store.file, seq: 0, unsnapshotted: 0, lastSavedAt: null });

    for (let i = 1; i <= 3; i++) {
      clock.advance(1000);
      await store.commit({ type: 'account:create', name: `Account ${i}` });
      expect(store.saveStatus()).toMatchObject({ state: 'saved', seq: i, unsnapshotted: i, lastSavedAt: clock.now().toISOString() });
    }
    // A refused command is not counted.
    await expect(store.commit({ type: 'account:rename', id: 'no-such-account', name: 'x' })).rejects.toThrow();
    expect(store.saveStatus()).toMatchObject({ seq: 3, unsnapshotted: 3 });

    const lastEdit = clock.now().toISOString();
    clock.advance(1000);
    await store.flush();
    expect(store.saveStatus()).toEqual({ state: 'saved', problem: null, dataFile: store.file, seq: 3, unsnapshotted: 0, lastSavedAt: lastEdit });

    await store.close();
    const reopened = await open({ now: clock.now });
    expect(reopened.saveStatus()).toMatchObject({ seq: 3, unsnapshotted: 0 });
    await reopened.commit({ type: 'account:create', name: 'Account 4' });
    expect(reopened.saveStatus()).toMatchObject({ seq: 4, unsnapshotted: 1 });
  });
});
