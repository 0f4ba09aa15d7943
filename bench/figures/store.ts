import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BackupRotation } from '../../electron/store/backups';
import { DatabaseFile, readDatabaseText } from '../../electron/store/database-file';
import { APP_ID, type Database } from '@shared/model/database';
import { CURRENT_SCHEMA_VERSION } from '@shared/migrations/index';
import { figure, type Figure } from '../lib/report';
import { medians, timePair, timeTasks, type Mark } from '../lib/measure';

const quiet = () => undefined;

/** The file as DatabaseFile writes it. */
export function envelopeText(db: Database): string {
  return JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, app: APP_ID, savedAt: new Date().toISOString(), data: db });
}

/** One edit as the app makes it: a new account object, the other 199 shared. */
function renameFirstAccount(db: Database, n: number): Database {
  const [first, ...rest] = db.accounts;
  if (!first) return db;
  return { ...db, accounts: [{ ...first, name: `${first.name.replace(/ · edit \d+$/, '')} · edit ${n}`, updatedAt: new Date().toISOString() }, ...rest] };
}

/** Figure 1: save after one edit, portfolio L. */
export async function saveFigure(dir: string, lFile: string, runs: number): Promise<Figure> {
  const file = path.join(dir, 'save.json');
  await fs.copyFile(lFile, file);
  const store = await DatabaseFile.open({ file, backupDir: path.join(dir, 'save-backups'), log: quiet });
  const baselineFile = path.join(dir, 'save-baseline.json');
  let edits = 0;
  try {
    const result = await timePair({
      runs,
      app: async (mark) => {
        // set() only schedules; the save the user waits for is the flush.
        store.set(renameFirstAccount(store.data, ++edits));
        mark('set');
        await store.flush();
        mark('flush');
      },
      baseline: async () => {
        const text = envelopeText(store.data);
        const tmp = path.join(dir, '.save-baseline.json.tmp');
        await fs.writeFile(tmp, text, 'utf8');
        await fs.rename(tmp, baselineFile);
      },
    });
    const set = result.parts.set ?? [];
    // The figure is the flush alone, as the brief says; set() is reported in the parts.
    const flush = result.parts.flush ?? result.app;
    return figure(
      {
        id: '1',
        name: 'Save after one edit, L',
        unit: 'ms',
        target: 'ratio ≤ 1.2',
        measures: 'DatabaseFile.set(one edit) then flush() (timed: flush) vs JSON.stringify(envelope) + writeFile(tmp) + rename',
      },
      flush,
      result.baseline,
      (_app, ratio) => ratio <= 1.2,
      medians({ set, flush }),
    );
  } finally {
    await store.close();
  }
}

/** Figure 2 and its two halves: open portfolio L as the app does. */
export async function openFigures(dir: string, lFile: string, runs: number): Promise<Figure[]> {
  const file = path.join(dir, 'open.json');
  await fs.copyFile(lFile, file);
  const backupDir = path.join(dir, 'open-backups');
  const backups = new BackupRotation(path.join(dir, 'copy-backups'), 'open', 10);
  // One loop for the whole and its two halves, so that all three share the baseline's runs.
  const { times, parts } = await timeTasks({
    runs,
    tasks: {
      open: async (mark: Mark) => {
        const store = await DatabaseFile.open({ file, backupDir, log: quiet });
        mark('open');
        // Closing releases the lock for the next run; nothing is dirty, so nothing is written.
        await store.close();
      },
      text: () => readDatabaseText(readFileSync(file, 'utf8'), new Date()),
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
        measures: 'DatabaseFile.open (lock, read, JSON.parse, migrate, zod restore, backup copy) vs JSON.parse(readFileSync)',
      },
      parts.open.open ?? times.open,
      times.baseline,
      (_app, ratio) => ratio <= 2,
    ),
    figure(
      {
        id: '2a',
        name: '… of which read + parse + migrate + restore',
        unit: 'ms',
        target: '—',
        measures: 'readDatabaseText(readFileSync) vs JSON.parse(readFileSync)',
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
