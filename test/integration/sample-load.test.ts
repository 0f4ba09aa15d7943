import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import { call, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const newTempDir = useTempDirs();
const opener = useServices();
let dataFile: string;

beforeEach(async () => {
  dataFile = path.join(await newTempDir(), 'planner.json');
});

describe('sample:load with the portfolio data', () => {
  it('adds its product lines once, and its orders, deal and whitespace mark use them', async () => {
    const s = await opener.start(dataFile);
    await call(s, 'settings:update', { productLines: [{ id: 'mine', name: 'Premix' }] });
    const first = await call<Account>(s, 'sample:load', { locale: 'en' });
    const settings = await call<Settings>(s, 'settings:get');
    // The user's own "Premix" is reused, not duplicated; the other three are added.
    expect(settings.productLines.map((l) => l.name)).toEqual(['Premix', 'Feed additives', 'Automation equipment', 'Technical service']);
    expect(settings.productLines[0]?.id).toBe('mine');
    const ids = new Set(settings.productLines.map((l) => l.id));

    expect(first.orders.length).toBeGreaterThanOrEqual(24);
    expect(first.orders.every((o) => o.productLineId !== null && ids.has(o.productLineId))).toBe(true);
    expect(first.orders.some((o) => o.productLineId === 'mine')).toBe(true);
    const divisions = new Set(first.divisions.map((d) => d.id));
    expect(first.orders.every((o) => o.divisionId !== null && divisions.has(o.divisionId))).toBe(true);
    expect(first.deals[0]?.productLineId).toBe(settings.productLines[2]?.id);
    expect(first.whitespaceMarks).toHaveLength(1);
    // Nothing is dated after today.
    const today = new Date().toISOString().slice(0, 10);
    expect(first.orders.every((o) => o.date <= today)).toBe(true);

    await call<Account>(s, 'sample:load', { locale: 'zh-CN' });
    const again = await call<Settings>(s, 'settings:get');
    expect(again.productLines).toHaveLength(4);
  });
});
