import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OverdueAction } from '@shared/deals/board';
import type { Account } from '@shared/model/account';
import type { Database, Settings } from '@shared/model/database';
import { DEAL_STAGES } from '@shared/model/vocabulary';
import type { Pipeline } from '@shared/pipeline';
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

/** The database as it is written in the file right now. */
async function storedData(): Promise<Database> {
  return (JSON.parse(await fs.readFile(dataFile, 'utf8')) as { data: Database }).data;
}

const T0 = '2024-05-01T08:00:00.000Z';
/** The user's present moment, in their own offset: their today is 2024-06-01. */
const NOW = '2024-06-01T09:00:00+08:00';
const TODAY = '2024-06-01';

/** Entities as the renderer sends them: the schemas fill in the rest. */
const contact = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, createdAt: T0, updatedAt: T0, ...extra });
const deal = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, createdAt: T0, updatedAt: T0, ...extra });
const step = (id: string, what: string, extra: Record<string, unknown> = {}) => ({ id, what, createdAt: T0, updatedAt: T0, ...extra });

const findDeal = (a: Account, id: string) => a.deals.find((d) => d.id === id);
const findStep = (a: Account, id: string) => a.actions.find((x) => x.id === id);

/**
 * An account with 黄总 (gm, decider) and 吕工 (coach), and one deal seating both, last met on
 * 2024-05-25, with a step due 2024-05-20 and one due 2024-05-28.
 */
async function accountWithDeal(s: Services, name = '和美饲料公司'): Promise<Account> {
  const { id } = await call<Account>(s, 'account:create', { name });
  await call(s, 'plan:apply', {
    accountId: id,
    commands: [
      { type: 'addContacts', contacts: [contact('gm', '黄炳亮', { role: 'decider', attitude: 'supporter' }), contact('coach', '吕文斌', { isCoach: true })] },
      {
        type: 'addDeal',
        deal: deal('d-feed', '饲料添加剂', {
          value: 480_000,
          stage: 'prove',
          buyingCentre: [
            { contactId: 'gm', role: 'decider' },
            { contactId: 'coach', role: 'influencer' },
          ],
          meetings: [{ id: 'm-1', date: '2024-05-25', outcome: 'advance', createdAt: T0, updatedAt: T0 }],
        }),
      },
      {
        type: 'addActions',
        actions: [step('a-visit', 'Visit the plant', { dealId: 'd-feed', when: '2024-05-20' }), step('a-call', 'Call 黄总', { when: '2024-05-28' })],
      },
    ],
  });
  return call<Account>(s, 'account:get', { id });
}

