import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { WorkspacePage } from './pages/WorkspacePage';

test('an account created in the UI opens in its workspace and is still listed after a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(host.url);
  await expect(accounts.emptyState).toBeVisible();

  await accounts.startCreate('Northwind Feed Mill');

  await expect(workspace.title).toHaveText('Northwind Feed Mill');
  await expect(workspace.tab('map')).toHaveAttribute('aria-selected', 'true');
  const id = workspace.accountId();

  await host.restart();
  await accounts.goto(host.url);

  await expect(accounts.rows).toHaveCount(1);
  await expect(accounts.row('Northwind Feed Mill')).toHaveAttribute('data-account-id', id);
  await accounts.open('Northwind Feed Mill');
  await expect(workspace.title).toHaveText('Northwind Feed Mill');
});

test('a rename made in the UI survives a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Old Name Co');
  await expect(new WorkspacePage(page).title).toHaveText('Old Name Co');
  await page.getByTestId('nav-accounts').click();

  await accounts.rename('Old Name Co', 'New Name Co');
  await expect(accounts.row('New Name Co')).toBeVisible();
  await expect(accounts.row('Old Name Co')).toHaveCount(0);

  await host.restart();
  await accounts.goto(host.url);

  await expect(accounts.row('New Name Co')).toBeVisible();
  await expect(accounts.row('Old Name Co')).toHaveCount(0);
  await expect(accounts.rows).toHaveCount(1);
});

test('delete asks first, and can be undone from the notification and with Ctrl+Z / Ctrl+Shift+Z', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  await accounts.goto(host.url);
  for (const name of ['Keep Me Ltd', 'Doomed Corp']) {
    await accounts.startCreate(name);
    await expect(new WorkspacePage(page).title).toHaveText(name);
    await page.getByTestId('nav-accounts').click();
  }
  const doomed = accounts.row('Doomed Corp');
  await expect(accounts.rows).toHaveCount(2);

  // Cancelling the confirmation deletes nothing.
  await doomed.getByTestId('delete-account').click();
  await expect(accounts.confirmDeleteButton).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(accounts.confirmDeleteButton).toBeHidden();
  await expect(doomed).toBeVisible();

  await accounts.delete('Doomed Corp');
  await expect(doomed).toHaveCount(0);
  await expect(accounts.row('Keep Me Ltd')).toBeVisible();

  await accounts.undoDeleteButton.click();
  await expect(doomed).toBeVisible();
  await expect(page.getByText('Account “Doomed Corp” restored')).toBeVisible();

  await accounts.delete('Doomed Corp');
  await expect(doomed).toHaveCount(0);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await page.keyboard.press('Control+z');
  await expect(doomed).toBeVisible();
  await expect(page.getByText('Undone: delete account')).toBeVisible();

  await page.keyboard.press('Control+Shift+Z');
  await expect(doomed).toHaveCount(0);
  await expect(page.getByText('Redone: delete account')).toBeVisible();

  // The redone delete is what is on disk.
  await host.restart();
  await accounts.goto(host.url);
  await expect(accounts.row('Keep Me Ltd')).toBeVisible();
  await expect(accounts.rows).toHaveCount(1);
});

test('creating with an empty name shows a validation message and creates nothing', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(host.url);

  await accounts.newAccountButton.click();
  await accounts.createSubmit.click();
  await expect(page.getByText('Please enter a name')).toBeVisible();
  await expect(accounts.nameInput).toHaveAttribute('aria-invalid', 'true');

  await accounts.nameInput.fill('   ');
  await accounts.createSubmit.click();
  await expect(page.getByText('Please enter a name')).toBeVisible();
  await expect(workspace.root).toHaveCount(0);

  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(accounts.nameInput).toBeHidden();
  await expect(accounts.emptyState).toBeVisible();

  // The list comes from the host again: nothing was stored.
  await page.reload();
  await expect(accounts.emptyState).toBeVisible();
  await expect(accounts.rows).toHaveCount(0);
});
