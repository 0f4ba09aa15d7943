import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { build } from 'vite';
import type { StoreNotice } from '@shared/api/status';
import type { Database } from '@shared/model/database';
import type { Account } from '@shared/model/account';
import { DatabaseFile } from '../../electron/store/database-file';
import { parseJournal } from '../../electron/store/journal';
import { readSnapshot, tempFileOf } from '../../electron/store/snapshot';
import type { Expect } from '../helpers/crash-editor';
import { mulberry32, Rng } from '../helpers/random';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * Issue #12: an edit the API acknowledged survives `kill -9`, whenever it lands. Each round starts
 * a real process (test/helpers/crash-editor.ts: the host's services on the one data file, editing
 * through the API), kills it with SIGKILL at a random moment — while it opens and replays, appends
 * to the journal, writes a snapshot or cuts the journal back — and checks what it left: the data
 * file is a whole snapshot, the store opens it without restoring anything, and every acknowledged
 * edit of every round so far is there. The next child then opens that same crashed state, as the
 * host would on its next start. `npm run test:crash` runs 500 rounds.
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 50);
/** Each run draws its own schedule; CRASH_SEED replays one (the timing of the kills still varies). */
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Rounds that kill the child while it opens (replay and the snapshot after it), not mid-stream. */
const KILL_DURING_OPEN = 0.1;
/**
 * Children loading ahead of their round. Loading (Node, the app's modules, ExcelJS) is most of a
 * round's cost — about 0.5 s of CPU a child, twice that through tsx — against a few hundred ms of
 * editing and checking.
 */
const WARM = 2;
/** CRASH_EDITOR=tsx runs the child from source through tsx (stack traces with source lines) instead of bundled. */
const FROM_SOURCE = process.env.CRASH_EDITOR === 'tsx';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const editorScript = fileURLToPath(new URL('../helpers/crash-editor.ts', import.meta.url));
/** Under node_modules, so that the bundle's imports of packages (zod, exceljs, lowdb) resolve. */
const bundleDir = path.join(repoRoot, 'node_modules', '.cache', `crash-editor-${process.pid}`);
const bundle = path.join(bundleDir, 'crash-editor.mjs');

// The child bundled once, as `npm run build` bundles the browser host (a Vite SSR build that
// leaves packages as imports): it starts in half the time tsx needs to compile the same modules.
beforeAll(async () => {
  if (FROM_SOURCE) return;
  await build({
    configFile: false,
    logLevel: 'warn',
    root: repoRoot,
    resolve: { alias: { '@shared': path.join(repoRoot, 'shared') } },
    publicDir: false,
    build: {
      ssr: editorScript,
      outDir: bundleDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'crash-editor.mjs' } },
    },
  });
}, 120_000);

afterAll(async () => {
  await fs.rm(bundleDir, { recursive: true, force: true });
});

type Value = Expect[string];
type Message =
  | { loaded: true }
  | { ready: true; notices: StoreNotice[]; store: unknown; accounts: number; contacts: number }
  | { ready: false; fatal: { code: string; message: string } | null; notices: StoreNotice[] }
  | { try: number; channel: string; expect: Expect }
  | { ack: number; channel: string; expect: Expect }
  | { refused: number; code: string; message: string };

const newTempDir = useTempDirs('account-planner-crash-');
const live = new Set<ChildProcess>();

