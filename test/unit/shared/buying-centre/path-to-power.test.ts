import { describe, expect, it } from 'vitest';
import { isSupportiveLine, pathStart, pathToPower } from '@shared/buying-centre/path-to-power';
import type { Contact, InfluenceLine } from '@shared/model/contact';
import { FIXED_NOW, makeContact, type ContactInput } from '../../../helpers/factories';

const person = (id: string, fields: Partial<ContactInput> = {}) => makeContact({ id, name: id, ...fields });
const line = (fromId: string, toId: string, label = 'trusts'): InfluenceLine => ({
  id: `${fromId}->${toId}`,
  createdAt: FIXED_NOW,
  updatedAt: FIXED_NOW,
  fromId,
  toId,
  label,
});
const map = (contacts: Contact[], influenceLines: InfluenceLine[] = []) => ({ contacts, influenceLines });
const only = (paths: ReturnType<typeof pathToPower>) => {
  expect(paths).toHaveLength(1);
  return paths[0] as (typeof paths)[number];
};

const decider = (fields: Partial<ContactInput> = {}) =>
  person('gm', { role: 'decider', attitude: 'neutral', stars: 1, ...fields });
const coach = (fields: Partial<ContactInput> = {}) =>
  person('coach', { isCoach: true, attitude: 'supporter', stars: 2, ...fields });

describe('pathToPower: links and intermediaries', () => {
  it('goes up the org chart through supporters', () => {
    const contacts = [decider(), coach({ reportsToId: 'mid' }), person('mid', { attitude: 'supporter', reportsToId: 'gm' })];
    expect(only(pathToPower(map(contacts)))).toEqual({
      deciderId: 'gm',
      startId: 'coach',
      path: ['coach', 'mid', 'gm'],
      reached: true,
    });
  });

  it('is blocked by a neutral intermediary', () => {
    const contacts = [decider(), coach({ reportsToId: 'mid' }), person('mid', { attitude: 'neutral', reportsToId: 'gm' })];
    expect(only(pathToPower(map(contacts)))).toEqual({ deciderId: 'gm', startId: 'coach', path: [], reached: false });
  });

  it('is blocked by an opponent, an unknown attitude or a supporter placeholder seat in between', () => {
    for (const mid of [{ attitude: 'opponent' }, { attitude: 'unknown' }, { attitude: 'supporter', isPlaceholder: true }] as const) {
      const contacts = [decider(), coach({ reportsToId: 'mid' }), person('mid', { ...mid, reportsToId: 'gm' })];
      expect(only(pathToPower(map(contacts))).reached).toBe(false);
    }
  });

  it('uses reports-to in both directions', () => {
    const down = [decider({ reportsToId: 'boss' }), coach({ reportsToId: 'boss' }), person('boss', { attitude: 'supporter' })];
    expect(only(pathToPower(map(down))).path).toEqual(['coach', 'boss', 'gm']);
    const bossIsCoach = [decider({ reportsToId: 'coach' }), coach()];
    expect(only(pathToPower(map(bossIsCoach))).path).toEqual(['coach', 'gm']);
  });

  it('follows an influence line in its own direction only', () => {
    const contacts = [decider(), coach(), person('ally', { attitude: 'supporter', reportsToId: 'gm' })];
    expect(only(pathToPower(map(contacts, [line('coach', 'ally')]))).path).toEqual(['coach', 'ally', 'gm']);
    expect(only(pathToPower(map(contacts, [line('ally', 'coach')]))).reached).toBe(false);
  });

  it('reaches the decider straight along a line from the start, whatever the decider thinks of us', () => {
    const contacts = [decider({ attitude: 'opponent' }), coach()];
    expect(only(pathToPower(map(contacts, [line('coach', 'gm', '前同事')]))).path).toEqual(['coach', 'gm']);
  });

  it('does not use a hostile line unless told to', () => {
    const contacts = [decider(), coach()];
    const rival = [line('coach', 'gm', 'rival')];
    expect(only(pathToPower(map(contacts, rival))).reached).toBe(false);
    expect(only(pathToPower(map(contacts, rival), { isUsableLine: () => true })).reached).toBe(true);
  });

  it('takes the shortest of several chains', () => {
    const contacts = [
      decider(),
      coach(),
      person('a', { attitude: 'supporter' }),
      person('b', { attitude: 'supporter' }),
      person('c', { attitude: 'supporter', reportsToId: 'gm' }),
    ];
    const lines = [line('coach', 'a'), line('a', 'b'), line('b', 'gm'), line('coach', 'c')];
    expect(only(pathToPower(map(contacts, lines))).path).toEqual(['coach', 'c', 'gm']);
  });

  it('breaks the chain at a contact who left, and lists only active deciders', () => {
    const contacts = [
      decider(),
      coach({ reportsToId: 'mid' }),
      person('mid', { attitude: 'supporter', reportsToId: 'gm', leftOn: '2024-03-01' }),
      person('old-gm', { role: 'decider', leftOn: '2023-12-31' }),
    ];
    expect(pathToPower(map(contacts))).toEqual([{ deciderId: 'gm', startId: 'coach', path: [], reached: false }]);
  });

  it('ignores lines to contacts not on the map', () => {
    const contacts = [decider(), coach()];
    expect(only(pathToPower(map(contacts, [line('coach', 'ghost'), line('ghost', 'gm')]))).reached).toBe(false);
  });

  it('gives one entry per active decider, in contact order', () => {
    const contacts = [
      decider({ reportsToId: 'coach' }),
      coach(),
      person('chair', { role: 'decider', attitude: 'supporter' }),
    ];
    expect(pathToPower(map(contacts))).toEqual([
      { deciderId: 'gm', startId: 'coach', path: ['coach', 'gm'], reached: true },
      { deciderId: 'chair', startId: 'coach', path: [], reached: false },
    ]);
  });

  it('is a one-contact path when the start is the decider', () => {
    const contacts = [decider({ isCoach: true }), person('other', { stars: 5 })];
    expect(only(pathToPower(map(contacts)))).toEqual({ deciderId: 'gm', startId: 'gm', path: ['gm'], reached: true });
  });

  it('is empty when there is no decider', () => {
    expect(pathToPower(map([coach()]))).toEqual([]);
  });
});

