import { expect, type Locator, type Page } from '@playwright/test';
import { Saves } from './saves';
import { box, pickOption, redoByKeys, undoByKeys } from './ui';

export type Stage = 'discover' | 'investigate' | 'prove' | 'commit' | 'won' | 'lost';
export type Outcome = 'advance' | 'continuation' | 'order' | 'noSale';
export type DrawerTab = 'overview' | 'people' | 'criteria' | 'competitors' | 'spin' | 'meetings' | 'actions';
export type Score = 1 | 2 | 3 | 4 | 5;
export type Role = 'decider' | 'authority' | 'influencer' | 'executor' | 'user' | 'payer';

/** Every stage in the board's default order. */
export const STAGES: readonly Stage[] = ['discover', 'investigate', 'prove', 'commit', 'won', 'lost'];

/** What a criterion is scored on, 1–5 each. */
export interface Scores {
  importance: Score;
  ourFit: Score;
  competitorFit: Score;
}

/**
 * The deals tab of an account workspace: the board (columns by stage with their totals, deal
 * cards with risk signals), the role matrix, the column settings, and the deal drawer with its
 * tabs. The board methods also work on the portfolio pipeline page, which shows the same board.
 * Counts deal and settings saves in flight, for {@link saved} before a reload or restart.
 */
export class DealsPage {
  readonly view: Locator;
  readonly newName: Locator;
  readonly newButton: Locator;
  readonly board: Locator;
  readonly columns: Locator;
  readonly cards: Locator;
  readonly editColumnsButton: Locator;
  readonly saveColumnsButton: Locator;
  readonly roleMatrixRows: Locator;

  readonly drawer: Locator;
  readonly drawerRisks: Locator;
  readonly name: Locator;
  readonly value: Locator;
  readonly closeDate: Locator;
  readonly stage: Locator;
  readonly probability: Locator;
  readonly saleType: Locator;
  readonly keyToSuccess: Locator;
  readonly strategy: Locator;
  readonly deleteButton: Locator;
  readonly criteria: Locator;
  readonly addCriterionButton: Locator;
  readonly competitors: Locator;
  readonly addCompetitorButton: Locator;
  readonly meetings: Locator;
  readonly nineKnowsPercent: Locator;
  readonly actions: Locator;
  readonly addActionButton: Locator;

  private readonly saves: Saves;

  constructor(readonly page: Page) {
    this.saves = new Saves(page, ['plan:apply', 'settings:update']);

    this.view = page.getByTestId('deals-view');
    this.newName = page.getByTestId('new-deal-name');
    this.newButton = page.getByTestId('new-deal');
    this.board = page.getByTestId('deal-board');
    this.columns = page.getByTestId('board-column');
    this.cards = page.getByTestId('deal-card');
    this.editColumnsButton = page.getByTestId('edit-columns');
    this.saveColumnsButton = page.getByTestId('save-columns');
    this.roleMatrixRows = page.getByTestId('role-matrix-row');

    // The drawer's parts: it lives in a portal, so these are looked up on the page.
    this.drawer = page.getByRole('dialog').filter({ has: page.getByTestId('deal-tab-meetings') });
    this.drawerRisks = page.getByTestId('deal-drawer-risks');
    this.name = page.getByTestId('deal-name');
    this.value = page.getByTestId('deal-value');
    this.closeDate = page.getByTestId('deal-close');
    this.stage = page.getByTestId('deal-stage');
    this.probability = page.getByTestId('deal-probability');
    this.saleType = page.getByTestId('deal-sale-type');
    this.keyToSuccess = page.getByTestId('key-to-success');
    this.strategy = page.getByTestId('deal-strategy');
    this.deleteButton = page.getByTestId('delete-deal');
    this.criteria = page.getByTestId('criterion-row');
    this.addCriterionButton = page.getByTestId('add-criterion');
    this.competitors = page.getByTestId('competitor');
    this.addCompetitorButton = page.getByTestId('add-competitor');
    this.meetings = page.getByTestId('meeting');
    this.nineKnowsPercent = page.getByTestId('nine-knows-percent');
    this.actions = page.getByTestId('action');
    this.addActionButton = page.getByTestId('add-action');
  }

  // ---- the board ----

  column(stage: Stage): Locator {
    return this.page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
  }

  /** The column's money line (one currency on these boards). */
  total(stage: Stage): Locator {
    return this.column(stage).getByTestId('column-total');
  }

  count(stage: Stage): Locator {
    return this.column(stage).getByTestId('column-count');
  }

  /** The card of the deal named exactly `name`. */
  card(name: string): Locator {
    return this.page.locator(`[data-testid="deal-card"][data-deal-name="${name}"]`);
  }

  risks(name: string): Locator {
    return this.card(name).getByTestId('deal-risks');
  }

