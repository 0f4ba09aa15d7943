/**
 * Child process for the crash-safety test: opens the database file given as the only argument and
 * rewrites it in a tight loop until it is killed. Run with `node --import tsx crash-writer.ts <file>`.
 *
 * Protocol on stdout, one JSON object per line:
 *   {"ready":true,"notices":[…],"accounts":n}   after open
 *   {"saved":k}                                  after the first save, then after every 50th
 */
import { DatabaseFile } from '../../electron/store/database-file';
import type { Database } from '@shared/model/database';
import { makeLargeDatabase } from './factories';

const file = process.argv[2];
if (!file) {
  console.error('usage: crash-writer.ts <database file>');
  process.exit(2);
}

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const store = await DatabaseFile.open({ file, saveDelayMs: 0, maxSaveDelayMs: 0, log: () => undefined });
say({ ready: true, notices: store.notices, accounts: store.data.accounts.length });

let db: Database = store.data.accounts.length >= 200 ? store.data : makeLargeDatabase({ accounts: 200, contactsPerAccount: 3 });
const child = Number(process.env.CRASH_WRITER_CHILD ?? 0);

for (let k = 1; ; k++) {
  const i = k % db.accounts.length;
  db = {
    ...db,
    // A top-level key the schema does not know: kept by restore, so the parent can see progress.
    crashTest: { child, edits: k },
    accounts: db.accounts.map((a, j) =>
      // Text of varying length, so that consecutive files differ in size as well as content.
      j === i ? { ...a, notes: `child ${child} edit ${k} `.repeat(1 + (k % 40)), updatedAt: new Date().toISOString() } : a,
    ),
  } as Database;
  store.set(db);
  await store.flush();
  if (k === 1 || k % 50 === 0) say({ saved: k });
}