afterEach(async () => {
  await Promise.all([...live].map((c) => new Promise((resolve) => (c.once('close', resolve), c.kill('SIGKILL')))));
  live.clear();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `p`, or null after `ms`. */
const within = <T>(ms: number, p: Promise<T>): Promise<T | null> => Promise.race([p, sleep(ms).then(() => null)]);

/**
 * A child started with `--wait`: it loads (the slow part) while earlier rounds run, and touches
 * the data file only once `go()` is called.
 */
function startEditor(dataFile: string, seed: number, index: number) {
  const script = FROM_SOURCE ? ['--import', 'tsx', editorScript] : [bundle];
  const child = spawn(process.execPath, [...script, dataFile, String(seed), String(index), '--wait'], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  const messages: Message[] = [];
  /** When each message arrived (performance.now()). */
  const arrived: number[] = [];
  const waiters: { test: (m: Message) => boolean; resolve: (m: Message | null) => void }[] = [];
  let partial = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    // Only whole lines count: the child writes a line after the answer, so a torn one was answered
    // but never reported, and the test cannot hold the store to it.
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = JSON.parse(line) as Message;
      messages.push(m);
      arrived.push(performance.now());
      for (const w of waiters.filter((x) => x.test(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      live.delete(child);
      for (const w of waiters.splice(0)) w.resolve(null);
      resolve({ code, signal });
    }),
  );

  return {
    messages,
    arrived: (test: (m: Message) => boolean) => arrived[messages.findIndex(test)] ?? null,
    stderr: () => stderr,
    go: () => child.stdin?.end('go\n'),
    /** The first message that passes `test`, or null when the child ends first. */
    next: (test: (m: Message) => boolean): Promise<Message | null> => {
      const seen = messages.find(test);
      if (seen) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    /** SIGKILL, then wait until it is reaped and its output read to the end. */
    kill: async () => {
      child.kill('SIGKILL');
      return closed;
    },
  };
}

/** Reads slots (see crash-editor.ts) out of a database. */
function slotReader(db: Database) {
  const accounts = new Map(db.accounts.map((a) => [a.id, a]));
  const byId = new Map<string, Map<string, Record<string, unknown>>>();
  const item = (a: Account, list: 'contacts' | 'deals', id: string) => {
    const key = `${list}/${a.id}`;
    let index = byId.get(key);
    if (!index) byId.set(key, (index = new Map(a[list].map((x) => [x.id, x as unknown as Record<string, unknown>]))));
    return index.get(id);
  };
  return (slot: string): unknown => {
    const [kind, id, sub, field] = slot.split('/') as [string, string, string | undefined, string | undefined];
    if (kind === 'settings') return (db.settings as unknown as Record<string, unknown>)[id];
    const a = accounts.get(id);
    if (!a) return undefined;
    switch (kind) {
      case 'name':
        return a.name;
      case 'deleted':
        return a.deletedAt !== null;
      case 'notes':
        return a.notes;
      case 'profile':
        return (a.profile as Record<string, unknown>)[sub as string];
      case 'contact':
      case 'deal': {
        const x = item(a, kind === 'contact' ? 'contacts' : 'deals', sub as string);
        return field === undefined ? x !== undefined : x?.[field];
      }
      default:
        throw new Error(`unknown slot ${slot}`);
    }
  };
}

/** The slot a field slot belongs to: `contact/a/c` for `contact/a/c/title`; null for a top-level slot. */
const parentOf = (slot: string): string | null => (slot.split('/').length === 4 ? slot.slice(0, slot.lastIndexOf('/')) : null);

/** What the acknowledged edits so far left in each slot, in the order they were answered. */
class Model {
  readonly slots = new Map<string, Value>();
  private readonly fields = new Map<string, Set<string>>();
  apply(expect: Expect): void {
    for (const [slot, value] of Object.entries(expect)) {
      // A removed contact or deal takes its fields with it.
      if (value === false) {
        for (const field of this.fields.get(slot) ?? []) this.slots.delete(field);
        this.fields.delete(slot);
      }
      const parent = parentOf(slot);
      if (parent !== null) this.fields.set(parent, (this.fields.get(parent) ?? new Set()).add(slot));
      this.slots.set(slot, value);
    }
  }
}

/** A value as a failure message shows it: long notes cut short. */
const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

const BAD_NOTICES = new Set<StoreNotice['kind']>(['restoredFromBackup', 'corruptNoBackup', 'journalDamaged']);
const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

it(
  `acknowledged edits survive kill -9 of the host process at random moments (${ROUNDS} rounds)`,
  async () => {
    const rng = new Rng(mulberry32(SEED));
    const dir = await newTempDir();
    const dataFile = path.join(dir, 'planner.json');
    const journalFile = `${dataFile}.journal`;
    const model = new Model();
    const failures: string[] = [];
    const counts = { rounds: 0, acks: 0, lost: 0, unopenable: 0, restores: 0, damagedJournals: 0 };
    const seen = { killedInOpen: 0, inSnapshotWrite: 0, inJournalRewrite: 0, tornRecords: 0, replayedOpens: 0, unacked: 0, maxFileBytes: 0 };
    const refused = new Map<string, number>();
    const phases = { loading: 0, opening: 0, firstEdit: 0, checking: 0 };
    const started = performance.now();
    const where = (round: number, seed: number) => `seed ${SEED}, round ${round} (child seed ${seed})`;
    const tally = (notices: readonly StoreNotice[], label: string) => {
      for (const n of notices) {
        if (n.kind === 'restoredFromBackup') counts.restores++;
        if (n.kind === 'corruptNoBackup') counts.unopenable++;
        if (n.kind === 'journalDamaged') counts.damagedJournals++;
        if (BAD_NOTICES.has(n.kind)) failures.push(`${label}: ${JSON.stringify(n)}`);
      }
    };
    /** Holds the data to the model; the slots of the edit the kill cut short may hold either value. */
    const compare = (db: Database, pending: Expect, label: string) => {
      const read = slotReader(db);
      // A removal the kill cut short may have taken the removed contact's fields with it.
      const mayBeGone = (slot: string) => {
        const parent = parentOf(slot);
        return parent !== null && pending[parent] === false;
      };
      for (const [slot, value] of model.slots) {
        const actual = read(slot);
        if (actual === value || (slot in pending && actual === pending[slot]) || (actual === undefined && mayBeGone(slot))) continue;
        counts.lost++;
        if (counts.lost <= 20) failures.push(`${label}: lost ${slot}: expected ${shown(value)}, found ${shown(actual)}`);
      }
      return read;
    };

    const seeds = Array.from({ length: ROUNDS }, () => rng.int(2 ** 31));
    const warm: ReturnType<typeof startEditor>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const seed = seeds[round] as number;
      while (warm.length < WARM && round + warm.length < ROUNDS) warm.push(startEditor(dataFile, seeds[round + warm.length] as number, round + warm.length));
      const editor = warm.shift() as ReturnType<typeof startEditor>;
      const goAt = performance.now();
      editor.go();

      // Kill it: while it opens, a random time after its first answer, or after a random number of answers.
      const mode = rng.chance(KILL_DURING_OPEN) ? 'open' : rng.chance(0.5) ? 'time' : 'acks';
      const noEdit = () => new Error(`${where(round, seed)}: the child made no edit:\n${editor.stderr()}`);
      if (mode === 'open') {
        seen.killedInOpen++;
        if (!(await within(60_000, editor.next((m) => 'loaded' in m)))) throw noEdit();
        await sleep(rng.between(0, 200));
      } else {
        const first = await within(60_000, editor.next((m) => 'ack' in m));
        if (!first && !editor.messages.some((m) => 'ready' in m && !m.ready)) throw noEdit();
        const loadedAt = Math.max(goAt, editor.arrived((m) => 'loaded' in m) ?? goAt);
        const readyAt = editor.arrived((m) => 'ready' in m) ?? loadedAt;
        phases.loading += loadedAt - goAt;
        phases.opening += readyAt - loadedAt;
        phases.firstEdit += performance.now() - readyAt;
        if (mode === 'time') await sleep(rng.between(5, 300));
        else {
          const n = rng.between(2, 40);
          await within(5_000, editor.next((m) => 'ack' in m && m.ack >= n));
        }
      }
      const killAt = performance.now();
      const { signal } = await editor.kill();
      counts.rounds++;

      // What the child said: its open (of the state the last kill left) and its answered edits.
      const ready = editor.messages.find((m): m is Extract<Message, { ready: boolean }> => 'ready' in m);
      if (ready && !ready.ready) {
        counts.unopenable++;
        failures.push(`${where(round, seed)}: the child could not open the file: ${JSON.stringify(ready.fatal)}`);
      } else if (!ready && mode !== 'open') {
        throw new Error(`${where(round, seed)}: the child ended (${signal}) without opening:\n${editor.stderr()}`);
      }
      tally(ready?.notices ?? [], `${where(round, seed)}: the child's open`);
      // The try the kill cut short (the last line, unanswered) may have reached the journal, or not.
      let pending: Expect = {};
      for (const m of editor.messages) {
        if ('try' in m) pending = m.expect;
        else if ('ack' in m) {
          counts.acks++;
          model.apply(m.expect);
          pending = {};
        } else if ('refused' in m) {
          refused.set(m.code, (refused.get(m.code) ?? 0) + 1);
          pending = {};
        }
      }
      if ('try' in (editor.messages.at(-1) ?? {})) seen.unacked++;

      // What the kill left on disk, before anything opens it.
      if (await exists(tempFileOf(dataFile))) seen.inSnapshotWrite++;
      if (await exists(`${journalFile}.tmp`)) seen.inJournalRewrite++;
      const bytes = await fs.readFile(dataFile).catch(() => null);
      let snapshotSeq = 0;
      if (bytes) {
        seen.maxFileBytes = Math.max(seen.maxFileBytes, bytes.length);
        try {
          const snapshot = readSnapshot(bytes, new Date());
          snapshotSeq = snapshot.seq;
          // Written by this build and checksummed: whole, not merely parseable.
          if (!snapshot.trusted) failures.push(`${where(round, seed)}: the data file is not a checksummed snapshot`);
        } catch (e) {
          counts.unopenable++;
          failures.push(`${where(round, seed)}: the data file is not a whole snapshot: ${(e as Error).message}`);
        }
      }
      const journal = await fs.readFile(journalFile).catch(() => Buffer.alloc(0));
      const parsed = parseJournal(journal);
      if (parsed.state === 'torn') seen.tornRecords++;
      if (parsed.records.some((r) => r.record.seq > snapshotSeq)) seen.replayedOpens++;

      // Open it as the next start of the host would, on a copy, so that the next child meets the
      // crashed state itself (stale lock, leftovers, journal to replay).
      const check = path.join(dir, `check-${round}`);
      await fs.mkdir(check);
      const copy = path.join(check, 'planner.json');
      if (bytes) await fs.writeFile(copy, bytes);
      if (journal.length > 0) await fs.writeFile(`${copy}.journal`, journal);
      let store: DatabaseFile | null = null;
      try {
        store = await DatabaseFile.open({ file: copy, backupDir: path.join(check, 'backups'), log: () => undefined });
      } catch (e) {
        counts.unopenable++;
        failures.push(`${where(round, seed)}: DatabaseFile.open threw: ${(e as Error).message}`);
      }
      if (store) {
        tally(store.notices, `${where(round, seed)}: open`);
        const read = compare(store.data, pending, where(round, seed));
        // The unanswered edit that did reach the journal is part of the data from now on.
        const landed = Object.entries(pending).filter(([slot, value]) => read(slot) === value);
        model.apply(Object.fromEntries(landed));
        await store.close();
      }
      await fs.rm(check, { recursive: true, force: true });
      phases.checking += performance.now() - killAt;
    }

    // The file itself, opened in place after the last kill, as the host's next start would.
    try {
      const store = await DatabaseFile.open({ file: dataFile, log: () => undefined });
      tally(store.notices, `seed ${SEED}, the final open`);
      compare(store.data, {}, `seed ${SEED}, the final open`);
      await store.close();
    } catch (e) {
      counts.unopenable++;
      failures.push(`seed ${SEED}, the final open: DatabaseFile.open threw: ${(e as Error).message}`);
    }

    const seconds = (performance.now() - started) / 1000;
    const edited = Math.max(1, counts.rounds - seen.killedInOpen);
    const ms = (total: number, n: number) => `${(total / n).toFixed(0)} ms`;
    console.log(
      `crash test: ${counts.rounds} rounds, ${counts.acks} acknowledged edits, ${counts.lost} lost, ${counts.unopenable} unopenable, ` +
        `${counts.restores} restores from backup, ${counts.damagedJournals} damaged journals (seed ${SEED}, ${seconds.toFixed(1)} s, ` +
        `${((seconds * 1000) / counts.rounds).toFixed(0)} ms a round)`,
    );
    console.log(
      `crash test: kills while opening ${seen.killedInOpen}, during a snapshot write ${seen.inSnapshotWrite}, during a journal rewrite ${seen.inJournalRewrite}; ` +
        `torn last records ${seen.tornRecords}; opens that replayed the journal ${seen.replayedOpens}; answers cut off by the kill ${seen.unacked}; refused calls ${JSON.stringify(Object.fromEntries(refused))}; ` +
        `slots checked ${model.slots.size}; largest data file ${(seen.maxFileBytes / 1e6).toFixed(2)} MB; ` +
        `a round, on average: ${ms(phases.loading, edited)} waiting for the child to load, ${ms(phases.opening, edited)} opening, ` +
        `${ms(phases.firstEdit, edited)} to the first answer, ${ms(phases.checking, counts.rounds)} from the kill to checked`,
    );
    expect(failures).toEqual([]);
    expect(counts).toMatchObject({ lost: 0, unopenable: 0, restores: 0, damagedJournals: 0 });
    // Nothing was put aside as corrupt or damaged along the way.
    expect((await fs.readdir(dir)).filter((n) => n.includes('.corrupt-') || n.includes('.damaged-'))).toEqual([]);
    // The kills hit a busy process with a sizeable file, not an idle one, and some hit a snapshot
    // being written (a few rounds may all miss; 20 practically never do: about a third hit one).
    expect(counts.acks).toBeGreaterThanOrEqual(ROUNDS);
    expect(seen.maxFileBytes).toBeGreaterThan(300_000);
    if (ROUNDS >= 20) expect(seen.inSnapshotWrite).toBeGreaterThan(0);
  },
  60_000 + ROUNDS * 15_000,
);