  /** The stages of the columns, left to right. */
  async columnOrder(): Promise<string[]> {
    return this.columns.evaluateAll((els) => els.map((e) => e.getAttribute('data-stage') ?? ''));
  }

  /** Expects the column's count, total value and weighted value (money in whole units). */
  async expectTotals(stage: Stage, count: number, value: number, weighted: number): Promise<void> {
    await expect(this.count(stage)).toHaveText(String(count));
    if (count === 0) {
      await expect(this.total(stage)).toHaveCount(0);
      return;
    }
    await expect(this.total(stage)).toHaveAttribute('data-value', String(value));
    await expect(this.total(stage)).toHaveAttribute('data-weighted', String(weighted));
  }

  /** Names a new deal and creates it; its drawer opens. Resolves with the deal's id (from the address). */
  async create(name: string): Promise<string> {
    await this.newName.fill(name);
    await this.newButton.click();
    await this.expectDrawerOpen(name);
    await expect(this.newName).toHaveValue('');
    const id = /#\/accounts\/[^/]+\/deals\/([^/]+)$/.exec(new URL(this.page.url()).hash)?.[1];
    if (!id) throw new Error(`No deal in the address: ${this.page.url()}`);
    await expect(this.card(name)).toHaveAttribute('data-deal-id', decodeURIComponent(id));
    return decodeURIComponent(id);
  }

  /** Creates a deal, gives it a value and closes the drawer again. */
  async createWithValue(name: string, value: number): Promise<string> {
    const id = await this.create(name);
    await this.setValue(value);
    await this.closeDrawer();
    return id;
  }

  /** Opens the deal's drawer from the name on its card. */
  async open(name: string): Promise<void> {
    await this.card(name).getByTestId('open-deal').click();
    await this.expectDrawerOpen(name);
  }

  /** Moves a card through its "move to" menu. */
  async moveWithMenu(name: string, stage: Stage): Promise<void> {
    await this.card(name).getByTestId('move-deal').click();
    await this.page.getByTestId(`move-to-${stage}`).click();
    await expect(this.card(name)).toHaveAttribute('data-stage', stage);
  }