describe('plan:apply with deal commands', () => {
  it('adds, updates and removes deals and steps, and keeps them after close and reopen', async () => {
    let s = await start();
    const { id } = await accountWithDeal(s);
    const { updatedAt } = await call<{ updatedAt: string }>(s, 'plan:apply', {
      accountId: id,
      commands: [
        { type: 'updateDeal', id: 'd-feed', patch: { stage: 'won', winStrategy: 'Trial at the Nanning plant' } },
        { type: 'updateAction', id: 'a-visit', patch: { done: true } },
        { type: 'addDeal', deal: deal('d-premix', 'Premix', { buyingCentre: [{ contactId: 'gm', role: 'decider' }] }), actions: [step('a-quote', 'Quote', { dealId: 'd-premix' })] },
        { type: 'addDeal', deal: deal('d-gone', 'Mistake'), actions: [step('a-gone', 'Nothing', { dealId: 'd-gone' })] },
        { type: 'removeDeal', id: 'd-gone' },
        { type: 'removeActions', ids: ['a-call'] },
      ],
    });
    const live = await call<Account>(s, 'account:get', { id });
    expect(live.updatedAt).toBe(updatedAt);

    s = await restart(s);
    const stored = await call<Account>(s, 'account:get', { id });
    expect(stored).toEqual(live);
    expect(stored.deals.map((d) => [d.id, d.stage])).toEqual([
      ['d-feed', 'won'],
      ['d-premix', 'discover'],
    ]);
    // Closing and ticking off were stamped with the moment of the edit.
    expect(findDeal(stored, 'd-feed')).toMatchObject({ closedAt: updatedAt, winStrategy: 'Trial at the Nanning plant', value: 480_000 });
    expect(findDeal(stored, 'd-feed')?.buyingCentre).toEqual([
      { contactId: 'gm', role: 'decider' },
      { contactId: 'coach', role: 'influencer' },
    ]);
    expect(findStep(stored, 'a-visit')).toMatchObject({ done: true, doneAt: updatedAt });
    // A sparse deal arrived complete.
    expect(findDeal(stored, 'd-premix')).toMatchObject({ currency: 'CNY', value: 0, closedAt: null, criteria: [], meetings: [] });
    expect(stored.actions.map((x) => x.id)).toEqual(['a-visit', 'a-quote']);
  });

  it('reopens a won deal as the undo sends it, and removing a seated contact clears its seats, across a reopen', async () => {
    let s = await start();
    const { id } = await accountWithDeal(s);
    await call(s, 'plan:apply', { accountId: id, commands: [{ type: 'updateDeal', id: 'd-feed', patch: { stage: 'won' } }] });
    await call(s, 'plan:apply', {
      accountId: id,
      commands: [
        { type: 'updateDeal', id: 'd-feed', patch: { stage: 'prove', closedAt: null } },
        { type: 'removeContacts', ids: ['gm'] },
      ],
    });
    s = await restart(s);
    const stored = await call<Account>(s, 'account:get', { id });
    expect(findDeal(stored, 'd-feed')).toMatchObject({ stage: 'prove', closedAt: null, buyingCentre: [{ contactId: 'coach', role: 'influencer' }] });
  });

  it('applies none of a list whose second command fails; the file stays byte for byte the same', async () => {
    let s = await start();
    const before = await accountWithDeal(s);
    await s.flush();
    const bytesBefore = await fs.readFile(dataFile);

    const failing: Array<[unknown[], RegExp]> = [
      [
        [
          { type: 'updateDeal', id: 'd-feed', patch: { name: 'Renamed', stage: 'won' } },
          { type: 'updateDeal', id: 'd-feed', patch: { buyingCentre: [{ contactId: 'nobody', role: 'decider' }] } },
          { type: 'removeDeal', id: 'd-feed' },
        ],
        /not on the map/,
      ],
      [
        [
          { type: 'updateAction', id: 'a-visit', patch: { done: true } },
          { type: 'addDeal', deal: deal('d-feed', 'Duplicate') },
        ],
        /already exists/,
      ],
      [
        [
          { type: 'removeDeal', id: 'd-feed' },
          { type: 'updateAction', id: 'a-visit', patch: { done: true } },
        ],
        /No action/,
      ],
    ];
    for (const [commands, message] of failing) {
      const error = await callError(s, 'plan:apply', { accountId: before.id, commands });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(message);
      expect(await call<Account>(s, 'account:get', { id: before.id })).toEqual(before);
    }

    await s.flush();
    expect((await fs.readFile(dataFile)).equals(bytesBefore)).toBe(true);
    s = await restart(s);
    expect(await call<Account>(s, 'account:get', { id: before.id })).toEqual(before);
  });

  it('refuses bad deal command shapes with VALIDATION naming where they are, and changes nothing', async () => {
    const s = await start();
    const { id } = await accountWithDeal(s);
    await s.flush();
    const bytesBefore = await fs.readFile(dataFile);

    const cases: unknown[][] = [
      [{ type: 'updateDeal', id: 'd-feed', patch: { stage: 'negotiate' } }],
      [{ type: 'updateDeal', id: 'd-feed', patch: { value: -1 } }],
      [{ type: 'updateDeal', id: 'd-feed', patch: { probability: 101 } }],
      [{ type: 'updateDeal', id: 'd-feed', patch: { createdAt: T0 } }],
      [{ type: 'updateAction', id: 'a-visit', patch: { done: 'yes' } }],
    ];
    for (const commands of cases) {
      const error = await callError(s, 'plan:apply', { accountId: id, commands: [{ type: 'removeActions', ids: ['a-call'] }, ...commands] });
      expect(error.code, JSON.stringify(commands)).toBe('VALIDATION');
      expect(error.message, JSON.stringify(commands)).toMatch(/commands\.1/);
    }

    await s.flush();
    expect((await fs.readFile(dataFile)).equals(bytesBefore)).toBe(true);
  });
});

