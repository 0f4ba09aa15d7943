import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { WorkspacePage } from './pages/WorkspacePage';

const SAMPLE_NAME = 'Liuhe Group · Hemei Feed Co. (和美饲料)';
const SAMPLE_CONTACTS = ['黄炳亮', '吕文斌', '杨部长', '阚方玉', '黄厂长', '刘部长'];

test('the sample account loads from the empty state with its buying centre and deal, and survives a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(host.url);

  await accounts.emptyState.getByTestId('load-sample').click();

  await expect(workspace.title).toHaveText(SAMPLE_NAME);
  await expect(workspace.contactCards).toHaveCount(6);
  for (const name of SAMPLE_CONTACTS) await expect(workspace.contact(name)).toBeVisible();
  await expect(workspace.contact('黄炳亮')).toContainText('Decision maker');
  // The purchasing manager is the coach, and only she is.
  await expect(workspace.coachBadges).toHaveCount(1);
  await expect(workspace.contact('阚方玉').getByTestId('coach-badge')).toBeVisible();

  await workspace.openTab('deals');
  await expect(workspace.dealCard('Premix line automation')).toBeVisible();
  await expect(workspace.dealCard('Premix line automation')).toHaveAttribute('data-stage', 'investigate');

  await host.restart();
  await accounts.goto(host.url);
  await expect(accounts.row(SAMPLE_NAME)).toBeVisible();
  // The contacts column.
  await expect(accounts.row(SAMPLE_NAME).getByRole('cell').nth(3)).toHaveText('6');
  await accounts.open(SAMPLE_NAME);
  await expect(workspace.contactCards).toHaveCount(6);
  await expect(workspace.contact('黄炳亮')).toBeVisible();
  await expect(workspace.coachBadges).toHaveCount(1);
  await workspace.openTab('deals');
  await expect(workspace.dealCard('Premix line automation')).toHaveAttribute('data-stage', 'investigate');
});
