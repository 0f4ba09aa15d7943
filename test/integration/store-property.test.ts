import fs from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { summarizeAccount } from '@shared/accounts';
import type { ApiErrorBody, Result } from '@shared/errors';
import { performPlanCommand, planCommandSchema } from '@shared/commands/plan-commands';
import { accountSchema, type Account } from '@shared/model/account';
import { settingsSchema, type Database } from '@shared/model/database';
import { checkAccountInvariants, describeViolations } from '@shared/model/invariants';
import { openServices, type Services } from '../../electron/services/index';
import { parseJournal } from '../../electron/store/journal';
import { readSnapshot, schemaFingerprint } from '../../electron/store/snapshot';
import { withoutUpdatedAt } from '../helpers/compare';
import { CallGenerator, PLAN_COMMAND_TYPES, type ApiCall } from '../helpers/random-commands';
import { mulberry32, Rng } from '../helpers/random';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * Issue #12: a save can never fail because of data that passed validation. Random API calls go
 * through the real handlers on a real file; after every call:
 * - accepted: every account holds together (`checkAccountInvariants` is empty: the generator's
 *   accounts start clean, so any violation is one the store let in), the touched records are a
 *   fixed point of the model's restore, the journal grew by one record, the answer is what the
 *   store now holds (for `plan:apply`, also what the same commands give in the renderer), and a
 *   hostile input was not among them;
 * - refused: the code is VALIDATION, NOT_FOUND or INVARIANT (never INTERNAL or SAVE_FAILED;
 *   hostile inputs VALIDATION), and the whole database is byte for byte as it was;
 * - never refused: a removal of records that exist (its cascade must mend every reference), and
 *   the undo of an accepted `plan:apply`, which must give the account back as it was.
 * Every block of calls ends in a save and an open, which must give back the same database, in
 * turn: by the checksummed fast path, by the full migrate + restore (the checksum defeated), and
 * by replaying the journal onto an older data file (files copied aside mid-session, as a crash
 * leaves them; and once more onto a data file that holds those records already). The read
 * channels must answer on every state reached, and an account's Excel export must preview.
 *
 * `PROPERTY_SEED=<n>` replays one seed (a failure prints it, with the call and its answer);
 * `PROPERTY_CALLS=<n>` sets the calls per seed (default 1,000); `PROPERTY_VERBOSE=1` prints what
 * was covered and why calls were refused. Ids and times the store makes are from a counter and a
 * clock of the test's, so that one seed is the same run every time (the Excel import's new ids
 * aside: the handlers draw those themselves).
 */

const envSeed = process.env.PROPERTY_SEED;
const SEEDS = envSeed ? [Number(envSeed)] : [20_241, 7, 90_210];
const CALLS = Number(process.env.PROPERTY_CALLS ?? 1000);
const BLOCK = 100;
const ALLOWED_REFUSALS = new Set(['VALIDATION', 'NOT_FOUND', 'INVARIANT']);

const newTempDir = useTempDirs('account-planner-property-');

/** What the store holds, read through `store:copy`: the data file it would write now. */
interface Held {
  /** The exact text of `data`: equal texts, equal databases. */
  dataText: string;
  db: Database;
  seq: number;
  device: string;
}

async function dispatch(services: Services, channel: string, input?: unknown): Promise<Result<unknown>> {
  return services.dispatch(channel, input);
}

/** `previous`: the last state read, whose parsed database is reused when the text is the same. */
async function held(services: Services, previous?: Held): Promise<Held> {
  const r = (await dispatch(services, 'store:copy')) as Result<{ text: string }>;
  if ('error' in r) throw new Error(`store:copy failed: ${r.error.code} ${r.error.message}`);
  const { text } = r.data;
  const at = text.indexOf(',"data":');
  const header = JSON.parse(`${text.slice(0, at)}}`) as { journal: { seq: number; device: string } };
  const dataText = text.slice(at + ',"data":'.length, -1);
  const db = previous?.dataText === dataText ? previous.db : (JSON.parse(dataText) as Database);
  return { dataText, db, seq: header.journal.seq, device: header.journal.device };
}

