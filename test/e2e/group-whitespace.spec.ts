import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { DealsPage } from './pages/DealsPage';
import { GroupPage } from './pages/GroupPage';
import { WorkspacePage } from './pages/WorkspacePage';
import { box } from './pages/ui';

test('group structure, roll-up and whitespace map: a deal started from a cell, undo, and a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const group = new GroupPage(page);
  const deals = new DealsPage(page);

  await accounts.goto(host.url);
  await accounts.startCreate('Liuhe Group');
  await expect(workspace.title).toHaveText('Liuhe Group');
  const accountId = workspace.accountId();
  await workspace.openTab('group');

  // Empty states: the group row alone, and an invitation to add product lines.
  await expect(group.rows).toHaveCount(1);
  await expect(group.groupRow).toContainText('Liuhe Group');
  await expect(group.noDivisions).toBeVisible();
  await expect(group.noLines).toBeVisible();

  const feed = await group.addProductLine('Feed');
  const premix = await group.addProductLine('Premix');
  await expect(group.noLines).toBeHidden();
  await expect(group.cells).toHaveCount(2);

  const north = await group.addDivision('North Division', { region: 'Shandong' });
  const harbin = await group.addDivision('Harbin Plant', { kind: 'Subsidiary', parent: 'North Division' });
  expect(await group.order()).toEqual(['group', north, harbin]);
  await expect(group.row('North Division')).toHaveAttribute('data-depth', '1');
  await expect(group.row('Harbin Plant')).toHaveAttribute('data-depth', '2');
  await expect(group.row('Harbin Plant').getByTestId('division-kind')).toHaveValue(/^Subsidiary /);
  await expect(group.noDivisions).toBeHidden();
  await expect(group.cells).toHaveCount(6);
  await expect(group.summary).toHaveAttribute('data-whitespace', '6');

  // No loops: North cannot be put under itself or under its own sub-division.
  await group.row('North Division').getByTestId('division-parent').click();
  const options = page.getByRole('listbox');
  await expect(options.getByRole('option', { name: 'Harbin Plant' })).toHaveAttribute('aria-disabled', 'true');
  await expect(options.getByRole('option', { name: 'North Division' })).toHaveAttribute('aria-disabled', 'true');
  await expect(options.getByRole('option', { name: 'Liuhe Group' })).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(options).toBeHidden();

  // A cell held by a competitor.
  await group.markCompetitor(group.cell(north, feed), 'Cargill', 'Price war since spring');
  await expect(group.summary).toHaveAttribute('data-competitor', '1');
  await expect(group.summary).toHaveAttribute('data-whitespace', '5');

  // A whitespace cell → "Start a deal here" → the deals tab opens on the new deal.
  const dealName = 'Premix · Harbin Plant';
  await group.startDeal(group.cell(harbin, premix));
  await deals.expectDrawerOpen(dealName);
  await expect.poll(() => new URL(page.url()).hash).toMatch(new RegExp(`^#/accounts/${accountId}/deals/[^/]+$`));
  await expect(workspace.tab('deals')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('deal-division')).toHaveValue('Harbin Plant');
  await expect(page.getByTestId('deal-product-line')).toHaveValue('Premix');
  await expect(deals.card(dealName)).toHaveCount(1);
  await deals.setValue(50_000);
  await deals.closeDrawer();
  await expect(deals.card(dealName)).toHaveAttribute('data-stage', 'discover');

  // Back on the map the cell shows the open deal, and its value rolls up to the parent and the group.
  await workspace.openTab('group');
  const dealCell = group.cell(harbin, premix);
  await expect(dealCell).toHaveAttribute('data-status', 'openDeal');
  await expect(dealCell.getByTestId('ws-deal')).toHaveText(dealName);
  await expect(group.figure(group.row('Harbin Plant'), 'openPipeline')).toHaveAttribute('data-own', '50000');
  await expect(group.figure(group.row('North Division'), 'openPipeline')).toHaveAttribute('data-own', '0');
  await expect(group.figure(group.row('North Division'), 'openPipeline')).toHaveAttribute('data-total', '50000');
  await expect(group.figure(group.row('North Division'), 'openDeals')).toHaveAttribute('data-total', '1');
  await expect(group.figure(group.groupRow, 'openPipeline')).toHaveAttribute('data-own', '0');
  await expect(group.rollupTotal).toHaveAttribute('data-open-pipeline', '50000');
  // A new deal sits in the first column, "need recognition", at 10 %.
  await expect(group.rollupTotal).toHaveAttribute('data-weighted-pipeline', '5000');
  await expect(group.rollupTotal).toHaveAttribute('data-open-deals', '1');

  // An order booked in the sub-division shows in its parent's and the group's totals, and sells its cell.
  await workspace.openTab('profile');
  await page.getByTestId('add-order').click();
  await page.getByTestId('order-form-amount').fill('120000');
  await group.pick(page.getByTestId('order-form-division'), 'Harbin Plant');
  await group.pick(page.getByTestId('order-form-product-line'), 'Feed');
  await page.getByTestId('order-form-save').click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await workspace.openTab('group');
  await expect(group.figure(group.row('Harbin Plant'), 'purchases12')).toHaveAttribute('data-own', '120000');
  await expect(group.figure(group.row('North Division'), 'purchases12')).toHaveAttribute('data-own', '0');
  await expect(group.figure(group.row('North Division'), 'purchases12')).toHaveAttribute('data-total', '120000');
  await expect(group.figure(group.groupRow, 'purchases12')).toHaveAttribute('data-total', '120000');
  await expect(group.rollupTotal).toHaveAttribute('data-purchases', '120000');
  await expect(group.cell(harbin, feed)).toHaveAttribute('data-status', 'sold');
  await expect(group.cell(harbin, feed).getByTestId('ws-revenue')).toContainText('120,000');
  await expect(group.summary).toHaveAttribute('data-sold', '1');
  await expect(group.summary).toHaveAttribute('data-open', '1');

  // Deleting a division: its sub-division moves up (the confirmation says so), its mark goes; Ctrl+Z puts it all back.
  await group.startDelete('North Division');
  await expect(group.deleteBody).toContainText('sub-division moves up to Liuhe Group');
  await group.confirmDeleteButton.click();
  await expect(group.row('North Division')).toHaveCount(0);
  expect(await group.order()).toEqual(['group', harbin]);
  await expect(group.row('Harbin Plant')).toHaveAttribute('data-depth', '1');
  await expect(group.cell(north, feed)).toHaveCount(0);
  await expect(group.summary).toHaveAttribute('data-competitor', '0');
  await expect(group.rollupTotal).toHaveAttribute('data-purchases', '120000');
  await group.undo('delete division');
  expect(await group.order()).toEqual(['group', north, harbin]);
  await expect(group.row('Harbin Plant')).toHaveAttribute('data-depth', '2');
  await expect(group.cell(north, feed)).toHaveAttribute('data-status', 'competitor');
  await expect(group.cell(north, feed).getByTestId('ws-competitor')).toHaveText('Cargill');

  // Deleting the sub-division moves its deal up to North; the notification's undo puts it back.
  await group.startDelete('Harbin Plant');
  await group.confirmDeleteButton.click();
  await expect(group.row('Harbin Plant')).toHaveCount(0);
  await expect(group.cell(north, premix)).toHaveAttribute('data-status', 'openDeal');
  await expect(group.figure(group.row('North Division'), 'openPipeline')).toHaveAttribute('data-own', '50000');
  await group.undoDeleteButton.click();
  await expect(group.row('Harbin Plant')).toHaveAttribute('data-depth', '2');
  await expect(group.cell(harbin, premix)).toHaveAttribute('data-status', 'openDeal');
  await expect(group.cell(north, premix)).toHaveAttribute('data-status', 'whitespace');

  // Everything is stored: structure, product lines, the mark, the deal and the order.
  await group.saved();
  await host.restart();
  await workspace.goto(host.url, accountId, 'group');
  expect(await group.order()).toEqual(['group', north, harbin]);
  await expect(group.row('Harbin Plant')).toHaveAttribute('data-depth', '2');
  await expect(group.row('North Division').getByTestId('division-region')).toHaveValue('Shandong');
  await expect(group.line('Feed')).toHaveCount(1);
  await expect(group.line('Premix')).toHaveCount(1);
  await expect(group.cell(north, feed)).toHaveAttribute('data-status', 'competitor');
  await expect(group.cell(north, feed).getByTestId('ws-competitor')).toHaveText('Cargill');
  await expect(group.cell(harbin, premix)).toHaveAttribute('data-status', 'openDeal');
  await expect(group.cell(harbin, feed)).toHaveAttribute('data-status', 'sold');
  await expect(group.rollupTotal).toHaveAttribute('data-purchases', '120000');
  await expect(group.rollupTotal).toHaveAttribute('data-open-pipeline', '50000');
  await workspace.openDeals();
  await expect(deals.card(dealName)).toHaveCount(1);
});

