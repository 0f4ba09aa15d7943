import { describe, expect, it } from 'vitest';
import { roleCoverage } from '@shared/buying-centre/coverage';
import { BUYER_ROLES } from '@shared/model/vocabulary';
import { makeContact } from '../../../helpers/factories';

const coverageOf = (role: string, contacts: Parameters<typeof roleCoverage>[0]) => {
  const found = roleCoverage(contacts).find((c) => c.role === role);
  if (!found) throw new Error(`no coverage for ${role}`);
  return found;
};

describe('roleCoverage', () => {
  it('lists the six roles in the method order, all empty for an empty map', () => {
    const coverage = roleCoverage([]);
    expect(coverage.map((c) => c.role)).toEqual([...BUYER_ROLES]);
    for (const c of coverage) {
      expect(c).toEqual({ role: c.role, holders: [], strongestId: null, bestStars: null, status: 'empty' });
    }
  });

  it('ignores contacts without a role', () => {
    const coverage = roleCoverage([makeContact({ role: null, stars: 5 })]);
    expect(coverage.every((c) => c.status === 'empty')).toBe(true);
  });

  it('does not count a contact who has left', () => {
    const gone = makeContact({ role: 'payer', stars: 5, leftOn: '2024-01-31' });
    expect(coverageOf('payer', [gone])).toMatchObject({ status: 'empty', holders: [], bestStars: null });
  });

  it('marks a role held only by a placeholder seat as placeholder, with no relationship', () => {
    const seat = makeContact({ id: 'seat', role: 'payer', isPlaceholder: true, stars: 4 });
    expect(coverageOf('payer', [seat])).toEqual({
      role: 'payer',
      holders: [{ contactId: 'seat', name: seat.name, stars: 4, attitude: 'unknown', isPlaceholder: true }],
      strongestId: null,
      bestStars: null,
      status: 'placeholder',
    });
  });

  it('is weak when our best relationship in the role is under three stars', () => {
    const c = makeContact({ id: 'c', role: 'user', stars: 2 });
    expect(coverageOf('user', [c])).toMatchObject({ status: 'weak', bestStars: 2, strongestId: 'c' });
  });

  it('is weak, not placeholder, when a known person with no stars sits beside a placeholder', () => {
    const seat = makeContact({ id: 'seat', role: 'user', isPlaceholder: true });
    const person = makeContact({ id: 'p', role: 'user', stars: 0 });
    const cov = coverageOf('user', [seat, person]);
    expect(cov.status).toBe('weak');
    expect(cov.bestStars).toBe(0);
    expect(cov.holders.map((h) => [h.contactId, h.isPlaceholder])).toEqual([
      ['p', false],
      ['seat', true],
    ]);
  });

  it('is strong from three stars with anyone in the role', () => {
    const weak = makeContact({ id: 'w', role: 'authority', stars: 1 });
    const three = makeContact({ id: 't', role: 'authority', stars: 3 });
    expect(coverageOf('authority', [weak, three])).toMatchObject({ status: 'strong', bestStars: 3, strongestId: 't' });
  });

  it('lists holders strongest first, a supporter winning a tie in stars', () => {
    const neutral = makeContact({ id: 'n', name: 'A', role: 'decider', stars: 4, attitude: 'neutral' });
    const supporter = makeContact({ id: 's', name: 'Z', role: 'decider', stars: 4, attitude: 'supporter' });
    const low = makeContact({ id: 'l', name: 'B', role: 'decider', stars: 1, attitude: 'supporter' });
    const cov = coverageOf('decider', [low, neutral, supporter]);
    expect(cov.strongestId).toBe('s');
    expect(cov.holders.map((h) => h.contactId)).toEqual(['s', 'n', 'l']);
  });

  it('keeps each role to its own holders', () => {
    const payer = makeContact({ role: 'payer', stars: 5 });
    const coverage = roleCoverage([payer]);
    expect(coverage.filter((c) => c.status !== 'empty').map((c) => c.role)).toEqual(['payer']);
  });
});
