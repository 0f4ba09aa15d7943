import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { Saves } from './saves';
import { callApi, pickOption, undoByKeys } from './ui';

export type DivisionKind = 'Division' | 'Subsidiary';
export type CellStatus = 'sold' | 'openDeal' | 'competitor' | 'whitespace';
export type Figure = 'purchases12' | 'openPipeline' | 'weightedPipeline' | 'openDeals' | 'wonDeals';

/**
 * The "Group & whitespace" tab: the division tree with its rolled-up figures, our product lines,
 * and the whitespace map. The group itself is addressed as division `'group'`. Counts plan and
 * settings saves in flight, for {@link saved} before a reload or restart.
 */
export class GroupPage {
  readonly view: Locator;
  readonly tree: Locator;
  readonly rows: Locator;
  readonly addDivisionButton: Locator;
  readonly divisionName: Locator;
  readonly divisionKind: Locator;
  readonly divisionParent: Locator;
  readonly divisionRegion: Locator;
  readonly addDivisionSubmit: Locator;
  readonly confirmDeleteButton: Locator;
  readonly deleteBody: Locator;
  readonly undoDeleteButton: Locator;
  readonly rollupTotal: Locator;
  readonly noDivisions: Locator;
  readonly treeScroll: Locator;

  readonly productLines: Locator;
  readonly newLineName: Locator;
  readonly addLineButton: Locator;
  readonly confirmRemoveLine: Locator;
  readonly lineInUse: Locator;

  readonly grid: Locator;
  readonly cells: Locator;
  readonly noLines: Locator;
  readonly summary: Locator;
  readonly startDealItem: Locator;
  readonly markCompetitorItem: Locator;
  readonly clearMarkItem: Locator;
  readonly competitorName: Locator;
  readonly competitorNotes: Locator;
  readonly competitorSave: Locator;

  private readonly saves: Saves;

  constructor(readonly page: Page) {
    this.saves = new Saves(page, ['plan:apply', 'settings:update']);

    this.view = page.getByTestId('group-view');
    this.tree = page.getByTestId('division-tree');
    this.rows = page.getByTestId('division-row');
    this.addDivisionButton = page.getByTestId('add-division');
    this.divisionName = page.getByTestId('division-name-input');
    this.divisionKind = page.getByTestId('division-kind-input');
    this.divisionParent = page.getByTestId('division-parent-input');
    this.divisionRegion = page.getByTestId('division-region-input');
    this.addDivisionSubmit = page.getByTestId('add-division-submit');
    this.confirmDeleteButton = page.getByTestId('confirm-delete-division');
    this.deleteBody = page.getByTestId('delete-division-body');
    this.undoDeleteButton = page.getByTestId('undo-delete-division');
    this.rollupTotal = page.getByTestId('rollup-total');
    this.noDivisions = page.getByTestId('divisions-empty');
    this.treeScroll = page.getByTestId('division-tree-scroll');

    this.productLines = page.getByTestId('product-line');
    this.newLineName = page.getByTestId('new-product-line-name');
    this.addLineButton = page.getByTestId('add-product-line');
    this.confirmRemoveLine = page.getByTestId('confirm-remove-product-line');
    this.lineInUse = page.getByTestId('product-line-in-use');

    this.grid = page.getByTestId('whitespace-grid');
    this.cells = page.getByTestId('ws-cell');
    this.noLines = page.getByTestId('ws-no-lines');
    this.summary = page.getByTestId('ws-summary');
    this.startDealItem = page.getByTestId('ws-start-deal');
    this.markCompetitorItem = page.getByTestId('ws-mark-competitor');
    this.clearMarkItem = page.getByTestId('ws-clear-mark');
    this.competitorName = page.getByTestId('ws-competitor-name');
    this.competitorNotes = page.getByTestId('ws-competitor-notes');
    this.competitorSave = page.getByTestId('ws-competitor-save');
  }

  // ---- the division tree ----

  /** The tree row of the division named exactly `name`. */
  row(name: string): Locator {
    return this.page.locator(`[data-testid="division-row"][data-name="${name}"]`);
  }

  get groupRow(): Locator {
    return this.page.locator('[data-testid="division-row"][data-division-id="group"]');
  }

  /** One figure cell of a row; its `data-own` and `data-total` attributes hold the numbers. */
  figure(row: Locator, figure: Figure): Locator {
    return row.getByTestId(`fig-${figure}`);
  }

  /** The division ids of the tree rows, top to bottom (the group is `'group'`). */
  async order(): Promise<string[]> {
    return this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-division-id') ?? ''));
  }

