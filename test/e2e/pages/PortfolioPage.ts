import { expect, type Locator, type Page } from '@playwright/test';
import { waitForBoot } from './AccountsPage';
import { callApi, pickOption } from './ui';

export type PortfolioView = 'table' | 'pareto' | 'matrices';
export type PortfolioColumn =
  | 'name'
  | 'grade'
  | 'score'
  | 'purchases'
  | 'profit'
  | 'pipeline'
  | 'weighted'
  | 'roles'
  | 'flags'
  | 'health'
  | 'lastActivity'
  | 'owner'
  | 'cell';

/** The portfolio page (`#/portfolio`): the table, the Pareto chart and the matrices. */
export class PortfolioPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly noMatch: Locator;
  readonly search: Locator;
  readonly gradeFilter: Locator;
  readonly clearFilters: Locator;
  readonly paretoChart: Locator;
  readonly paretoSummary: Locator;
  readonly paretoPoints: Locator;
  readonly unplaced: Locator;
  /** The native scroll container around the table. */
  readonly tableScroll: Locator;
  readonly ownerFilter: Locator;
  readonly paretoZeroNote: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('portfolio-page');
    this.table = page.getByTestId('portfolio-table');
    this.rows = page.getByTestId('portfolio-row');
    this.empty = page.getByTestId('portfolio-empty');
    this.noMatch = page.getByTestId('portfolio-no-match');
    this.search = page.getByTestId('filter-search');
    this.gradeFilter = page.getByTestId('filter-grades');
    this.clearFilters = page.getByTestId('clear-filters');
    this.paretoChart = page.getByTestId('pareto-chart');
    this.paretoSummary = page.getByTestId('pareto-summary');
    this.paretoPoints = page.getByTestId('pareto-point');
    this.unplaced = page.getByTestId('unplaced-account');
    this.tableScroll = page.getByTestId('portfolio-table-scroll');
    this.ownerFilter = page.getByTestId('filter-owner');
    this.paretoZeroNote = page.getByTestId('pareto-zero-note');
  }

  /** Opens `#/portfolio` on the host and waits for the table (or the empty state). */
  async goto(hostUrl: string): Promise<void> {
    await this.page.goto(`${hostUrl}/#/portfolio`);
    expect(await waitForBoot(this.page)).toBe('ready');
    await expect(this.table.or(this.empty)).toBeVisible();
  }

  async showView(view: PortfolioView): Promise<void> {
    const tab = this.page.getByTestId(`view-${view}`);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** The table row of the account named exactly `name`. */
  row(name: string): Locator {
    return this.page.locator(`[data-testid="portfolio-row"][data-account-name="${name}"]`);
  }

  cell(name: string, testId: string): Locator {
    return this.row(name).getByTestId(testId);
  }

  /** The account names in the order the table shows them. */
  async names(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-name') ?? ''));
  }

  header(column: PortfolioColumn): Locator {
    return this.page.getByTestId(`col-${column}`);
  }

  async sortBy(column: PortfolioColumn): Promise<void> {
    await this.page.getByTestId(`sort-${column}`).click();
  }

  /** Picks grades in the grade multi-select, then closes its dropdown. */
  async filterGrades(...grades: string[]): Promise<void> {
    await this.gradeFilter.click();
    for (const g of grades) await this.page.getByRole('option', { name: g, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  /** Picks one owner (or "No owner") in the owner filter. */
  async filterOwner(option: string): Promise<void> {
    await pickOption(this.page, this.ownerFilter, option);
  }

  /** The buttons that open the weights and thresholds, wherever they are on the page. */
  settingsButtons(name = 'Weights & thresholds'): Locator {
    return this.root.getByRole('button', { name });
  }

  callApi(channel: string, input: unknown): Promise<unknown> {
    return callApi(this.page, channel, input);
  }

  /** The Pareto table's line of the account named exactly `name`. */
  paretoPoint(name: string): Locator {
    return this.page.locator(`[data-testid="pareto-point"][data-account-name="${name}"]`);
  }

  /**
   * How the matrices are laid out: pairs of cells that overlap, chips that stick out of their
   * cell, and grade badges whose text is cut.
   */
  async matrixLayout(): Promise<{ overlapping: string[]; chipsOutside: string[]; cutGrades: string[]; chips: number }> {
    return this.page.evaluate(() => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid^="matrix-cell-"]')].map((el) => ({
        id: el.dataset.testid ?? '',
        box: el.getBoundingClientRect(),
        el,
      }));
      const overlapping: string[] = [];
      for (const [i, a] of cells.entries())
        for (const b of cells.slice(i + 1))
          if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom) overlapping.push(`${a.id}/${b.id}`);
      const chipsOutside: string[] = [];
      const cutGrades: string[] = [];
      let chips = 0;
      for (const { el, box } of cells)
        for (const chip of el.querySelectorAll<HTMLElement>('[data-testid="matrix-account"]')) {
          chips += 1;
          const c = chip.getBoundingClientRect();
          if (c.left < box.left - 0.5 || c.right > box.right + 0.5) chipsOutside.push(chip.dataset.accountName ?? '');
          const grade = chip.querySelector<HTMLElement>('[data-testid="matrix-account-grade"]');
          const label = grade?.querySelector<HTMLElement>('.mantine-Badge-label');
          if (grade && label && (label.scrollWidth > label.clientWidth + 0.5 || grade.getBoundingClientRect().right > c.right + 0.5)) cutGrades.push(chip.dataset.accountName ?? '');
        }
      return { overlapping, chipsOutside, cutGrades, chips };
    });
  }

  /** Badge texts in the table whose text does not fit their badge (shown cut, "有流失风…"). */
  async cutBadges(): Promise<string[]> {
    return this.table.locator('.mantine-Badge-label').evaluateAll((labels) =>
      labels.filter((l) => l.scrollWidth > l.clientWidth + 0.5).map((l) => l.textContent ?? ''),
    );
  }

  /** Whether the table is wider than its container (and so scrolls sideways). */
  async tableOverflows(): Promise<boolean> {
    return this.tableScroll.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
  }

  matrixCell(cell: string): Locator {
    return this.page.getByTestId(`matrix-cell-${cell}`);
  }

  /** The account chips in one matrix cell. */
  matrixAccounts(cell: string): Locator {
    return this.matrixCell(cell).getByTestId('matrix-account');
  }
}