  /**
   * Drags a card with the mouse by its body (the name is a button and does not start a drag),
   * past dnd-kit's 6 px activation distance, onto the middle of another column.
   */
  async drag(name: string, stage: Stage): Promise<void> {
    const card = this.card(name);
    const target = this.column(stage);
    const from = await box(card);
    const to = await box(target);
    const idle = await background(target);
    // The middle of the card: below the name row, on the value and probability.
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + 4, y + 4);
    await this.page.mouse.move(x + 10, y + 10, { steps: 2 });
    // The card's middle over the column's upper part, where its cards sit.
    await this.page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 80), { steps: 20 });
    // The column lights up while a card is over it.
    await expect.poll(() => background(target)).not.toBe(idle);
    await this.page.mouse.up();
  }

  // ---- the drawer ----

  async expectDrawerOpen(name?: string): Promise<void> {
    await expect(this.page.getByTestId('deal-tab-meetings')).toBeVisible();
    if (name !== undefined) await expect(this.drawer.getByRole('heading', { level: 2 })).toHaveText(name);
  }

  /** Escape closes the drawer; the address drops the deal. */
  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('deal-tab-meetings')).toBeHidden();
    await expect.poll(() => new URL(this.page.url()).hash).toMatch(/\/deals$/);
  }

  tab(name: DrawerTab): Locator {
    if (name === 'overview' || name === 'spin') {
      return this.drawer.getByRole('tab', { name: name === 'overview' ? 'Overview' : 'SPIN and 九明' });
    }
    return this.page.getByTestId(`deal-tab-${name}`);
  }

  async openTab(name: DrawerTab): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** Types a value into the value field and commits it by leaving the field. */
  async setValue(value: number): Promise<void> {
    await this.openTab('overview');
    await this.value.fill(String(value));
    await this.value.blur();
    await expect(this.value).toHaveValue(value.toLocaleString('en-US'));
  }

  /** Types a probability (or clears it: null = the stage default) and commits it by leaving the field. */
  async setProbability(percent: number | null): Promise<void> {
    await this.openTab('overview');
    await this.probability.fill(percent === null ? '' : String(percent));
    await this.probability.blur();
    await expect(this.probability).toHaveValue(percent === null ? '' : `${percent}%`);
  }

  /** Picks an option of a Mantine Select (or MultiSelect) by its visible name. */
  pick(select: Locator, option: string | RegExp): Promise<void> {
    return pickOption(this.page, select, option);
  }

  /** Picks a sale type by its English name, e.g. 'Transactional'. */
  async setSaleType(label: 'Transactional' | 'Value-added' | 'Strategic partner' | 'None'): Promise<void> {
    await this.openTab('overview');
    // The options are named in both languages, e.g. "Transactional 交易型"; none is a dash.
    await this.pick(this.saleType, label === 'None' ? '—' : new RegExp(`^${label} `));
  }

  /** Adds a criterion on the criteria tab, names it and sets its scores; resolves with its row. */
  async addCriterion(name: string, scores: Scores): Promise<Locator> {
    await this.openTab('criteria');
    const before = await this.criteria.count();
    await this.addCriterionButton.click();
    await expect(this.criteria).toHaveCount(before + 1);
    // A new criterion comes last (rank = count + 1) with an empty name.
    const row = this.criteria.nth(before);
    await expect(row.getByTestId('criterion-name')).toHaveValue('');
    const nameField = row.getByTestId('criterion-name');
    await nameField.fill(name);
    await nameField.press('Enter');
    const named = this.criterion(name);
    await expect(named).toHaveCount(1);
    for (const k of ['importance', 'ourFit', 'competitorFit'] as const) {
      await this.pick(named.getByTestId(`criterion-${k}`), String(scores[k]));
      await expect(named.getByTestId(`criterion-${k}`)).toHaveValue(String(scores[k]));
    }
    return named;
  }

  /** The criterion row whose name field holds exactly `name`. */
  criterion(name: string): Locator {
    return this.criteria.filter({ has: this.page.locator(`[data-testid="criterion-name"][value="${name}"]`) });
  }

  /** Adds a competitor on the competitors tab with a name and a threat level. */
  async addCompetitor(name: string, threat: 'High' | 'Medium' | 'Low'): Promise<Locator> {
    await this.openTab('competitors');
    const before = await this.competitors.count();
    await this.addCompetitorButton.click();
    await expect(this.competitors).toHaveCount(before + 1);
    const card = this.competitors.nth(before);
    await card.getByTestId('competitor-name').fill(name);
    await card.getByTestId('competitor-name').press('Enter');
    const named = this.competitor(name);
    await expect(named).toHaveCount(1);
    await this.pick(named.getByTestId('competitor-threat'), threat);
    await expect(named.getByTestId('competitor-threat')).toHaveValue(threat);
    return named;
  }

  competitor(name: string): Locator {
    return this.competitors.filter({ has: this.page.locator(`[data-testid="competitor-name"][value="${name}"]`) });
  }

  /** Logs a customer meeting dated today with the given outcome. */
  async logMeeting(outcome: Outcome): Promise<void> {
    await this.openTab('meetings');
    const before = await this.meetings.count();
    await this.page.getByTestId(`log-${outcome}`).click();
    await expect(this.meetings).toHaveCount(before + 1);
  }

  /** Ticks (or unticks) one of the nine things to know on the SPIN tab. */
  async setKnown(key: string, known: boolean): Promise<void> {
    await this.openTab('spin');
    const box = this.page.getByTestId(`know-${key}`);
    await box.setChecked(known);
    await expect(box).toBeChecked({ checked: known });
  }

  /** Picks contacts (by the name shown in the list) for one role of the deal's buying centre. */
  async seat(role: Role, contact: string): Promise<void> {
    await this.openTab('people');
    const field = this.page.getByTestId(`deal-role-${role}`);
    await this.pick(field, contact);
    // The list stays open for more picks: the first Escape closes only the list.
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('listbox')).toBeHidden();
    await this.expectDrawerOpen();
  }

  // ---- column settings ----

  async openColumnSettings(): Promise<void> {
    await this.editColumnsButton.click();
    await expect(this.saveColumnsButton).toBeVisible();
  }

  columnLabelField(stage: Stage): Locator {
    return this.page.getByTestId(`column-label-${stage}`);
  }

  columnUp(stage: Stage): Locator {
    return this.page.getByTestId(`column-up-${stage}`);
  }

  async saveColumns(): Promise<void> {
    await this.saveColumnsButton.click();
    await expect(this.saveColumnsButton).toBeHidden();
  }

  // ---- role matrix ----

  roleRow(dealId: string): Locator {
    return this.page.locator(`[data-testid="role-matrix-row"][data-deal-id="${dealId}"]`);
  }

  roleCell(dealId: string, role: Role): Locator {
    return this.roleRow(dealId).locator(`td[data-role="${role}"]`);
  }

  // ---- undo, saves ----

  /** Ctrl+Z outside any field; waits for the "Undone: <label>" notice. */
  undo(label: string): Promise<void> {
    return undoByKeys(this.page, label);
  }

  redo(label: string): Promise<void> {
    return redoByKeys(this.page, label);
  }

  /** Resolves when no deal edit and no settings change is on its way to the host. Before a reload or restart. */
  saved(): Promise<void> {
    return this.saves.settled();
  }
}

function background(locator: Locator): Promise<string> {
  return locator.evaluate((e) => getComputedStyle(e).backgroundColor);
}
