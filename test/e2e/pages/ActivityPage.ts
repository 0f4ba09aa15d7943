import { expect, type Locator, type Page } from '@playwright/test';
import { Saves } from './saves';
import { callApi, pickOption, undoByKeys } from './ui';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export type ChannelLabel =
  | 'Visit'
  | 'Phone call'
  | 'Email'
  | 'Text message'
  | 'Letter or card'
  | 'Gift'
  | 'Visit to our company'
  | 'Seminar'
  | 'Meeting'
  | 'Personal contact';
export type OutcomeLabel = 'Order' | 'Advance' | 'Continuation' | 'No sale' | 'Not recorded';

export interface ActivityInput {
  /** `YYYY-MM-DD`; the form's default (today) when left out. */
  date?: string;
  channel?: ChannelLabel;
  /** Contact names to pick in addition to any already picked. */
  contacts?: string[];
  outcome?: OutcomeLabel;
  summary: string;
  notes?: string;
}

/**
 * The activity log: the account's Activity tab (log button, filters, timeline), the form in its
 * modal, and a contact's timeline in the map's contact panel.
 */
export class ActivityPage {
  readonly view: Locator;
  readonly logButton: Locator;
  readonly emptyState: Locator;
  readonly timeline: Locator;
  readonly items: Locator;
  readonly months: Locator;
  readonly filterChannel: Locator;
  readonly filterContact: Locator;
  readonly clearFilters: Locator;
  readonly noMatch: Locator;

  readonly form: Locator;
  readonly date: Locator;
  readonly channel: Locator;
  readonly contacts: Locator;
  readonly deal: Locator;
  readonly outcome: Locator;
  readonly summary: Locator;
  readonly notes: Locator;
  readonly hospitality: Locator;
  readonly saveButton: Locator;
  readonly cancelButton: Locator;
  readonly giftWarning: Locator;

  readonly contactTimeline: Locator;
  readonly contactItems: Locator;
  readonly contactLogButton: Locator;
  readonly lastContacted: Locator;

  readonly undoDeleteButton: Locator;

  private readonly saves: Saves;

  constructor(readonly page: Page) {
    this.saves = new Saves(page, ['plan:apply']);

    this.view = page.getByTestId('activity-view');
    this.logButton = page.getByTestId('log-activity');
    this.emptyState = page.getByTestId('activity-empty');
    this.timeline = page.getByTestId('activity-timeline');
    this.items = this.timeline.getByTestId('activity-item');
    this.months = this.timeline.getByTestId('activity-month');
    this.filterChannel = page.getByTestId('activity-filter-channel');
    this.filterContact = page.getByTestId('activity-filter-contact');
    this.clearFilters = page.getByTestId('activity-clear-filters');
    this.noMatch = page.getByTestId('activity-no-match');

    this.form = page.getByTestId('activity-form');
    this.date = page.getByTestId('activity-date');
    this.channel = page.getByTestId('activity-channel');
    this.contacts = page.getByTestId('activity-contacts');
    this.deal = page.getByTestId('activity-deal');
    this.outcome = page.getByTestId('activity-outcome');
    this.summary = page.getByTestId('activity-summary');
    this.notes = page.getByTestId('activity-notes');
    this.hospitality = page.getByTestId('activity-hospitality');
    this.saveButton = page.getByTestId('activity-save');
    this.cancelButton = page.getByTestId('activity-cancel');
    this.giftWarning = page.getByTestId('gift-policy-warning');

    this.contactTimeline = page.getByTestId('contact-timeline');
    this.contactItems = this.contactTimeline.getByTestId('activity-item');
    this.contactLogButton = page.getByTestId('contact-log-activity');
    this.lastContacted = page.getByTestId('contact-last-contacted');

    this.undoDeleteButton = page.getByTestId('undo-activity-delete');
  }

  /** The item in `within` (the account's timeline unless told) whose summary is exactly `summary`. */
  item(summary: string, within: Locator = this.timeline): Locator {
    return within.getByTestId('activity-item').filter({ has: this.page.getByTestId('activity-item-summary').filter({ hasText: exactly(summary) }) });
  }

  /** The summaries in the account's timeline (or `within`), top to bottom. */
  summaries(within: Locator = this.timeline): Promise<string[]> {
    return within.getByTestId('activity-item-summary').allInnerTexts();
  }

  /** The "against gift policy" mark of an item. */
  policyBadge(item: Locator): Locator {
    return item.getByTestId('activity-policy-badge');
  }

  /** The names on the contact chips of an item. */
  contactsOf(item: Locator): Locator {
    return item.getByTestId('activity-contact');
  }

  /** Picks an option of a Mantine Select (or MultiSelect) in the form or the filters by its visible name. */
  pick(select: Locator, option: string | RegExp): Promise<void> {
    return pickOption(this.page, select, option);
  }

  /** Fills the open form and saves it; resolves once the modal has closed. */
  async fillAndSave(input: ActivityInput): Promise<void> {
    await expect(this.form).toBeVisible();
    if (input.date !== undefined) await this.date.fill(input.date);
    if (input.channel) {
      await this.pick(this.channel, input.channel);
      await expect(this.channel).toHaveValue(input.channel);
    }
    for (const name of input.contacts ?? []) {
      await this.pick(this.contacts, new RegExp(`^${name}( · |$)`));
      // Close the list (it stays open for more picks) by moving on with the keyboard.
      await this.page.keyboard.press('Tab');
      await expect(this.page.getByRole('listbox')).toBeHidden();
    }
    if (input.outcome) {
      await this.pick(this.outcome, input.outcome);
      await expect(this.outcome).toHaveValue(input.outcome);
    }
    await this.summary.fill(input.summary);
    if (input.notes !== undefined) await this.notes.fill(input.notes);
    await this.saveButton.click();
    await expect(this.form).toBeHidden();
  }

  /** "Log activity" on the Activity tab, then the form. */
  async log(input: ActivityInput): Promise<void> {
    await this.logButton.click();
    await this.fillAndSave(input);
    await expect(this.item(input.summary)).toBeVisible();
  }

  /** The names picked in the form's contacts field (Mantine shows them as pills). */
  pickedContacts(): Locator {
    return this.form.locator('.mantine-Pill-label');
  }

  /** Ctrl+Z outside any field; waits for the "Undone: <label>" notice. */
  undo(label: string): Promise<void> {
    return undoByKeys(this.page, label);
  }

  /** Resolves when no plan edit is on its way to the host. */
  saved(): Promise<void> {
    return this.saves.settled();
  }

  /** Sets the customer's gift policy through the app's own API (the profile form is another feature). */
  async setGiftPolicy(accountId: string, rule: 'unknown' | 'allowed' | 'restricted' | 'banned', notes: string): Promise<void> {
    await callApi(this.page, 'account:update', { id: accountId, patch: { giftPolicy: { rule, notes } } });
  }
}
