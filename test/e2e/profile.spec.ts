import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { WorkspacePage } from './pages/WorkspacePage';

test('profile edits are saved as you type and are still there after a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Profiled Co');
  await expect(workspace.title).toHaveText('Profiled Co');

  await workspace.openTab('profile');
  await expect(workspace.profileForm).toBeVisible();
  await expect(workspace.saveState).toHaveAttribute('data-state', 'idle');

  const industry = 'Animal feed';
  const notes = 'Met the GM at the trade fair.\nFollow up on the premix line in May.';
  // The autosave is debounced: wait for the save that carries the last keystroke, not just any.
  const lastSave = page.waitForResponse(
    (r) => r.url().endsWith('/api/account:update') && (r.request().postData() ?? '').includes('premix line in May'),
  );
  await workspace.industry.fill(industry);
  await workspace.notes.fill(notes);
  expect((await lastSave).status()).toBe(200);
  await expect(workspace.saveState).toHaveAttribute('data-state', 'saved');
  await expect(workspace.saveState).toHaveText('All changes saved');

  await host.restart();
  await accounts.goto(host.url);
  await expect(accounts.row('Profiled Co')).toContainText(industry);
  await accounts.open('Profiled Co');
  await workspace.openTab('profile');
  await expect(workspace.industry).toHaveValue(industry);
  await expect(workspace.notes).toHaveValue(notes);
  await expect(workspace.saveState).toHaveAttribute('data-state', 'idle');
});
