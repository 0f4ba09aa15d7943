import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '@shared/api/channels';
import { contract } from '@shared/api/contract';
import type { Result } from '@shared/errors';
import { performPlanCommand, type PlanCommand } from '@shared/commands/plan-commands';
import { pasteCommand } from '@shared/commands/clipboard';
import { migrateToCurrent } from '@shared/migrations/index';
import { accountSchema } from '@shared/model/account';
import { restoreDatabase } from '@shared/model/database';
import { buildSampleAccount, sampleProductLines } from '@shared/sample/hemei';
import { createDispatcher, inputSchemaOf, type HandlerTable } from '../../../electron/api/dispatch';
import { checkInputShape, DEFAULT_INPUT_LIMITS, inputLimitsFor, TEXT_BYTES_BY_CHANNEL } from '../../../electron/api/input-guard';
import { DEFAULT_MAX_BODY_BYTES, LARGE_BODY_CHANNELS } from '../../../electron/host/server';
import { FIXED_NOW as T0, makeCtx } from '../../helpers/factories';
import { generatePortfolioOf } from '../../helpers/generate';

type Calls = { channel: Channel; input: unknown }[];

/** Handlers that record what reached them and answer with it. */
function echoHandlers(calls: Calls): HandlerTable {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (input: unknown) => {
        calls.push({ channel, input });
        return input;
      },
    ]),
  ) as unknown as HandlerTable;
}

function setup() {
  const calls: Calls = [];
  const dispatch = createDispatcher(echoHandlers(calls));
  const refused = async (channel: string, input: unknown) => {
    const r = await dispatch(channel, input);
    if (!('error' in r)) throw new Error(`${channel} should have been refused`);
    expect(r.error.code).toBe('VALIDATION');
    expect(calls).toEqual([]);
    return r.error.message;
  };
  const passed = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = (await dispatch(channel, input)) as Result<T>;
    if ('error' in r) throw new Error(`${channel} refused: ${r.error.message}`);
    return r.data;
  };
  return { calls, dispatch, refused, passed };
}

/** `{ x: { x: … } }`, `depth` objects deep, built without recursion. */
function nestedObjects(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { x: v };
  return v;
}

const ctx = makeCtx(T0);
const sample = accountSchema.parse(buildSampleAccount(ctx, 'zh-CN', sampleProductLines(ctx, 'zh-CN', [])));
const v0 = restoreDatabase(
  migrateToCurrent(JSON.parse(readFileSync(new URL('../../fixtures/db/v0-prototype.json', import.meta.url), 'utf8')), { now: T0 }).data,
);
/** 和美 from the v0 prototype file: its buyer carries `wechat`, a key this version does not know. */
const hemeiV0 = v0.accounts.find((a) => a.id === 'acc-hemei') as (typeof v0.accounts)[number];