const short = (value: unknown, max = 1500): string => {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 120 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? String(value);
  } catch (e) {
    text = `(not serialisable: ${String(e)})`;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

/** Counts per label and tag, to show what a run covered and to check that it covered enough. */
class Coverage {
  readonly ok = new Map<string, number>();
  readonly refused = new Map<string, number>();
  readonly codes = new Map<string, number>();
  /** Refusal messages with ids and numbers blanked, to see what the generator trips over. */
  readonly reasons = new Map<string, number>();
  private bump(map: Map<string, number>, key: string) {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  note(reason: string) {
    this.bump(this.reasons, reason);
  }
  add(call: ApiCall, error: ApiErrorBody | null) {
    const keys = [call.label, ...call.tags.map((t) => `${call.label}/${t}`)];
    for (const k of new Set(keys)) this.bump(error ? this.refused : this.ok, k);
    if (error) {
      this.bump(this.codes, error.code);
      this.bump(this.reasons, `${error.code} ${error.message.replace(/“[^”]*”|\S*\d\S*/g, '#').slice(0, 110)}`);
    }
  }
  table(): string {
    const keys = [...new Set([...this.ok.keys(), ...this.refused.keys()])].sort();
    const rows = keys.map((k) => `${k.padEnd(44)} ok ${String(this.ok.get(k) ?? 0).padStart(5)}  refused ${String(this.refused.get(k) ?? 0).padStart(5)}`);
    const reasons = [...this.reasons].sort((x, y) => y[1] - x[1]).map(([r, n]) => `${String(n).padStart(5)}  ${r}`);
    return [...rows, '', 'refused because:', ...reasons].join('\n');
  }
}

interface Run {
  seed: number;
  dir: string;
  dataFile: string;
  clock: { ms: number };
  /** Server-side ids: one sequence for the whole run, so that reopening never repeats one. */
  ids: { n: number };
  logs: string[];
}

function open(run: Run, dataFile = run.dataFile, { slow = false } = {}): Promise<Services> {
  return openServices({
    dataFile,
    host: 'browser',
    osLocale: 'en',
    version: 'test',
    // slow: no snapshot until close, so every edit of the block waits in the journal.
    store: {
      saveDelayMs: slow ? 1e9 : 0,
      maxSaveDelayMs: slow ? 1e9 : 0,
      now: () => new Date(run.clock.ms),
      newId: () => `srv-${run.seed}-${++run.ids.n}`,
    },
    log: (m, e) => run.logs.push(`${m} ${e instanceof Error ? (e.stack ?? e.message) : e ? String(e) : ''}`),
  });
}

class PropertyFailure extends Error {}

/** Checks one call's outcome against the state before and after it; throws what is wrong. */
function checkCall(call: ApiCall, result: Result<unknown>, before: Held, after: Held): void {
  const fail = (why: string) => {
    throw new PropertyFailure(why);
  };
  if ('error' in result) {
    const { code } = result.error;
    if (call.mustAccept) fail(`refused with ${code}, but ${call.restores ? 'the undo of an accepted call' : 'a removal of records that exist'} must be accepted: ${result.error.message}`);
    if (!ALLOWED_REFUSALS.has(code)) fail(`refused with ${code}, which data that passed validation must never cause: ${result.error.message}`);
    if (call.hostile && code !== 'VALIDATION') fail(`hostile input refused with ${code}, not VALIDATION: ${result.error.message}`);
    if (after.seq !== before.seq) fail(`refused (${code}), yet the journal moved from ${before.seq} to ${after.seq}`);
    if (after.dataText !== before.dataText) fail(`refused (${code}: ${result.error.message}), yet the data changed`);
    return;
  }
  if (call.hostile) fail('a hostile input was accepted');
  if (after.seq !== before.seq + 1) fail(`accepted, but the journal moved from ${before.seq} to ${after.seq} (one record per edit)`);
  const { db } = after;
  for (const a of db.accounts) {
    const violations = checkAccountInvariants(a, db.settings);
    if (violations.length) fail(`accepted, and account ${a.id} now breaks its invariants: ${describeViolations(violations, 5)}`);
  }
  // The touched records must come back unchanged from the restore a foreign file goes through.
  const known = new Set(before.db.accounts.map((a) => a.id));
  const fixedPoint = (what: string, schema: { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => {
    const r = schema.safeParse(value);
    if (!r.success) fail(`accepted, and ${what} no longer passes its schema (a full restore would refuse the file): ${r.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`);
    else if (!isDeepStrictEqual(r.data, value)) fail(`accepted, and ${what} is not a fixed point of its schema (a full restore changes it): ${firstDifference(value, r.data)}`);
  };
  for (const a of db.accounts) if (a.id === call.accountId || !known.has(a.id)) fixedPoint(`account ${a.id}`, accountSchema, a);
  fixedPoint('the settings', settingsSchema, db.settings);
  // The answer is what the store keeps.
  const data = JSON.parse(JSON.stringify(result.data)) as Record<string, unknown>;
  const byId = (id: unknown) => db.accounts.find((a) => a.id === id) as Account;
  switch (call.channel) {
    case 'account:create':
    case 'account:update':
    case 'sample:load':
      if (!isDeepStrictEqual(data, byId(data.id))) fail(`${call.channel} answered an account that differs from the stored one`);
      break;
    case 'account:rename':
    case 'account:delete':
    case 'account:restore':
    case 'account:replace':
      if (!isDeepStrictEqual(data, summarizeAccount(byId(data.id)))) fail(`${call.channel} answered a summary that differs from the stored account`);
      break;
    case 'settings:update':
      if (!isDeepStrictEqual(data, db.settings)) fail('settings:update answered settings that differ from the stored ones');
      break;
    case 'excel:apply': {
      const { after: imported } = data as { after: Account[] };
      for (const a of imported) {
        if (!isDeepStrictEqual(a, byId(a.id))) fail('excel:apply answered an account that differs from the stored one');
        fixedPoint(`imported account ${a.id}`, accountSchema, byId(a.id));
      }
      break;
    }
    case 'plan:apply': {
      const stored = byId(call.accountId);
      if (data.updatedAt !== stored.updatedAt) fail('plan:apply answered an updatedAt that differs from the stored account');
      // The renderer runs the same commands on its copy for instant feedback: both must agree.
      const { commands } = call.input as { commands: unknown[] };
      let local = before.db.accounts.find((a) => a.id === call.accountId) as Account;
      for (const cmd of commands) local = performPlanCommand(local, planCommandSchema.parse(cmd), stored.updatedAt).account;
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(local)), stored)) fail('the store kept an account other than the one the same commands give in the renderer');
      if (call.restores && !isDeepStrictEqual(withoutUpdatedAt(stored), withoutUpdatedAt(call.restores))) {
        fail(`the undo was accepted but did not give back the account as it was: ${firstDifference(withoutUpdatedAt(call.restores), withoutUpdatedAt(stored))}`);
      }
      break;
    }
  }
}

/** Where two plain values first differ, as a path and both values. */
function firstDifference(expected: unknown, actual: unknown, at = ''): string {
  if (isDeepStrictEqual(expected, actual)) return '';
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const k of keys) {
      const d = firstDifference((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at || 'top level'}: expected ${short(expected, 300)}, got ${short(actual, 300)}`;
}

/** The read channels must answer on every state the store accepted. */
async function checkReads(services: Services, db: Database, now: string): Promise<void> {
  const reads: [string, unknown][] = [
    ['account:list', undefined],
    ['settings:get', undefined],
    ['pipeline:list', { now }],
    ['pipeline:overdue', { today: now.slice(0, 10) }],
    ['portfolio:list', { now }],
    ['store:status', undefined],
    ...db.accounts.slice(0, 5).map((a): [string, unknown] => ['account:get', { id: a.id }]),
  ];
  for (const [channel, input] of reads) {
    const r = await dispatch(services, channel, input);
    if ('error' in r && !(channel === 'account:get' && r.error.code === 'NOT_FOUND')) {
      throw new PropertyFailure(`${channel} failed on an accepted state: ${r.error.code} ${r.error.message}`);
    }
  }
  const status = (await dispatch(services, 'store:status')) as { data: { state: string; problem: unknown } };
  if (status.data.state !== 'saved') throw new PropertyFailure(`the save status is ${status.data.state}: ${short(status.data.problem)}`);
}

/**
 * Exports an account and previews its workbook for import: the token to apply, or null when the
 * preview found problems (counted, not a failure: the reader may refuse what it cannot map back).
 * An export or preview of accepted data must never fail otherwise.
 */
async function excelPreview(services: Services, excel: NonNullable<ApiCall['excel']>, coverage: Coverage): Promise<string | null> {
  const exported = (await dispatch(services, 'excel:export', { scope: 'account', accountId: excel.from, locale: excel.locale })) as Result<{ base64: string; fileName: string }>;
  if ('error' in exported) throw new PropertyFailure(`excel:export of an accepted account failed: ${exported.error.code} ${exported.error.message}`);
  const preview = (await dispatch(services, 'excel:preview', {
    fileName: exported.data.fileName,
    base64: exported.data.base64,
    accountId: excel.into,
    locale: excel.locale,
  })) as Result<{ token: string | null; problems: { message: string }[] }>;
  if ('error' in preview) throw new PropertyFailure(`excel:preview of the app's own export failed: ${preview.error.code} ${preview.error.message}`);
  if (preview.data.token === null) {
    coverage.note(`excel:preview problems: ${preview.data.problems.map((p) => p.message).join('; ').slice(0, 200)}`);
    return null;
  }
  return preview.data.token;
}

/** Opens `dataFile` and checks that it holds exactly `expected`, with no notice (nothing damaged, nothing migrated). */
async function expectReopened(run: Run, expected: Held, how: string, dataFile = run.dataFile): Promise<Services> {
  const services = await open(run, dataFile);
  const status = services.status();
  if (!status.ready) throw new PropertyFailure(`${how}: the database did not open: ${short(status.fatal)}`);
  if (status.notices.length) throw new PropertyFailure(`${how}: opened with notices ${short(status.notices)}`);
  const got = await held(services);
  if (got.seq !== expected.seq || got.device !== expected.device) {
    throw new PropertyFailure(`${how}: reopened at journal ${got.seq}/${got.device}, expected ${expected.seq}/${expected.device}`);
  }
  if (got.dataText !== expected.dataText) {
    // Key order is not meaning: only a difference in values fails.
    try {
      expect(got.db).toEqual(expected.db);
    } catch (e) {
      throw new PropertyFailure(`${how}: the reopened database differs from the one saved\n${(e as Error).message.slice(0, 4000)}`);
    }
  }
  return services;
}

async function runSeed(seed: number, calls: number): Promise<Coverage> {
  const dir = await newTempDir();
  const run: Run = { seed, dir, dataFile: path.join(dir, 'planner.json'), clock: { ms: Date.parse('2026-03-02T08:00:00.000Z') }, ids: { n: 0 }, logs: [] };
  const gen = new CallGenerator(new Rng(mulberry32(seed)), `s${seed}`);
  const coverage = new Coverage();
  const blocks = Math.ceil(calls / BLOCK);
  let services = await open(run);
  let state = await held(services);
  let index = 0;
  let current: { call: ApiCall; result?: Result<unknown> } | null = null;
  let pending: ApiCall | null = null;
  const timing = { gen: 0, dispatch: 0, held: 0, check: 0 };

  const report = (e: unknown): never => {
    const where = current
      ? `call #${index} (${current.call.label}${current.call.tags.length ? ` ${current.call.tags.join(',')}` : ''}) ${current.call.channel}\n  input:  ${short(current.call.input)}\n  answer: ${short(current.result)}`
      : `after call #${index}`;
    const logs = run.logs.length ? `\n  store log:\n    ${run.logs.slice(-5).join('\n    ').slice(0, 3000)}` : '';
    throw new Error(`Property failed — replay with PROPERTY_SEED=${seed}${calls !== 1000 ? ` PROPERTY_CALLS=${calls}` : ''}\n  ${where}\n  ${(e as Error).message}${logs}`, { cause: e });
  };

  try {
    for (let b = 0; b < blocks; b++) {
      // Every third block keeps its edits in the journal only, to be replayed from copies.
      const replayBlock = b % 3 === 2;
      if (replayBlock) {
        await services.close();
        services = await open(run, run.dataFile, { slow: true });
      }
      const end = Math.min(calls, (b + 1) * BLOCK);
      for (; index < end; index++) {
        run.clock.ms += 1000;
        const now = new Date(run.clock.ms).toISOString();
        let t = performance.now();
        // account:replace sends back an account as account:get answered it (in-process: the store's own object).
        const live = new Map<string, Account>();
        for (const a of state.db.accounts) {
          if (a.deletedAt !== null) continue;
          const r = await dispatch(services, 'account:get', { id: a.id });
          if ('error' in r) throw new PropertyFailure(`account:get of the live account ${a.id} failed: ${r.error.code} ${r.error.message}`);
          live.set(a.id, r.data as Account);
        }
        current = { call: pending ?? gen.next(state.db, now, live) };
        pending = null;
        timing.gen += performance.now() - t;
        t = performance.now();
        try {
          if (current.call.excel) {
            const token = await excelPreview(services, current.call.excel, coverage);
            if (token === null) {
              current = null;
              continue;
            }
            current.call.input = { token };
          }
          current.result = await dispatch(services, current.call.channel, current.call.input);
        } catch (e) {
          if (e instanceof PropertyFailure) throw e;
          throw new PropertyFailure(`dispatch threw instead of answering: ${(e as Error).stack ?? String(e)}`);
        }
        timing.dispatch += performance.now() - t;
        t = performance.now();
        const after = await held(services, state);
        timing.held += performance.now() - t;
        t = performance.now();
        checkCall(current.call, current.result, state, after);
        timing.check += performance.now() - t;
        coverage.add(current.call, 'error' in current.result ? current.result.error : null);
        // Now and then the next call takes this one back, as the renderer's undo does.
        const taken = current.call;
        if (!('error' in current.result) && taken.channel === 'plan:apply' && !taken.restores && gen.rng.chance(0.3)) {
          const before = state.db.accounts.find((a) => a.id === taken.accountId) as Account;
          pending = gen.undoOf(before, (taken.input as { commands: unknown[] }).commands, after.db.accounts.find((a) => a.id === taken.accountId)?.updatedAt as string);
        }
        state = after;
      }
      current = null;
      const now = new Date(run.clock.ms).toISOString();
      await checkReads(services, state.db, now);

      if (replayBlock) {
        // A crash now: the data file is from the block's start and the journal holds the rest.
        const unsaved = services.saveStatus().unsnapshotted;
        const crashDir = path.join(dir, `crash-${b}`);
        await fs.mkdir(crashDir);
        const copy = path.join(crashDir, 'planner.json');
        await fs.copyFile(run.dataFile, copy);
        await fs.copyFile(`${run.dataFile}.journal`, `${copy}.journal`);
        const journalBytes = await fs.readFile(`${copy}.journal`);
        const journal = parseJournal(journalBytes);
        if (journal.state !== 'clean' || journal.records.length !== unsaved) {
          throw new PropertyFailure(`the journal should hold the block's ${unsaved} edits cleanly, but holds ${journal.records.length} (${journal.state})`);
        }
        const replayed = await expectReopened(run, state, `replaying ${unsaved} journal records onto the block's first data file`, copy);
        await replayed.close();
        // A crash after the data file was rewritten but before the journal was cut back: every record is old.
        await services.flush();
        const uncutDir = path.join(dir, `uncut-${b}`);
        await fs.mkdir(uncutDir);
        await fs.copyFile(run.dataFile, path.join(uncutDir, 'planner.json'));
        await fs.writeFile(path.join(uncutDir, 'planner.json.journal'), journalBytes);
        const skipped = await expectReopened(run, state, `skipping ${unsaved} journal records the data file holds already`, path.join(uncutDir, 'planner.json'));
        await skipped.close();
        await services.close();
        services = await expectReopened(run, state, 'reopening after the replay block');
      } else if (b % 3 === 1) {
        // The full restore a foreign or older file goes through: the checksum's fast path defeated.
        await services.flush();
        await services.close();
        const bytes = await fs.readFile(run.dataFile);
        if (!readSnapshot(bytes, new Date(run.clock.ms)).trusted) throw new PropertyFailure('a data file this build wrote did not take the checksum fast path');
        const text = bytes.toString('utf8');
        const defeated = Buffer.from(text.replace(`"writer":"${schemaFingerprint()}"`, '"writer":"another-build"'), 'utf8');
        if (readSnapshot(defeated, new Date(run.clock.ms)).trusted) throw new PropertyFailure('the edited file still took the fast path');
        await fs.writeFile(run.dataFile, defeated);
        services = await expectReopened(run, state, 'reopening through migrate + restoreDatabase');
      } else {
        await services.flush();
        await services.close();
        services = await expectReopened(run, state, 'reopening the flushed data file');
      }
    }
    // And once more at the end, through both paths.
    await services.flush();
    await services.close();
    services = await expectReopened(run, state, 'the final reopen');
    await services.close();
    const text = (await fs.readFile(run.dataFile, 'utf8')).replace(`"writer":"${schemaFingerprint()}"`, '"writer":"another-build"');
    await fs.writeFile(run.dataFile, text);
    services = await expectReopened(run, state, 'the final reopen through restoreDatabase');
  } catch (e) {
    await services.close().catch(() => undefined);
    report(e);
  }
  await services.close();
  const size = state.dataText.length;
  console.log(`seed ${seed}: ${calls} calls, ${state.db.accounts.length} accounts, ${(size / 1024).toFixed(0)} KB, journal seq ${state.seq}, refusals ${short(Object.fromEntries(coverage.codes))}`);
  if (process.env.PROPERTY_VERBOSE) console.log(`${coverage.table()}\n\nms: ${short(Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])))}`);
  return coverage;
}

describe('store property: random API calls through the real handlers', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${CALLS} calls keep every account whole and survive save → open unchanged`, async () => {
      const coverage = await runSeed(seed, CALLS);
      // A generator that stopped reaching a channel or a command would make this test pass for nothing.
      if (CALLS >= 1000) {
        const missing = [
          ...['account:create', 'account:rename', 'account:update', 'account:delete', 'account:restore', 'account:replace', 'settings:update', 'plan:apply', 'removal', 'undo', 'excel:import'].filter(
            (c) => !coverage.ok.get(c),
          ),
          ...PLAN_COMMAND_TYPES.filter((t) => !coverage.ok.get(`plan:apply/${t}`)).map((t) => `plan:apply/${t}`),
        ];
        expect(missing, 'accepted at least once').toEqual([]);
        expect([...coverage.codes.keys()].sort(), 'refusal codes seen').toEqual(['INVARIANT', 'NOT_FOUND', 'VALIDATION']);
      }
      // About 15 s for 1,000 calls on two busy cores; room for a slower machine and longer runs.
    }, Math.max(120_000, CALLS * 120));
  }
});
