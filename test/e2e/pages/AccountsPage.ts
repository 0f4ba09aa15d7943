import { expect, type Locator, type Page } from '@playwright/test';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Waits until the app has booted: the frame is up, or the fatal screen says why not. */
export async function waitForBoot(page: Page): Promise<'ready' | 'fatal'> {
  const booted = page.locator('[data-app-state="ready"], [data-app-state="fatal"]').first();
  await booted.waitFor({ state: 'attached' });
  return (await booted.getAttribute('data-app-state')) as 'ready' | 'fatal';
}

/** The accounts list, its empty state and the create / rename / delete dialogs. */
export class AccountsPage {
  readonly heading: Locator;
  readonly newAccountButton: Locator;
  readonly emptyState: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly nameInput: Locator;
  readonly createSubmit: Locator;
  readonly renameInput: Locator;
  readonly renameSubmit: Locator;
  readonly confirmDeleteButton: Locator;
  readonly undoDeleteButton: Locator;
  readonly storeNotices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByTestId('accounts-page').getByRole('heading', { level: 2 });
    this.newAccountButton = page.getByTestId('new-account');
    this.emptyState = page.getByTestId('accounts-empty');
    this.table = page.getByTestId('accounts-table');
    this.rows = page.getByTestId('account-row');
    this.nameInput = page.getByTestId('account-name-input');
    this.createSubmit = page.getByTestId('create-account-submit');
    this.renameInput = page.getByTestId('rename-account-input');
    this.renameSubmit = page.getByTestId('rename-account-submit');
    this.confirmDeleteButton = page.getByTestId('confirm-delete');
    this.undoDeleteButton = page.getByTestId('undo-delete');
    this.storeNotices = page.getByTestId('store-notice');
  }

  /** Opens the list at `url` (the host's address) and waits for the app to be ready. */
  async goto(url: string): Promise<void> {
    await this.page.goto(`${url}/#/accounts`);
    expect(await waitForBoot(this.page)).toBe('ready');
    await expect(this.table.or(this.emptyState)).toBeVisible();
  }

  /** The row whose account name is exactly `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('open-account').filter({ hasText: exactly(name) }) });
  }

  async startCreate(name: string): Promise<void> {
    await this.newAccountButton.click();
    await this.nameInput.fill(name);
    await this.createSubmit.click();
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByTestId('open-account').click();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.row(from).getByTestId('rename-account').click();
    await expect(this.renameInput).toHaveValue(from);
    await this.renameInput.fill(to);
    await this.renameSubmit.click();
    await expect(this.renameInput).toBeHidden();
  }

  /** Clicks delete on the row and confirms in the dialog. */
  async delete(name: string): Promise<void> {
    await this.row(name).getByTestId('delete-account').click();
    await this.confirmDeleteButton.click();
  }
}
