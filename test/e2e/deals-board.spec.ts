import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage } from './pages/DealsPage';
import { WorkspacePage } from './pages/WorkspacePage';

// Six columns of 260 px side by side, next to the navbar.
test.use({ viewport: { width: 1920, height: 1080 } });

test('deals made on the board keep their stage, criteria, competitor, meetings, risks and totals across a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.goto(host.url);
  await accounts.startCreate('Board Co');
  await expect(workspace.title).toHaveText('Board Co');
  await workspace.openDeals();
  const accountId = workspace.accountId();

  // Two deals, each given a value in its drawer; new deals start in the first column.
  await deals.createWithValue('Feed line retrofit', 100_000);
  await deals.createWithValue('Silo sensors', 200_000);
  await expect(deals.card('Feed line retrofit')).toHaveAttribute('data-stage', 'discover');
  await expect(deals.card('Silo sensors')).toHaveAttribute('data-stage', 'discover');
  // Discover counts 10 %.
  await deals.expectTotals('discover', 2, 300_000, 30_000);
  await deals.expectTotals('prove', 0, 0, 0);

  // A real mouse drag into 证实能力 (prove): 50 % of 200 000 there, 10 % of 100 000 left behind.
  await deals.drag('Silo sensors', 'prove');
  await expect(deals.card('Silo sensors')).toHaveAttribute('data-stage', 'prove');
  await expect(deals.column('prove').locator(deals.card('Silo sensors'))).toBeVisible();
  await deals.expectTotals('prove', 1, 200_000, 100_000);
  await deals.expectTotals('discover', 1, 100_000, 10_000);

  // Two criteria; the competitor is ahead on the more important one.
  await deals.open('Silo sensors');
  await expect(deals.stage).toHaveValue(/Prove capability/);
  await expect(deals.risks('Silo sensors')).not.toHaveAttribute('data-risks', /competitorAhead/);
  const price = await deals.addCriterion('Price', { importance: 5, ourFit: 2, competitorFit: 4 });
  await expect(price.getByTestId('criterion-move')).toHaveAttribute('data-move', 'lower');
  const accuracy = await deals.addCriterion('Dosing accuracy', { importance: 3, ourFit: 5, competitorFit: 2 });
  await expect(accuracy.getByTestId('criterion-move')).toHaveAttribute('data-move', 'raise');
  await expect(deals.risks('Silo sensors')).toHaveAttribute('data-risks', /\bcompetitorAhead\b/);
  await expect(deals.drawerRisks).toContainText('The competitor is rated ahead on the most important criterion (Price).');

  await deals.addCompetitor('Rival Automation', 'High');

  // One "continuation" is not a stall; the second in a row is.
  await deals.logMeeting('continuation');
  await expect(deals.risks('Silo sensors')).not.toHaveAttribute('data-risks', /stalled/);
  await deals.logMeeting('continuation');
  await expect(deals.meetings.and(page.locator('[data-outcome="continuation"]'))).toHaveCount(2);
  await expect(deals.risks('Silo sensors')).toHaveAttribute('data-risks', /\bstalled\b/);
  await deals.closeDrawer();
  // High severity first: the stall leads the card's sentence.
  await expect(deals.risks('Silo sensors')).toContainText('Stalled: the last two meetings ended in “continuation”');
  // The other deal has none of these.
  await expect(deals.risks('Feed line retrofit')).not.toHaveAttribute('data-risks', /stalled|competitorAhead/);

  await deals.saved();
  await host.restart();
  await workspace.goto(host.url, accountId, 'deals');

  await expect(deals.cards).toHaveCount(2);
  await expect(deals.card('Silo sensors')).toHaveAttribute('data-stage', 'prove');
  await expect(deals.card('Feed line retrofit')).toHaveAttribute('data-stage', 'discover');
  await deals.expectTotals('prove', 1, 200_000, 100_000);
  await deals.expectTotals('discover', 1, 100_000, 10_000);
  await expect(deals.risks('Silo sensors')).toHaveAttribute('data-risks', /\bstalled\b/);
  await expect(deals.risks('Silo sensors')).toHaveAttribute('data-risks', /\bcompetitorAhead\b/);

  await deals.open('Silo sensors');
  await expect(deals.value).toHaveValue('200,000');
  await deals.openTab('criteria');
  await expect(deals.criteria).toHaveCount(2);
  for (const [name, scores] of [
    ['Price', ['5', '2', '4']],
    ['Dosing accuracy', ['3', '5', '2']],
  ] as const) {
    const row = deals.criterion(name);
    await expect(row.getByTestId('criterion-importance')).toHaveValue(scores[0]);
    await expect(row.getByTestId('criterion-ourFit')).toHaveValue(scores[1]);
    await expect(row.getByTestId('criterion-competitorFit')).toHaveValue(scores[2]);
  }
  await deals.openTab('competitors');
  await expect(deals.competitors).toHaveCount(1);
  await expect(deals.competitor('Rival Automation').getByTestId('competitor-threat')).toHaveValue('High');
  await deals.openTab('meetings');
  await expect(deals.meetings).toHaveCount(2);
  await expect(deals.meetings.and(page.locator('[data-outcome="continuation"]'))).toHaveCount(2);
});
