import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { ProfilePage, daysAgo } from './pages/ProfilePage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Waits for the profile autosave whose body carries `text` (the debounced save of the last edit). */
const saveCarrying = (page: import('@playwright/test').Page, text: string) =>
  page.waitForResponse((r) => r.url().endsWith('/api/account:update') && (r.request().postData() ?? '').includes(text));

test('the profile in sections, a prospect’s figures and the order history survive a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const profile = new ProfilePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Sections Co');
  await expect(workspace.title).toHaveText('Sections Co');
  await workspace.openTab('profile');
  await expect(profile.form).toBeVisible();
  const accountId = workspace.accountId();

  // The value factors and the grade have moved to the Value & health tab.
  await expect(page.getByTestId('profile-grade')).toHaveCount(0);
  await expect(profile.form.getByText('Annual purchases')).toHaveCount(0);

  // Basic data, characteristics, performance, trading terms, satisfaction and ownership.
  await profile.field('industry').fill('Animal feed');
  await profile.field('region').fill('Shandong');
  await profile.field('phone').fill('+86 531 1234 5678');
  await profile.field('ownership-type').fill('Private, family-owned');
  await profile.field('decision-style').fill('The GM decides; finance can veto');
  await profile.field('revenue').fill('5000000');
  await profile.field('customer-since').fill('2019-04-01');
  await profile.field('payment-terms').fill('60 days after delivery');
  await profile.rate(4);
  await profile.field('open-complaints').fill('2');
  await profile.field('last-review').fill('2024-11-15');
  await profile.field('owner').fill('Li Wei');
  const lastBasics = saveCarrying(page, 'Sales team East');
  await profile.field('team').fill('Sales team East');
  expect((await lastBasics).status()).toBe(200);

  // A market share over 100 % is marked and not saved; the field typed with it is.
  await profile.field('market-share').fill('150');
  await expect(profile.form.getByText('Enter a number from 0 to 100. Not saved.')).toBeVisible();
  await expect(profile.invalid).toHaveAttribute('data-count', '1');
  const withEmployees = saveCarrying(page, '"employees":800');
  await profile.field('employees').fill('800');
  const employeesSave = await withEmployees;
  expect(employeesSave.status()).toBe(200);
  expect(employeesSave.request().postData()).not.toContain('marketShare');
  const withShare = saveCarrying(page, '"marketShare":12.5');
  await profile.field('market-share').fill('12.5');
  expect((await withShare).status()).toBe(200);
  await expect(profile.invalid).toHaveCount(0);

  // Relationship and the gift policy: a ban is shouted.
  await profile.pick(profile.relationshipType, /^Partner/);
  await expect(profile.giftBanned).toHaveCount(0);
  await profile.pick(profile.giftPolicy, /^No gifts or hospitality/);
  await expect(profile.giftBanned).toBeVisible();
  await expect(profile.giftBanned).toContainText('bans gifts and hospitality');

  // A prospect: expected purchases and intent appear.
  await expect(profile.expectedPurchases).toHaveCount(0);
  await profile.setStage('prospect');
  await profile.expectedPurchases.fill('2000000');
  const withIntent = saveCarrying(page, '"intent":"high"');
  await profile.pick(profile.intent, /^High intent/);
  expect((await withIntent).status()).toBe(200);
  await expect(profile.saveState).toHaveAttribute('data-state', 'saved');

  // Three orders, newest first in the table.
  await expect(profile.orderRows).toHaveCount(0);
  await profile.addOrder({ date: daysAgo(40), amount: 250_000, notes: 'Spring feed' });
  await profile.addOrder({ date: daysAgo(5), amount: 120_000, notes: 'Premix trial' });
  await profile.addOrder({ date: daysAgo(100), amount: 80_000, notes: 'Additives' });
  await expect(profile.orderRows).toHaveCount(3);
  expect(await profile.orderNotesInOrder()).toEqual(['Premix trial', 'Spring feed', 'Additives']);
  await expect(profile.last12).toContainText('450,000');

  // One edited…
  await profile.editOrderAmount('Spring feed', 300_000);
  await expect(profile.last12).toContainText('500,000');
  await expect(profile.largest).toContainText('300,000');

  // …one deleted and brought back with Ctrl+Z…
  await profile.deleteOrder('Additives');
  await expect(profile.orderRows).toHaveCount(2);
  await expect(profile.last12).toContainText('420,000');
  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undone: delete order').last()).toBeVisible();
  await expect(profile.orderRows).toHaveCount(3);

  // …and one with the notification's Undo button.
  const premix = await profile.deleteOrder('Premix trial');
  await expect(profile.last12).toContainText('380,000');
  await profile.undoFromNotification(premix);
  await expect(profile.order('Premix trial')).toHaveAttribute('data-amount', '120000');

  // The last twelve months: 120 000 + 300 000 + 80 000, three orders, and the chart holds the same.
  await expect(profile.last12).toContainText('500,000');
  await expect(profile.orderCount).toHaveText('3');
  await expect(profile.prior12).toContainText('0');
  await expect(profile.yoy).toHaveText('—');
  await expect(profile.chart).toBeVisible();
  const monthly = async () => (await profile.chart.getAttribute('data-monthly'))!.split(',').map(Number);
  expect((await monthly()).reduce((a, b) => a + b, 0)).toBe(500_000);
  expect(await monthly()).toHaveLength(12);
  // Three orders in three different months (5, 40 and 100 days ago): three bars drawn.
  expect((await monthly()).filter((v) => v > 0)).toHaveLength(3);
  await expect(profile.chart.locator('.recharts-bar-rectangle path')).toHaveCount(3);

  await profile.saved();
  await expect(profile.saveState).toHaveAttribute('data-state', 'saved');
  await host.restart();
  await workspace.goto(host.url, accountId, 'profile');

  await expect(profile.field('industry')).toHaveValue('Animal feed');
  await expect(profile.field('region')).toHaveValue('Shandong');
  await expect(profile.field('phone')).toHaveValue('+86 531 1234 5678');
  await expect(profile.field('ownership-type')).toHaveValue('Private, family-owned');
  await expect(profile.field('decision-style')).toHaveValue('The GM decides; finance can veto');
  await expect(profile.field('revenue')).toHaveValue('5,000,000');
  await expect(profile.field('employees')).toHaveValue('800');
  await expect(profile.field('market-share')).toHaveValue('12.5%');
  await expect(profile.field('customer-since')).toHaveValue('2019-04-01');
  await expect(profile.field('payment-terms')).toHaveValue('60 days after delivery');
  await expect(profile.satisfaction).toHaveAttribute('data-value', '4');
  await expect(profile.field('open-complaints')).toHaveValue('2');
  await expect(profile.field('last-review')).toHaveValue('2024-11-15');
  await expect(profile.field('owner')).toHaveValue('Li Wei');
  await expect(profile.field('team')).toHaveValue('Sales team East');
  await expect(profile.relationshipType).toHaveValue(/^Partner/);
  await expect(profile.giftBanned).toBeVisible();
  await expect(profile.stage).toHaveAttribute('data-value', 'prospect');
  await expect(profile.expectedPurchases).toHaveValue('2,000,000');
  await expect(profile.intent).toHaveValue(/^High intent/);

  await expect(profile.orderRows).toHaveCount(3);
  expect(await profile.orderNotesInOrder()).toEqual(['Premix trial', 'Spring feed', 'Additives']);
  await expect(profile.order('Spring feed')).toHaveAttribute('data-amount', '300000');
  await expect(profile.last12).toContainText('500,000');
  await expect(profile.orderCount).toHaveText('3');
  await expect(profile.saveState).toHaveAttribute('data-state', 'idle');
});

