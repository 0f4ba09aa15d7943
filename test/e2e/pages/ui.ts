import { expect, type Locator, type Page } from '@playwright/test';

/** Acts the page objects share: Mantine selects, undo and redo by keyboard, the app's API, boxes. */

/** Picks an option of a Mantine Select (or MultiSelect) by its visible name: exact for a string. */
export async function pickOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** Takes focus out of any field, so that Ctrl+Z and other keys act on the plan, not the field. */
export async function blurFields(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Ctrl+Z outside any field; waits for the "Undone: <label>" notice. */
export async function undoByKeys(page: Page, label: string): Promise<void> {
  await blurFields(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByText(`Undone: ${label}`).last()).toBeVisible();
}

/** Ctrl+Shift+Z outside any field; waits for the "Redone: <label>" notice. */
export async function redoByKeys(page: Page, label: string): Promise<void> {
  await blurFields(page);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByText(`Redone: ${label}`).last()).toBeVisible();
}

/**
 * Calls the app's own API from the page, with the page's session cookie (for setting up what
 * another tab or feature edits); expects success and resolves with the answer's data.
 */
export async function callApi(page: Page, channel: string, input: unknown): Promise<unknown> {
  const answer = await page.evaluate(
    async ({ channel, input }) => {
      const r = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: r.status, body: (await r.json()) as { data?: unknown; error?: unknown } };
    },
    { channel, input },
  );
  expect(answer.status, `${channel}: ${JSON.stringify(answer.body)}`).toBe(200);
  expect(answer.body).not.toHaveProperty('error');
  return answer.body.data;
}

/** The bounding box of a visible element. */
export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  if (!b) throw new Error(`No bounding box for ${locator.toString()}`);
  return b;
}
