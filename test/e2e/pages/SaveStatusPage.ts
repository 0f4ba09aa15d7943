import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** What the header's indicator and the problem bar name as the reason for a failed write. */
export type SaveReason = 'diskFull' | 'readOnly' | 'diskError' | 'generic';

/**
 * The save state every page shows: the header's indicator (saved / saving / failed), the bar under
 * the header while a write fails, and its "Save a copy…" button.
 */
export class SaveStatusPage {
  readonly indicator: Locator;
  readonly problem: Locator;
  readonly problemFile: Locator;
  readonly copyButton: Locator;

  constructor(readonly page: Page) {
    this.indicator = page.getByTestId('save-indicator');
    this.problem = page.getByTestId('save-problem');
    this.problemFile = page.getByTestId('save-problem-file');
    this.copyButton = page.getByTestId('save-copy');
  }

  /**
   * Waits until the header says every change is saved and no problem bar is shown. `timeout` for
   * a problem the store clears on its own, after its next retry (1 s, doubling).
   */
  async expectSaved(timeout?: number): Promise<void> {
    await expect(this.indicator).toHaveAttribute('data-state', 'saved', { timeout });
    await expect(this.problem).toHaveCount(0);
  }

  /** Waits (a few seconds at most) until the header and the bar say a write of `where` failed for `reason`. */
  async expectFailed(where: 'journal' | 'snapshot', reason: SaveReason): Promise<void> {
    await expect(this.indicator).toHaveAttribute('data-state', 'failed', { timeout: 5000 });
    await expect(this.indicator).toHaveAttribute('data-reason', reason);
    await expect(this.problem).toBeVisible();
    await expect(this.problem).toHaveAttribute('data-where', where);
  }

  /** Clicks "Save a copy…" and resolves with the download it starts. */
  async saveCopy(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.copyButton.click();
    return download;
  }
}
