import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BackupRotation } from '../../electron/store/backups';
import { DatabaseFile } from '../../electron/store/database-file';
import { readSnapshot } from '../../electron/store/snapshot';
import { openServices } from '../../electron/services/index';
import { APP_ID, type Database } from '@shared/model/database';
import { CURRENT_SCHEMA_VERSION } from '@shared/migrations/index';
import { figure, type Figure } from '../lib/report';
import { collectGarbage, median, medians, percentile, timePair, timeTasks, type Mark } from '../lib/measure';

const quiet = () => undefined;

/** The file as DatabaseFile writes it. */
export function envelopeText(db: Database): string {
  return JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, app: APP_ID, savedAt: new Date().toISOString(), data: db });
}

/** fsync of a folder, as the store does after a rename. */
async function syncFolder(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r');
  await h.sync();
  await h.close();
}

/** Figure 1: rewrite the data file (the snapshot) after one edit, portfolio L. */
export async function saveFigure(dir: string, lFile: string, runs: number): Promise<Figure> {
  const file = path.join(dir, 'save.json');
  await fs.copyFile(lFile, file);
  // A long quiet time: the snapshot is written by flush() alone, where it is timed.
  const store = await DatabaseFile.open({ file, backupDir: path.join(dir, 'save-backups'), log: quiet, saveDelayMs: 1e9, maxSaveDelayMs: 1e9 });
  const baselineFile = path.join(dir, 'save-baseline.json');
  const first = store.data.accounts[0];
  if (!first) throw new Error('portfolio L has no accounts');
  let edits = 0;
  try {
    const result = await timePair({
      runs,
      app: async (mark) => {
        await store.commit({ type: 'account:rename', id: first.id, name: `${first.name} · edit ${++edits}` });
        mark('commit');
        await store.flush();
        mark('flush');
      },
      baseline: async () => {
        // The same durability as the store's write: the file and its folder fsynced.
        const text = envelopeText(store.data);
        const tmp = path.join(dir, '.save-baseline.json.tmp');
        const h = await fs.open(tmp, 'w');
        await h.writeFile(text, 'utf8');
        await h.sync();
        await h.close();
        await fs.rename(tmp, baselineFile);
        await syncFolder(dir);
      },
    });
    const commit = result.parts.commit ?? [];
    // The figure is the snapshot write alone; the journaled commit is figure 9.
    const flush = result.parts.flush ?? result.app;
    return figure(
      {
        id: '1',
        name: 'Save after one edit, L',
        unit: 'ms',
        target: 'ratio ≤ 1.2',
        measures:
          'DatabaseFile.commit(one edit) then flush() (timed: flush: stringify, checksum, temp file, fsync, rename, folder fsync) vs JSON.stringify(envelope) + write(tmp) + fsync + rename + folder fsync',
      },
      flush,
      result.baseline,
      (_app, ratio) => ratio <= 1.2,
      medians({ commit, flush }),
    );
  } finally {
    await store.close();
  }
}

/**
 * Figure 9: the wait for one acknowledged edit through the API (parse, run the command, check the
 * account, append to the journal, fdatasync), portfolio L, p95 of each batch of edits; against an
 * fdatasync'd append of the same bytes.
 */
export async function ackFigure(dir: string, lFile: string, runs: number, perRun = 60): Promise<Figure> {
  const file = path.join(dir, 'ack.json');
  await fs.copyFile(lFile, file);
  const services = await openServices({
    dataFile: file,
    host: 'browser',
    osLocale: 'en',
    version: 'bench',
    log: quiet,
    // The snapshot is written in the background as in the app; it is not part of the wait.
    store: { backupDir: path.join(dir, 'ack-backups') },
  });
  const db = JSON.parse(readFileSync(file, 'utf8')) as { data: Database };
  const biggest = [...db.data.accounts].sort((a, b) => b.contacts.length - a.contacts.length)[0];
  const contact = biggest?.contacts[0];
  if (!biggest || !contact) throw new Error('portfolio L has no contacts');
  const rawFile = path.join(dir, 'ack-baseline.journal');
  const raw = await fs.open(rawFile, 'a');
  let n = 0;
  const appP95: number[] = [];
  const baseP95: number[] = [];
  const parts: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const app: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < perRun; i++) {
        collectGarbage();
        const input = { accountId: biggest.id, commands: [{ type: 'updateContact', id: contact.id, patch: { title: `title ${++n}` } }] };
        let t = performance.now();
        const result = await services.dispatch('plan:apply', input);
        app.push(performance.now() - t);
        if ('error' in result) throw new Error(`plan:apply refused: ${result.error.message}`);
        // The bytes the journal took for that edit, appended and flushed by hand.
        const line = `{"crc":"00000000","rec":${JSON.stringify({ v: 1, seq: n, at: new Date().toISOString(), device: 'bench', schema: 1, accounts: [biggest.id], cmd: { type: 'plan:apply', ...input }, ids: [] })}}\n`;
        t = performance.now();
        await raw.write(line);
        await raw.datasync();
        base.push(performance.now() - t);
        parts.push(Buffer.byteLength(line));
      }
      // The first batch warms up.
      if (run === 0) continue;
      appP95.push(percentile(app, 95));
      baseP95.push(percentile(base, 95));
    }
  } finally {
    await raw.close();
    await services.close();
  }
  return figure(
    {
      id: '9',
      name: 'Acknowledge one edit, L (p95)',
      unit: 'ms',
      target: 'p95 ≤ 10 ms and ratio ≤ 3',
      measures: `dispatch('plan:apply', one contact field) until answered, p95 of ${perRun} edits per run vs write + fdatasync of the same ${Math.round(median(parts))}-byte record`,
    },
    appP95,
    baseP95,
    (app, ratio) => app <= 10 && ratio <= 3,
  );
}