describe('pipeline:list and pipeline:overdue', () => {
  /** 和美 (live), 正大 (deleted) and 新希望 (live, a placeholder decider and no coach), saved. */
  async function portfolio(s: Services): Promise<{ hemei: Account; zhengda: Account; xin: Account }> {
    const hemei = await accountWithDeal(s, '和美饲料公司');
    const zhengda = await accountWithDeal(s, '正大集团');
    const { id: xinId } = await call<Account>(s, 'account:create', { name: '新希望' });
    await call(s, 'plan:apply', {
      accountId: xinId,
      commands: [
        { type: 'addContacts', contacts: [contact('seat', '财务部 ?', { isPlaceholder: true })] },
        {
          type: 'addDeal',
          deal: deal('x-premix', 'Premix', { stage: 'investigate', buyingCentre: [{ contactId: 'seat', role: 'decider' }], meetings: [{ id: 'm-x', date: '2024-05-30', outcome: 'advance', createdAt: T0, updatedAt: T0 }] }),
          actions: [step('x-sample', 'Send samples', { dealId: 'x-premix', when: '2024-05-10' }), step('x-done', 'Done already', { dealId: 'x-premix', when: '2024-05-11', done: true, doneAt: T0 })],
        },
        { type: 'addActions', actions: [step('x-today', 'Due today', { when: TODAY })] },
      ],
    });
    await call(s, 'account:delete', { id: zhengda.id });
    return { hemei, zhengda, xin: await call<Account>(s, 'account:get', { id: xinId }) };
  }

  it('lists the deals of the live accounts as stored, with risks by the stored dealIdleDays', async () => {
    let s = await start();
    const { hemei, zhengda, xin } = await portfolio(s);
    await call(s, 'settings:update', { dealIdleDays: 5 });
    s = await restart(s);

    const stored = await storedData();
    const pipeline = await call<Pipeline>(s, 'pipeline:list', { now: NOW });
    const liveDeals = stored.accounts.filter((a) => a.deletedAt === null).flatMap((a) => a.deals.map((d) => [a.id, d]));
    expect(pipeline.items.map((i) => [i.accountId, i.deal])).toEqual(liveDeals);
    expect(pipeline.items.map((i) => [i.accountId, i.deal.id])).toEqual([
      [hemei.id, 'd-feed'],
      [xin.id, 'x-premix'],
    ]);
    expect(pipeline.accounts.map((a) => a.id)).toEqual([hemei.id, xin.id]);
    expect(pipeline.accounts.map((a) => a.id)).not.toContain(zhengda.id);
    expect(pipeline.accounts[1]?.contacts).toEqual([{ id: 'seat', name: '财务部 ?' }]);

    // Last met 2024-05-25: 7 days before the user's today, idle at 5 days.
    expect(pipeline.items[0]?.risks).toEqual([{ code: 'noActivity', severity: 'medium', params: { lastTouch: '2024-05-25', days: 7, staleAfterDays: 5 } }]);
    expect(pipeline.items[1]?.risks.map((r) => r.code)).toEqual(['deciderMissing', 'noCoach']);

    await call(s, 'settings:update', { dealIdleDays: 60 });
    s = await restart(s);
    const relaxed = await call<Pipeline>(s, 'pipeline:list', { now: NOW });
    expect(relaxed.items[0]?.risks).toEqual([]);
    expect(relaxed.items[1]?.risks.map((r) => r.code)).toEqual(['deciderMissing', 'noCoach']);
  });

  it('follows the stored data as it changes: a won deal carries no risks, a restored account comes back', async () => {
    const s = await start();
    const { hemei, zhengda } = await portfolio(s);
    await call(s, 'settings:update', { dealIdleDays: 1 });
    await call(s, 'plan:apply', { accountId: hemei.id, commands: [{ type: 'updateDeal', id: 'd-feed', patch: { stage: 'won' } }] });
    await call(s, 'account:restore', { id: zhengda.id });

    const { items } = await call<Pipeline>(s, 'pipeline:list', { now: NOW });
    expect(items.map((i) => [i.accountId, i.deal.stage])).toEqual([
      [hemei.id, 'won'],
      [zhengda.id, 'prove'],
      [expect.any(String), 'investigate'],
    ]);
    expect(items[0]?.risks).toEqual([]);
    expect(items[1]?.risks.map((r) => r.code)).toContain('noActivity');
  });

  it("lists the open steps due before the user's today across live accounts, oldest first", async () => {
    let s = await start();
    const { hemei, xin } = await portfolio(s);
    s = await restart(s);

    const overdue = await call<OverdueAction[]>(s, 'pipeline:overdue', { today: TODAY });
    expect(overdue.map((o) => [o.action.id, o.accountId, o.accountName, o.dealName, o.daysOverdue])).toEqual([
      ['x-sample', xin.id, '新希望', 'Premix', 22],
      ['a-visit', hemei.id, '和美饲料公司', '饲料添加剂', 12],
      ['a-call', hemei.id, '和美饲料公司', null, 4],
    ]);
    const stored = await storedData();
    expect(overdue[0]?.action).toEqual(stored.accounts.find((a) => a.id === xin.id)?.actions[0]);

    // Ticking a step off takes it off the list; the next day, the step due today joins it.
    await call(s, 'plan:apply', { accountId: hemei.id, commands: [{ type: 'updateAction', id: 'a-visit', patch: { done: true } }] });
    expect((await call<OverdueAction[]>(s, 'pipeline:overdue', { today: TODAY })).map((o) => o.action.id)).toEqual(['x-sample', 'a-call']);
    expect((await call<OverdueAction[]>(s, 'pipeline:overdue', { today: '2024-06-02' })).map((o) => o.action.id)).toEqual(['x-sample', 'a-call', 'x-today']);
  });

  it('refuses a now that is not a datetime and a today that is not a date, naming the field', async () => {
    const s = await start();
    await portfolio(s);
    const badNow: unknown[] = [{ now: TODAY }, { now: 'yesterday' }, { now: '2024-06-01 09:00' }, {}, { now: 1717203600000 }];
    for (const input of badNow) {
      const error = await callError(s, 'pipeline:list', input);
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION');
      expect(error.message, JSON.stringify(input)).toMatch(/\bnow\b/);
    }
    const badToday: unknown[] = [{ today: NOW }, { today: '01/06/2024' }, { today: '2024-02-30' }, {}, { today: null }];
    for (const input of badToday) {
      const error = await callError(s, 'pipeline:overdue', input);
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION');
      expect(error.message, JSON.stringify(input)).toMatch(/\btoday\b/);
    }
    expect((await callError(s, 'pipeline:list', { now: NOW, accountId: 'x' })).message).toMatch(/accountId/);
  });
});

