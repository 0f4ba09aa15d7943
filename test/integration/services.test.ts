import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '@shared/accounts';
import type { AppStatus } from '@shared/api/status';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import type { Services } from '../../electron/services/index';
import { call, callError, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
const opener = useServices((message, error) => logged.push([message, error]));
const start = () => opener.start(dataFile);
const restart = (s: Services) => opener.restart(s, dataFile);
let dataFile: string;
let logged: unknown[];

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
  logged = [];
});

const listNames = async (s: Services) => (await call<AccountSummary[]>(s, 'account:list')).map((a) => a.name);

describe('a fresh database', () => {
  it('is ready, with no notices, and says where it lives', async () => {
    const s = await start();
    const status = await call<AppStatus>(s, 'app:status');
    expect(status).toEqual({
      ready: true,
      fatal: null,
      dataFile,
      backupDir: path.join(path.dirname(dataFile), 'backups'),
      notices: [],
      osLocale: 'en-GB',
      host: 'browser',
      version: '0.0.0-test',
    });
    expect(s.status()).toEqual(status);
    expect(await call(s, 'account:list')).toEqual([]);
  });
});

describe('accounts', () => {
  it('account:create adds an account that account:list and account:get show, and it is saved', async () => {
    let s = await start();
    const created = await call<Account>(s, 'account:create', { name: '  和美饲料  ' });
    expect(created).toMatchObject({ name: '和美饲料', deletedAt: null, contacts: [] });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const list = await call<AccountSummary[]>(s, 'account:list');
    expect(list).toEqual([expect.objectContaining({ id: created.id, name: '和美饲料', contactCount: 0, openPipeline: 0 })]);
    expect(await call<Account>(s, 'account:get', { id: created.id })).toEqual(created);

    s = await restart(s);
    expect(await listNames(s)).toEqual(['和美饲料']);
  });

  it('account:create refuses an empty name with VALIDATION and changes nothing', async () => {
    const s = await start();
    const error = await callError(s, 'account:create', { name: '' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/name/);
    expect((await callError(s, 'account:create', { name: 'X', id: 'mine' })).code).toBe('VALIDATION');
    expect(await call(s, 'account:list')).toEqual([]);
  });

  it('account:delete hides the account, account:restore brings it back, across restarts', async () => {
    let s = await start();
    const keep = await call<Account>(s, 'account:create', { name: 'Keep' });
    const gone = await call<Account>(s, 'account:create', { name: 'Gone' });

    const deleted = await call<AccountSummary>(s, 'account:delete', { id: gone.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect(await listNames(s)).toEqual(['Keep']);
    expect((await callError(s, 'account:get', { id: gone.id })).code).toBe('NOT_FOUND');
    expect((await callError(s, 'account:delete', { id: gone.id })).code).toBe('NOT_FOUND');

    s = await restart(s);
    expect(await listNames(s)).toEqual(['Keep']);
    const restored = await call<AccountSummary>(s, 'account:restore', { id: gone.id });
    expect(restored).toMatchObject({ id: gone.id, name: 'Gone', deletedAt: null });
    expect((await listNames(s)).sort()).toEqual(['Gone', 'Keep']);

    s = await restart(s);
    expect((await listNames(s)).sort()).toEqual(['Gone', 'Keep']);
    expect(await call<Account>(s, 'account:get', { id: keep.id })).toEqual(keep);
  });

  it('account:rename renames and answers NOT_FOUND for an unknown id', async () => {
    const s = await start();
    const a = await call<Account>(s, 'account:create', { name: 'Old' });
    expect(await call<AccountSummary>(s, 'account:rename', { id: a.id, name: ' New ' })).toMatchObject({ id: a.id, name: 'New' });
    expect(await listNames(s)).toEqual(['New']);
    expect((await callError(s, 'account:rename', { id: 'nope', name: 'X' })).code).toBe('NOT_FOUND');
  });

  it('account:update changes only the fields sent, also inside nested sections', async () => {
    let s = await start();
    const a = await call<Account>(s, 'account:create', { name: 'Acme' });
    await call(s, 'account:update', {
      id: a.id,
      patch: { profile: { industry: 'Feed', region: 'Shandong' }, giftPolicy: { rule: 'restricted' }, valueFactors: { potential: 4 } },
    });
    const updated = await call<Account>(s, 'account:update', {
      id: a.id,
      patch: { profile: { owner: 'Me' }, giftPolicy: { notes: 'small gifts only' }, grade: 'A2' },
    });
    expect(updated.profile).toMatchObject({ industry: 'Feed', region: 'Shandong', owner: 'Me' });
    expect(updated.giftPolicy).toEqual({ rule: 'restricted', notes: 'small gifts only' });
    expect(updated.valueFactors.potential).toBe(4);
    expect(updated.grade).toBe('A2');

    s = await restart(s);
    expect(await call<Account>(s, 'account:get', { id: a.id })).toEqual(updated);
  });
});

describe('sample:load', () => {
  it('adds the 和美饲料 account with its six contacts, in the language asked for', async () => {
    const s = await start();
    const sample = await call<Account>(s, 'sample:load', { locale: 'zh-CN' });
    expect(sample.name).toContain('和美饲料');
    expect(sample.contacts).toHaveLength(6);
    expect(sample.contacts.find((c) => c.role === 'payer')?.department).toBe('财务部');

    const list = await call<AccountSummary[]>(s, 'account:list');
    expect(list).toEqual([expect.objectContaining({ id: sample.id, contactCount: 6, openDealCount: 1, openPipeline: 1_200_000 })]);
  });

  it('follows the language setting when none is given, and can be loaded twice', async () => {
    const s = await start();
    await call(s, 'settings:update', { locale: 'zh-CN' });
    const first = await call<Account>(s, 'sample:load', {});
    const second = await call<Account>(s, 'sample:load', {});
    expect(first.name).toBe('六和集团 和美饲料公司');
    expect(second.id).not.toBe(first.id);
    expect(await call(s, 'account:list')).toHaveLength(2);
  });
});

describe('settings', () => {
  it('settings:update persists across close and reopen', async () => {
    let s = await start();
    expect(await call<Settings>(s, 'settings:get')).toMatchObject({ locale: null, colorScheme: 'auto' });
    expect(await call<Settings>(s, 'settings:update', { locale: 'zh-CN' })).toMatchObject({ locale: 'zh-CN', colorScheme: 'auto' });
    await call(s, 'settings:update', { colorScheme: 'dark' });

    s = await restart(s);
    expect(await call<Settings>(s, 'settings:get')).toMatchObject({ locale: 'zh-CN', colorScheme: 'dark' });
    expect((await callError(s, 'settings:update', { locale: 'fr' })).code).toBe('VALIDATION');
  });
});

describe('a database that cannot be opened', () => {
  it('from a newer version: not ready, the reason in status, every channel answers with it, the file untouched', async () => {
    const bytes = await fs.readFile(new URL('../fixtures/db/newer-version.json', import.meta.url));
    await fs.writeFile(dataFile, bytes);
    const s = await start();

    const status = s.status();
    expect(status.ready).toBe(false);
    expect(status.fatal?.code).toBe('DB_NEWER_VERSION');
    expect(await call<AppStatus>(s, 'app:status')).toMatchObject({ ready: false, fatal: { code: 'DB_NEWER_VERSION' } });

    expect(await callError(s, 'account:list')).toEqual(status.fatal);
    expect((await callError(s, 'account:create', { name: 'X' })).code).toBe('DB_NEWER_VERSION');
    expect((await callError(s, 'settings:get')).code).toBe('DB_NEWER_VERSION');
    // Input is still checked first.
    expect((await callError(s, 'account:create', { name: '' })).code).toBe('VALIDATION');

    await s.flush();
    await s.close();
    expect(await fs.readFile(dataFile)).toEqual(bytes);
  });

  it('locked by another open: DB_LOCKED, and the first one goes on working', async () => {
    const first = await start();
    const second = await start();
    expect(second.status().fatal?.code).toBe('DB_LOCKED');
    expect((await callError(second, 'account:list')).code).toBe('DB_LOCKED');
    await call(first, 'account:create', { name: 'Still works' });
    await first.flush();
    expect(await listNames(first)).toEqual(['Still works']);
  });

  it('a corrupt file: ready, with the notice in status', async () => {
    await fs.copyFile(new URL('../fixtures/db/corrupt-truncated.json', import.meta.url), dataFile);
    const s = await start();
    expect(s.status()).toMatchObject({ ready: true, fatal: null, notices: [{ kind: 'corruptNoBackup' }] });
    expect(await call(s, 'account:list')).toEqual([]);
  });
});

it('unknown channels and handler failures come back as errors, never as exceptions', async () => {
  const s = await start();
  expect((await callError(s, 'account:explode', {})).code).toBe('UNKNOWN_CHANNEL');
  expect((await callError(s, 'account:get', { id: 'nope' })).code).toBe('NOT_FOUND');
  expect(logged).toEqual([]);
});
