import { describe, expect, it } from 'vitest';
import { calendarDate, daysBetween } from '@shared/deals/dates';

describe('calendarDate', () => {
  it('is the date written in a date or a timestamp, not the UTC date', () => {
    expect(calendarDate('2024-05-01')).toBe('2024-05-01');
    expect(calendarDate('2024-05-01T08:00:00.000Z')).toBe('2024-05-01');
    expect(calendarDate('2024-05-02T07:00:00+08:00')).toBe('2024-05-02');
    expect(calendarDate('2024-02-29')).toBe('2024-02-29');
  });

  it('refuses what is not a real date or timestamp, naming the input', () => {
    for (const bad of ['', 'today', '2024-5-1', '01/05/2024', '2024-13-01', '2023-02-29', '2024-04-31', '2024-05-01X']) {
      expect(() => calendarDate(bad, 'now')).toThrow(RangeError);
    }
    expect(() => calendarDate('nope', 'now')).toThrow(/now is not a date/);
  });
});

describe('daysBetween', () => {
  it('counts whole calendar days, negative backwards, across month and leap-day ends', () => {
    expect(daysBetween('2024-05-01', '2024-05-01')).toBe(0);
    expect(daysBetween('2024-04-30', '2024-05-01')).toBe(1);
    expect(daysBetween('2024-05-01', '2024-04-30')).toBe(-1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-12-31', '2024-12-31')).toBe(366);
  });
});