test('divisions are renamed and moved inline; product lines are renamed and removed with a warning when in use', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const group = new GroupPage(page);
  const deals = new DealsPage(page);

  await accounts.goto(host.url);
  await accounts.startCreate('Line Co');
  await expect(workspace.title).toHaveText('Line Co');
  const accountId = workspace.accountId();
  await workspace.openTab('group');

  const east = await group.addDivision('East');
  const west = await group.addDivision('West', { kind: 'Subsidiary' });
  expect(await group.order()).toEqual(['group', east, west]);

  // Rename inline (Enter commits), then move West under East.
  const name = group.row('East').getByTestId('division-name');
  await name.fill('East Division');
  await name.press('Enter');
  await expect(group.row('East Division')).toHaveCount(1);
  await group.pick(group.row('West').getByTestId('division-parent'), 'East Division');
  await expect(group.row('West')).toHaveAttribute('data-depth', '2');
  expect(await group.order()).toEqual(['group', east, west]);
  await group.undo('move division');
  await expect(group.row('West')).toHaveAttribute('data-depth', '1');

  // Product lines: add, rename; a cell on the renamed line starts a deal named after it.
  const line = await group.addProductLine('Feed');
  const lineName = group.line('Feed').getByTestId('product-line-name');
  await lineName.fill('Feed & premix');
  await lineName.press('Enter');
  await expect(group.line('Feed & premix')).toHaveCount(1);
  await expect(group.grid.getByRole('columnheader', { name: 'Feed & premix' })).toBeVisible();
  // A second line with the same name is refused.
  await group.newLineName.fill('feed & PREMIX');
  await group.addLineButton.click();
  await expect(page.getByText('There is already a product line with that name')).toBeVisible();
  await expect(group.productLines).toHaveCount(1);
  await group.newLineName.fill('');

  await group.startDeal(group.cell('group', line));
  await deals.expectDrawerOpen('Feed & premix · Line Co');
  await expect(page.getByTestId('deal-division')).toHaveValue('The group (whole account)');
  await deals.closeDrawer();
  await workspace.openTab('group');
  await expect(group.cell('group', line)).toHaveAttribute('data-status', 'openDeal');

  // Removing a line warns of what uses it in every account (lines are shared), and still removes it;
  // the deal keeps it as a removed line.
  await group.otherAccountWithOrders('Other Co', line, 2);
  await group.line('Feed & premix').getByTestId('remove-product-line').click();
  await expect(group.lineInUse).toHaveText('Still in use: 1 deal and 2 orders, in 2 accounts (Line Co and Other Co). They keep it and show it as “removed line”.');
  await expect(group.lineInUse).toHaveAttribute('data-accounts', '2');
  await group.confirmRemoveLine.click();
  await expect(group.productLines).toHaveCount(0);
  await expect(group.noLines).toBeVisible();

  await group.saved();
  await host.restart();
  await workspace.goto(host.url, accountId, 'deals');
  await deals.open('Feed & premix · Line Co');
  await expect(page.getByTestId('deal-product-line')).toHaveValue('removed line');
  await expect(page.getByTestId('deal-division')).toHaveValue('The group (whole account)');
});

