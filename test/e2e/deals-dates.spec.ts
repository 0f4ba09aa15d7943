import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage } from './pages/DealsPage';
import { WorkspacePage } from './pages/WorkspacePage';

// A user in China at half past one in the morning: UTC is still on the day before.
test.use({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Asia/Shanghai' });
const NOW = new Date('2026-03-10T01:30:00+08:00');
const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';

test('"today" on a deal is the user\'s own date, also in the hours when UTC is a day behind', async ({ page, host }) => {
  await page.clock.setFixedTime(NOW);
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  const overdueBadge = page.getByTestId('nav-next-steps').getByTestId('overdue-count');
  await accounts.goto(host.url);
  await accounts.startCreate('Early Bird Co');
  await expect(workspace.title).toHaveText('Early Bird Co');
  await workspace.openDeals();
  await deals.create('Morning deal');

  // A meeting logged now is dated today.
  await deals.logMeeting('advance');
  await expect(deals.meetings.first().locator('input[type="date"]')).toHaveValue(TODAY);

  // A new next step is due today: not late.
  await deals.openTab('actions');
  await deals.addActionButton.click();
  await expect(deals.actions.first().getByTestId('action-when')).toHaveValue(TODAY);
  await deals.saved();
  await deals.closeDrawer();
  await page.getByTestId('nav-next-steps').click();
  await expect(page.getByText('Nothing is overdue.')).toBeVisible();
  await expect(overdueBadge).toHaveCount(0);

  // A close date of yesterday has passed, on the account's board as on the portfolio's.
  await page.goBack();
  await deals.open('Morning deal');
  await deals.closeDate.fill(YESTERDAY);
  await deals.closeDrawer();
  await expect(deals.risks('Morning deal')).toHaveAttribute('data-risks', /\bcloseDatePassed\b/);
  await deals.saved();
  await page.getByTestId('nav-pipeline').click();
  await expect(deals.risks('Morning deal')).toHaveAttribute('data-risks', /\bcloseDatePassed\b/);
});
