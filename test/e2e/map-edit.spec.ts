import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { MapPage } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

test.use({ viewport: { width: 1600, height: 1000 } });

/** A new account, open on its (empty) buying-centre map. */
async function newAccount(page: Page, url: string, name: string) {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  await accounts.goto(url);
  await accounts.startCreate(name);
  await expect(workspace.title).toHaveText(name);
  await expect(map.emptyState).toBeVisible();
  return { accounts, workspace, map };
}

/** A boss with two direct reports, typed with the keyboard: boss, Tab, Enter. */
async function bossAndTwo(map: MapPage, [boss, a, b]: [string, string, string]) {
  await map.startEmpty(boss);
  await map.addReport(a);
  await map.addPeer(b);
  await map.fit();
  await expect(map.cards).toHaveCount(3);
  await expect(map.reportsToEdges).toHaveCount(2);
}

test('undo and redo step through add, rename and set role, also after switching to Deals and back', async ({ page, host }) => {
  const { workspace, map } = await newAccount(page, host.url, 'Undo Co');
  const undo = async (label: string) => {
    await page.keyboard.press('Control+z');
    await expect(page.getByText(`Undone: ${label}`)).toBeVisible();
  };
  const redo = async (label: string) => {
    await page.keyboard.press('Control+Shift+Z');
    await expect(page.getByText(`Redone: ${label}`)).toBeVisible();
  };

  await map.startEmpty('王经理');
  await map.setRole(/Decision maker/);
  const card = map.card('王经理');
  await expect(card).toHaveAttribute('data-role', 'decider');
  await map.blurFields();

  await undo('edit contact');
  await expect(card).toHaveAttribute('data-role', '');
  await undo('rename contact');
  await expect(card).toHaveCount(0);
  await expect(map.cards).toHaveCount(1);
  await expect(map.cards).toHaveAttribute('data-contact-name', '');

  // The history outlives the map: switch away and back, and keep undoing.
  await workspace.openTab('deals');
  await expect(map.canvas).toHaveCount(0);
  await workspace.openTab('map');
  await expect(map.cards).toHaveCount(1);
  await expect(map.cards).toHaveAttribute('data-contact-name', '');
  await undo('add contact');
  await expect(map.cards).toHaveCount(0);
  await expect(map.emptyState).toBeVisible();

  await redo('add contact');
  await expect(map.cards).toHaveCount(1);
  await workspace.openTab('deals');
  await workspace.openTab('map');
  await expect(map.cards).toHaveAttribute('data-contact-name', '');
  await redo('rename contact');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-role', '');
  await redo('edit contact');
  await expect(card).toHaveAttribute('data-role', 'decider');

  // What the screen shows is what was stored.
  await map.saved();
  await workspace.reload();
  await expect(map.cards).toHaveCount(1);
  await expect(card).toHaveAttribute('data-role', 'decider');
});

