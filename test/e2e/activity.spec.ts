import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { ActivityPage } from './pages/ActivityPage';
import { MapPage } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

const pad = (n: number) => String(n).padStart(2, '0');
/** Today as the browser's (same machine, same zone) calendar date. */
const localToday = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** The same day `months` months earlier, on the 10th so that it exists in every month. */
const monthsAgo = (months: number) => {
  const d = new Date();
  d.setDate(10);
  d.setMonth(d.getMonth() - months);
  return localToday(d);
};

/** A new account with two contacts on its map, a boss and a direct report. */
async function accountWithContacts(page: Page, url: string, name: string, [boss, report]: [string, string]) {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  const activity = new ActivityPage(page);
  await accounts.goto(url);
  await accounts.startCreate(name);
  await expect(workspace.title).toHaveText(name);
  await expect(map.emptyState).toBeVisible();
  await map.startEmpty(boss);
  await map.addReport(report);
  await expect(map.cards).toHaveCount(2);
  await map.saved();
  return { accounts, workspace, map, activity };
}

test('a visit logged against a contact is on the contact’s timeline and the account’s after a restart', async ({ page, host }) => {
  const { accounts, workspace, map, activity } = await accountWithContacts(page, host.url, 'Visit Co', ['王总', '李工']);
  const visitDate = monthsAgo(1);

  // From the Activity tab: a visit to 王总 last month, with its outcome and notes.
  await workspace.openTab('activity');
  await expect(activity.emptyState).toBeVisible();
  await activity.logButton.click();
  await expect(activity.form).toBeVisible();
  await expect(activity.channel).toHaveValue('Visit');
  await expect(activity.date).toHaveValue(localToday());
  await activity.fillAndSave({
    date: visitDate,
    contacts: ['王总'],
    outcome: 'Advance',
    summary: 'Plant tour with the GM',
    notes: 'Wants the premix trial in spring.\nAsked for references.',
  });
  const visit = activity.item('Plant tour with the GM');
  await expect(visit).toHaveAttribute('data-channel', 'visit');
  await expect(visit.getByTestId('activity-item-date')).toHaveAttribute('data-date', visitDate);
  await expect(visit.getByTestId('activity-outcome')).toHaveAttribute('data-outcome', 'advance');
  await expect(activity.contactsOf(visit)).toHaveText(['王总']);
  // Notes open on demand.
  await expect(visit.getByTestId('activity-item-notes')).toBeHidden();
  await visit.getByTestId('activity-notes-toggle').click();
  await expect(visit.getByTestId('activity-item-notes')).toBeVisible();
  await expect(visit.getByTestId('activity-item-notes')).toHaveText('Wants the premix trial in spring.\nAsked for references.');

  // From the contact panel on the map: a call to 王总 today, 王总 already picked.
  await workspace.openTab('map');
  await map.clickCard('王总');
  await expect(activity.lastContacted).toHaveAttribute('data-date', visitDate);
  await expect(activity.item('Plant tour with the GM', activity.contactTimeline)).toBeVisible();
  await activity.contactLogButton.click();
  await expect(activity.pickedContacts()).toHaveText(['王总']);
  await activity.fillAndSave({ channel: 'Phone call', summary: 'Confirmed the trial dates' });
  await expect(activity.contactItems).toHaveCount(2);
  await expect(activity.lastContacted).toHaveAttribute('data-date', localToday());

  // 李工 was in neither.
  await map.clickCard('李工');
  await expect(activity.contactItems).toHaveCount(0);
  await expect(activity.lastContacted).toHaveText('No contact logged yet');

  await activity.saved();
  await host.restart();

  await accounts.goto(host.url);
  await accounts.open('Visit Co');
  await expect(workspace.title).toHaveText('Visit Co');
  await expect(map.cards).toHaveCount(2);
  await map.clickCard('王总');
  // Newest first: today's call, then last month's visit.
  await expect(activity.contactItems).toHaveCount(2);
  expect(await activity.summaries(activity.contactTimeline)).toEqual(['Confirmed the trial dates', 'Plant tour with the GM']);
  const visitOnContact = activity.item('Plant tour with the GM', activity.contactTimeline);
  await expect(visitOnContact).toHaveAttribute('data-channel', 'visit');
  await expect(visitOnContact.getByTestId('activity-item-date')).toHaveAttribute('data-date', visitDate);
  await expect(activity.lastContacted).toHaveAttribute('data-date', localToday());

  // …and on the account's timeline, in two months, with a filter by channel and by contact.
  await workspace.openTab('activity');
  await expect(activity.items).toHaveCount(2);
  expect(await activity.summaries()).toEqual(['Confirmed the trial dates', 'Plant tour with the GM']);
  await expect(activity.months).toHaveCount(2);
  await expect(activity.months.first()).toHaveAttribute('data-month', localToday().slice(0, 7));
  await expect(activity.months.last()).toHaveAttribute('data-month', visitDate.slice(0, 7));
  await activity.pick(activity.filterChannel, 'Visit');
  await expect(activity.items).toHaveCount(1);
  await expect(activity.item('Plant tour with the GM')).toBeVisible();
  await activity.clearFilters.click();
  await expect(activity.items).toHaveCount(2);
  // A contact chip filters by that contact.
  await activity.contactsOf(activity.item('Plant tour with the GM')).first().click();
  await expect(activity.filterContact).toHaveValue('王总');
  await expect(activity.items).toHaveCount(2);
});