/** Figure 2 and its two halves: open portfolio L as the app does, with 1,000 journal records to replay. */
export async function openFigures(dir: string, lFile: string, runs: number): Promise<Figure[]> {
  const file = path.join(dir, 'open.json');
  const crash = path.join(dir, 'open-crash');
  await fs.mkdir(crash);
  await fs.copyFile(lFile, file);
  {
    // 1,000 acknowledged edits the data file does not hold yet: the state a crash leaves.
    const store = await DatabaseFile.open({ file, log: quiet, saveDelayMs: 1e9, maxSaveDelayMs: 1e9, backupDir: path.join(dir, 'open-prep') });
    // The data file as this build writes it (checksummed), then the edits after it.
    const firstAccount = store.data.accounts[0] as Database['accounts'][number];
    await store.commit({ type: 'account:rename', id: firstAccount.id, name: firstAccount.name });
    await store.flush();
    const accounts = store.data.accounts.slice(0, 20);
    for (let i = 0; i < 1000; i++) {
      const a = accounts[i % accounts.length] as Database['accounts'][number];
      const contact = a.contacts[i % Math.max(1, a.contacts.length)];
      await store.commit(
        contact && i % 2 === 0
          ? { type: 'plan:apply', accountId: a.id, commands: [{ type: 'updateContact', id: contact.id, patch: { title: `title ${i}` } }] }
          : { type: 'account:update', id: a.id, patch: { notes: `note ${i}` } },
      );
    }
    await fs.copyFile(file, path.join(crash, 'open.json'));
    await fs.copyFile(`${file}.journal`, path.join(crash, 'open.json.journal'));
    await store.close();
  }
  const backupDir = path.join(dir, 'open-backups');
  const backups = new BackupRotation(path.join(dir, 'copy-backups'), 'open', 10);
  // One loop for the whole and its two halves, so that all three share the baseline's runs.
  const { times, parts } = await timeTasks({
    runs,
    tasks: {
      open: async (mark: Mark) => {
        // Untimed: put back the crash state (the last open replayed and cut the journal).
        await fs.copyFile(path.join(crash, 'open.json'), file);
        await fs.copyFile(path.join(crash, 'open.json.journal'), `${file}.journal`);
        mark('setup');
        const store = await DatabaseFile.open({ file, backupDir, log: quiet, saveDelayMs: 1e9, maxSaveDelayMs: 1e9 });
        mark('open');
        await store.close();
      },
      text: () => readSnapshot(readFileSync(file), new Date()),
      copy: () => backups.add(file, new Date()),
      baseline: () => JSON.parse(readFileSync(file, 'utf8')),
    },
  });
  return [
    figure(
      {
        id: '2',
        name: 'Open, L',
        unit: 'ms',
        target: 'ratio ≤ 2',
        measures:
          'DatabaseFile.open with 1,000 journal records to replay (lock, read, JSON.parse, checksum of a file this build wrote instead of the zod restore, backup copy, replay) vs JSON.parse(readFileSync)',
      },
      parts.open.open ?? times.open,
      times.baseline,
      (_app, ratio) => ratio <= 2,
    ),
    figure(
      {
        id: '2a',
        name: '… of which read + parse + checksum',
        unit: 'ms',
        target: '—',
        measures: 'readSnapshot(readFileSync) vs JSON.parse(readFileSync)',
      },
      times.text,
      times.baseline,
      null,
    ),
    figure(
      {
        id: '2b',
        name: '… of which backup copy at open',
        unit: 'ms',
        target: '—',
        measures: 'BackupRotation.add (copy the file, prune to 10) vs JSON.parse(readFileSync)',
      },
      times.copy,
      times.baseline,
      null,
    ),
  ];
}
