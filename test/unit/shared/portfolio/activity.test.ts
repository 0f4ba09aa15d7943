import { describe, expect, it } from 'vitest';
import { lastActivity, timeline } from '@shared/portfolio/activity';
import { activity } from './records';

const at = (stamp: string) => ({ createdAt: stamp, updatedAt: stamp });

describe('timeline', () => {
  const activities = [
    activity('2024-03-01', { id: 'mar', contactIds: ['gm'] }),
    activity('2024-05-02', { id: 'may-early', contactIds: ['gm', 'pm'], ...at('2024-05-02T08:00:00.000Z') }),
    activity('2024-05-02', { id: 'may-late', contactIds: ['pm'], ...at('2024-05-02T09:30:00+08:00') }),
    activity('2024-05-02', { id: 'may-latest', ...at('2024-05-02T02:00:00.000Z') }),
    activity('2023-12-24', { id: 'xmas', channel: 'gift', contactIds: ['gm'] }),
  ];

  it('lists the log newest first, then by when it was recorded', () => {
    // may-late was stamped 09:30+08:00, i.e. 01:30Z: recorded first of that day, though its text sorts last.
    expect(timeline({ activities }).map((a) => a.id)).toEqual(['may-early', 'may-latest', 'may-late', 'mar', 'xmas']);
    // The account's own list is not reordered.
    expect(activities.map((a) => a.id)).toEqual(['mar', 'may-early', 'may-late', 'may-latest', 'xmas']);
  });

  it('shows a contact the activities that name them', () => {
    expect(timeline({ activities }, 'gm').map((a) => a.id)).toEqual(['may-early', 'mar', 'xmas']);
    expect(timeline({ activities }, 'pm').map((a) => a.id)).toEqual(['may-early', 'may-late']);
    expect(timeline({ activities }, 'nobody')).toEqual([]);
  });
});

describe('lastActivity', () => {
  it('is the latest date, or null without activities', () => {
    expect(lastActivity({ activities: [activity('2024-01-05'), activity('2024-04-30'), activity('2023-12-31')] })).toBe('2024-04-30');
    expect(lastActivity({ activities: [] })).toBeNull();
    // Planned (dated after today) is not contact made.
    const planned = { activities: [activity('2024-04-30'), activity('2024-07-01')] };
    expect(lastActivity(planned, '2024-06-01')).toBe('2024-04-30');
    expect(lastActivity({ activities: [activity('2024-07-01')] }, '2024-06-01')).toBeNull();
    expect(lastActivity(planned)).toBe('2024-07-01');
  });
});
