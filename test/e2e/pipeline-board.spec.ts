import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage } from './pages/DealsPage';
import { WorkspacePage } from './pages/WorkspacePage';

// Six columns of 260 px side by side, next to the navbar.
test.use({ viewport: { width: 1920, height: 1080 } });

interface NewDeal {
  name: string;
  value: number;
  owner?: string;
  close?: string;
}

/** Creates an account with its deals (value, owner and close date set in the drawer), then goes back to the list. */
async function accountWithDeals(page: Page, account: string, list: NewDeal[]): Promise<void> {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.startCreate(account);
  await expect(workspace.title).toHaveText(account);
  await workspace.openDeals();
  for (const d of list) {
    await deals.create(d.name);
    await deals.setValue(d.value);
    if (d.owner) {
      const owner = deals.drawer.getByLabel('Owner');
      await owner.fill(d.owner);
      await owner.press('Enter');
    }
    if (d.close) await deals.closeDate.fill(d.close);
    await deals.closeDrawer();
  }
  await page.getByTestId('nav-accounts').click();
  await expect(accounts.row(account)).toBeVisible();
}

test('the pipeline filters by owner and by close quarter, and a drag there moves the deal in its account, undoably', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.goto(host.url);
  await accountWithDeals(page, 'East Mill', [{ name: 'East dryer', value: 30_000, owner: 'Li', close: '2026-05-20' }]);
  await accountWithDeals(page, 'West Mill', [
    { name: 'West press', value: 60_000, owner: 'Wang', close: '2026-11-02' },
    { name: 'West belt', value: 10_000 },
  ]);
  await deals.saved();

  await page.getByTestId('nav-pipeline').click();
  await expect(page.getByTestId('pipeline-page')).toBeVisible();
  await expect(deals.cards).toHaveCount(3);
  await deals.expectTotals('discover', 3, 100_000, 10_000);

  const owner = page.getByTestId('filter-owner');
  await deals.pick(owner, 'Wang');
  await expect(deals.cards).toHaveCount(1);
  await expect(deals.card('West press')).toBeVisible();
  // Picking the chosen owner again clears the filter.
  await deals.pick(owner, 'Wang');
  await expect(deals.cards).toHaveCount(3);

  const quarter = page.getByTestId('filter-quarter');
  await deals.pick(quarter, '2026 Q2');
  await expect(deals.cards).toHaveCount(1);
  await expect(deals.card('East dryer')).toBeVisible();
  await deals.pick(quarter, '2026 Q2');
  await deals.pick(quarter, 'no close date');
  await expect(deals.cards).toHaveCount(1);
  await expect(deals.card('West belt')).toBeVisible();
  await deals.pick(quarter, 'no close date');
  await expect(deals.cards).toHaveCount(3);

  // A drag on the portfolio board: 75 % of 30 000 in commit.
  await deals.drag('East dryer', 'commit');
  await expect(deals.card('East dryer')).toHaveAttribute('data-stage', 'commit');
  await deals.expectTotals('commit', 1, 30_000, 22_500);
  await deals.expectTotals('discover', 2, 70_000, 7_000);
  await deals.undo('move deal');
  await expect(deals.card('East dryer')).toHaveAttribute('data-stage', 'discover');
  await deals.expectTotals('commit', 0, 0, 0);
  await deals.redo('move deal');
  await expect(deals.card('East dryer')).toHaveAttribute('data-stage', 'commit');

  // Stored in the account: its own board agrees after a reload.
  await deals.saved();
  await page.reload();
  await expect(deals.card('East dryer')).toHaveAttribute('data-stage', 'commit');
  await deals.card('East dryer').getByTestId('open-deal').click();
  await expect(workspace.title).toHaveText('East Mill');
  await deals.expectDrawerOpen('East dryer');
  await deals.closeDrawer();
  await expect(deals.card('East dryer')).toHaveAttribute('data-stage', 'commit');
  await deals.expectTotals('commit', 1, 30_000, 22_500);
});

// The portfolio board shows the edit just made at once, not only when the slow save is confirmed.
test('on the pipeline a dropped card stays in its new column while a slow save is on its way', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const deals = new DealsPage(page);
  await accounts.goto(host.url);
  await accountWithDeals(page, 'Slow Disk Mill', [{ name: 'Slow deal', value: 1_000 }]);
  await deals.saved();
  await page.getByTestId('nav-pipeline').click();
  await expect(deals.card('Slow deal')).toHaveAttribute('data-stage', 'discover');
  // A slow disk: every save takes two seconds to be confirmed.
  await page.route('**/api/plan:apply', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });

  await deals.drag('Slow deal', 'commit');

  // Well before the save is confirmed.
  await expect(deals.card('Slow deal')).toHaveAttribute('data-stage', 'commit', { timeout: 1_000 });
});
