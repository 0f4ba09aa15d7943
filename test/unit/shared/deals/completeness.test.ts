import { describe, expect, it } from 'vitest';
import { nineKnowsCompleteness } from '@shared/deals/completeness';
import { nineKnowsSchema } from '@shared/model/deal';
import { NINE_KNOWS } from '@shared/model/vocabulary';

const knowing = (...keys: (typeof NINE_KNOWS)[number][]) =>
  nineKnowsSchema.parse(Object.fromEntries(keys.map((k) => [k, true])));

describe('nineKnowsCompleteness', () => {
  it('is 0 of 9 on a new checklist, with all nine missing in order', () => {
    expect(nineKnowsCompleteness(knowing())).toEqual({ known: 0, total: 9, percent: 0, missing: [...NINE_KNOWS] });
  });

  it('is 100% only when all nine are known', () => {
    expect(nineKnowsCompleteness(knowing(...NINE_KNOWS))).toEqual({ known: 9, total: 9, percent: 100, missing: [] });
    const eight = nineKnowsCompleteness(knowing(...NINE_KNOWS.slice(1)));
    expect(eight).toMatchObject({ known: 8, percent: 89, missing: ['structure'] });
  });

  it('rounds each step to a whole percent', () => {
    const percents = NINE_KNOWS.map((_, i) => nineKnowsCompleteness(knowing(...NINE_KNOWS.slice(0, i + 1))).percent);
    expect(percents).toEqual([11, 22, 33, 44, 56, 67, 78, 89, 100]);
    for (const p of percents) expect(Number.isInteger(p)).toBe(true);
  });

  it('names what is still missing', () => {
    expect(nineKnowsCompleteness(knowing('roles', 'allies', 'competitors'))).toEqual({
      known: 3,
      total: 9,
      percent: 33,
      missing: ['structure', 'process', 'timeline', 'funding', 'preferences', 'needs'],
    });
  });

  it('counts a missing key as unknown and ignores keys outside the nine', () => {
    expect(nineKnowsCompleteness({ roles: true })).toMatchObject({ known: 1, percent: 11 });
    const withExtra = nineKnowsSchema.parse({ roles: true, budgetOwner: true, tenth: true });
    expect(nineKnowsCompleteness(withExtra)).toMatchObject({ known: 1, percent: 11 });
  });
});