describe('the input guard', () => {
  it('refuses nesting 100,000 deep without overflowing the stack, naming the limit and where', async () => {
    const { refused } = setup();
    const message = await refused('account:update', { id: 'a', patch: { profile: nestedObjects(100_000) } });
    expect(message).toMatch(/^Invalid input for account:update: nested more than 64 levels deep, the most the API takes \(at patch\.profile\.x\.x\.x/);
    let list: unknown[] = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(await refused('account:replace', { account: { ...sample, extra: list } })).toMatch(/64 levels/);
    // A batch of batches 100,000 deep would overflow zod's own recursion.
    let cmd: PlanCommand = { type: 'removeContacts', ids: ['c'] };
    for (let i = 0; i < 100_000; i++) cmd = { type: 'batch', commands: [cmd] };
    expect(await refused('plan:apply', { accountId: 'a', commands: [cmd] })).toMatch(/64 levels/);
  });

  it('takes 64 levels and refuses 65', () => {
    expect(checkInputShape(nestedObjects(64))).toBeNull();
    expect(checkInputShape(nestedObjects(65))).toMatch(/more than 64 levels/);
    expect(DEFAULT_INPUT_LIMITS.depth).toBe(64);
  });

  it('refuses an input that reaches itself (structured clone keeps cycles)', async () => {
    const { refused } = setup();
    const looped: Record<string, unknown> = { id: 'x' };
    looped.self = looped;
    expect(await refused('account:replace', { account: { ...sample, looped } })).toMatch(/64 levels/);
  });

  it('refuses 10 MB of text over IPC, where no body limit applies, saying which limit', async () => {
    const { refused } = setup();
    expect(await refused('account:create', { name: 'x'.repeat(10_000_000) })).toBe(
      `Invalid input for account:create: its text adds up to more than ${5 * 1024 * 1024} bytes, the most the API takes in one call`,
    );
    // Counted in UTF-8 bytes: 2 million Chinese characters are 6 MB.
    expect(await refused('account:create', { name: '中'.repeat(2_000_000) })).toMatch(/more than 5242880 bytes/);
    // Each text within its own bound, but together too much: unknown keys of a stored record.
    const padded = { ...sample, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`old${i}`, 'x'.repeat(20_000)])) };
    expect(await refused('account:replace', { account: padded })).toMatch(/more than 5242880 bytes/);
  });

  it('keeps the workbook of excel:preview allowed up to the host’s 72 MiB, and the map picture of excel:export', async () => {
    const { calls, dispatch, refused } = setup();
    const base64 = 'A'.repeat(74_000_000);
    const r = await dispatch('excel:preview', { fileName: 'big.xlsx', base64, accountId: null });
    expect('error' in r ? r.error.message : 'passed').toBe('passed');
    expect(calls).toHaveLength(1);
    calls.length = 0;
    expect(await refused('excel:preview', { fileName: 'big.xlsx', base64: `${base64}${'A'.repeat(2_000_000)}`, accountId: null })).toMatch(
      /more than 75497472 bytes/,
    );
    const image = { base64: 'A'.repeat(30_000_000), width: 8000, height: 8000 };
    expect(await dispatch('excel:export', { scope: 'account', accountId: 'a', locale: 'en', image })).toHaveProperty('data');
  });

  it('uses the browser host’s body limits, so that both doors take the same inputs', () => {
    expect(DEFAULT_INPUT_LIMITS.textBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(TEXT_BYTES_BY_CHANNEL['excel:preview']).toBe(LARGE_BODY_CHANNELS['excel:preview']);
    expect(inputLimitsFor('account:replace').textBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    // The picture's own bound in the contract fits in what the guard lets through for excel:export.
    expect(inputLimitsFor('excel:export').textBytes).toBeGreaterThan(40_000_000);
    // …and the host's body limit for it holds that much text with room for the JSON around it.
    expect(LARGE_BODY_CHANNELS['excel:export']).toBeGreaterThan(inputLimitsFor('excel:export').textBytes);
  });

  it('refuses more than a million values', async () => {
    const { refused } = setup();
    const message = await refused('account:replace', { account: { ...sample, old: new Array(1_000_001).fill(0) } });
    expect(message).toMatch(/more than 1000000 values/);
  });

  it('answers, and does not throw, for a very wide object under an unknown key', async () => {
    const { dispatch } = setup();
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [i.toString(36), 0]));
    expect(await dispatch('account:replace', { account: { ...sample, wide } })).toHaveProperty('data');
    expect(await dispatch('account:replace', { account: { ...sample, wide: { list: Object.values(wide) } } })).toMatchObject({
      error: { code: 'VALIDATION', message: 'Invalid input for account:replace: account.wide: holds a list of over 10000 items, the most the API takes' },
    });
  });

  it('refuses long keys and keys that reach the prototype', async () => {
    const { refused } = setup();
    expect(await refused('account:update', { id: 'a', patch: { ['k'.repeat(300)]: 1 } })).toMatch(/^Invalid input for account:update: patch: a key of more than 256 characters/);
    const polluted = JSON.parse(`{ "account": { "id": "a", "name": "Acme", "createdAt": "${T0}", "updatedAt": "${T0}", "__proto__": { "deletedAt": "${T0}" } } }`) as unknown;
    expect(await refused('account:replace', polluted)).toMatch(/account: the key “__proto__” is not allowed/);
    expect(await refused('account:replace', { account: { ...sample, constructor: 1 } })).toMatch(/the key “constructor” is not allowed/);
  });

  it('refuses what JSON cannot write: Map, Date, BigInt, class instances', async () => {
    const { refused, passed } = setup();
    expect(await refused('plan:apply', { accountId: 'a', commands: [{ type: 'removeContacts', ids: new Map() }] })).toMatch(
      /commands\.0\.ids: not plain data \(a Map\)$/,
    );
    expect(await refused('account:replace', { account: { ...sample, seen: new Date() } })).toMatch(/account\.seen: not plain data \(a Date\)/);
    expect(await refused('account:replace', { account: { ...sample, big: 1n } })).toMatch(/account\.big: not plain data \(a bigint\)/);
    class Thing {
      name = 'Acme';
    }
    expect(await refused('account:create', new Thing())).toMatch(/input: not plain data \(a Thing\)/);
    expect(await refused('account:create', Symbol('x'))).toMatch(/input: not plain data \(a symbol\)/);
    // An object without a prototype is plain data.
    const bare = Object.assign(Object.create(null) as object, { name: 'Acme' });
    expect(await passed('account:create', bare)).toEqual({ name: 'Acme' });
  });
});

