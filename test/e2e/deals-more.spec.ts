import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage, type Role } from './pages/DealsPage';
import { WorkspacePage } from './pages/WorkspacePage';

// Six columns of 260 px side by side, next to the navbar.
test.use({ viewport: { width: 1920, height: 1080 } });

const ROLES: readonly Role[] = ['decider', 'authority', 'influencer', 'executor', 'user', 'payer'];

/** A new account, open on its (empty) deals board. */
async function newAccount(page: Page, url: string, name: string) {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.goto(url);
  await accounts.startCreate(name);
  await expect(workspace.title).toHaveText(name);
  await workspace.openDeals();
  await expect(deals.cards).toHaveCount(0);
  return { accounts, workspace, deals };
}

test('a stage move and a new criterion are each one undo step, and redo brings them back', async ({ page, host }) => {
  const { workspace, deals } = await newAccount(page, host.url, 'Undo Deals Co');
  await deals.createWithValue('Mixer upgrade', 40_000);
  const card = deals.card('Mixer upgrade');

  await deals.moveWithMenu('Mixer upgrade', 'commit');
  await deals.expectTotals('commit', 1, 40_000, 30_000);
  await deals.undo('move deal');
  await expect(card).toHaveAttribute('data-stage', 'discover');
  await deals.expectTotals('commit', 0, 0, 0);
  await deals.expectTotals('discover', 1, 40_000, 4_000);
  await deals.redo('move deal');
  await expect(card).toHaveAttribute('data-stage', 'commit');
  await deals.expectTotals('commit', 1, 40_000, 30_000);

  await deals.open('Mixer upgrade');
  await deals.openTab('criteria');
  await deals.addCriterionButton.click();
  await expect(deals.criteria).toHaveCount(1);
  await deals.undo('edit decision criteria');
  await expect(deals.criteria).toHaveCount(0);
  // Only the criterion went: the move before it stands.
  await expect(card).toHaveAttribute('data-stage', 'commit');
  await deals.redo('edit decision criteria');
  await expect(deals.criteria).toHaveCount(1);

  // What the screen shows is what was stored.
  await deals.saved();
  await workspace.reload();
  await deals.expectDrawerOpen('Mixer upgrade');
  await deals.openTab('criteria');
  await expect(deals.criteria).toHaveCount(1);
  await deals.closeDrawer();
  await expect(card).toHaveAttribute('data-stage', 'commit');
});

test('a card can be moved with the keyboard: Tab to it, Space, arrow right, Space', async ({ page, host }) => {
  const { workspace, deals } = await newAccount(page, host.url, 'Keyboard Co');
  await deals.createWithValue('Pellet press', 10_000);
  const card = deals.card('Pellet press');

  // The card is the next stop after the columns button.
  await deals.editColumnsButton.focus();
  await page.keyboard.press('Tab');
  await expect(card).toBeFocused();
  await page.keyboard.press('Space');
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  // Arrow right until the next column lights up as the drop target (each press moves the card a bit).
  const idle = await deals.column('investigate').evaluate((e) => getComputedStyle(e).backgroundColor);
  let presses = 0;
  await expect
    .poll(async () => {
      await page.keyboard.press('ArrowRight');
      presses++;
      // Let the board render that move before the next press: on a slow machine presses queued
      // ahead of rendering carried the card past the column before it ever lit up.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return deals.column('investigate').evaluate((e) => getComputedStyle(e).backgroundColor);
    }, { intervals: [0], timeout: 15_000 })
    .not.toBe(idle);
  await page.keyboard.press('Space');

  await expect(card).toHaveAttribute('data-stage', 'investigate');
  await deals.expectTotals('investigate', 1, 10_000, 2_500);
  await deals.expectTotals('discover', 0, 0, 0);
  test.info().annotations.push({ type: 'arrow presses for one column', description: String(presses) });

  await deals.saved();
  await workspace.reload();
  await expect(card).toHaveAttribute('data-stage', 'investigate');
});

test('a probability of its own overrides the stage default in the weighted total', async ({ page, host }) => {
  const { deals } = await newAccount(page, host.url, 'Odds Co');
  await deals.createWithValue('Boiler contract', 100_000);
  await deals.expectTotals('discover', 1, 100_000, 10_000);
  await expect(deals.card('Boiler contract')).toContainText('10%');

  await deals.open('Boiler contract');
  await expect(deals.probability).toHaveAttribute('placeholder', 'stage default 10%');
  await deals.setProbability(80);
  await deals.expectTotals('discover', 1, 100_000, 80_000);
  await expect(deals.card('Boiler contract')).toContainText('80%');

  // Emptied: back to the stage default.
  await deals.setProbability(null);
  await deals.expectTotals('discover', 1, 100_000, 10_000);
  await expect(deals.card('Boiler contract')).toContainText('10%');
});

