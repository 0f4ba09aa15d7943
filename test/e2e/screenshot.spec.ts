import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';
import { WorkspacePage } from './pages/WorkspacePage';

const SCREENSHOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshot.png');

// Rewrites a file in the repository, so it runs only when asked: UPDATE_SCREENSHOT=1 npx playwright test screenshot
test.skip(process.env.UPDATE_SCREENSHOT !== '1', 'updates docs/screenshot.png; set UPDATE_SCREENSHOT=1 to run');
test.use({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });

test('README screenshot: the sample account on the buying-centre map', async ({ page, host }) => {
  const accounts = new AccountsPage(page);
  const workspace = new WorkspacePage(page);
  await accounts.goto(host.url);
  await accounts.emptyState.getByTestId('load-sample').click();
  await expect(workspace.contactCards).toHaveCount(6);

  // A fresh load, so that the "sample loaded" notification is not in the picture.
  await page.reload();
  await expect(workspace.tab('map')).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.contactCards).toHaveCount(6);
  for (const card of await workspace.contactCards.all()) await expect(card).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.mouse.move(0, 0);

  // Fonts (Chinese names need a CJK font) and the map's fit-to-view must have settled.
  await page.evaluate(() => document.fonts.ready);
  const transform = () =>
    page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? ''))),
        ),
    );
  let previous = await transform();
  await expect
    .poll(async () => {
      const now = await transform();
      const stable = now !== '' && now === previous;
      previous = now;
      return stable;
    })
    .toBe(true);

  await fs.mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
  const written = await fs.stat(SCREENSHOT);
  expect(written.size).toBeGreaterThan(20_000);
});
