import fs from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { Saves } from './saves';
import { blurFields, box } from './ui';

export type Attitude = 'Supporter' | 'Neutral' | 'Opponent' | 'Unknown';

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The buying-centre map editor of one account: canvas, cards, toolbar, and the side panel with
 * a contact's details, an influence line's label, and the coverage / red-flags insights.
 * Keyboard methods expect focus on the canvas or the page body, as after a card click.
 */
export class MapPage {
  readonly canvas: Locator;
  readonly cards: Locator;
  readonly coachBadges: Locator;
  readonly emptyState: Locator;
  readonly startTemplateButton: Locator;
  readonly startEmptyButton: Locator;
  readonly inlineName: Locator;
  readonly addContactButton: Locator;
  readonly tidyUpButton: Locator;
  readonly fitViewButton: Locator;
  readonly search: Locator;
  readonly exportMenu: Locator;
  readonly exportPngItem: Locator;
  readonly exportSvgItem: Locator;

  /** Every line on the canvas: reports-to lines and influence lines. */
  readonly edges: Locator;
  readonly reportsToEdges: Locator;
  readonly influenceEdges: Locator;
  readonly edgeLabels: Locator;

  readonly detailsTab: Locator;
  readonly insightsTab: Locator;
  readonly contactPanel: Locator;
  readonly panelName: Locator;
  readonly panelTitle: Locator;
  readonly panelDepartment: Locator;
  readonly panelRole: Locator;
  readonly panelLevel: Locator;
  readonly panelReportsTo: Locator;
  readonly panelCoach: Locator;
  readonly panelAttitude: Locator;
  readonly panelInfluence: Locator;
  readonly panelStars: Locator;
  readonly panelDelete: Locator;

  readonly linePanel: Locator;
  readonly lineLabel: Locator;
  readonly deleteLineButton: Locator;

  readonly coverageRows: Locator;
  readonly redFlags: Locator;
  readonly powerPaths: Locator;
  readonly highlightPathButton: Locator;

  private readonly saves: Saves;

  constructor(readonly page: Page) {
    this.saves = new Saves(page, ['plan:apply']);
    this.canvas = page.getByTestId('buying-centre-map');
    this.cards = page.getByTestId('contact-card');
    this.coachBadges = this.cards.getByTestId('coach-badge');
    this.emptyState = page.getByTestId('map-empty');
    this.startTemplateButton = page.getByTestId('start-template');
    this.startEmptyButton = page.getByTestId('start-empty');
    this.inlineName = page.getByTestId('inline-name');
    this.addContactButton = page.getByTestId('add-contact');
    this.tidyUpButton = page.getByTestId('tidy-up');
    this.fitViewButton = page.getByTestId('fit-view');
    this.search = page.getByTestId('map-search');
    this.exportMenu = page.getByTestId('export-menu');
    this.exportPngItem = page.getByTestId('export-png');
    this.exportSvgItem = page.getByTestId('export-svg');

    this.edges = this.canvas.locator('.react-flow__edge');
    this.reportsToEdges = this.canvas.locator('.react-flow__edge[data-testid^="rf__edge-reports-"]');
    this.influenceEdges = this.canvas.locator('.react-flow__edge:not([data-testid^="rf__edge-reports-"])');
    this.edgeLabels = this.canvas.locator('.react-flow__edge-text');

    this.detailsTab = page.getByTestId('panel-tab-details');
    this.insightsTab = page.getByTestId('panel-tab-insights');
    this.contactPanel = page.getByTestId('contact-panel');
    this.panelName = page.getByTestId('panel-name');
    this.panelTitle = page.getByTestId('panel-title');
    this.panelDepartment = page.getByTestId('panel-department');
    this.panelRole = page.getByTestId('panel-role');
    this.panelLevel = page.getByTestId('panel-level');
    this.panelReportsTo = page.getByTestId('panel-reports-to');
    this.panelCoach = page.getByTestId('panel-coach');
    this.panelAttitude = page.getByTestId('panel-attitude');
    this.panelInfluence = page.getByTestId('panel-influence');
    this.panelStars = page.getByTestId('panel-stars');
    this.panelDelete = page.getByTestId('panel-delete');

    this.linePanel = page.getByTestId('line-panel');
    this.lineLabel = page.getByTestId('line-label');
    this.deleteLineButton = page.getByTestId('delete-line');

    this.coverageRows = page.getByTestId('coverage-table').locator('tr[data-role]');
    this.redFlags = page.getByTestId('red-flag');
    this.powerPaths = page.getByTestId('power-path');
    this.highlightPathButton = page.getByTestId('highlight-path');
  }

  /** The card of the contact named exactly `name`. */
  card(name: string): Locator {
    return this.page.locator(`[data-testid="contact-card"][data-contact-name="${name}"]`);
  }

  coverage(role: string): Locator {
    return this.coverageRows.and(this.page.locator(`[data-role="${role}"]`));
  }

  flag(code: string): Locator {
    return this.redFlags.and(this.page.locator(`[data-code="${code}"]`));
  }

  /** Zooms so every card is on screen, and waits for the zoom animation to end. */
  async fit(): Promise<void> {
    await this.fitViewButton.click();
    await this.waitForViewportToSettle();
  }

