import { describe, expect, it } from 'vitest';
import {
  carriesInformation,
  isStale,
  judgementAgeDays,
  staleJudgements,
} from '@shared/buying-centre/freshness';
import { makeContact } from '../../../helpers/factories';

const NOW = '2024-08-01T08:00:00.000Z';
const DAY = 86_400_000;
const ago = (days: number, extraMs = 0) => new Date(Date.parse(NOW) - days * DAY - extraMs).toISOString();
const confirmedAll = (at: string | null) => ({ attitude: at, influence: at, stars: at });

describe('judgementAgeDays', () => {
  it('counts whole days, rounding down', () => {
    expect(judgementAgeDays(ago(90), NOW)).toBe(90);
    expect(judgementAgeDays(ago(90, 23 * 3_600_000), NOW)).toBe(90);
    expect(judgementAgeDays(ago(91), NOW)).toBe(91);
    expect(judgementAgeDays(NOW, NOW)).toBe(0);
  });

  it('is null when never confirmed or unreadable, and 0 for a confirmation from the future', () => {
    expect(judgementAgeDays(null, NOW)).toBeNull();
    expect(judgementAgeDays('not a date', NOW)).toBeNull();
    expect(judgementAgeDays('2024-09-01T00:00:00.000Z', NOW)).toBe(0);
  });

  it('reads time-zone offsets', () => {
    // 2024-05-03T16:00+08:00 is exactly 90 days before NOW.
    expect(judgementAgeDays('2024-05-03T16:00:00+08:00', NOW)).toBe(90);
  });

  it('refuses a now that is not a timestamp', () => {
    expect(() => judgementAgeDays(null, 'yesterday')).toThrow(RangeError);
  });
});

describe('carriesInformation', () => {
  it('treats unknown attitude, zero stars and a never-set influence as no judgement yet', () => {
    expect(carriesInformation(makeContact({ attitude: 'unknown' }), 'attitude')).toBe(false);
    expect(carriesInformation(makeContact({ attitude: 'neutral' }), 'attitude')).toBe(true);
    expect(carriesInformation(makeContact({ stars: 0 }), 'stars')).toBe(false);
    expect(carriesInformation(makeContact({ stars: 1 }), 'stars')).toBe(true);
    expect(carriesInformation(makeContact(), 'influence')).toBe(false);
    expect(carriesInformation(makeContact({ confirmedAt: confirmedAll('2024-01-01T00:00:00.000Z') }), 'influence')).toBe(true);
  });
});

describe('isStale', () => {
  it('keeps a judgement confirmed exactly 90 days ago fresh and flags one 91 days old', () => {
    const at90 = makeContact({ attitude: 'supporter', confirmedAt: confirmedAll(ago(90)) });
    const at91 = makeContact({ attitude: 'supporter', confirmedAt: confirmedAll(ago(91)) });
    expect(isStale(at90, 'attitude', NOW)).toBe(false);
    expect(isStale(at91, 'attitude', NOW)).toBe(true);
  });

  it('honours another maximum age', () => {
    const c = makeContact({ confirmedAt: confirmedAll(ago(31)) });
    expect(isStale(c, 'influence', NOW, 30)).toBe(true);
    expect(isStale(c, 'influence', NOW, 31)).toBe(false);
  });

  it('flags a never-confirmed judgement only when it says something', () => {
    const blank = makeContact({ attitude: 'unknown', stars: 0 });
    expect(isStale(blank, 'attitude', NOW)).toBe(false);
    expect(isStale(blank, 'stars', NOW)).toBe(false);
    expect(isStale(blank, 'influence', NOW)).toBe(false);
    const judged = makeContact({ attitude: 'opponent', stars: 2 });
    expect(isStale(judged, 'attitude', NOW)).toBe(true);
    expect(isStale(judged, 'stars', NOW)).toBe(true);
  });

  it('lets a confirmed "unknown" go stale by age like any other judgement', () => {
    const c = makeContact({ attitude: 'unknown', confirmedAt: { attitude: ago(120) } });
    expect(isStale(c, 'attitude', NOW)).toBe(true);
  });

  it('refuses a negative or missing maximum age', () => {
    expect(() => isStale(makeContact(), 'stars', NOW, -1)).toThrow(RangeError);
    expect(() => isStale(makeContact(), 'stars', NOW, Number.NaN)).toThrow(RangeError);
  });
});

describe('staleJudgements', () => {
  it('lists each stale judgement with its date and age, in contact then judgement order', () => {
    const a = makeContact({
      id: 'a',
      attitude: 'supporter',
      stars: 3,
      confirmedAt: { attitude: ago(91), influence: ago(10), stars: null },
    });
    const b = makeContact({ id: 'b', attitude: 'unknown', stars: 0, confirmedAt: { influence: ago(200) } });
    expect(staleJudgements([a, b], NOW)).toEqual([
      { contactId: 'a', judgement: 'attitude', confirmedAt: ago(91), ageDays: 91 },
      { contactId: 'a', judgement: 'stars', confirmedAt: null, ageDays: null },
      { contactId: 'b', judgement: 'influence', confirmedAt: ago(200), ageDays: 200 },
    ]);
  });

  it('is empty when everything was confirmed within the window', () => {
    const c = makeContact({ attitude: 'supporter', stars: 4, confirmedAt: confirmedAll(ago(90)) });
    expect(staleJudgements([c], NOW)).toEqual([]);
  });

  it('skips contacts who left and placeholder seats', () => {
    const gone = makeContact({ attitude: 'supporter', stars: 3, leftOn: '2024-02-01' });
    const seat = makeContact({ isPlaceholder: true, attitude: 'opponent' });
    expect(staleJudgements([gone, seat], NOW)).toEqual([]);
  });

  it('uses the given maximum age', () => {
    const c = makeContact({ id: 'c', confirmedAt: confirmedAll(ago(8)) });
    expect(staleJudgements([c], NOW, 7).map((s) => s.judgement)).toEqual(['attitude', 'influence', 'stars']);
    expect(staleJudgements([c], NOW, 8)).toEqual([]);
  });

  it('refuses a bad now even with no contacts', () => {
    expect(() => staleJudgements([], 'soon')).toThrow(RangeError);
  });
});
