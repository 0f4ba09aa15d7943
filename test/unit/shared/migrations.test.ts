import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  detectSchemaVersion,
  MIGRATIONS,
  migrateToCurrent,
  NewerVersionError,
  UnknownFormatError,
} from '@shared/migrations/index';
import { restoreDatabase } from '@shared/model/database';

const NOW = '2024-05-01T08:00:00.000Z';
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/db/${name}`, import.meta.url), 'utf8'));

describe('the list of migrations', () => {
  it('is numbered 1, 2, 3… in order, and the current version is the last one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(CURRENT_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
    for (const m of MIGRATIONS) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(4, '0')}-`));
  });
});

describe('0001: the v0 prototype contact list', () => {
  const raw = fixture('v0-prototype.json');
  const result = migrateToCurrent(raw, { now: NOW });
  const db = restoreDatabase(result.data);
  const account = db.accounts.find((a) => a.id === 'acc-hemei');
  const contact = (id: string) => account?.contacts.find((c) => c.id === id);

  it('matches the snapshot', () => {
    expect(result.fromVersion).toBe(0);
    expect(result.applied).toEqual(['0001-v0-contact-list']);
    expect(db).toMatchSnapshot();
  });

  it('maps Chinese role and attitude labels to the vocabulary', () => {
    expect(contact('c-gm')).toMatchObject({ role: 'decider', attitude: 'supporter' });
    expect(contact('c-buy')).toMatchObject({ role: 'executor', attitude: 'neutral' });
    expect(contact('c-fin')).toMatchObject({ role: 'payer', attitude: 'opponent' });
  });

  it('counts filled stars in "★★★" strings and rounds numeric stars', () => {
    expect(contact('c-gm')?.stars).toBe(3);
    expect(contact('c-buy')?.stars).toBe(4); // "★★★★☆": the hollow star does not count
    expect(contact('c-fin')?.stars).toBe(2); // 1.6
  });

  it('turns dept into department, boss into reportsToId and coach into isCoach', () => {
    expect(contact('c-gm')).toMatchObject({ department: '总经理办公室', reportsToId: null, isCoach: false });
    expect(contact('c-buy')).toMatchObject({ department: '采购部', reportsToId: 'c-gm', isCoach: true });
    expect(contact('c-fin')?.reportsToId).toBe('c-gm');
  });

  it('gives a contact that had none of the old fields the defaults', () => {
    expect(contact('c-new')).toMatchObject({ department: '', reportsToId: null, role: null, attitude: 'unknown', stars: 0, isCoach: false });
  });

  it('drops the old key names and keeps unknown keys at every level', () => {
    const buyer = contact('c-buy') as Record<string, unknown>;
    expect(buyer.wechat).toBe('kan-fangyu');
    for (const old of ['dept', 'boss', 'coach']) expect(buyer).not.toHaveProperty(old);
    expect((account as Record<string, unknown>).region).toBe('山东');
    expect((db as Record<string, unknown>).exportedBy).toBe('prototype 0.3');
  });

  it('stamps the time of the upgrade on records that had no timestamps', () => {
    expect(account?.createdAt).toBe(NOW);
    expect(contact('c-gm')?.updatedAt).toBe(NOW);
    expect(db.accounts.find((a) => a.id === 'acc-empty')).toMatchObject({ createdAt: NOW, contacts: [] });
  });

  it('does not change the object it was given', () => {
    const before = JSON.stringify(raw);
    migrateToCurrent(raw, { now: NOW });
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('migrateToCurrent', () => {
  it('leaves a current envelope as it is and applies nothing', () => {
    const data = { accounts: [], settings: { locale: 'en' } };
    const result = migrateToCurrent({ schemaVersion: CURRENT_SCHEMA_VERSION, app: 'account-planner', data }, { now: NOW });
    expect(result).toEqual({ fromVersion: CURRENT_SCHEMA_VERSION, data, applied: [] });
  });

  it('refuses a file from a newer build with NewerVersionError naming the version', () => {
    const run = () => migrateToCurrent({ schemaVersion: 99, app: 'account-planner', data: {} }, { now: NOW });
    expect(run).toThrow(NewerVersionError);
    expect(run).toThrow(/schema 99/);
    try {
      run();
    } catch (e) {
      expect((e as NewerVersionError).fileVersion).toBe(99);
    }
  });

  it('refuses the newer-version fixture', () => {
    expect(() => migrateToCurrent(fixture('newer-version.json'), { now: NOW })).toThrow(NewerVersionError);
  });
});

describe('detectSchemaVersion', () => {
  it('reads the version of an envelope', () => {
    expect(detectSchemaVersion({ schemaVersion: 1, app: 'account-planner', data: {} })).toBe(1);
    expect(detectSchemaVersion({ schemaVersion: 7, app: 'account-planner', data: {} })).toBe(7);
  });

  it('calls a bare object with an accounts array version 0', () => {
    expect(detectSchemaVersion({ accounts: [] })).toBe(0);
    expect(detectSchemaVersion(fixture('v0-prototype.json'))).toBe(0);
  });

  it.each([
    ['null', null],
    ['an array', [{ accounts: [] }]],
    ['a string', 'accounts'],
    ['a number', 1],
    ['an object without accounts', { contacts: [] }],
    ['an object whose accounts is not an array', { accounts: {} }],
    ["another app's envelope", { schemaVersion: 1, app: 'other-app', data: {} }],
    ['an envelope without app', { schemaVersion: 1, data: {} }],
    ['a string version', { schemaVersion: '1', app: 'account-planner', data: {} }],
    ['a negative version', { schemaVersion: -1, app: 'account-planner', data: {} }],
    ['a fractional version', { schemaVersion: 1.5, app: 'account-planner', data: {} }],
  ])('throws UnknownFormatError for %s', (_label, raw) => {
    expect(() => detectSchemaVersion(raw)).toThrow(UnknownFormatError);
  });
});
