import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import type { Portfolio } from '@shared/portfolio/types';
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
// Early on 1 June in Shanghai: still 31 May in UTC, but the user's today is 1 June.
const NOW = '2024-06-01T07:30:00+08:00';
const stamp = (id: string) => ({ id, createdAt: T0, updatedAt: T0 });
const list = (s: Services) => call<Portfolio>(s, 'portfolio:list', { now: NOW });
const row = (p: Portfolio, id: string) => {
  const r = p.rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

/** Three accounts: a big customer with divisions, orders and a logged visit, a small one, and a prospect. */
async function portfolio(s: Services): Promise<{ big: string; small: string; prospect: string }> {
  const big = (await call<Account>(s, 'account:create', { name: '和美饲料集团' })).id;
  const small = (await call<Account>(s, 'account:create', { name: 'Small Mill' })).id;
  const prospect = (await call<Account>(s, 'account:create', { name: 'Prospect Farm' })).id;
  await call(s, 'account:update', { id: big, patch: { valueFactors: { annualNetProfit: 800, potential: 9 } } });
  await call(s, 'account:update', { id: small, patch: { valueFactors: { annualNetProfit: 150, potential: 5 } } });
  await call(s, 'account:update', {
    id: prospect,
    patch: { stage: 'prospect', valueFactors: { annualNetProfit: 50, potential: 1 }, profile: { expectedAnnualPurchases: 5000, intent: 'high' } },
  });
  await call(s, 'plan:apply', {
    accountId: big,
    commands: [
      { type: 'addContacts', contacts: [{ ...stamp('gm'), name: '黄炳亮', role: 'decider' }] },
      { type: 'addDivisions', records: [{ ...stamp('feed'), name: 'Feed' }, { ...stamp('north'), name: 'Feed North', parentId: 'feed' }] },
      {
        type: 'addOrders',
        records: [
          { ...stamp('o1'), date: '2024-06-01', amount: 300, divisionId: 'north', productLineId: 'pA' },
          { ...stamp('o2'), date: '2023-07-01', amount: 200, divisionId: 'feed' },
          { ...stamp('o3'), date: '2023-06-01', amount: 999 }, // the year before: (2023-06-01, 2024-06-01] is this one
        ],
      },
      { type: 'addActivities', records: [{ ...stamp('visit'), date: '2024-05-20', channel: 'visit', contactIds: ['gm'], summary: 'Plant visit' }] },
      { type: 'addWhitespaceMarks', records: [{ ...stamp('m1'), divisionId: 'north', productLineId: 'pB', competitor: 'DSM' }] },
    ],
  });
  await call(s, 'plan:apply', {
    accountId: small,
    commands: [{ type: 'addOrders', records: [{ ...stamp('s1'), date: '2024-01-15', amount: 100 }] }],
  });
  return { big, small, prospect };
}

describe('portfolio:list', () => {
  it('grades, places and totals the accounts, and gives the same after a reopen', async () => {
    let s = await start();
    const { big, small, prospect } = await portfolio(s);
    const p = await list(s);

    expect(p.today).toBe('2024-06-01');
    expect(p.rows.map((r) => r.id)).toEqual([big, small, prospect]);
    // Net profit and potential, best to worst in the same order: 100, 50, 0.
    expect(p.rows.map((r) => [r.value.score, r.value.grade])).toEqual([
      [100, 'A1'],
      [50, 'B1'],
      [0, 'C2'],
    ]);
    expect(row(p, big)).toMatchObject({
      annualPurchases: 500,
      netProfit: 800,
      lastActivity: '2024-05-20',
      trading: { last12: 500, prior12: 999, orderCount: 2 },
      matrix: { matrix: 'existing', contribution: 500 },
    });
    expect(row(p, small)).toMatchObject({ annualPurchases: 100, matrix: { contribution: 100 } });
    expect(row(p, prospect)).toMatchObject({ annualPurchases: null, matrix: { matrix: 'prospect', cell: 'P1', contribution: 5000, intent: 'high' } });
    // Median of the two customers' twelve months: (500 + 100) / 2.
    expect(p.thresholds).toMatchObject({ contribution: 300, contributionIsMedian: true, expectedContribution: 5000 });
    expect(p.pareto).toMatchObject({ total: 1000, vitalFew: 1, vitalFewShare: 1 / 3, lossMaking: 0, blank: 0 });

    s = await restart(s);
    expect(await list(s)).toEqual(p);
  });

  it('follows the user’s weights and overrides', async () => {
    const s = await start();
    const { big, small, prospect } = await portfolio(s);
    const settings = await call<Settings>(s, 'settings:get');
    // Only potential counts, reversed from profit for the small account: give it the most.
    await call(s, 'account:update', { id: small, patch: { valueFactors: { potential: 10 } } });
    await call(s, 'settings:update', {
      valueWeights: { ...Object.fromEntries(Object.keys(settings.valueWeights).map((k) => [k, 0])), potential: 10 },
    });
    await call(s, 'account:update', { id: prospect, patch: { grade: 'B2' } });
    const p = await list(s);
    expect([big, small, prospect].map((id) => row(p, id).value.score)).toEqual([50, 100, 0]);
    expect(row(p, prospect).value).toMatchObject({ suggestedGrade: 'C2', grade: 'B2', overridden: true });
  });

  it('merges a settings patch into the weights, thresholds and matrix key by key, and refuses unknown keys', async () => {
    const s = await start();
    await call(s, 'settings:update', { valueWeights: { potential: 9, costToServe: 0 }, matrix: { stability: 40, contribution: 1_000 } });
    await call(s, 'settings:update', { valueWeights: { potential: 7 }, matrix: { stability: 50 }, gradeThresholds: { A1: 90 } });
    const settings = await call<Settings>(s, 'settings:get');
    expect(settings.valueWeights).toMatchObject({ potential: 7, costToServe: 0, annualNetProfit: 3 });
    expect(settings.matrix).toMatchObject({ stability: 50, contribution: 1_000 });
    expect(settings.gradeThresholds).toMatchObject({ A1: 90, A2: 75 });
    expect((await callError(s, 'settings:update', { valueWeights: { potentail: 9 } })).code).toBe('VALIDATION');
    // A threshold below the next grade's is refused as a whole, nothing changed.
    expect((await callError(s, 'settings:update', { gradeThresholds: { A2: 95 } })).code).toBe('VALIDATION');
    expect((await call<Settings>(s, 'settings:get')).gradeThresholds).toEqual(settings.gradeThresholds);
  });

  it('refuses weights that are all zero and keeps the ones in force', async () => {
    const s = await start();
    const before = await call<Settings>(s, 'settings:get');
    const zero = Object.fromEntries(Object.keys(before.valueWeights).map((k) => [k, 0]));
    const error = await callError(s, 'settings:update', { valueWeights: zero });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/weight above 0/);
    expect((await call<Settings>(s, 'settings:get')).valueWeights).toEqual(before.valueWeights);
  });

  it('rolls a removed division’s orders up, undoes through plan:apply, and keeps it all after a reopen', async () => {
    let s = await start();
    const { big } = await portfolio(s);
    await call(s, 'plan:apply', { accountId: big, commands: [{ type: 'removeDivisions', ids: ['north'] }] });
    let account = await call<Account>(s, 'account:get', { id: big });
    expect(account.divisions.map((d) => d.id)).toEqual(['feed']);
    expect(account.orders.map((o) => [o.id, o.divisionId])).toEqual([
      ['o1', 'feed'],
      ['o2', 'feed'],
      ['o3', null],
    ]);
    expect(account.whitespaceMarks).toEqual([]);
    expect(row(await list(s), big).trading.last12).toBe(500);

    // The undo the editor would send: put the division back, then what pointed at it.
    await call(s, 'plan:apply', {
      accountId: big,
      commands: [
        {
          type: 'batch',
          commands: [
            { type: 'addDivisions', records: [{ ...stamp('north'), name: 'Feed North', parentId: 'feed' }], at: [1] },
            { type: 'updateOrder', id: 'o1', patch: { divisionId: 'north' } },
            { type: 'addWhitespaceMarks', records: [{ ...stamp('m1'), divisionId: 'north', productLineId: 'pB', competitor: 'DSM' }], at: [0] },
          ],
        },
      ],
    });
    s = await restart(s);
    account = await call<Account>(s, 'account:get', { id: big });
    expect(account.divisions.map((d) => [d.id, d.parentId])).toEqual([
      ['feed', null],
      ['north', 'feed'],
    ]);
    expect(account.orders.map((o) => o.divisionId)).toEqual(['north', 'feed', null]);
    expect(account.whitespaceMarks.map((m) => m.competitor)).toEqual(['DSM']);
    expect(account.activities.map((a) => [a.id, a.contactIds])).toEqual([['visit', ['gm']]]);
  });

  it('strips a removed contact from the log and refuses records naming what is not there', async () => {
    const s = await start();
    const { big } = await portfolio(s);
    const before = await call<Account>(s, 'account:get', { id: big });
    const refused = await callError(s, 'plan:apply', {
      accountId: big,
      commands: [
        { type: 'addOrders', records: [{ ...stamp('o9'), date: '2024-05-01', amount: 1 }] },
        { type: 'addOrders', records: [{ ...stamp('o10'), date: '2024-05-01', amount: 1, divisionId: 'ghost' }] },
      ],
    });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(/division that does not exist/);
    expect(await call<Account>(s, 'account:get', { id: big })).toEqual(before);

    await call(s, 'plan:apply', { accountId: big, commands: [{ type: 'removeContacts', ids: ['gm'] }] });
    const after = await call<Account>(s, 'account:get', { id: big });
    expect(after.activities.map((a) => [a.id, a.contactIds])).toEqual([['visit', []]]);
    expect(row(await list(s), big).lastActivity).toBe('2024-05-20');
  });

  it('refuses a now without an offset', async () => {
    const s = await start();
    expect((await callError(s, 'portfolio:list', { now: '2024-06-01' })).code).toBe('VALIDATION');
  });
});
