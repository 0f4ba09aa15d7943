import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import type { Services } from '../../electron/services/index';
import { call, callError, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
const opener = useServices();
const start = () => opener.start(dataFile);
const restart = (s: Services) => opener.restart(s, dataFile);
let dataFile: string;

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
});

const T0 = '2024-05-01T08:00:00.000Z';
/** A contact as the renderer sends it: the schema fills in the rest. */
const contact = (id: string, name: string, reportsToId: string | null = null) => ({ id, name, reportsToId, createdAt: T0, updatedAt: T0 });

/** An account with 黄总 (gm) over 阚方玉 (pm) over 小王 (buyer), and one influence line. */
async function accountWithOrgChart(s: Services): Promise<Account> {
  const { id } = await call<Account>(s, 'account:create', { name: '和美饲料公司' });
  await call(s, 'plan:apply', {
    accountId: id,
    commands: [
      { type: 'addContacts', contacts: [contact('gm', '黄炳亮'), contact('pm', '阚方玉', 'gm'), contact('buyer', '小王', 'pm')] },
      { type: 'addLines', lines: [{ id: 'l-1', fromId: 'buyer', toId: 'gm', label: 'trusts', createdAt: T0, updatedAt: T0 }] },
    ] satisfies unknown[],
  });
  return call<Account>(s, 'account:get', { id });
}

const find = (a: Account, id: string) => a.contacts.find((c) => c.id === id);

describe('plan:apply', () => {
  it('applies a list of commands in order and keeps them after close and reopen', async () => {
    let s = await start();
    const { id } = await call<Account>(s, 'account:create', { name: '和美饲料公司' });
    const commands: PlanCommand[] = [
      { type: 'addContacts', contacts: [contact('gm', '黄炳亮'), contact('pm', '阚方玉', 'gm')] } as PlanCommand,
      { type: 'updateContact', id: 'pm', patch: { attitude: 'supporter', stars: 3 } },
      { type: 'addContacts', contacts: [contact('buyer', '小王', 'pm')] } as PlanCommand,
      { type: 'addLines', lines: [{ id: 'l-1', fromId: 'buyer', toId: 'gm', label: 'trusts', createdAt: T0, updatedAt: T0 }] } as PlanCommand,
      { type: 'moveContacts', moves: [{ id: 'gm', position: { x: 120, y: -40 } }] },
      { type: 'removeContacts', ids: ['pm'] },
    ];
    const { updatedAt } = await call<{ updatedAt: string }>(s, 'plan:apply', { accountId: id, commands });
    const live = await call<Account>(s, 'account:get', { id });
    expect(live.updatedAt).toBe(updatedAt);

    s = await restart(s);
    const stored = await call<Account>(s, 'account:get', { id });
    expect(stored).toEqual(live);
    expect(stored.contacts.map((c) => [c.id, c.name, c.reportsToId])).toEqual([
      ['gm', '黄炳亮', null],
      // pm was removed: buyer now reports to pm's boss.
      ['buyer', '小王', 'gm'],
    ]);
    expect(find(stored, 'gm')?.position).toEqual({ x: 120, y: -40 });
    expect(stored.influenceLines.map((l) => [l.fromId, l.toId, l.label])).toEqual([['buyer', 'gm', 'trusts']]);
  });

  it('changes only the patched fields of a contact it updates', async () => {
    let s = await start();
    const before = await accountWithOrgChart(s);
    await call(s, 'plan:apply', {
      accountId: before.id,
      commands: [{ type: 'updateContact', id: 'pm', patch: { title: '采购部经理' } }],
    });
    s = await restart(s);
    const after = await call<Account>(s, 'account:get', { id: before.id });
    const pm = find(after, 'pm');
    expect(pm).toEqual({ ...find(before, 'pm'), title: '采购部经理', updatedAt: pm?.updatedAt });
    expect(pm?.name).toBe('阚方玉');
    expect(pm?.reportsToId).toBe('gm');
  });

  it('stamps a changed judgement with the time of the edit', async () => {
    const s = await start();
    const before = await accountWithOrgChart(s);
    const { updatedAt } = await call<{ updatedAt: string }>(s, 'plan:apply', {
      accountId: before.id,
      commands: [{ type: 'updateContact', id: 'gm', patch: { attitude: 'opponent' } }],
    });
    const gm = find(await call<Account>(s, 'account:get', { id: before.id }), 'gm');
    expect(gm?.attitude).toBe('opponent');
    expect(gm?.confirmedAt).toEqual({ attitude: updatedAt, influence: null, stars: null });
  });

  it('applies none of a list whose second command fails; the file stays byte for byte the same', async () => {
    let s = await start();
    const before = await accountWithOrgChart(s);
    await s.flush();
    const bytesBefore = await fs.readFile(dataFile);

    const error = await callError(s, 'plan:apply', {
      accountId: before.id,
      commands: [
        { type: 'updateContact', id: 'buyer', patch: { name: '王小明' } },
        // gm → pm → buyer → gm would be a loop.
        { type: 'updateContact', id: 'gm', patch: { reportsToId: 'buyer' } },
        { type: 'removeContacts', ids: ['pm'] },
      ],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/reports to them/);

    expect(await call<Account>(s, 'account:get', { id: before.id })).toEqual(before);
    await s.flush();
    expect((await fs.readFile(dataFile)).equals(bytesBefore)).toBe(true);

    s = await restart(s);
    expect(await call<Account>(s, 'account:get', { id: before.id })).toEqual(before);
  });

  it('refuses bad command shapes with VALIDATION naming where they are, and changes nothing', async () => {
    const s = await start();
    const { id } = await accountWithOrgChart(s);
    await s.flush();
    const bytesBefore = await fs.readFile(dataFile);

    const cases: Array<[unknown, RegExp]> = [
      [{ accountId: id, commands: [] }, /commands/],
      [{ accountId: id }, /commands/],
      [{ commands: [{ type: 'removeContacts', ids: ['gm'] }] }, /accountId/],
      [{ accountId: id, commands: [{ type: 'removeContacts', ids: ['gm'] }], force: true }, /force/],
      [{ accountId: id, commands: [{ type: 'removeContacts', ids: ['gm'] }, { type: 'explode' }] }, /commands\.1/],
      [{ accountId: id, commands: [{ type: 'updateContact', id: 'gm', patch: { stars: 6 } }] }, /commands\.0/],
      [{ accountId: id, commands: [{ type: 'updateContact', id: 'gm', patch: { createdAt: T0 } }] }, /commands\.0/],
      [{ accountId: id, commands: [{ type: 'removeContacts', ids: ['gm'], cascade: true }] }, /commands\.0/],
      [{ accountId: id, commands: [{ type: 'batch', commands: [{ type: 'moveContacts', moves: [] }] }] }, /commands\.0/],
    ];
    for (const [input, where] of cases) {
      const error = await callError(s, 'plan:apply', input);
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION');
      expect(error.message, JSON.stringify(input)).toMatch(where);
    }

    await s.flush();
    expect((await fs.readFile(dataFile)).equals(bytesBefore)).toBe(true);
  });

  it('answers NOT_FOUND for an account that does not exist or was deleted', async () => {
    const s = await start();
    const { id } = await accountWithOrgChart(s);
    const commands = [{ type: 'moveContacts', moves: [{ id: 'gm', position: null }] }];

    expect((await callError(s, 'plan:apply', { accountId: 'no-such-account', commands })).code).toBe('NOT_FOUND');

    await call(s, 'account:delete', { id });
    expect((await callError(s, 'plan:apply', { accountId: id, commands })).code).toBe('NOT_FOUND');
  });
});
