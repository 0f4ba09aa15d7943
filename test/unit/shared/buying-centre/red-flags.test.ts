import { describe, expect, it } from 'vitest';
import { flagCount, redFlags, type RedFlag, type RedFlagCode } from '@shared/buying-centre/red-flags';
import type { Contact, InfluenceLine } from '@shared/model/contact';
import { makeContact, type ContactInput } from '../../../helpers/factories';

const NOW = '2024-05-01T08:00:00.000Z';
const person = (id: string, fields: Partial<ContactInput> = {}) =>
  makeContact({ id, name: id, level: 'management', reportsToId: 'gm', ...fields });

/** A buying centre with nothing to shout about: every rule's negative case. */
function healthy(): Contact[] {
  return [
    person('gm', { role: 'decider', level: 'decision', reportsToId: null, attitude: 'supporter', influence: 'high', stars: 3 }),
    person('tech', { role: 'authority', attitude: 'supporter', influence: 'high', stars: 4, isCoach: true }),
    person('qa', { role: 'influencer', attitude: 'neutral', stars: 1 }),
    person('buy', { role: 'executor', attitude: 'supporter', stars: 3 }),
    person('plant', { role: 'user', attitude: 'neutral', stars: 1 }),
    person('fin', { role: 'payer', attitude: 'opponent', influence: 'medium', stars: 0 }),
  ];
}

/** The healthy map with some contacts changed, added (unknown ids) or removed (`null`). */
function withChanges(changes: Record<string, Partial<ContactInput> | null>): Contact[] {
  const base = healthy();
  const changed = base.flatMap((c) => {
    if (!(c.id in changes)) return [c];
    const change = changes[c.id];
    return change === null || change === undefined ? [] : [makeContact({ ...c, ...change })];
  });
  const added = Object.entries(changes)
    .filter(([id, change]) => change && !base.some((c) => c.id === id))
    .map(([id, change]) => person(id, change ?? {}));
  return [...changed, ...added];
}

const flagsOf = (contacts: Contact[], influenceLines: InfluenceLine[] = [], now?: string) =>
  redFlags({ contacts, influenceLines }, now === undefined ? {} : { now });
const codes = (flags: RedFlag[]) => flags.map((f) => f.code);
const withCode = (flags: RedFlag[], code: RedFlagCode) => flags.filter((f) => f.code === code);

