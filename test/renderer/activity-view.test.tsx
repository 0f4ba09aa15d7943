import { MantineProvider } from '@mantine/core';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '@shared/model/account';
import { activitySchema } from '@shared/model/deal';

// jsdom has no FontFaceSet; Mantine's autosize textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener: () => undefined, removeEventListener: () => undefined } });
}

const apply = vi.hoisted(() => vi.fn(async () => ({ updatedAt: new Date().toISOString() })));
vi.mock('../../renderer/src/api/client', () => ({
  api: { plan: { apply }, account: { get: vi.fn() } },
  ApiError: class ApiError extends Error {},
}));

const { ActivityView } = await import('../../renderer/src/features/activity/ActivityView');
const { ContactTimeline } = await import('../../renderer/src/features/activity/ContactTimeline');
const { getDocument } = await import('../../renderer/src/app/plan-store');
const { i18n } = await import('../../renderer/src/i18n');
const { makeAccount, makeContact } = await import('../helpers/factories');

const wrap = (ui: ReactNode) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </MantineProvider>,
  );

const NOW = '2024-05-01T08:00:00.000Z';
let n = 0;
/** A fresh account per test: the plan store keeps documents by id. */
function account(over: Partial<Parameters<typeof makeAccount>[0]> = {}): Account {
  n += 1;
  return makeAccount({
    id: `acc-${n}`,
    name: 'Hemei',
    contacts: [makeContact({ id: 'c-wang', name: '王总', title: 'GM' }), makeContact({ id: 'c-li', name: '李工' })],
    ...over,
  });
}

describe('ActivityView', () => {
  beforeEach(async () => {
    apply.mockClear();
    await i18n.changeLanguage('en');
  });

  it('invites logging the first activity, checks the form, and logs a visit as one undoable plan edit', async () => {
    const user = userEvent.setup();
    const a = account();
    wrap(<ActivityView account={a} />);
    expect(screen.getByTestId('activity-empty')).toHaveTextContent('No activity logged yet');

    await user.click(screen.getByTestId('log-first-activity'));
    const form = await screen.findByTestId('activity-form');
    expect(within(form).getByTestId('activity-channel')).toHaveValue('Visit');
    await user.click(within(form).getByTestId('activity-save'));
    expect(form).toHaveTextContent('Say in a few words what happened');
    expect(apply).not.toHaveBeenCalled();

    await user.type(within(form).getByTestId('activity-summary'), 'Plant tour');
    await user.click(within(form).getByTestId('activity-save'));
    const item = await screen.findByTestId('activity-item');
    expect(within(item).getByTestId('activity-item-summary')).toHaveTextContent('Plant tour');
    expect(item).toHaveAttribute('data-channel', 'visit');
    expect(screen.queryByTestId('activity-form')).toBeNull();

    const stored = getDocument(a.id)?.activities ?? [];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: 'visit', summary: 'Plant tour', contactIds: [], dealId: null, outcome: null });
    expect(apply).toHaveBeenCalledOnce();
    expect(apply.mock.calls[0]).toEqual([{ accountId: a.id, commands: [{ type: 'addActivities', records: [stored[0]] }] }]);
  });

  it('shows the timeline newest first by month, in Chinese too', async () => {
    const rec = (id: string, date: string, summary: string, contactIds: string[]) =>
      activitySchema.parse({ id, createdAt: NOW, updatedAt: NOW, date, summary, contactIds, channel: 'phone' });
    const a = account({ activities: [rec('x1', '2024-03-02', 'Older call', ['c-li']), rec('x2', '2024-04-20', 'Newer call', ['c-wang'])] });
    await i18n.changeLanguage('zh-CN');
    wrap(<ActivityView account={a} />);
    const items = screen.getAllByTestId('activity-item');
    expect(items.map((i) => within(i).getByTestId('activity-item-summary').textContent)).toEqual(['Newer call', 'Older call']);
    expect(screen.getAllByTestId('activity-month').map((m) => m.getAttribute('data-month'))).toEqual(['2024-04', '2024-03']);
    expect(items[0]).toHaveTextContent('电话');
    expect(screen.getByTestId('log-activity')).toHaveTextContent('记录联络');
  });
});

describe('ContactTimeline', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows only what names the contact, when they were last contacted, and logs with them picked', async () => {
    const user = userEvent.setup();
    const rec = (id: string, date: string, summary: string, contactIds: string[]) =>
      activitySchema.parse({ id, createdAt: NOW, updatedAt: NOW, date, summary, contactIds });
    const a = account({ activities: [rec('x1', '2024-03-02', 'With Li', ['c-li']), rec('x2', '2024-04-20', 'With Wang', ['c-wang', 'c-li'])] });
    wrap(<ContactTimeline account={a} contactId="c-wang" />);
    const items = within(screen.getByTestId('contact-timeline')).getAllByTestId('activity-item');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('With Wang');
    expect(screen.getByTestId('contact-last-contacted')).toHaveAttribute('data-date', '2024-04-20');

    await user.click(screen.getByTestId('contact-log-activity'));
    const form = await screen.findByTestId('activity-form');
    expect(within(form).getByText('王总 · GM')).toBeInTheDocument();
    await user.type(within(form).getByTestId('activity-summary'), 'Dinner');
    await act(async () => {
      await user.click(within(form).getByTestId('activity-save'));
    });
    expect(getDocument(a.id)?.activities.find((x) => x.summary === 'Dinner')?.contactIds).toEqual(['c-wang']);
    expect(within(screen.getByTestId('contact-timeline')).getAllByTestId('activity-item')).toHaveLength(2);
  });
});