test('an activity is edited and deleted, each undoable, and the form checks what is entered', async ({ page, host }) => {
  const { workspace, activity } = await accountWithContacts(page, host.url, 'Edit Co', ['Ms Chen', 'Mr Zhou']);
  await workspace.openTab('activity');

  // Nothing is saved without a summary and a sensible date.
  await activity.logButton.click();
  await activity.date.fill('');
  await activity.saveButton.click();
  await expect(activity.form).toBeVisible();
  await expect(activity.form).toContainText('Enter the date');
  await expect(activity.form).toContainText('Say in a few words what happened');
  await activity.date.fill('1901-05-04');
  await expect(activity.form).toContainText('The date is before 1970: check the year');
  await activity.cancelButton.click();
  await expect(activity.form).toBeHidden();
  await expect(activity.emptyState).toBeVisible();

  await activity.log({ contacts: ['Ms Chen'], summary: 'Lunch after the audit' });
  const item = activity.item('Lunch after the audit');
  await expect(item).toHaveAttribute('data-channel', 'visit');
  await expect(item.getByTestId('activity-outcome')).toHaveCount(0);

  // Edit: a meeting with both, ending in an order.
  await item.getByTestId('activity-edit').click();
  await expect(activity.summary).toHaveValue('Lunch after the audit');
  await expect(activity.pickedContacts()).toHaveText(['Ms Chen']);
  await activity.fillAndSave({ channel: 'Meeting', contacts: ['Mr Zhou'], outcome: 'Order', summary: 'Signed the premix order' });
  const edited = activity.item('Signed the premix order');
  await expect(edited).toHaveAttribute('data-channel', 'meeting');
  await expect(edited.getByTestId('activity-outcome')).toHaveAttribute('data-outcome', 'order');
  await expect(activity.contactsOf(edited)).toHaveText(['Ms Chen', 'Mr Zhou']);
  await expect(activity.items).toHaveCount(1);

  await activity.undo('edit activity');
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute('data-channel', 'visit');
  await expect(activity.contactsOf(item)).toHaveText(['Ms Chen']);
  await expect(edited).toHaveCount(0);

  // Delete, and the notification's Undo brings it back.
  await item.getByTestId('activity-delete').click();
  await expect(activity.items).toHaveCount(0);
  await expect(activity.emptyState).toBeVisible();
  await activity.undoDeleteButton.click();
  await expect(item).toBeVisible();
  await expect(activity.contactsOf(item)).toHaveText(['Ms Chen']);

  // Delete again; Ctrl+Z brings it back too.
  await item.getByTestId('activity-delete').click();
  await expect(activity.items).toHaveCount(0);
  await activity.undo('delete activity');
  await expect(item).toBeVisible();

  // What the screen shows is what was stored.
  await activity.saved();
  await workspace.reload();
  await expect(activity.items).toHaveCount(1);
  await expect(item).toHaveAttribute('data-channel', 'visit');
  await expect(activity.contactsOf(item)).toHaveText(['Ms Chen']);
});