  /**
   * Adds a division through the add dialog, under `parent` (a division's name; the group when
   * omitted) using that row's "+" button; resolves with its id.
   */
  async addDivision(name: string, opts: { kind?: DivisionKind; parent?: string; region?: string } = {}): Promise<string> {
    if (opts.parent) await this.row(opts.parent).getByTestId('add-subdivision').click();
    else await this.addDivisionButton.click();
    await expect(this.divisionName).toBeVisible();
    // The "+" on a row presets the parent.
    if (opts.parent) await expect(this.divisionParent).toHaveValue(opts.parent);
    await this.divisionName.fill(name);
    if (opts.kind) {
      await this.pick(this.divisionKind, new RegExp(`^${opts.kind} `));
      await expect(this.divisionKind).toHaveValue(new RegExp(`^${opts.kind} `));
    }
    if (opts.region) await this.divisionRegion.fill(opts.region);
    await this.addDivisionSubmit.click();
    await expect(this.divisionName).toBeHidden();
    await expect(this.row(name)).toHaveCount(1);
    const id = await this.row(name).getAttribute('data-division-id');
    if (!id) throw new Error(`No id on the row of ${name}`);
    return id;
  }

  /** Opens the row's delete confirmation (its text is in {@link deleteBody}). */
  async startDelete(name: string): Promise<void> {
    await this.row(name).getByTestId('delete-division').click();
    await expect(this.confirmDeleteButton).toBeVisible();
  }

  // ---- product lines ----

  line(name: string): Locator {
    return this.page.locator(`[data-testid="product-line"][data-name="${name}"]`);
  }

  /** Adds one of our product lines; resolves with its id once it is stored and shown. */
  async addProductLine(name: string): Promise<string> {
    await this.newLineName.fill(name);
    await this.addLineButton.click();
    await expect(this.newLineName).toHaveValue('');
    await expect(this.line(name)).toHaveCount(1);
    const id = await this.line(name).getAttribute('data-product-line-id');
    if (!id) throw new Error(`No id on product line ${name}`);
    return id;
  }

  /**
   * Another account, made through the API, with `orders` orders on one of our product lines
   * (product lines are shared by every account).
   */
  async otherAccountWithOrders(name: string, productLineId: string, orders: number): Promise<string> {
    const account = (await callApi(this.page, 'account:create', { name })) as { id: string };
    const now = new Date().toISOString();
    const records = Array.from({ length: orders }, (_, i) => ({
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
      date: now.slice(0, 10),
      amount: 1000 * (i + 1),
      divisionId: null,
      productLineId,
      notes: '',
    }));
    await callApi(this.page, 'plan:apply', { accountId: account.id, commands: [{ type: 'addOrders', records }] });
    return account.id;
  }

  /** What the API has stored for an account's divisions: name and region by id. */
  async storedDivisions(accountId: string): Promise<{ id: string; name: string; region: string }[]> {
    const account = (await callApi(this.page, 'account:get', { id: accountId })) as { divisions: { id: string; name: string; region: string }[] };
    return account.divisions.map(({ id, name, region }) => ({ id, name, region }));
  }

  /** The names of our product lines as stored in the settings. */
  async storedLineNames(): Promise<string[]> {
    const settings = (await callApi(this.page, 'settings:get', undefined)) as { productLines: { name: string }[] };
    return settings.productLines.map((l) => l.name);
  }

  // ---- the whitespace map ----

  /** The cell of a division (or `'group'`) and a product line (by ids). */
  cell(divisionId: string, productLineId: string): Locator {
    return this.page.locator(`[data-testid="ws-cell"][data-division-id="${divisionId}"][data-product-line-id="${productLineId}"]`);
  }

  async openCellMenu(cell: Locator): Promise<void> {
    await cell.getByTestId('ws-cell-button').click();
    await expect(this.startDealItem).toBeVisible();
  }

  /** Marks (or re-marks) a cell as held by a competitor. */
  async markCompetitor(cell: Locator, competitor: string, notes = ''): Promise<void> {
    await this.openCellMenu(cell);
    await this.markCompetitorItem.click();
    await this.competitorName.fill(competitor);
    if (notes) await this.competitorNotes.fill(notes);
    await this.competitorSave.click();
    await expect(this.competitorName).toBeHidden();
    await expect(cell).toHaveAttribute('data-status', 'competitor');
    await expect(cell.getByTestId('ws-competitor')).toHaveText(competitor);
  }

  /** "Start a deal here" on a cell: the deals tab opens on the new deal. */
  async startDeal(cell: Locator): Promise<void> {
    await this.openCellMenu(cell);
    await this.startDealItem.click();
  }

  // ---- shared ----

  /** Picks an option of a Mantine Select by its visible name. */
  pick(select: Locator, option: string | RegExp): Promise<void> {
    return pickOption(this.page, select, option);
  }

  /** Ctrl+Z outside any field; waits for the "Undone: <label>" notice. */
  undo(label: string): Promise<void> {
    return undoByKeys(this.page, label);
  }

  /** Resolves when no plan edit and no settings change is on its way to the host. */
  saved(): Promise<void> {
    return this.saves.settled();
  }
}