describe('the dispatcher parses every channel with the strict derivative of its contract schema', () => {
  it('names the path of an unknown key', async () => {
    const { refused } = setup();
    expect(await refused('account:update', { id: 'a', patch: { profile: { industry: 'Feed', x: 1 } } })).toBe(
      'Invalid input for account:update: patch.profile: unknown key “x”',
    );
    expect(await refused('account:update', { id: 'a', patch: { profile: { x: 1, y: 2 } } })).toBe(
      'Invalid input for account:update: patch.profile: unknown keys “x”, “y”',
    );
    const nested = { type: 'batch', commands: [{ type: 'updateDeal', id: 'd', patch: { spin: {}, x: 1 } }] };
    expect(await refused('plan:apply', { accountId: 'a', commands: [nested] })).toBe(
      'Invalid input for plan:apply: commands.0.commands.0.patch: unknown key “x”',
    );
    expect(await refused('plan:apply', { accountId: 'a', commands: [{ type: 'batch', commands: [{ type: 'moveContacts', moves: [] }] }] })).toMatch(
      /commands\.0\.commands\.0\.moves: /,
    );
  });

  it('refuses an unknown top-level key on every channel', async () => {
    for (const channel of CHANNELS) {
      const { refused } = setup();
      const input = channel === 'excel:export' ? { scope: 'template', locale: 'en', zzz: 1 } : { zzz: 1 };
      expect(await refused(channel, input), channel).toMatch(/input: unknown key “zzz”/);
      expect(inputSchemaOf(channel)).not.toBe(contract[channel].input);
    }
  });

  it('bounds a string the contract leaves unbounded', async () => {
    const { refused } = setup();
    const mapping = ['x'.repeat(20_001)];
    expect(await refused('excel:preview', { fileName: 'a.xlsx', base64: 'AAAA', accountId: null, mapping })).toBe(
      'Invalid input for excel:preview: mapping.0: at most 20000 characters',
    );
  });

  it('refuses a list over its bound', async () => {
    const { refused } = setup();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
    expect(await refused('plan:apply', { accountId: 'a', commands: [{ type: 'removeContacts', ids: ids(5001) }] })).toMatch(/commands\.0\.ids/);
    const contacts = Array.from({ length: 10_001 }, (_, i) => ({ id: `c${i}`, createdAt: T0, updatedAt: T0 }));
    expect(await refused('account:replace', { account: { ...sample, contacts } })).toMatch(/account\.contacts: a list of at most 10000 items/);
    const moves = Array.from({ length: 1001 }, () => ({ type: 'moveContacts', moves: [{ id: 'c', position: null }] }));
    expect(await refused('plan:apply', { accountId: 'a', commands: moves })).toMatch(/^Invalid input for plan:apply: commands: /);
  });
});

