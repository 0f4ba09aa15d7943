/**
 * Child process of the crash test (test/integration/crash-host.test.ts): opens the real services
 * on a data file as the browser host does, then edits through the API, one call after another,
 * until it is killed. Run with
 * `node --import tsx test/helpers/crash-editor.ts <data file> <seed> <child index> [--wait]`
 * (the test runs it bundled by Vite, as the host itself is built, which starts twice as fast);
 * with `--wait` it loads everything first and opens the file only when a line arrives on stdin,
 * so that the test can load the next children while earlier rounds run.
 *
 * Protocol on stdout, one JSON object per line, each written whole before the next call:
 *   {"loaded":true}   with `--wait`, once everything is loaded
 *   {"ready":true|false,"fatal":…,"notices":[…],"store":…,"accounts":n,"contacts":n}   after open
 *   {"try":k,"channel":"…","expect":{…}}   just before call k (what it would set, where known)
 *   {"ack":k,"channel":"…","expect":{…}}   after call k answered with data
 *   {"refused":k,"code":"…","message":"…"}   after call k answered with an error
 * A refused call gets no ack. `expect` maps slots to the plain value the call left there:
 *   name/<account>  deleted/<account>  notes/<account>  profile/<account>/<field>
 *   contact/<account>/<contact> (on the map: true/false)  contact/<account>/<contact>/<field>
 *   deal/<account>/<deal> (true/false)  deal/<account>/<deal>/<field>  settings/<key>
 * Setting `contact/a/c` or `deal/a/d` to false (removed) takes its fields with it.
 */
import { createInterface } from 'node:readline';
import type { StoreOptions } from '../../electron/store/database-file';
import { openServices } from '../../electron/services/index';
import type { Database } from '@shared/model/database';
import type { Account } from '@shared/model/account';
import type { Result } from '@shared/errors';
import { mulberry32, Rng } from './random';

export type Expect = Record<string, string | number | boolean | null>;

const [file, seedArg, indexArg] = process.argv.slice(2);
if (!file || !seedArg || !indexArg) {
  console.error('usage: crash-editor.ts <data file> <seed> <child index> [--wait]');
  process.exit(2);
}
const child = Number(indexArg);
const rng = new Rng(mulberry32(Number(seedArg)));

/** Enough accounts and contacts that a snapshot takes a while to write, few enough to keep rounds quick. */
const MAX_ACCOUNTS = 20;
const MAX_CONTACTS = 2400;
const BIG_BATCH = 200;
const T0 = '2024-05-01T08:00:00.000Z';

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

if (process.argv.includes('--wait')) {
  say({ loaded: true });
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
}

/**
 * The store's timing for this child: for about a third the app's own (a snapshot on open and after
 * a second of quiet), otherwise short delays, so that kills land in snapshot writes and journal
 * cuts too.
 */
const store: Omit<StoreOptions, 'file'> | undefined = rng.chance(0.3)
  ? undefined
  : { saveDelayMs: rng.pick([0, 0, 2, 10, 40]), maxSaveDelayMs: rng.pick([0, 15, 60, 200]) };

const services = await openServices({ dataFile: file, host: 'browser', osLocale: 'en-GB', version: '0.0.0-crash', ...(store && { store }) });
const status = services.status();
if (!status.ready) {
  say({ ready: false, fatal: status.fatal, notices: status.notices, store: store ?? 'default' });
  process.exit(3);
}

async function call(channel: string, input?: unknown): Promise<Result<unknown>> {
  return services.dispatch(channel, input);
}

/** What the child knows of the data: read once through the API, then kept up to date by its own edits. */
interface Known {
  id: string;
  deleted: boolean;
  contacts: string[];
  deals: string[];
}
const copied = await call('store:copy');
if ('error' in copied) throw new Error(`store:copy failed: ${copied.error.message}`);
const db = (JSON.parse((copied.data as { text: string }).text) as { data: Database }).data;
const accounts: Known[] = db.accounts.map((a) => ({ id: a.id, deleted: a.deletedAt !== null, contacts: a.contacts.map((c) => c.id), deals: a.deals.map((d) => d.id) }));
const contactCount = () => accounts.reduce((n, a) => n + a.contacts.length, 0);
say({ ready: true, notices: status.notices, store: store ?? 'default', accounts: accounts.length, contacts: contactCount() });