describe('settings:update boardColumns', () => {
  const columns = (stages: readonly string[]) => stages.map((stage) => ({ stage, label: null }));

  it('refuses columns that miss a stage or repeat one, naming boardColumns, and keeps the stored columns', async () => {
    const s = await start();
    const before = await call<Settings>(s, 'settings:get');
    await s.flush();
    const bytesBefore = await fs.readFile(dataFile);

    const bad: unknown[] = [
      columns(['discover', 'investigate', 'prove', 'commit', 'won']),
      columns(['discover', 'investigate', 'prove', 'commit', 'won', 'won']),
      columns([...DEAL_STAGES, 'lost']),
      columns(['discover', 'investigate', 'prove', 'commit', 'won', 'negotiate']),
      [],
    ];
    for (const boardColumns of bad) {
      const error = await callError(s, 'settings:update', { boardColumns });
      expect(error.code, JSON.stringify(boardColumns)).toBe('VALIDATION');
      expect(error.message, JSON.stringify(boardColumns)).toMatch(/boardColumns/);
    }
    expect(await call<Settings>(s, 'settings:get')).toEqual(before);
    await s.flush();
    expect((await fs.readFile(dataFile)).equals(bytesBefore)).toBe(true);
  });

  it('keeps a valid reorder, with a renamed column, across close and reopen', async () => {
    let s = await start();
    const reordered = [
      { stage: 'won', label: '赢单' },
      { stage: 'commit', label: null },
      { stage: 'prove', label: null },
      { stage: 'investigate', label: null },
      { stage: 'discover', label: 'Leads' },
      { stage: 'lost', label: null },
    ];
    const returned = await call<Settings>(s, 'settings:update', { boardColumns: reordered });
    expect(returned.boardColumns).toEqual(reordered);

    s = await restart(s);
    const stored = await call<Settings>(s, 'settings:get');
    expect(stored.boardColumns).toEqual(reordered);
    expect(stored.dealIdleDays).toBe(21);
    expect((await storedData()).settings.boardColumns).toEqual(reordered);
  });
});