test('each sale type shows its key to success', async ({ page, host }) => {
  const { deals } = await newAccount(page, host.url, 'Sale Type Co');
  await deals.create('Premix supply');
  await expect(deals.keyToSuccess).toHaveCount(0);

  await deals.setSaleType('Transactional');
  await expect(deals.keyToSuccess).toContainText('Meet the decision maker.');
  await deals.setSaleType('Value-added');
  await expect(deals.keyToSuccess).toContainText('Meet the influencers and develop a coach.');
  await deals.setSaleType('Strategic partner');
  await expect(deals.keyToSuccess).toContainText('Arrange top-level mutual visits.');
  await deals.closeDrawer();
  await expect(deals.card('Premix supply')).toContainText('Strategic partner');
});

test('the nine things to know count what is ticked: 3 of 9 is 33 %', async ({ page, host }) => {
  const { workspace, deals } = await newAccount(page, host.url, 'Nine Knows Co');
  await deals.create('Vitamin premix');
  await deals.openTab('spin');
  await expect(deals.nineKnowsPercent).toHaveAttribute('data-percent', '0');

  for (const key of ['structure', 'roles', 'funding']) await deals.setKnown(key, true);
  await expect(deals.nineKnowsPercent).toHaveAttribute('data-percent', '33');
  await expect(deals.nineKnowsPercent).toHaveText('The nine things to know: 3 of 9');

  await deals.saved();
  await workspace.reload();
  await deals.expectDrawerOpen('Vitamin premix');
  await deals.openTab('spin');
  await expect(deals.nineKnowsPercent).toHaveAttribute('data-percent', '33');
  await expect(page.getByTestId('know-funding')).toBeChecked();
  await expect(page.getByTestId('know-timeline')).not.toBeChecked();
});

test('the role matrix shows the sample deal fully seated, a new deal empty, and fills a cell when a decider is picked', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.goto(host.url);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.title).toHaveText('Liuhe Group · Hemei Feed Co. (和美饲料)');
  await workspace.openDeals();

  const sampleId = await deals.card('Premix line automation').getAttribute('data-deal-id');
  if (!sampleId) throw new Error('The sample deal has no id');
  await expect(deals.roleMatrixRows).toHaveCount(1);
  for (const role of ROLES) await expect(deals.roleCell(sampleId, role)).toHaveAttribute('data-empty', 'false');
  await expect(deals.roleCell(sampleId, 'decider')).toContainText('黄炳亮');

  const newId = await deals.create('Second premix line');
  await deals.closeDrawer();
  await expect(deals.roleMatrixRows).toHaveCount(2);
  for (const role of ROLES) await expect(deals.roleCell(newId, role)).toHaveAttribute('data-empty', 'true');
  await expect(deals.risks('Second premix line')).toHaveAttribute('data-risks', /\bdeciderMissing\b/);

  await deals.open('Second premix line');
  await deals.seat('decider', '黄炳亮');
  await deals.closeDrawer();
  await expect(deals.roleCell(newId, 'decider')).toHaveAttribute('data-empty', 'false');
  await expect(deals.roleCell(newId, 'decider')).toContainText('黄炳亮');
  for (const role of ROLES.filter((r) => r !== 'decider')) await expect(deals.roleCell(newId, role)).toHaveAttribute('data-empty', 'true');
  // The decider the GM is a known person: the risk is gone.
  await expect(deals.risks('Second premix line')).not.toHaveAttribute('data-risks', /deciderMissing/);
});

