import { describe, expect, it } from 'vitest';
import { accountPatchSchema } from '@shared/api/contract';
import { afterSave, changedPatch, dateError, numberError, profileErrors, toValues } from '../../renderer/src/features/profile/profile-form';
import { makeAccount } from '../helpers/factories';

const account = makeAccount({
  name: 'Acme',
  profile: { industry: 'Feed', revenue: 5_000_000, customerSince: '2019-04-01', satisfaction: 4 },
  relationshipType: 'partner',
  valueFactors: { annualPurchases: 123 },
  grade: 'A1',
});

describe('profile form values', () => {
  it('round-trips the stored profile without a change', () => {
    const v = toValues(account);
    expect(v.profile.industry).toBe('Feed');
    expect(v.profile.revenue).toBe(5_000_000);
    expect(v.profile.employees).toBe('');
    expect(v.profile.customerSince).toBe('2019-04-01');
    expect(v.profile.lastReview).toBe('');
    expect(v.profile.intent).toBe('');
    expect(v.profile.satisfaction).toBe(4);
    expect(v.relationshipType).toBe('partner');
    expect(changedPatch(v, v)).toBeNull();
  });

  it('sends only what changed, in the stored form, and never the value factors or the grade', () => {
    const base = toValues(account);
    const next = {
      ...base,
      stage: 'prospect' as const,
      relationshipType: '',
      giftRule: 'banned' as const,
      profile: { ...base.profile, region: 'Shandong', revenue: '', employees: 800, intent: 'high', satisfaction: 0, lastReview: '2024-02-29' },
    };
    const patch = changedPatch(base, next);
    expect(patch).toEqual({
      stage: 'prospect',
      relationshipType: null,
      giftPolicy: { rule: 'banned' },
      profile: { region: 'Shandong', revenue: null, employees: 800, intent: 'high', satisfaction: null, lastReview: '2024-02-29' },
    });
    expect(accountPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('leaves out numbers and dates with an error, and keeps them unsaved for the next patch', () => {
    const base = toValues(account);
    const next = { ...base, profile: { ...base.profile, marketShare: 150, employees: 12.5, revenueGrowth: -20, ownerSince: '2023-02-30', team: 'Li, Wang' } };
    expect(Object.keys(profileErrors(next)).sort()).toEqual(['employees', 'marketShare', 'ownerSince']);
    expect(changedPatch(base, next)).toEqual({ profile: { revenueGrowth: -20, team: 'Li, Wang' } });
    const saved = afterSave(base, next);
    expect(saved.profile.marketShare).toBe('');
    // Corrected later: now it goes out.
    const fixed = { ...next, profile: { ...next.profile, marketShare: 12.5, employees: 12, ownerSince: '2023-02-28' } };
    expect(changedPatch(saved, fixed)).toEqual({ profile: { marketShare: 12.5, employees: 12, ownerSince: '2023-02-28' } });
  });

  it('says what is wrong with a number or a date', () => {
    expect(numberError('', { min: 0, max: 100 })).toBeNull();
    expect(numberError(101, { min: 0, max: 100 })).toEqual({ kind: 'range', min: 0, max: 100 });
    expect(numberError(-1, { min: 0, max: 100 })).toEqual({ kind: 'range', min: 0, max: 100 });
    expect(numberError('-', { min: 0, max: 100 })).toEqual({ kind: 'number' });
    expect(numberError(2.5, { min: 0, max: 100, integer: true })).toEqual({ kind: 'whole' });
    expect(numberError(100, { min: 0, max: 100 })).toBeNull();
    expect(dateError('')).toBeNull();
    expect(dateError('2024-02-29')).toBeNull();
    expect(dateError('2023-02-29')).toEqual({ kind: 'date' });
    expect(dateError('0002-01-01')).toEqual({ kind: 'date' });
    expect(dateError('2024-1-1')).toEqual({ kind: 'date' });
  });
});
