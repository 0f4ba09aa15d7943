import { expect, type Locator, type Page } from '@playwright/test';
import { waitForBoot } from './AccountsPage';

export type WorkspaceTab = 'map' | 'deals' | 'profile' | 'value' | 'group' | 'activity' | 'report';

/** One account's workspace: title, tabs, the buying-centre map, deals and the profile form. */
export class WorkspacePage {
  readonly root: Locator;
  readonly title: Locator;
  readonly map: Locator;
  readonly contactCards: Locator;
  readonly coachBadges: Locator;
  readonly roleLegend: Locator;
  readonly profileForm: Locator;
  readonly industry: Locator;
  readonly notes: Locator;
  readonly saveState: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('account-workspace');
    this.title = page.getByTestId('account-title');
    this.map = page.getByTestId('buying-centre-map');
    this.contactCards = page.getByTestId('contact-card');
    this.coachBadges = page.getByTestId('coach-badge');
    this.roleLegend = page.getByTestId('role-legend');
    this.profileForm = page.getByTestId('profile-form');
    this.industry = page.getByTestId('profile-industry');
    this.notes = page.getByTestId('profile-notes');
    this.saveState = page.getByTestId('profile-save-state');
  }

  tab(name: WorkspaceTab): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  async openTab(name: WorkspaceTab): Promise<void> {
    await this.tab(name).click();
  }

  /** Switches to the deals tab and waits for the board. */
  async openDeals(): Promise<void> {
    await this.openTab('deals');
    await expect(this.tab('deals')).toHaveAttribute('aria-selected', 'true');
    await expect(this.page.getByTestId('deal-board')).toBeVisible();
  }

  /** A deal's card on the board, by the deal's name. */
  dealCard(name: string): Locator {
    return this.page.locator(`[data-testid="deal-card"][data-deal-name="${name}"]`);
  }

  contact(name: string): Locator {
    return this.page.locator(`[data-testid="contact-card"][data-contact-name="${name}"]`);
  }

  /** Opens an account's tab straight from its address (`#/accounts/<id>/<tab>`) and waits for the app. */
  async goto(hostUrl: string, accountId: string, tab: WorkspaceTab = 'map'): Promise<void> {
    await this.page.goto(`${hostUrl}/#/accounts/${encodeURIComponent(accountId)}/${tab}`);
    expect(await waitForBoot(this.page)).toBe('ready');
    await expect(this.tab(tab)).toHaveAttribute('aria-selected', 'true');
  }

  /** Reloads the page and waits until the app and the current tab are back. */
  async reload(): Promise<void> {
    const tab = /#\/accounts\/[^/]+\/(\w+)/.exec(new URL(this.page.url()).hash)?.[1] as WorkspaceTab | undefined;
    await this.page.reload();
    expect(await waitForBoot(this.page)).toBe('ready');
    if (tab) await expect(this.tab(tab)).toHaveAttribute('aria-selected', 'true');
  }

  /** The account id from the address (`#/accounts/<id>/<tab>`). */
  accountId(): string {
    const match = /#\/accounts\/([^/]+)/.exec(new URL(this.page.url()).hash);
    if (!match?.[1]) throw new Error(`Not in an account workspace: ${this.page.url()}`);
    return decodeURIComponent(match[1]);
  }
}
