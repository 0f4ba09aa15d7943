import { expect, type Locator, type Page } from '@playwright/test';
import { Saves } from './saves';
import { callApi, pickOption } from './ui';

export interface OrderInput {
  /** `YYYY-MM-DD`. */
  date: string;
  amount: number;
  notes: string;
}

/** A date `days` before today on this machine's calendar (the browser's too), `YYYY-MM-DD`. */
export function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The profile tab of an account workspace: the top card (kind, stage, prospect figures,
 * relationship, gift policy), the sections of the profile form (fields by their `profile-<field>`
 * test ids), and the trading history (orders table, figures, chart, order modal). Counts profile
 * and order saves in flight, for {@link saved} before a reload or restart.
 */
export class ProfilePage {
  readonly form: Locator;
  readonly saveState: Locator;
  readonly invalid: Locator;
  readonly kind: Locator;
  readonly stage: Locator;
  readonly expectedPurchases: Locator;
  readonly intent: Locator;
  readonly relationshipType: Locator;
  readonly giftPolicy: Locator;
  readonly giftNotes: Locator;
  readonly giftBanned: Locator;
  readonly satisfaction: Locator;

  readonly ordersTable: Locator;
  readonly orderRows: Locator;
  readonly addOrderButton: Locator;
  readonly chart: Locator;
  readonly last12: Locator;
  readonly prior12: Locator;
  readonly yoy: Locator;
  readonly orderCount: Locator;
  readonly largest: Locator;
  readonly monthsWithOrders: Locator;
  readonly stability: Locator;

  readonly orderDate: Locator;
  readonly orderAmount: Locator;
  readonly orderNotes: Locator;
  readonly orderSave: Locator;

  private readonly saves: Saves;

  constructor(readonly page: Page) {
    this.saves = new Saves(page, ['plan:apply', 'account:update']);

    this.form = page.getByTestId('profile-form');
    this.saveState = page.getByTestId('profile-save-state');
    this.invalid = page.getByTestId('profile-invalid');
    this.kind = this.field('kind');
    this.stage = this.field('stage');
    this.expectedPurchases = this.field('expected-purchases');
    this.intent = this.field('intent');
    this.relationshipType = this.field('relationship-type');
    this.giftPolicy = this.field('gift-policy');
    this.giftNotes = this.field('gift-notes');
    this.giftBanned = page.getByTestId('profile-gift-banned');
    this.satisfaction = this.field('satisfaction');

    this.ordersTable = page.getByTestId('orders-table');
    this.orderRows = page.getByTestId('order-row');
    this.addOrderButton = page.getByTestId('add-order');
    this.chart = page.getByTestId('orders-chart');
    this.last12 = page.getByTestId('orders-last12');
    this.prior12 = page.getByTestId('orders-prior12');
    this.yoy = page.getByTestId('orders-yoy');
    this.orderCount = page.getByTestId('orders-count');
    this.largest = page.getByTestId('orders-largest');
    this.monthsWithOrders = page.getByTestId('orders-months');
    this.stability = page.getByTestId('orders-stability');

    this.orderDate = page.getByTestId('order-form-date');
    this.orderAmount = page.getByTestId('order-form-amount');
    this.orderNotes = page.getByTestId('order-form-notes');
    this.orderSave = page.getByTestId('order-form-save');
  }

  /** A field of the form by its test id suffix, e.g. `market-share` → `profile-market-share`. */
  field(name: string): Locator {
    return this.page.getByTestId(`profile-${name}`);
  }

  /** Picks an option of a Mantine Select by its visible name (options are bilingual: use a RegExp). */
  pick(select: Locator, option: string | RegExp): Promise<void> {
    return pickOption(this.page, select, option);
  }

  async setStage(stage: 'customer' | 'prospect'): Promise<void> {
    await this.stage.getByText(stage === 'customer' ? /^Customer/ : /^Prospect/).click();
    await expect(this.stage).toHaveAttribute('data-value', stage);
  }

  /** Clicks the n-th star of the satisfaction rating. */
  async rate(stars: 1 | 2 | 3 | 4 | 5): Promise<void> {
    // The star's radio is visually hidden; its label (the star) is what a user clicks.
    const id = await this.satisfaction.getByRole('radio', { name: `${stars} of 5`, exact: true }).getAttribute('id');
    await this.satisfaction.locator(`label[for="${id}"]`).click();
    await expect(this.satisfaction).toHaveAttribute('data-value', String(stars));
  }

  /** The order row with these notes. */
  order(notes: string): Locator {
    return this.page.locator(`[data-testid="order-row"][data-notes="${notes}"]`);
  }

  async addOrder(order: OrderInput): Promise<void> {
    await this.addOrderButton.click();
    await this.orderDate.fill(order.date);
    await this.orderAmount.fill(String(order.amount));
    await this.orderNotes.fill(order.notes);
    await this.orderSave.click();
    await expect(this.orderSave).toBeHidden();
    await expect(this.order(order.notes)).toHaveAttribute('data-amount', String(order.amount));
    await expect(this.order(order.notes)).toHaveAttribute('data-date', order.date);
  }

  /** Calls the app's own API from the page (setting up what other tabs edit: product lines, divisions). */
  callApi(channel: string, input: unknown): Promise<unknown> {
    return callApi(this.page, channel, input);
  }

  async editOrderAmount(notes: string, amount: number): Promise<void> {
    await this.order(notes).getByTestId('order-edit').click();
    await expect(this.orderNotes).toHaveValue(notes);
    await this.orderAmount.fill(String(amount));
    await this.orderSave.click();
    await expect(this.orderSave).toBeHidden();
    await expect(this.order(notes)).toHaveAttribute('data-amount', String(amount));
  }

  /** Deletes the order with these notes; returns its id (for {@link undoFromNotification}). */
  async deleteOrder(notes: string): Promise<string> {
    const id = await this.order(notes).getAttribute('data-order-id');
    if (!id) throw new Error(`No order "${notes}"`);
    await this.order(notes).getByTestId('order-delete').click();
    await expect(this.order(notes)).toHaveCount(0);
    return id;
  }

  /** Clicks Undo on the notification that the order with this id was deleted. */
  async undoFromNotification(orderId: string): Promise<void> {
    await this.page.locator(`[data-testid="order-undo"][data-order-id="${orderId}"]`).click();
    await expect(this.page.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`)).toBeVisible();
  }

  /** The notes of the order rows, top to bottom. */
  async orderNotesInOrder(): Promise<string[]> {
    return this.orderRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-notes') ?? ''));
  }

  /** Resolves when no profile or order save is on its way to the host. */
  saved(): Promise<void> {
    return this.saves.settled();
  }
}
