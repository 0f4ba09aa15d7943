import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { StoreNotice } from '@shared/api/status';
import type { Database } from '@shared/model/database';
import { DatabaseFile, readDatabaseText } from '../../electron/store/database-file';
import { useTempDirs } from '../helpers/temp-dir';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const writerScript = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
/**
 * Up to MAX_KILLS rounds, while the time budget lasts, but never fewer than MIN_KILLS: on a busy
 * machine each child starts slowly, and a slow machine should get a shorter test, not a failed one.
 */
const MIN_KILLS = 5;
const MAX_KILLS = 15;
const BUDGET_MS = 30_000;
const ACCOUNTS = 200;

type WriterMessage = { ready: true; notices: StoreNotice[]; accounts: number } | { saved: number };

const newTempDir = useTempDirs();
const live = new Set<ChildProcess>();

afterEach(async () => {
  for (const child of live) child.kill('SIGKILL');
  await Promise.all([...live].map((child) => (child.exitCode === null && child.signalCode === null ? once(child, 'exit') : null)));
  live.clear();
});

/** Starts a writer and returns a function that resolves with its next stdout message. */
function startWriter(dataFile: string, index: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dataFile], {
    cwd: repoRoot,
    env: { ...process.env, CRASH_WRITER_CHILD: String(index) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();

  async function next(): Promise<WriterMessage> {
    const line = await Promise.race([
      lines.next(),
      exited.then(([code, signal]) => {
        throw new Error(`writer ${index} exited (${code ?? signal}) before answering:\n${stderr}`);
      }),
    ]);
    if (line.done) throw new Error(`writer ${index} closed its output:\n${stderr}`);
    return JSON.parse(line.value) as WriterMessage;
  }

  async function kill(): Promise<void> {
    child.kill('SIGKILL');
    // Wait until the process is reaped: a zombie still answers kill(pid, 0), so its lock would
    // look alive to the next writer.
    const [, signal] = await exited;
    expect(signal).toBe('SIGKILL');
    live.delete(child);
  }

  return { next, kill };
}

const isCorruptionNotice = (n: StoreNotice) => n.kind === 'restoredFromBackup' || n.kind === 'corruptNoBackup';

it(
  'a database file killed mid-save, again and again, always opens whole',
  async () => {
    const dir = await newTempDir();
    const dataFile = path.join(dir, 'planner.json');
    let sizes = 0;

    const started = performance.now();
    let kills = 0;
    for (let i = 0; i < MAX_KILLS && (i < MIN_KILLS || performance.now() - started < BUDGET_MS); i++) {
      const writer = startWriter(dataFile, i);
      const ready = await writer.next();
      if (!('ready' in ready)) throw new Error(`expected ready, got ${JSON.stringify(ready)}`);
      // Each writer opens what the last one left behind: a stale lock, maybe a half-written temp file.
      expect(ready.notices.filter(isCorruptionNotice)).toEqual([]);
      expect(ready.accounts).toBe(i === 0 ? 0 : ACCOUNTS);

      // Let it save at least once, then kill it at a random moment of its save loop: with a file
      // this size, often in the middle of a write.
      expect(await writer.next()).toEqual({ saved: 1 });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      await writer.kill();
      kills++;

      const text = await fs.readFile(dataFile, 'utf8');
      sizes = Math.max(sizes, text.length);
      let db: Database;
      try {
        ({ db } = readDatabaseText(text, new Date()));
      } catch (e) {
        throw new Error(`after kill ${i + 1} the file does not open: ${(e as Error).message}`);
      }
      expect(db.accounts).toHaveLength(ACCOUNTS);
      const progress = (db as { crashTest?: { child: number; edits: number } }).crashTest;
      expect(progress?.child).toBe(i);
      expect(progress?.edits).toBeGreaterThanOrEqual(1);
    }

    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    // The kills hit a process that was rewriting a large file, not an idle one.
    expect(sizes).toBeGreaterThan(300_000);

    const store = await DatabaseFile.open({ file: dataFile, log: () => undefined });
    try {
      expect(store.notices).toEqual([]);
      expect(store.data.accounts).toHaveLength(ACCOUNTS);
    } finally {
      await store.close();
    }
    expect((await fs.readdir(dir)).filter((n) => n.includes('.corrupt-'))).toEqual([]);
  },
  // Only a backstop for a hung child: MIN_KILLS rounds take a few seconds on an idle machine.
  120_000,
);