test('Ctrl+Z pressed three times in a row undoes three steps, even while the saves are slow', async ({ page, host }) => {
  const { map } = await newAccount(page, host.url, 'Quick Undo Co');
  await bossAndTwo(map, ['Boss', 'Alice', 'Bob']);
  // A slow disk: every map save takes a moment to be confirmed.
  await page.route('**/api/plan:apply', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  await map.blurFields();

  // Rename Bob, add Bob, rename Alice: three steps back.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');

  // Three saves of 300 ms each: well within three seconds.
  await expect(map.cards).toHaveCount(2, { timeout: 3_000 });
  await expect(map.card('Boss')).toBeVisible();
  await expect(map.cards.and(page.locator('[data-contact-name=""]'))).toHaveCount(1);
  await expect(page.getByText('Nothing to undo')).toHaveCount(0);
});

test('dropping a card onto another makes it report there, and that survives a reload', async ({ page, host }) => {
  const { workspace, map } = await newAccount(page, host.url, 'Reparent Co');
  await bossAndTwo(map, ['周总', '技术部长', '工程师']);
  await map.clickCard('工程师');
  await expect(map.panelReportsTo).toHaveValue('周总');

  await map.dragCardOnto('工程师', '技术部长');

  await map.fit();
  await map.clickCard('工程师');
  await expect(map.panelReportsTo).toHaveValue('技术部长');
  await expect(map.reportsToEdges).toHaveCount(2);
  // Laid out again as a tree: the engineer now sits below the technical manager.
  const boss = (await map.card('技术部长').boundingBox())!;
  const moved = (await map.card('工程师').boundingBox())!;
  expect(moved.y).toBeGreaterThan(boss.y + boss.height);

  await map.saved();
  await workspace.reload();
  await map.fit();
  await map.clickCard('工程师');
  await expect(map.panelReportsTo).toHaveValue('技术部长');
  await map.clickCard('技术部长');
  await expect(map.panelReportsTo).toHaveValue('周总');
});

test('Delete removes the selected card and its lines; Ctrl+Z brings both back', async ({ page, host }) => {
  const { workspace, map } = await newAccount(page, host.url, 'Delete Co');
  await bossAndTwo(map, ['Boss', 'Alice', 'Bob']);
  await map.drawInfluenceLine('Alice', 'Bob');
  await map.labelLine('rival');
  await expect(map.edgeLabels).toHaveText(['rival']);
  await expect(map.edges).toHaveCount(3);

  await map.clickCard('Bob');
  await page.keyboard.press('Delete');
  await expect(map.card('Bob')).toHaveCount(0);
  await expect(map.cards).toHaveCount(2);
  await expect(map.reportsToEdges).toHaveCount(1);
  await expect(map.influenceEdges).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undone: delete')).toBeVisible();
  await expect(map.card('Bob')).toBeVisible();
  await expect(map.reportsToEdges).toHaveCount(2);
  await expect(map.influenceEdges).toHaveCount(1);
  await expect(map.edgeLabels).toHaveText(['rival']);

  await map.saved();
  await workspace.reload();
  await map.fit();
  await expect(map.cards).toHaveCount(3);
  await expect(map.edges).toHaveCount(3);
  await expect(map.edgeLabels).toHaveText(['rival']);
  await map.clickCard('Bob');
  await expect(map.panelReportsTo).toHaveValue('Boss');
});

test('a labelled influence line clicked on the map is deleted with Delete, not its label; Ctrl+Z restores it', async ({ page, host }) => {
  const { workspace, map } = await newAccount(page, host.url, 'Line Co');
  await bossAndTwo(map, ['Boss', 'Alice', 'Bob']);
  await map.drawInfluenceLine('Alice', 'Bob');
  await map.labelLine('former colleague');
  await map.clickCard('Boss');
  await expect(map.linePanel).toHaveCount(0);

  await map.clickLine('former colleague');
  await expect(map.lineLabel).not.toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(map.influenceEdges).toHaveCount(0);
  await expect(map.linePanel).toHaveCount(0);
  await expect(map.cards).toHaveCount(3);
  await expect(map.reportsToEdges).toHaveCount(2);

  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undone: delete line')).toBeVisible();
  await expect(map.edgeLabels).toHaveText(['former colleague']);

  await map.saved();
  await workspace.reload();
  await map.fit();
  await expect(map.influenceEdges).toHaveCount(1);
  await expect(map.edgeLabels).toHaveText(['former colleague']);
});

test('a card copied with Ctrl+C is pasted into another account with Ctrl+V', async ({ page, host }) => {
  const { accounts, workspace, map } = await newAccount(page, host.url, 'Copy From Co');
  await map.startEmpty('刘部长');
  await map.setText(map.panelDepartment, '财务部');
  await map.setRole(/Payer/);
  await map.clickCard('刘部长');
  await page.keyboard.press('Control+c');

  await page.getByTestId('nav-accounts').click();
  await accounts.startCreate('Paste To Co');
  await expect(workspace.title).toHaveText('Paste To Co');
  await expect(map.emptyState).toBeVisible();
  const target = workspace.accountId();
  // Focus on the canvas, as after clicking it.
  await map.canvas.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+v');

  const pasted = map.card('刘部长');
  await expect(pasted).toHaveAttribute('data-role', 'payer');
  await expect(pasted).toHaveAttribute('data-selected', 'true');
  await expect(map.panelDepartment).toHaveValue('财务部');

  await map.saved();
  await workspace.reload();
  expect(workspace.accountId()).toBe(target);
  await expect(map.cards).toHaveCount(1);
  await expect(map.card('刘部长')).toHaveAttribute('data-role', 'payer');
  // The original stays where it was.
  await page.getByTestId('nav-accounts').click();
  await accounts.open('Copy From Co');
  await expect(map.cards).toHaveCount(1);
  await expect(map.card('刘部长')).toBeVisible();
});

test('the six-role template: placeholder seats, coverage and red flags that lead to the card, and search', async ({ page, host }) => {
  const { map } = await newAccount(page, host.url, 'Template Co');
  await map.startTemplateButton.click();
  await map.fit();
  await expect(map.cards).toHaveCount(6);
  await expect(map.cards.and(page.locator('[data-placeholder="true"]'))).toHaveCount(6);
  await expect(map.reportsToEdges).toHaveCount(5);

  await expect(map.insightsTab).toHaveAttribute('aria-selected', 'true');
  await expect(map.coverageRows).toHaveCount(6);
  for (const row of await map.coverageRows.all()) await expect(row).toHaveAttribute('data-status', 'placeholder');
  await expect(map.flag('noCoach')).toHaveCount(1);
  await expect(map.flag('rolePlaceholderOnly')).toHaveCount(6);

  // A flag about a seat selects that card and shows it.
  await map.flag('rolePlaceholderOnly').filter({ hasText: 'Payer' }).click();
  const payer = map.cards.and(page.locator('[data-role="payer"]'));
  await expect(payer).toHaveAttribute('data-selected', 'true');
  await expect(map.detailsTab).toHaveAttribute('aria-selected', 'true');
  await expect(map.panelRole).toHaveValue(/Payer/);
  await expect(map.panelDepartment).toHaveValue('Finance dept.');

  // Search picks a seat, selects it and brings it on screen.
  await map.find('quality', /Head of quality/);
  const influencer = map.cards.and(page.locator('[data-role="influencer"]'));
  await expect(influencer).toHaveAttribute('data-selected', 'true');
  await expect(map.panelRole).toHaveValue(/Influencer/);
  await expect(map.panelDepartment).toHaveValue('Quality dept.');
  await expect(influencer).toBeInViewport();
});
