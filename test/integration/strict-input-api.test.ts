import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { performPlanCommand, type PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import { call, callError, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * The strict door with the real services: what the store never sees (unknown keys, deep or huge
 * inputs) and what must still reach it (stored records with keys from an older file, big inputs).
 */
const newTempDir = useTempDirs();
const opener = useServices();
let dataFile: string;
const start = () => opener.start(dataFile);
const restart = (s: Awaited<ReturnType<typeof start>>) => opener.restart(s, dataFile);

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
});

const T0 = '2024-05-01T08:00:00.000Z';

function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { x: v };
  return v;
}

describe('the API door with the real services', () => {
  it('refuses a deeply nested unknown key in the profile patch, stores nothing of it, and later saves still work', async () => {
    let s = await start();
    const { id } = await call<Account>(s, 'account:create', { name: '和美饲料公司' });
    const deep = await callError(s, 'account:update', { id, patch: { profile: { industry: '饲料', x: nested(100_000) } } });
    expect(deep).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/64 levels/) });
    const shallow = await callError(s, 'account:update', { id, patch: { profile: { industry: '饲料', x: nested(3) } } });
    expect(shallow).toEqual({ code: 'VALIDATION', message: 'Invalid input for account:update: patch.profile: unknown key “x”' });
    await call(s, 'account:update', { id, patch: { profile: { industry: '饲料' }, notes: 'saved' } });
    s = await restart(s);
    const stored = await call<Account>(s, 'account:get', { id });
    expect(stored).toMatchObject({ notes: 'saved', profile: { industry: '饲料' } });
    expect(stored.profile).not.toHaveProperty('x');
  });

  it('still applies the refinements the store checks: all-zero value weights are refused', async () => {
    const s = await start();
    const zero = Object.fromEntries(Object.keys((await call<Settings>(s, 'settings:get')).valueWeights).map((k) => [k, 0]));
    const error = await callError(s, 'settings:update', { valueWeights: zero });
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/at least one value factor needs a weight above 0/) });
    expect((await call<Settings>(s, 'settings:update', { valueWeights: { potential: 5 } })).valueWeights.potential).toBe(5);
  });

  it('takes back stored records with keys from a v0 file: the undo of a removal and account:replace keep them', async () => {
    await fs.copyFile(new URL('../fixtures/db/v0-prototype.json', import.meta.url), dataFile);
    let s = await start();
    const before = await call<Account>(s, 'account:get', { id: 'acc-hemei' });
    expect(before.contacts.find((c) => c.id === 'c-buy')).toMatchObject({ wechat: 'kan-fangyu' });

    const remove: PlanCommand = { type: 'removeContacts', ids: ['c-buy'] };
    // The renderer runs the command on its copy and keeps the undo, then sends both in turn.
    const { undo } = performPlanCommand(before, remove, T0);
    await call(s, 'plan:apply', { accountId: before.id, commands: [remove] });
    await call(s, 'plan:apply', { accountId: before.id, commands: [undo] });
    expect((await call<Account>(s, 'account:get', { id: before.id })).contacts.find((c) => c.id === 'c-buy')).toMatchObject({ wechat: 'kan-fangyu' });

    // Undo of an import puts the account back whole, as it was read.
    await call(s, 'account:replace', { account: { ...before, notes: 'put back' } });
    s = await restart(s);
    const after = await call<Account>(s, 'account:get', { id: before.id });
    expect(after).toMatchObject({ notes: 'put back', region: '山东' });
    expect(after.contacts.find((c) => c.id === 'c-buy')).toMatchObject({ wechat: 'kan-fangyu' });
  });

  it('takes the sample account back through account:replace and a plan:apply of 1000 commands', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'zh-CN' });
    await call(s, 'account:replace', { account: await call<Account>(s, 'account:get', { id: sample.id }) });
    const target = sample.contacts[0] as Account['contacts'][number];
    const commands = Array.from({ length: 1000 }, (_, i): PlanCommand => ({ type: 'moveContacts', moves: [{ id: target.id, position: { x: i, y: i } }] }));
    await call(s, 'plan:apply', { accountId: sample.id, commands });
    expect((await call<Account>(s, 'account:get', { id: sample.id })).contacts.find((c) => c.id === target.id)?.position).toEqual({ x: 999, y: 999 });
  });
});