test('renamed and reordered columns survive a restart', async ({ page, host }) => {
  const { workspace, deals } = await newAccount(page, host.url, 'Columns Co');
  const accountId = workspace.accountId();
  await deals.createWithValue('Conveyor', 1_000);
  await expect(deals.column('prove').getByRole('heading')).toHaveText('Prove capability 证实能力');
  expect(await deals.columnOrder()).toEqual(['discover', 'investigate', 'prove', 'commit', 'won', 'lost']);

  await deals.openColumnSettings();
  await deals.columnLabelField('prove').fill('Demo done');
  await deals.columnUp('commit').click();
  await deals.saveColumns();

  await expect(deals.column('prove').getByRole('heading')).toHaveText('Demo done');
  await expect.poll(() => deals.columnOrder()).toEqual(['discover', 'investigate', 'commit', 'prove', 'won', 'lost']);
  // The menu on a card uses the new name too.
  await deals.card('Conveyor').getByTestId('move-deal').click();
  await expect(page.getByTestId('move-to-prove')).toHaveText('Demo done');
  await page.keyboard.press('Escape');

  await deals.saved();
  await host.restart();
  await workspace.goto(host.url, accountId, 'deals');
  await expect(deals.card('Conveyor')).toBeVisible();
  await expect(deals.column('prove').getByRole('heading')).toHaveText('Demo done');
  expect(await deals.columnOrder()).toEqual(['discover', 'investigate', 'commit', 'prove', 'won', 'lost']);
  await deals.openColumnSettings();
  await expect(deals.columnLabelField('prove')).toHaveValue('Demo done');
  await expect(deals.columnLabelField('commit')).toHaveValue('');
});

test('a next step dated in the past is listed in My next steps with a badge, and ticking it done clears both', async ({ page, host }) => {
  const { workspace, deals } = await newAccount(page, host.url, 'Overdue Co');
  const accountId = workspace.accountId();
  const overdueBadge = page.getByTestId('nav-next-steps').getByTestId('overdue-count');
  await deals.create('Dryer replacement');
  await deals.openTab('actions');
  await deals.addActionButton.click();
  await expect(deals.actions).toHaveCount(1);
  const action = deals.actions.first();
  await action.getByTestId('action-what').fill('Send the revised quote');
  await action.getByTestId('action-what').press('Enter');
  // Due today: not late yet.
  await deals.saved();
  await expect(overdueBadge).toHaveCount(0);

  await action.getByTestId('action-when').fill('2024-03-15');
  await expect(overdueBadge).toHaveText('1');
  await deals.closeDrawer();

  await page.getByTestId('nav-next-steps').click();
  const rows = page.getByTestId('overdue-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Send the revised quote');
  await expect(rows.first()).toContainText('Overdue Co');
  await expect(rows.first()).toContainText('Dryer replacement');
  await expect(rows.first()).toContainText('days late');

  await rows.first().getByRole('checkbox', { name: 'Done' }).click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('Nothing is overdue.')).toBeVisible();
  await expect(overdueBadge).toHaveCount(0);

  // The tick landed on the action itself: still there, now done.
  await deals.saved();
  await page.reload();
  await expect(page.getByText('Nothing is overdue.')).toBeVisible();
  await expect(overdueBadge).toHaveCount(0);
  await workspace.goto(host.url, accountId, 'deals');
  await deals.open('Dryer replacement');
  await deals.openTab('actions');
  await expect(deals.actions).toHaveCount(1);
  await expect(deals.actions.first().getByTestId('action-what')).toHaveValue('Send the revised quote');
  await expect(deals.actions.first().getByTestId('action-done')).toBeChecked();
});

test('the pipeline shows the deals of every account, and the account filter narrows it', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const deals = new DealsPage(page);
  await accounts.goto(host.url);
  for (const [account, deal, value] of [
    ['North Mill', 'North extruder', 50_000],
    ['South Mill', 'South silo', 70_000],
  ] as const) {
    await accounts.startCreate(account);
    await expect(workspace.title).toHaveText(account);
    await workspace.openDeals();
    await deals.createWithValue(deal, value);
    await page.getByTestId('nav-accounts').click();
    await expect(accounts.row(account)).toBeVisible();
  }
  await deals.saved();

  await page.getByTestId('nav-pipeline').click();
  await expect(page.getByTestId('pipeline-page')).toBeVisible();
  await expect(deals.cards).toHaveCount(2);
  await expect(deals.card('North extruder')).toContainText('North Mill');
  await expect(deals.card('South silo')).toContainText('South Mill');
  await deals.expectTotals('discover', 2, 120_000, 12_000);

  await deals.pick(page.getByTestId('filter-accounts'), 'South Mill');
  await page.keyboard.press('Escape');
  await expect(deals.cards).toHaveCount(1);
  await expect(deals.card('South silo')).toBeVisible();
  await expect(deals.card('North extruder')).toHaveCount(0);
  await deals.expectTotals('discover', 1, 70_000, 7_000);

  // Opening a card goes to its account with the drawer open.
  await deals.card('South silo').getByTestId('open-deal').click();
  await expect(workspace.title).toHaveText('South Mill');
  await deals.expectDrawerOpen('South silo');
});