describe('legitimate inputs still pass', () => {
  it('the sample account through account:replace, as account:get returns it', async () => {
    const { passed } = setup();
    expect(await passed('account:replace', { account: sample })).toEqual({ account: sample });
  });

  it('a 2,000-contact account through account:replace', async () => {
    const { passed } = setup();
    const big = generatePortfolioOf({ accounts: 1, contacts: 2000, deals: 400, activities: 2000 }, 3).accounts[0];
    expect(big?.contacts).toHaveLength(2000);
    expect(await passed('account:replace', { account: big })).toEqual({ account: big });
  });

  it('a plan:apply of 1000 commands of every kind the map sends', async () => {
    const { passed } = setup();
    const kinds = (i: number): PlanCommand => {
      const id = `c${i}`;
      switch (i % 5) {
        case 0:
          return { type: 'addContacts', contacts: [{ ...sample.contacts[0]!, id }] };
        case 1:
          return { type: 'updateContact', id, patch: { name: `Contact ${i}`, stars: 3, profile: { ...sample.contacts[0]!.profile, hobbies: 'golf' } } };
        case 2:
          return { type: 'moveContacts', moves: [{ id, position: { x: i, y: -i } }] };
        case 3:
          return { type: 'batch', commands: [{ type: 'removeLines', ids: [`l${i}`] }, { type: 'removeContacts', ids: [id] }] };
        default:
          return { type: 'addDeal', deal: { ...sample.deals[0]!, id: `d${i}` } };
      }
    };
    const commands = Array.from({ length: 1000 }, (_, i) => kinds(i));
    expect(await passed('plan:apply', { accountId: sample.id, commands })).toEqual({ accountId: sample.id, commands });
  });

  it('undo of a removal and a paste that carry keys from an older file (plan:apply keeps stored keys)', async () => {
    const { passed } = setup();
    const buyer = hemeiV0.contacts.find((c) => c.id === 'c-buy');
    expect(buyer).toMatchObject({ wechat: 'kan-fangyu' });
    const { undo } = performPlanCommand(hemeiV0, { type: 'removeContacts', ids: ['c-buy'] }, T0);
    const sent = await passed<{ commands: PlanCommand[] }>('plan:apply', { accountId: hemeiV0.id, commands: [undo] });
    expect(JSON.stringify(sent.commands)).toContain('"wechat":"kan-fangyu"');
    const paste = pasteCommand({ contacts: [buyer!], lines: [] }, hemeiV0, () => 'c-copy', T0);
    expect(await passed('plan:apply', { accountId: hemeiV0.id, commands: [paste!.command] })).toEqual({ accountId: hemeiV0.id, commands: [paste!.command] });
    // The account as read back, with the old file's keys, through account:replace (undo of an import).
    expect(await passed('account:replace', { account: hemeiV0 })).toEqual({ account: hemeiV0 });
  });

  it('settings:update with product lines as settings:get returned them, keys from another version included', async () => {
    const productLines = [{ id: 'p1', name: 'Premix', colour: 'green' }];
    expect(await setup().passed('settings:update', { productLines })).toEqual({ productLines });
    expect(await setup().refused('settings:update', { valueWeights: { potential: 3, luck: 1 } })).toBe('Invalid input for settings:update: valueWeights: unknown key “luck”');
  });

  it('the inputs of channels that take nothing', async () => {
    const { passed } = setup();
    expect(await passed('app:status', undefined)).toBeUndefined();
    expect(await passed('account:list', {})).toEqual({});
  });
});
