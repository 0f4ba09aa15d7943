import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { SaveStatusPage } from './pages/SaveStatusPage';
import { WorkspacePage } from './pages/WorkspacePage';

// The host reads this file before every write: `{"journal":"ENOSPC"}` fills the disk, `{}` frees it.
const faults = path.join(os.tmpdir(), `account-planner-faults-${process.pid}-${Date.now()}.json`);
test.use({ env: { ACCOUNT_PLANNER_FAULTS: faults } });

const breakDisk = (control: Record<string, string>) => fs.writeFile(faults, JSON.stringify(control));

test.afterEach(async () => {
  await fs.rm(faults, { force: true });
});

test('a full disk is shown at once, refuses the edit, and once freed the edit is saved and survives a restart', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const save = new SaveStatusPage(page);
  await breakDisk({});

  await accounts.goto(host.url);
  await accounts.startCreate('Hemei Feed 和美饲料');
  await expect(workspace.title).toHaveText('Hemei Feed 和美饲料');
  await save.expectSaved();
  await expect(save.indicator).toHaveText('All changes saved');
  await workspace.openTab('profile');
  await expect(workspace.profileForm).toBeVisible();

  // The disk fills up: the autosave of the next edit is refused.
  await breakDisk({ journal: 'ENOSPC' });
  await workspace.industry.fill('Animal feed');
  await save.expectFailed('journal', 'diskFull');
  await expect(save.indicator).toHaveText('Not saved: the disk is full');
  await expect(save.problem).toContainText('Not saved: the disk is full');
  await expect(save.problem).toContainText('Edits are refused until this is fixed');
  await expect(save.problemFile).toHaveText(`File: ${host.dataFile}.journal`);
  // The form does not claim otherwise.
  await expect(workspace.saveState).toHaveAttribute('data-state', 'failed');

  // "Save a copy…" hands over everything stored, as a data file.
  const download = await save.saveCopy();
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const copy = JSON.parse(await fs.readFile(await download.path(), 'utf8')) as { app: string; data: { accounts: { name: string }[] } };
  expect(copy.app).toBe('account-planner');
  expect(copy.data.accounts.map((a) => a.name)).toEqual(['Hemei Feed 和美饲料']);

  // Leaving asks first (what the screen shows is not stored); after the reload the old value is back.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await workspace.reload();
  expect(dialogs).toEqual(['beforeunload']);
  await expect(workspace.profileForm).toBeVisible();
  await expect(workspace.industry).toHaveValue('');
  // The problem is the store's, not the page's: it is still shown after the reload.
  await save.expectFailed('journal', 'diskFull');

  // Space freed: the same edit again is saved, and the header says so.
  await breakDisk({});
  await workspace.industry.fill('Animal feed');
  await expect(workspace.saveState).toHaveAttribute('data-state', 'saved');
  await save.expectSaved();
  await expect(save.indicator).toHaveText('All changes saved');

  await host.restart();
  await accounts.goto(host.url);
  await expect(accounts.row('Hemei Feed 和美饲料')).toContainText('Animal feed');
  await accounts.open('Hemei Feed 和美饲料');
  await workspace.openTab('profile');
  await expect(workspace.industry).toHaveValue('Animal feed');
  await save.expectSaved();
});

test('a data file that cannot be rewritten keeps the edits in the journal and says so, in Chinese too', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const save = new SaveStatusPage(page);
  await breakDisk({});
  await accounts.goto(host.url);
  await page.getByTestId('language-switch').getByText('中文').click();
  await save.expectSaved();

  await breakDisk({ snapshot: 'EIO' });
  await accounts.startCreate('六和集团');
  await expect(workspace.title).toHaveText('六和集团');
  // The edit is accepted (it is in the journal); the background rewrite of the data file fails.
  await save.expectFailed('snapshot', 'diskError');
  await expect(save.indicator).toHaveText('未保存: 磁盘出错');
  await expect(save.problem).toContainText('你的修改已安全记录在日志中');
  await expect(save.problemFile).toHaveText(`文件：${host.dataFile}`);

  // Nobody edits: the store's own retry finds the disk working again, and the bar goes.
  await breakDisk({});
  await save.expectSaved(20_000);
  await expect(save.indicator).toHaveText('所有修改已保存');
  await host.restart();
  await accounts.goto(host.url);
  await expect(accounts.row('六和集团')).toHaveCount(1);
});