describe('redFlags', () => {
  it('raises nothing on a healthy map', () => {
    expect(flagsOf(healthy())).toEqual([]);
    expect(flagsOf(healthy(), [], NOW).filter((f) => f.code !== 'staleJudgements')).toEqual([]);
  });

  describe('roleEmpty', () => {
    it('flags a role nobody holds, high for the decider and medium for the others', () => {
      expect(flagsOf(withChanges({ fin: { role: null } }))).toEqual([
        { code: 'roleEmpty', severity: 'medium', contactIds: [], role: 'payer', params: {} },
      ]);
      const noDecider = flagsOf(withChanges({ gm: { role: null } }));
      expect(withCode(noDecider, 'roleEmpty')).toEqual([
        { code: 'roleEmpty', severity: 'high', contactIds: [], role: 'decider', params: {} },
      ]);
    });

    it('flags a role whose only holder has left', () => {
      const flags = flagsOf(withChanges({ plant: { leftOn: '2024-04-01' } }));
      expect(withCode(flags, 'roleEmpty').map((f) => f.role)).toEqual(['user']);
    });

    it('raises nothing for a role held by a known person', () => {
      expect(withCode(flagsOf(healthy()), 'roleEmpty')).toEqual([]);
    });
  });

  describe('rolePlaceholderOnly', () => {
    it('flags a role held only by placeholder seats, naming them, not as empty', () => {
      const flags = flagsOf(withChanges({ fin: { isPlaceholder: true, name: '' } }));
      expect(flags).toEqual([
        { code: 'rolePlaceholderOnly', severity: 'low', contactIds: ['fin'], role: 'payer', params: {} },
      ]);
    });

    it('is medium for a decider seat', () => {
      const flags = flagsOf(withChanges({ gm: { isPlaceholder: true }, chair: { role: 'decider', level: 'decision', stars: 3 } }));
      expect(withCode(flags, 'rolePlaceholderOnly')).toEqual([]);
      const seatOnly = flagsOf(withChanges({ gm: { isPlaceholder: true } }));
      expect(withCode(seatOnly, 'rolePlaceholderOnly')).toEqual([
        { code: 'rolePlaceholderOnly', severity: 'medium', contactIds: ['gm'], role: 'decider', params: {} },
      ]);
    });

    it('raises nothing when a known person shares the role with a placeholder', () => {
      const flags = flagsOf(withChanges({ seat: { role: 'payer', isPlaceholder: true } }));
      expect(flags).toEqual([]);
    });
  });

  describe('deciderWeak', () => {
    it('flags a decider with fewer than two stars', () => {
      const flags = flagsOf(withChanges({ gm: { stars: 1 } }));
      expect(flags).toEqual([{ code: 'deciderWeak', severity: 'high', contactIds: ['gm'], role: 'decider', params: { stars: 1 } }]);
      expect(withCode(flagsOf(withChanges({ gm: { stars: 0 } })), 'deciderWeak')).toHaveLength(1);
    });

    it('raises nothing at two stars', () => {
      expect(flagsOf(withChanges({ gm: { stars: 2 } }))).toEqual([]);
    });

    it('does not judge a placeholder decider seat or one who left', () => {
      expect(withCode(flagsOf(withChanges({ gm: { stars: 0, isPlaceholder: true } })), 'deciderWeak')).toEqual([]);
      expect(withCode(flagsOf(withChanges({ gm: { stars: 0, leftOn: '2024-01-01' } })), 'deciderWeak')).toEqual([]);
    });
  });

  describe('deciderAttitudeUnknown', () => {
    it('flags a decider whose attitude is unknown', () => {
      expect(flagsOf(withChanges({ gm: { attitude: 'unknown' } }))).toEqual([
        { code: 'deciderAttitudeUnknown', severity: 'medium', contactIds: ['gm'], role: 'decider', params: {} },
      ]);
    });

    it('raises nothing for a known attitude, even an opposing one', () => {
      expect(withCode(flagsOf(withChanges({ gm: { attitude: 'opponent', influence: 'medium' } })), 'deciderAttitudeUnknown')).toEqual([]);
    });
  });

  describe('opponentHighInfluence', () => {
    it('flags each opponent with high influence, with their role', () => {
      const flags = flagsOf(withChanges({ fin: { influence: 'high' }, rival: { attitude: 'opponent', influence: 'high' } }));
      expect(withCode(flags, 'opponentHighInfluence')).toEqual([
        { code: 'opponentHighInfluence', severity: 'high', contactIds: ['fin'], role: 'payer', params: {} },
        { code: 'opponentHighInfluence', severity: 'high', contactIds: ['rival'], params: {} },
      ]);
    });

    it('counts an opponent placeholder seat', () => {
      const flags = flagsOf(withChanges({ seat: { role: 'payer', isPlaceholder: true, attitude: 'opponent', influence: 'high' } }));
      expect(codes(flags)).toEqual(['opponentHighInfluence']);
    });

    it('raises nothing for an opponent of medium influence, a supporter of high influence, or one who left', () => {
      expect(flagsOf(healthy())).toEqual([]);
      expect(flagsOf(withChanges({ fin: { influence: 'high', leftOn: '2024-01-01' }, pay2: { role: 'payer' } }))).toEqual([]);
    });
  });

  describe('noCoach', () => {
    it('flags a map where nobody is marked coach', () => {
      expect(flagsOf(withChanges({ tech: { isCoach: false } }))).toEqual([
        { code: 'noCoach', severity: 'medium', contactIds: [], params: {} },
      ]);
    });

    it('flags it when the coach has left or is only a placeholder', () => {
      const left = flagsOf(withChanges({ tech: { isCoach: false }, ex: { isCoach: true, leftOn: '2024-01-01' } }));
      expect(codes(left)).toEqual(['noCoach']);
      const seat = flagsOf(withChanges({ tech: { isCoach: false }, ghost: { isCoach: true, isPlaceholder: true } }));
      expect(codes(seat)).toEqual(['noCoach']);
    });
  });

  describe('singleThreaded', () => {
    it('flags a map where only one contact has three stars or more, naming them', () => {
      const flags = flagsOf(withChanges({ gm: { stars: 2 }, buy: { stars: 2 } }));
      expect(flags).toEqual([{ code: 'singleThreaded', severity: 'high', contactIds: ['tech'], params: { strongCount: 1 } }]);
    });

    it('flags a map where nobody has three stars, naming nobody', () => {
      const flags = flagsOf(withChanges({ gm: { stars: 2 }, tech: { stars: 2 }, buy: { stars: 2 } }));
      expect(withCode(flags, 'singleThreaded')).toEqual([
        { code: 'singleThreaded', severity: 'high', contactIds: [], params: { strongCount: 0 } },
      ]);
    });

    it('does not count a strong contact who left', () => {
      const flags = flagsOf(withChanges({ gm: { stars: 2 }, buy: { stars: 2 }, ex: { stars: 5, leftOn: '2024-01-01' } }));
      expect(withCode(flags, 'singleThreaded')).toHaveLength(1);
    });

    it('raises nothing with two strong contacts', () => {
      expect(flagsOf(withChanges({ gm: { stars: 2 } }))).toEqual([]);
    });
  });

  describe('noDecisionLevel', () => {
    it('flags a map with nobody at the decision level', () => {
      expect(flagsOf(withChanges({ gm: { level: 'management' } }))).toEqual([
        { code: 'noDecisionLevel', severity: 'medium', contactIds: [], params: {} },
      ]);
    });

    it('raises nothing when someone other than the decider is at the decision level', () => {
      const flags = flagsOf(withChanges({ gm: { level: 'management' }, vp: { level: 'decision' } }));
      expect(flags).toEqual([]);
    });
  });

  describe('deciderUnreached', () => {
    it('flags a decider no supporter chain reaches from our coach', () => {
      const flags = flagsOf(withChanges({ tech: { reportsToId: 'qa' } }));
      expect(flags).toEqual([
        { code: 'deciderUnreached', severity: 'high', contactIds: ['gm'], role: 'decider', params: { reason: 'noPath', startId: 'tech' } },
      ]);
    });

    it('says so when we know nobody to start from', () => {
      const nobody = healthy().map((c) => makeContact({ ...c, stars: 0, isCoach: false }));
      const flags = flagsOf(nobody);
      expect(withCode(flags, 'deciderUnreached')).toEqual([
        { code: 'deciderUnreached', severity: 'high', contactIds: ['gm'], role: 'decider', params: { reason: 'noStart' } },
      ]);
    });

    it('raises nothing when the chain runs through supporters, or along an influence line', () => {
      expect(flagsOf(healthy())).toEqual([]);
      const line: InfluenceLine = { id: 'l1', createdAt: NOW, updatedAt: NOW, fromId: 'tech', toId: 'buy', label: 'trusts' };
      expect(flagsOf(withChanges({ tech: { reportsToId: 'qa' } }), [line])).toEqual([]);
    });

    it('raises nothing when there is no decider (roleEmpty covers it)', () => {
      expect(withCode(flagsOf(withChanges({ gm: { role: null } })), 'deciderUnreached')).toEqual([]);
    });
  });

  describe('staleJudgements', () => {
    const confirmed = (at: string) => healthy().map((c) => makeContact({ ...c, confirmedAt: { attitude: at, influence: at, stars: at } }));

    it('flags judgements older than 90 days, once, listing the contacts', () => {
      const flags = flagsOf(confirmed('2024-01-01T00:00:00.000Z'), [], NOW);
      expect(flags).toEqual([
        {
          code: 'staleJudgements',
          severity: 'low',
          contactIds: ['gm', 'tech', 'qa', 'buy', 'plant', 'fin'],
          params: { count: 18, contacts: 6, maxAgeDays: 90 },
        },
      ]);
    });

    it('flags never-confirmed judgements that say something', () => {
      const flags = flagsOf(withChanges({}), [], NOW);
      expect(withCode(flags, 'staleJudgements')[0]?.params).toMatchObject({ count: 11 });
      // Every attitude and star rating but the payer's zero stars: an unconfirmed "no
      // relationship" is no claim, and a never-set influence is a new card's default.
    });

    it('raises nothing when everything is fresh, or when no time is given', () => {
      expect(flagsOf(confirmed(NOW), [], NOW)).toEqual([]);
      expect(flagsOf(confirmed('2020-01-01T00:00:00.000Z'))).toEqual([]);
    });

    it('uses the given maximum age', () => {
      const contacts = confirmed('2024-04-01T08:00:00.000Z');
      // Exactly 30 days before NOW.
      expect(redFlags({ contacts, influenceLines: [] }, { now: NOW, maxAgeDays: 29 })).toHaveLength(1);
      expect(redFlags({ contacts, influenceLines: [] }, { now: NOW, maxAgeDays: 30 })).toEqual([]);
    });
  });

  it('orders flags high, then medium, then low, keeping rule order within a severity', () => {
    const contacts = [
      person('gm', { role: 'decider', level: 'management', reportsToId: null, attitude: 'unknown', stars: 0 }),
      person('seat', { role: 'payer', isPlaceholder: true }),
      person('foe', { role: 'influencer', attitude: 'opponent', influence: 'high' }),
    ];
    const flags = flagsOf(contacts);
    expect(flags.map((f) => [f.severity, f.code, f.role ?? null])).toEqual([
      ['high', 'deciderWeak', 'decider'],
      ['high', 'opponentHighInfluence', 'influencer'],
      ['high', 'singleThreaded', null],
      ['high', 'deciderUnreached', 'decider'],
      ['medium', 'roleEmpty', 'authority'],
      ['medium', 'roleEmpty', 'executor'],
      ['medium', 'roleEmpty', 'user'],
      ['medium', 'deciderAttitudeUnknown', 'decider'],
      ['medium', 'noCoach', null],
      ['medium', 'noDecisionLevel', null],
      ['low', 'rolePlaceholderOnly', 'payer'],
    ]);
  });
});

describe('flagCount', () => {
  it('counts flags by severity and in all', () => {
    // deciderWeak, singleThreaded · five roleEmpty, deciderAttitudeUnknown, noCoach, noDecisionLevel.
    const flags = flagsOf([person('gm', { role: 'decider', reportsToId: null, stars: 1 })]);
    expect(flagCount(flags)).toEqual({ high: 2, medium: 8, low: 0, total: 10 });
    expect(flagCount([])).toEqual({ high: 0, medium: 0, low: 0, total: 0 });
  });
});
