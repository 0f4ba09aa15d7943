import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { ExcelPage, workbookFile } from './pages/ExcelPage';
import { MapPage } from './pages/MapPage';
import { WorkspacePage } from './pages/WorkspacePage';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'xlsx');
const fixture = (name: string) => path.join(FIXTURES, name);

/** Creates one account through the UI and comes back to the list, so that "nothing created" is countable. */
async function listWithOneAccount(accounts: AccountsPage, workspace: WorkspacePage, url: string): Promise<void> {
  await accounts.goto(url);
  await accounts.startCreate('Keep Co');
  await expect(workspace.title).toHaveText('Keep Co');
  await accounts.page.getByTestId('nav-accounts').click();
  await expect(accounts.rows).toHaveCount(1);
}

test('files that are not readable workbooks are refused with a message naming the file, and nothing is created', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const excel = new ExcelPage(page);
  await listWithOneAccount(accounts, workspace, host.url);

  const cases = [
    ['not-xlsx.xlsx', '"not-xlsx.xlsx" is not an Excel workbook (.xlsx).'],
    ['password-protected.xlsx', '"password-protected.xlsx" is password-protected, or an old .xls: save it as .xlsx without a password.'],
    ['corrupt-truncated.xlsx', '"corrupt-truncated.xlsx" is damaged or incomplete and cannot be opened.'],
    ['zip-not-workbook.xlsx', '"zip-not-workbook.xlsx" is a zip file but not an Excel workbook (.xlsx).'],
    ['zip-bomb.xlsx', /"zip-bomb\.xlsx" unpacks to more than the allowed size \(.*\); it was not opened\./],
    ['empty.xlsx', '"empty.xlsx" contains no data.'],
  ] as const;
  for (const [file, message] of cases) {
    await excel.importFromMenu(fixture(file));
    expect(await excel.previewed()).toBe('error');
    await expect(excel.error).toContainText('This file cannot be imported');
    await expect(excel.error).toContainText(message);
    await expect(excel.applyButton).toHaveCount(0);
    await excel.close();
    await expect(accounts.rows).toHaveCount(1);
    await expect(accounts.row('Keep Co')).toBeVisible();
  }

  // Not even on the host's side: a reload shows the same single account.
  await accounts.goto(host.url);
  await expect(accounts.rows).toHaveCount(1);
});

test('a contact list with an unknown role lists the problem by sheet, row and column, and cannot be applied', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const excel = new ExcelPage(page);
  await listWithOneAccount(accounts, workspace, host.url);

  const list = await workbookFile('Trade fair leads.xlsx', {
    Leads: [
      ['Name', 'Title', 'Role'],
      ['Wang Wei', 'Head of Procurement', 'Decision maker'],
      ['Li Na', 'Procurement Manager', 'Chief Wizard'],
      ['Zhang Qiang', 'IT Lead', 'Technical buyer'],
    ],
  });
  await excel.importFromMenu(list);
  expect(await excel.previewed()).toBe('ready');
  await expect(excel.mapping).toBeVisible();
  expect(await excel.mappingLabels()).toEqual(['Name', 'Title', 'Role']);
  await expect(excel.problems).toBeVisible();
  expect(await excel.problemTable()).toEqual([{ sheet: 'Leads', row: '3', column: 'Role', message: 'Unknown role "Chief Wizard"' }]);
  await expect(excel.applyButton).toBeDisabled();

  await excel.cancelButton.click();
  await expect(excel.dialog).toBeHidden();
  await expect(accounts.rows).toHaveCount(1);
  await expect(accounts.row('Trade fair leads')).toHaveCount(0);
});

test('a plain Chinese contact list gets its columns guessed, a column set to ignore changes the preview, and applying creates an account named after the file', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  const map = new MapPage(page);
  const excel = new ExcelPage(page);
  await listWithOneAccount(accounts, workspace, host.url);

  await excel.importFromMenu(fixture('contacts-zh.xlsx'));
  expect(await excel.previewed()).toBe('ready');
  await expect(excel.mapping).toBeVisible();
  // 姓名 职务 部门 上级 角色, recognised from the Chinese headers.
  expect(await excel.mappingLabels()).toEqual(['Name', 'Title', 'Department', 'Reports to', 'Role']);
  await expect(excel.problems).toHaveCount(0);
  await expect(excel.account('contacts-zh')).toContainText('new account');
  expect(await excel.summary('contacts-zh')).toEqual({ creates: 5, updates: 0, unchanged: 0 });
  await expect(excel.account().getByText(/^\+ /)).toHaveText('+ contacts-zh · + 王伟 · + 李娜 · + 张强 · + 刘洋');

  // Ignoring the names leaves nothing to create, and says why.
  await excel.mapColumn(0, '(ignore this column)');
  expect(await excel.problemTable()).toEqual([{ sheet: '联系人', row: '', column: '', message: 'Missing required column "Name"' }]);
  expect(await excel.summary('contacts-zh')).toEqual({ creates: 1, updates: 0, unchanged: 0 });
  await expect(excel.applyButton).toBeDisabled();
  await excel.mapColumn(0, 'Name');
  await expect(excel.problems).toHaveCount(0);
  expect(await excel.summary('contacts-zh')).toEqual({ creates: 5, updates: 0, unchanged: 0 });

  // The roles are left out this time.
  await excel.mapColumn(4, '(ignore this column)');
  expect(await excel.mappingLabels()).toEqual(['Name', 'Title', 'Department', 'Reports to', '(ignore this column)']);
  await expect(excel.problems).toHaveCount(0);
  await excel.apply();

  await expect(workspace.title).toHaveText('contacts-zh');
  await map.fit();
  await expect(map.cards).toHaveCount(4);
  for (const name of ['王伟', '李娜', '张强', '刘洋']) await expect(map.card(name)).toHaveAttribute('data-role', '');
  await expect(map.card('李娜')).toContainText('采购经理');
  // 李娜 and 张强 report to 王伟.
  await expect(map.reportsToEdges).toHaveCount(2);

  await page.getByTestId('nav-accounts').click();
  await expect(accounts.rows).toHaveCount(2);
  await expect(accounts.row('contacts-zh')).toBeVisible();
  await expect(accounts.row('contacts-zh').getByRole('cell').nth(3)).toHaveText('4');

  // Undone as one step, the new account goes again; redone, it is back with its contacts.
  await excel.undoImport();
  await expect(accounts.rows).toHaveCount(1);
  await expect(accounts.row('contacts-zh')).toHaveCount(0);
  await excel.redoImport();
  await expect(accounts.row('contacts-zh').getByRole('cell').nth(3)).toHaveText('4');
});