describe('pathToPower: where it starts', () => {
  it('prefers the coach to a stronger contact', () => {
    const contacts = [
      decider(),
      coach({ stars: 1 }),
      person('friend', { stars: 5, attitude: 'supporter', reportsToId: 'gm' }),
    ];
    expect(only(pathToPower(map(contacts)))).toEqual({ deciderId: 'gm', startId: 'coach', path: [], reached: false });
  });

  it('starts from the strongest contact when there is no coach', () => {
    const contacts = [decider(), person('weak', { stars: 2, reportsToId: 'gm' }), person('strong', { stars: 4 })];
    expect(only(pathToPower(map(contacts))).startId).toBe('strong');
  });

  it('breaks a tie in stars by supporter attitude, then by name', () => {
    const a = person('a', { name: 'Alice', stars: 3, attitude: 'neutral' });
    const z = person('z', { name: 'Zoe', stars: 3, attitude: 'supporter' });
    const y = person('y', { name: 'Yan', stars: 3, attitude: 'supporter' });
    expect(pathStart([a, z])?.id).toBe('z');
    expect(pathStart([a, z, y])?.id).toBe('y');
  });

  it('picks the strongest of several coaches', () => {
    const c1 = coach({ id: 'c1', name: 'c1', stars: 2 });
    const c2 = coach({ id: 'c2', name: 'c2', stars: 4 });
    expect(pathStart([c1, c2])?.id).toBe('c2');
  });

  it('never starts from a contact who left, a placeholder, or someone we have no stars with', () => {
    const leftCoach = coach({ leftOn: '2024-01-01' });
    const seat = person('seat', { isPlaceholder: true, stars: 5, isCoach: true });
    const stranger = person('stranger', { stars: 0, attitude: 'supporter' });
    expect(pathStart([leftCoach, seat, stranger])).toBeNull();
    expect(only(pathToPower(map([decider({ stars: 0 }), leftCoach, seat, stranger])))).toEqual({
      deciderId: 'gm',
      startId: null,
      path: [],
      reached: false,
    });
  });

  it('may start from a contact who is not a supporter', () => {
    const contacts = [decider(), person('n', { stars: 3, attitude: 'neutral', reportsToId: 'gm' })];
    expect(only(pathToPower(map(contacts))).path).toEqual(['n', 'gm']);
  });
});

describe('isSupportiveLine', () => {
  it('accepts trust and acquaintance, refuses hostile labels in both languages', () => {
    for (const label of ['trusts', '信任', 'former colleague', '老乡', '']) expect(isSupportiveLine({ label })).toBe(true);
    for (const label of ['rival', 'Rivals', '对手', '有矛盾', 'distrusts', '不信任', 'conflict']) {
      expect(isSupportiveLine({ label })).toBe(false);
    }
  });
});