test('logging a gift warns when the customer bans gifts and hospitality', async ({ page, host }) => {
  const { workspace, activity } = await accountWithContacts(page, host.url, 'Strict Co', ['Director Wu', 'Buyer Sun']);
  const accountId = workspace.accountId();
  const rules = 'Staff may accept nothing worth more than a calendar. Meals are paid by each side.';
  await workspace.openTab('activity');
  await expect(activity.emptyState).toBeVisible();
  await activity.setGiftPolicy(accountId, 'banned', rules);
  // The workspace loaded the account before the policy was set: load it again.
  await workspace.reload();

  await activity.logButton.click();
  await expect(activity.channel).toHaveValue('Visit');
  await expect(activity.giftWarning).toHaveCount(0);

  await activity.pick(activity.channel, 'Gift');
  await expect(activity.giftWarning).toBeVisible();
  await expect(activity.giftWarning).toHaveAttribute('data-rule', 'banned');
  await expect(activity.giftWarning).toContainText('does not accept gifts or hospitality');
  await expect(activity.giftWarning).toContainText(rules);
  await expect(activity.saveButton).toHaveText('Save anyway');
  // Gifts have no meeting outcome.
  await expect(activity.outcome).toHaveCount(0);

  // A visit by itself is fine; a visit with hospitality is not.
  await activity.pick(activity.channel, 'Visit');
  await expect(activity.giftWarning).toHaveCount(0);
  await expect(activity.saveButton).toHaveText('Save');
  await activity.hospitality.check();
  await expect(activity.giftWarning).toBeVisible();
  await activity.hospitality.uncheck();
  await expect(activity.giftWarning).toHaveCount(0);

  // Warned, the user may still record it (e.g. a gift the customer returned).
  await activity.fillAndSave({ channel: 'Gift', contacts: ['Director Wu'], summary: 'Mooncakes, returned with thanks' });
  const gift = activity.item('Mooncakes, returned with thanks');
  await expect(gift).toHaveAttribute('data-channel', 'gift');

  // Logged, it stays marked as against the policy; so does a dinner after a visit, but not a plain visit.
  await expect(activity.policyBadge(gift)).toHaveText('Against gift policy');
  await expect(activity.policyBadge(gift)).toHaveAttribute('data-rule', 'banned');
  await activity.logButton.click();
  await activity.hospitality.check();
  await activity.fillAndSave({ summary: 'Dinner after the plant tour' });
  await expect(activity.policyBadge(activity.item('Dinner after the plant tour'))).toBeVisible();
  await activity.log({ summary: 'Plant tour' });
  await expect(activity.policyBadge(activity.item('Plant tour'))).toHaveCount(0);

  // The report's recent activities mark them too.
  await workspace.openTab('report');
  const marked = page.locator('[data-testid="report-activity"][data-against-policy="true"]');
  await expect(page.getByTestId('report-activity')).toHaveCount(3);
  await expect(marked).toHaveCount(2);
  await expect(marked.filter({ hasText: 'Mooncakes, returned with thanks' })).toContainText('Against gift policy');
  await expect(marked.filter({ hasText: 'Dinner after the plant tour' })).toHaveCount(1);
  await workspace.openTab('activity');

  // Restricted: still marked (orange); allowed: no mark and no warning.
  await activity.saved();
  await activity.setGiftPolicy(accountId, 'restricted', '');
  await workspace.reload();
  await expect(activity.policyBadge(gift)).toHaveAttribute('data-rule', 'restricted');
  await activity.setGiftPolicy(accountId, 'allowed', '');
  await workspace.reload();
  await expect(gift).toBeVisible();
  await expect(activity.items.getByTestId('activity-policy-badge')).toHaveCount(0);
  await activity.logButton.click();
  await activity.pick(activity.channel, 'Gift');
  await expect(activity.channel).toHaveValue('Gift');
  await expect(activity.giftWarning).toHaveCount(0);
});