interface Edit {
  channel: string;
  input: unknown;
  /** What the call sets, as far as it is known before the answer. */
  expect: Expect;
  /** Runs on success: updates what the child knows and returns the full `expect`. */
  done?: (data: unknown) => Expect;
}

const live = () => accounts.filter((a) => !a.deleted);
const contact = (id: string, name: string, reportsToId: string | null, title = '') => ({ id, name, title, reportsToId, createdAt: T0, updatedAt: T0 });

function addContacts(a: Known, k: number, n: number): Edit {
  // A tree, as an org chart is: every contact but the first reports to an earlier one, eight to a boss.
  const ids = Array.from({ length: n }, (_, i) => `c${child}-${k}-${i}`);
  const contacts = ids.map((id, i) => contact(id, `Contact ${child}.${k}.${i}`, i === 0 ? null : (ids[Math.floor((i - 1) / 8)] as string), `Title ${i}`));
  const expect = Object.fromEntries(ids.map((id) => [`contact/${a.id}/${id}`, true]));
  return {
    channel: 'plan:apply',
    input: { accountId: a.id, commands: [{ type: 'addContacts', contacts }] },
    expect,
    done: () => {
      a.contacts.push(...ids);
      return expect;
    },
  };
}

/** A big removal takes the oldest (a batch's head goes with its reports); a small one the newest. */
function removeContacts(a: Known, n: number, oldest: boolean): Edit {
  const ids = oldest ? a.contacts.slice(0, n) : a.contacts.slice(-n);
  const expect = Object.fromEntries(ids.map((id) => [`contact/${a.id}/${id}`, false]));
  return {
    channel: 'plan:apply',
    input: { accountId: a.id, commands: [{ type: 'removeContacts', ids }] },
    expect,
    done: () => {
      a.contacts = a.contacts.filter((id) => !ids.includes(id));
      return expect;
    },
  };
}

