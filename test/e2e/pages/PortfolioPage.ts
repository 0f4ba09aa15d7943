import { expect, type Locator, type Page } from '@playwright/test';
import { waitForBoot } from './AccountsPage';

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

  matrixCell(cell: string): Locator {
    return this.page.getByTestId(`matrix-cell-${cell}`);
  }

  /** The account chips in one matrix cell. */
  matrixAccounts(cell: string): Locator {
    return this.matrixCell(cell).getByTestId('matrix-account');
  }
}