  /** Resolves once the canvas transform has stayed the same for a few frames (pan/zoom animations). */
  async waitForViewportToSettle(): Promise<void> {
    const transform = () =>
      this.page.evaluate(
        () =>
          new Promise<string>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '')),
            ),
          ),
      );
    let previous = await transform();
    await expect
      .poll(async () => {
        const now = await transform();
        const same = now === previous;
        previous = now;
        return same;
      })
      .toBe(true);
  }

  /** Types a name into the focused inline name field of a new card and commits it with Enter. */
  async typeNewName(name: string): Promise<void> {
    await expect(this.inlineName).toBeFocused();
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
    await expect(this.inlineName).toHaveCount(0);
    await expect(this.card(name)).toHaveAttribute('data-selected', 'true');
  }

  /** On an empty map: "Start empty", then the first contact's name. */
  async startEmpty(name: string): Promise<void> {
    await this.startEmptyButton.click();
    await this.typeNewName(name);
  }

  /** Tab on the selected card: a new direct report, named `name`. */
  async addReport(name: string): Promise<void> {
    await this.page.keyboard.press('Tab');
    await this.typeNewName(name);
  }

  /** Enter on the selected card: a new peer (same boss), named `name`. */
  async addPeer(name: string): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.typeNewName(name);
  }

  /** Clicks the card where it is now; the details tab then shows the contact. */
  async clickCard(name: string): Promise<void> {
    const card = this.card(name);
    // The top-left of the card: clear of the minimap and the zoom controls in the canvas corners.
    await card.click({ position: { x: 30, y: 12 } });
    await expect(card).toHaveAttribute('data-selected', 'true');
    await expect(this.detailsTab).toHaveAttribute('aria-selected', 'true');
    await expect(this.panelName).toHaveValue(name);
  }

  /** Picks a contact in the toolbar search; the map selects and centres that card. */
  async find(text: string, option: RegExp | string = text): Promise<void> {
    await this.search.fill(text);
    await this.page.getByRole('option', { name: option }).click();
  }

  /** Types into a text field of the details panel and commits with Enter. */
  async setText(field: Locator, value: string): Promise<void> {
    await field.fill(value);
    await field.press('Enter');
  }

  /** Picks a buyer role in the details panel by its English name, e.g. /Decision maker/. */
  async setRole(role: RegExp | string): Promise<void> {
    await this.panelRole.click();
    await this.page.getByRole('option', { name: role }).click();
    await expect(this.panelRole).toHaveValue(role instanceof RegExp ? role : new RegExp(role));
  }

  async setAttitude(attitude: Attitude): Promise<void> {
    await this.panelAttitude.getByText(attitude, { exact: true }).click();
    await expect(this.panelAttitude.locator('input:checked + label')).toHaveText(attitude);
  }

  /** Clicks the `count`-th star of the relationship rating (Mantine renders a label per radio). */
  async setStars(count: 1 | 2 | 3 | 4 | 5): Promise<void> {
    await this.panelStars.locator(`input[value="${count}"] + label`).click();
    await expect(this.panelStars.locator('input:checked')).toHaveValue(String(count));
  }

  /** Flips the coach switch by clicking its label, as a user would. */
  async setCoach(on: boolean): Promise<void> {
    const label = this.page.locator('label').filter({ has: this.panelCoach });
    if ((await this.panelCoach.isChecked()) !== on) await label.click();
    await expect(this.panelCoach).toBeChecked({ checked: on });
  }

  /** Drags a card by its body and drops it onto another card's centre. */
  async dragCardOnto(name: string, target: string): Promise<void> {
    const from = await box(this.card(name));
    const to = await box(this.card(target));
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await this.page.mouse.up();
  }

  /**
   * Draws an influence line with the mouse: from the bottom (source) handle of one card to the
   * top (target) handle of another. The new line is selected and its label field has focus.
   */
  async drawInfluenceLine(from: string, to: string): Promise<void> {
    const source = await box(this.card(from).locator('.react-flow__handle-bottom.source'));
    const target = await box(this.card(to).locator('.react-flow__handle-top.target'));
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2 + 30, { steps: 5 });
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
    await this.page.mouse.up();
    await expect(this.linePanel).toBeVisible();
  }

  /** Clicks an influence line on its label; the side panel then shows the line. */
  async clickLine(label: string): Promise<void> {
    const at = await box(this.edgeLabels.filter({ hasText: label }));
    await this.page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    await expect(this.linePanel).toBeVisible();
    await expect(this.lineLabel).toHaveValue(label);
  }

  /** Labels the selected influence line in the side panel (commit with Enter). */
  async labelLine(label: string): Promise<void> {
    await this.setText(this.lineLabel, label);
  }

  /** Exports the map as PNG through the export menu; resolves with the download and its bytes. */
  exportPng(): Promise<{ download: Download; bytes: Buffer }> {
    return this.exportThrough(this.exportPngItem);
  }

  /** Exports the map as SVG; resolves with the download and its bytes. */
  exportSvg(): Promise<{ download: Download; bytes: Buffer }> {
    return this.exportThrough(this.exportSvgItem);
  }

  private async exportThrough(item: Locator): Promise<{ download: Download; bytes: Buffer }> {
    await this.exportMenu.click();
    const downloading = this.page.waitForEvent('download');
    await item.click();
    const download = await downloading;
    return { download, bytes: await fs.readFile(await download.path()) };
  }

  /** Resolves when no map edit is on its way to the host. For a reload or restart right after an edit. */
  saved(): Promise<void> {
    return this.saves.settled();
  }

  /** Takes focus out of any field so that map keys and Ctrl+Z act on the map. */
  blurFields(): Promise<void> {
    return blurFields(this.page);
  }
}