function nextEdit(k: number): Edit {
  const tag = `${child}.${k}`;
  const some = live();
  if (some.length === 0 || (accounts.length < MAX_ACCOUNTS && rng.chance(0.08))) {
    const name = `Account ${tag}`;
    return {
      channel: 'account:create',
      input: { name },
      expect: {},
      done: (data) => {
        const { id } = data as Account;
        accounts.push({ id, deleted: false, contacts: [], deals: [] });
        return { [`name/${id}`]: name, [`deleted/${id}`]: false };
      },
    };
  }
  const a = rng.pick(some);
  const big = (): Edit => {
    const largest = [...some].sort((x, y) => y.contacts.length - x.contacts.length)[0] as Known;
    if (contactCount() + BIG_BATCH <= MAX_CONTACTS) return addContacts(a, k, BIG_BATCH);
    // Full: a big removal instead (contacts of deleted accounts stay; then just a small add).
    return largest.contacts.length > 0 ? removeContacts(largest, BIG_BATCH, true) : addContacts(a, k, 1);
  };
  // Each child starts with a big one now and then, so that the snapshot after open is a big write.
  if (k === 1 && rng.chance(0.4)) return big();
  return rng.weighted<Edit>([
    [12, () => ({ channel: 'account:rename', input: { id: a.id, name: `Renamed ${tag}` }, expect: { [`name/${a.id}`]: `Renamed ${tag}` } })],
    [
      14,
      () => {
        const field = rng.pick(['industry', 'region', 'owner', 'team', 'employees'] as const);
        const value = field === 'employees' ? child * 10_000 + k : `${field} ${tag}`;
        return { channel: 'account:update', input: { id: a.id, patch: { profile: { [field]: value } } }, expect: { [`profile/${a.id}/${field}`]: value } };
      },
    ],
    [
      4,
      () => {
        // Notes of very different lengths, so that records and snapshots change size.
        const notes = `notes ${tag} `.repeat(rng.between(1, 1500)).slice(0, 20_000);
        return { channel: 'account:update', input: { id: a.id, patch: { notes } }, expect: { [`notes/${a.id}`]: notes } };
      },
    ],
    [12, () => addContacts(a, k, rng.between(1, 3))],
    [4, big],
    [
      10,
      () => {
        if (a.contacts.length === 0) return addContacts(a, k, 1);
        const id = rng.pick(a.contacts);
        const title = `Title ${tag}`;
        return {
          channel: 'plan:apply',
          input: { accountId: a.id, commands: [{ type: 'updateContact', id, patch: { title } }] },
          expect: { [`contact/${a.id}/${id}/title`]: title },
        };
      },
    ],
    [4, () => (a.contacts.length === 0 ? addContacts(a, k, 2) : removeContacts(a, rng.between(1, 3), false))],
    [
      4,
      () => {
        const id = `d${child}-${k}`;
        const name = `Deal ${tag}`;
        const expect = { [`deal/${a.id}/${id}`]: true, [`deal/${a.id}/${id}/name`]: name };
        return {
          channel: 'plan:apply',
          input: { accountId: a.id, commands: [{ type: 'addDeal', deal: { id, name, createdAt: T0, updatedAt: T0 } }] },
          expect,
          done: () => {
            a.deals.push(id);
            return expect;
          },
        };
      },
    ],
    [
      3,
      () => {
        const id = a.deals.length > 0 ? rng.pick(a.deals) : null;
        if (id === null) return { channel: 'account:rename', input: { id: a.id, name: `Renamed ${tag}` }, expect: { [`name/${a.id}`]: `Renamed ${tag}` } };
        const value = child * 10_000 + k;
        return {
          channel: 'plan:apply',
          input: { accountId: a.id, commands: [{ type: 'updateDeal', id, patch: { value } }] },
          expect: { [`deal/${a.id}/${id}/value`]: value },
        };
      },
    ],
    [
      6,
      () => {
        const key = rng.pick(['staleAfterDays', 'dealIdleDays'] as const);
        const value = 1 + ((child * 7919 + k) % 3650);
        return { channel: 'settings:update', input: { [key]: value }, expect: { [`settings/${key}`]: value } };
      },
    ],
    [
      3,
      () => {
        if (some.length <= 3) return { channel: 'account:rename', input: { id: a.id, name: `Renamed ${tag}` }, expect: { [`name/${a.id}`]: `Renamed ${tag}` } };
        const expect = { [`deleted/${a.id}`]: true };
        return {
          channel: 'account:delete',
          input: { id: a.id },
          expect,
          done: () => {
            a.deleted = true;
            return expect;
          },
        };
      },
    ],
    [
      3,
      () => {
        const gone = accounts.filter((x) => x.deleted);
        if (gone.length === 0) return addContacts(a, k, 1);
        const b = rng.pick(gone);
        const expect = { [`deleted/${b.id}`]: false };
        return {
          channel: 'account:restore',
          input: { id: b.id },
          expect,
          done: () => {
            b.deleted = false;
            return expect;
          },
        };
      },
    ],
    [
      accounts.length < MAX_ACCOUNTS ? 1 : 0,
      () => ({
        channel: 'sample:load',
        input: { locale: rng.pick(['en', 'zh-CN'] as const) },
        expect: {},
        done: (data) => {
          const sample = data as Account;
          accounts.push({ id: sample.id, deleted: false, contacts: sample.contacts.map((c) => c.id), deals: sample.deals.map((d) => d.id) });
          return { [`name/${sample.id}`]: sample.name, [`deleted/${sample.id}`]: false };
        },
      }),
    ],
  ]);
}

for (let k = 1; ; k++) {
  const edit = nextEdit(k);
  say({ try: k, channel: edit.channel, expect: edit.expect });
  const result = await call(edit.channel, edit.input);
  if ('error' in result) {
    say({ refused: k, code: result.error.code, message: result.error.message.slice(0, 200) });
    continue;
  }
  say({ ack: k, channel: edit.channel, expect: edit.done ? edit.done(result.data) : edit.expect });
}
