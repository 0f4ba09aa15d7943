import { describe, expect, it } from 'vitest';
import { activitySchema, type Activity } from '@shared/model/deal';
import {
  activityFields,
  changedFields,
  contactChoices,
  filterActivities,
  giftPolicyConflict,
  groupByMonth,
  lastContacted,
  validateActivity,
  type ActivityFormValues,
} from '../../renderer/src/features/activity/activity-rules';
import { makeContact } from '../helpers/factories';

const NOW = '2024-05-01T08:00:00.000Z';
const act = (id: string, over: Partial<Activity> = {}): Activity =>
  activitySchema.parse({ id, createdAt: NOW, updatedAt: NOW, date: '2024-04-01', ...over });

const values = (over: Partial<ActivityFormValues> = {}): ActivityFormValues => ({
  date: '2024-04-01',
  channel: 'visit',
  contactIds: [],
  dealId: null,
  outcome: null,
  summary: 'Plant tour',
  notes: '',
  hospitality: false,
  ...over,
});

describe('validateActivity', () => {
  const today = '2024-05-01';
  it('accepts a real date and a summary', () => {
    expect(validateActivity(values(), today)).toEqual({});
    expect(validateActivity(values({ date: '2025-05-01' }), today)).toEqual({});
  });
  it('requires the date and the summary', () => {
    expect(validateActivity(values({ date: ' ', summary: '  ' }), today)).toEqual({
      date: { key: 'activity.errors.dateRequired' },
      summary: { key: 'activity.errors.summaryRequired' },
    });
  });
  it('refuses dates that do not exist or are absurd', () => {
    expect(validateActivity(values({ date: '2024-02-30' }), today).date?.key).toBe('activity.errors.dateInvalid');
    expect(validateActivity(values({ date: '24-02-01' }), today).date?.key).toBe('activity.errors.dateInvalid');
    expect(validateActivity(values({ date: '1969-12-31' }), today).date).toEqual({ key: 'activity.errors.dateTooOld', values: { min: '1970' } });
    expect(validateActivity(values({ date: '2025-05-02' }), today).date?.key).toBe('activity.errors.dateTooFar');
    expect(validateActivity(values({ date: '9999-01-01' }), today).date?.key).toBe('activity.errors.dateTooFar');
  });
});

describe('giftPolicyConflict', () => {
  it('flags gifts, and hospitality on face-to-face channels, when the customer bans or restricts them', () => {
    for (const rule of ['banned', 'restricted'] as const) {
      expect(giftPolicyConflict('gift', false, rule)).toBe(true);
      expect(giftPolicyConflict('visit', true, rule)).toBe(true);
      expect(giftPolicyConflict('meeting', true, rule)).toBe(true);
      expect(giftPolicyConflict('visit', false, rule)).toBe(false);
      // A phone call cannot come with a meal.
      expect(giftPolicyConflict('phone', true, rule)).toBe(false);
    }
    for (const rule of ['allowed', 'unknown'] as const) {
      expect(giftPolicyConflict('gift', true, rule)).toBe(false);
      expect(giftPolicyConflict('visit', true, rule)).toBe(false);
    }
  });
});

describe('activityFields and changedFields', () => {
  it('keeps the outcome only where it applies and trims the texts', () => {
    expect(activityFields(values({ channel: 'email', outcome: 'advance', summary: '  Sent the offer ' }))).toMatchObject({ outcome: null, summary: 'Sent the offer' });
    expect(activityFields(values({ channel: 'phone', outcome: 'advance' })).outcome).toBe('advance');
  });
  it('patches only what changed', () => {
    const before = act('a1', { summary: 'Plant tour', contactIds: ['c1'] });
    const after = activityFields(values({ summary: 'Plant tour', contactIds: ['c1', 'c2'], outcome: 'order' }));
    expect(changedFields(before, after)).toEqual({ contactIds: ['c1', 'c2'], outcome: 'order' });
    expect(changedFields(before, activityFields(values({ contactIds: ['c1'] })))).toEqual({});
  });
});

describe('timeline helpers', () => {
  const list = [
    act('a', { date: '2024-05-20', channel: 'phone', contactIds: ['c1'] }),
    act('b', { date: '2024-05-02', channel: 'visit', contactIds: ['c1', 'c2'] }),
    act('c', { date: '2024-03-31', channel: 'visit', contactIds: ['c2'] }),
  ];
  it('groups a sorted list by month', () => {
    expect(groupByMonth(list).map((g) => [g.month, g.items.map((a) => a.id)])).toEqual([
      ['2024-05', ['a', 'b']],
      ['2024-03', ['c']],
    ]);
  });
  it('filters by channel and by contact', () => {
    expect(filterActivities(list, { channel: 'visit', contactId: null }).map((a) => a.id)).toEqual(['b', 'c']);
    expect(filterActivities(list, { channel: 'visit', contactId: 'c1' }).map((a) => a.id)).toEqual(['b']);
    expect(filterActivities(list, { channel: null, contactId: null })).toHaveLength(3);
  });
  it('takes the last contact up to today, not a planned one', () => {
    expect(lastContacted(list, '2024-05-10')).toBe('2024-05-02');
    expect(lastContacted(list, '2024-06-01')).toBe('2024-05-20');
    expect(lastContacted([], '2024-06-01')).toBeNull();
  });
  it('offers the contacts still with the customer, and any already named', () => {
    const here = makeContact({ id: 'c1' });
    const gone = makeContact({ id: 'c2', leftOn: '2024-01-01' });
    expect(contactChoices({ contacts: [here, gone] }, []).map((c) => c.id)).toEqual(['c1']);
    expect(contactChoices({ contacts: [here, gone] }, ['c2']).map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});
