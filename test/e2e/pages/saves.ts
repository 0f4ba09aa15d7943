import { expect, type Page, type Request } from '@playwright/test';

/** An API channel that stores something, e.g. `'plan:apply'` or `'settings:update'`. */
export type SaveChannel = 'plan:apply' | 'settings:update' | 'account:update';

/**
 * Counts the page's calls to some saving API channels that have not been answered yet, so that a
 * test can wait until every edit has reached the host before a reload or a restart.
 */
export class Saves {
  private inFlight = 0;

  constructor(page: Page, channels: readonly SaveChannel[]) {
    const paths = new Set(channels.map((c) => `/api/${c}`));
    const isSave = (r: Request) => paths.has(new URL(r.url()).pathname);
    page.on('request', (r) => {
      if (isSave(r)) this.inFlight++;
    });
    page.on('requestfinished', (r) => {
      if (isSave(r)) this.inFlight--;
    });
    page.on('requestfailed', (r) => {
      if (isSave(r)) this.inFlight--;
    });
  }

  /**
   * Resolves when none of these saves is on its way to the host. Edits go out one after another
   * (a debounced autosave, a queue of plan commands), so "none in flight" must hold twice in a
   * row, 50 ms apart.
   */
  async settled(): Promise<void> {
    let quietBefore = false;
    await expect
      .poll(
        () => {
          const quiet = this.inFlight === 0;
          const settled = quiet && quietBefore;
          quietBefore = quiet;
          return settled;
        },
        { intervals: [50] },
      )
      .toBe(true);
  }
}
