import fs from 'node:fs/promises';
import path from 'node:path';
import { test, expect, envelope, DATA_FILE_NAME } from './fixtures';
import { AccountsPage, waitForBoot } from './pages/AccountsPage';

const GARBAGE = '{"schemaVersion":1,"app":"account-planner","data":{"accounts":[{"id":\u0000 truncated by a crash';
const BACKUP_NAME = 'planner-2025-03-01T09-30-00-000Z.json';
const backupAccount = {
  id: 'acc-backup-1',
  name: 'Recovered Holdings',
  createdAt: '2025-02-01T08:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
};

test.describe('a corrupt data file with a good backup', () => {
  test.use({
    hostFiles: {
      [DATA_FILE_NAME]: GARBAGE,
      [`backups/${BACKUP_NAME}`]: envelope({ accounts: [backupAccount] }),
    },
  });

  test('is moved aside, the backup is restored, and the user is told', async ({ page, host }) => {
    const accounts = new AccountsPage(page);
    await accounts.goto(host.url);

    const notice = accounts.storeNotices.and(page.locator('[data-notice="restoredFromBackup"]'));
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('was damaged');
    await expect(notice).toContainText(BACKUP_NAME);
    await expect(accounts.rows).toHaveCount(1);
    await expect(accounts.row('Recovered Holdings')).toHaveAttribute('data-account-id', backupAccount.id);

    const names = await fs.readdir(host.dir);
    const corrupt = names.filter((n) => /^planner\.corrupt-.+\.json$/.test(n));
    expect(corrupt).toHaveLength(1);
    await expect(notice).toContainText(corrupt[0]!);
    // The damaged bytes are kept as they were, for whoever wants to dig changes out of them.
    expect(await fs.readFile(path.join(host.dir, corrupt[0]!), 'utf8')).toBe(GARBAGE);
    // And the data file itself is good again.
    const current = JSON.parse(await fs.readFile(host.dataFile, 'utf8')) as { data: { accounts: { name: string }[] } };
    expect(current.data.accounts.map((a) => a.name)).toEqual(['Recovered Holdings']);

    // The notice was about this start only.
    await host.restart();
    await accounts.goto(host.url);
    await expect(accounts.row('Recovered Holdings')).toBeVisible();
    await expect(accounts.storeNotices).toHaveCount(0);
  });
});

test.describe('a data file from a newer version', () => {
  const NEWER = JSON.stringify(
    {
      schemaVersion: 999,
      app: 'account-planner',
      savedAt: '2030-01-01T00:00:00.000Z',
      data: { accounts: [{ ...backupAccount, name: 'From The Future', hologram: true }] },
    },
    null,
    2,
  );
  test.use({ hostFiles: { [DATA_FILE_NAME]: NEWER } });

  test('is refused on the fatal screen and left byte-for-byte unchanged', async ({ page, host }) => {
    const before = await fs.readFile(host.dataFile);
    await page.goto(host.url);
    expect(await waitForBoot(page)).toBe('fatal');

    const fatal = page.getByTestId('fatal-error');
    await expect(fatal).toBeVisible();
    await expect(fatal).toContainText('Account Planner cannot open your data');
    await expect(fatal).toContainText('written by a newer version');
    await expect(fatal).toContainText(host.dataFile);
    await expect(page.getByTestId('accounts-page')).toHaveCount(0);

    const exit = await host.stop();
    expect(exit.code).toBe(0);
    expect((await fs.readFile(host.dataFile)).equals(before)).toBe(true);
    expect(await fs.readdir(host.dir)).toEqual([DATA_FILE_NAME]);
  });
});