test('at 1440 px the division table fits; names typed but not committed survive a reload', async ({ page, host }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const group = new GroupPage(page);

  await accounts.goto(host.url);
  await accounts.startCreate('Zhongda Agri Distribution 中达农资经销');
  await expect(workspace.title).toHaveText('Zhongda Agri Distribution 中达农资经销');
  const accountId = workspace.accountId();
  await workspace.openTab('group');
  const jinan = await group.addDivision('Jinan branch', { kind: 'Subsidiary', region: 'Jinan' });
  await group.addDivision('Linyi depot', { parent: 'Jinan branch', region: 'Linyi' });
  await group.addProductLine('Premix');

  // An order of the group's own: its figure in short form, the exact amount on hover.
  await workspace.openTab('profile');
  await page.getByTestId('add-order').click();
  await page.getByTestId('order-form-amount').fill('1450000');
  await page.getByTestId('order-form-save').click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await workspace.openTab('group');
  await expect(group.figure(group.groupRow, 'purchases12')).toHaveAttribute('data-total', '1450000');
  await expect(group.figure(group.groupRow, 'purchases12')).toContainText('CN¥1.45M');

  // The whole table fits: no scrolling, and every row's add and delete buttons are on screen.
  await expect.poll(() => group.treeScroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
  const viewport = page.viewportSize()!;
  for (const name of ['Jinan branch', 'Linyi depot']) {
    const del = await box(group.row(name).getByTestId('delete-division'));
    expect(del.x + del.width, name).toBeLessThanOrEqual(viewport.width);
    const label = await box(group.row(name).getByTestId('division-name'));
    expect(label.x, name).toBeGreaterThan(del.x);
  }
  // Whole-group line: proper plurals.
  await expect(group.rollupTotal).toContainText('0 open deals');

  // Narrower, the table scrolls; the actions and names stay at the left.
  await page.setViewportSize({ width: 1100, height: 900 });
  await expect.poll(() => group.treeScroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(0);
  await group.treeScroll.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const scrollBox = await box(group.treeScroll);
  const del = await box(group.row('Jinan branch').getByTestId('delete-division'));
  expect(del.x).toBeGreaterThanOrEqual(scrollBox.x);
  const name = await box(group.row('Jinan branch').getByTestId('division-name'));
  expect(name.x).toBeGreaterThanOrEqual(scrollBox.x);
  await page.setViewportSize({ width: 1440, height: 900 });

  // A division's new name typed, not committed (no Enter, no blur), then the page reloads.
  await group.row('Jinan branch').getByTestId('division-name').fill('Jinan branch office');
  await workspace.reload();
  await expect.poll(async () => (await group.storedDivisions(accountId)).find((d) => d.id === jinan)?.name).toBe('Jinan branch office');
  await workspace.reload();
  await expect(group.row('Jinan branch office')).toHaveCount(1);

  // The same for a region, and for one of our product lines.
  await group.row('Linyi depot').getByTestId('division-region').fill('Linyi city');
  await workspace.reload();
  await expect.poll(async () => (await group.storedDivisions(accountId)).find((d) => d.name === 'Linyi depot')?.region).toBe('Linyi city');
  await group.line('Premix').getByTestId('product-line-name').fill('Premix & feed');
  await workspace.reload();
  await expect.poll(() => group.storedLineNames()).toEqual(['Premix & feed']);
  await workspace.reload();
  await expect(group.line('Premix & feed')).toHaveCount(1);
});