test('the profile and its orders read in Chinese too', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const profile = new ProfilePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('双语客户');
  await expect(workspace.title).toHaveText('双语客户');
  await workspace.openTab('profile');
  await profile.addOrder({ date: daysAgo(3), amount: 10_000, notes: '试订单' });
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(profile.field('section-trading')).toContainText('与我方的交易历史');
  await expect(profile.field('section-basic')).toContainText('基本资料');
  await expect(profile.addOrderButton).toHaveText('添加订单');
  await expect(page.getByTestId('orders-figures')).toContainText('近 12 个月');
  await expect(profile.field('section-satisfaction')).toContainText('满意度');
});

test('an order names a division and one of our product lines, and can be moved to another', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const profile = new ProfilePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Group Co');
  await expect(workspace.title).toHaveText('Group Co');
  const accountId = workspace.accountId();
  // Set up on the other tabs' behalf: two product lines (settings) and a division (group tab).
  const now = new Date().toISOString();
  await profile.callApi('settings:update', {
    productLines: [
      { id: 'pl-premix', name: 'Premix' },
      { id: 'pl-sensors', name: 'Silo sensors' },
    ],
  });
  await profile.callApi('plan:apply', {
    accountId,
    commands: [{ type: 'addDivisions', records: [{ id: 'div-east', createdAt: now, updatedAt: now, name: 'East plant' }] }],
  });
  // A fresh load, so the page sees what was set up behind its back.
  await workspace.openTab('profile');
  await workspace.reload();

  await profile.addOrderButton.click();
  await profile.orderDate.fill(daysAgo(10));
  await profile.orderAmount.fill('64000');
  await profile.pick(page.getByTestId('order-form-division'), 'East plant');
  await profile.pick(page.getByTestId('order-form-product-line'), 'Premix');
  await profile.orderNotes.fill('First premix');
  await profile.orderSave.click();
  const row = profile.order('First premix');
  await expect(row.getByTestId('order-division')).toHaveText('East plant');
  await expect(row.getByTestId('order-product-line')).toHaveText('Premix');
  await expect(row.getByTestId('order-amount')).toContainText('64,000');

  // Out of range is refused in the form, with the reason.
  await profile.addOrderButton.click();
  await profile.orderAmount.fill('-5');
  await profile.orderSave.click();
  await expect(page.getByText('Enter a number from 0 to 10,000,000,000,000. Not saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(profile.orderRows).toHaveCount(1);

  // Edited: the other product line, and back to the whole group.
  await row.getByTestId('order-edit').click();
  await profile.pick(page.getByTestId('order-form-product-line'), 'Silo sensors');
  await expect(page.getByTestId('order-form-division')).toHaveValue('East plant');
  await profile.pick(page.getByTestId('order-form-division'), 'Whole group');
  await profile.orderSave.click();
  await expect(row.getByTestId('order-product-line')).toHaveText('Silo sensors');
  await expect(row.getByTestId('order-division')).toHaveText('Whole group');

  await profile.saved();
  await host.restart();
  await workspace.goto(host.url, accountId, 'profile');
  await expect(profile.orderRows).toHaveCount(1);
  await expect(row.getByTestId('order-product-line')).toHaveText('Silo sensors');
  await expect(row.getByTestId('order-division')).toHaveText('Whole group');
});
