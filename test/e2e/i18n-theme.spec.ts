import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';

/**
 * A page in a brand-new browser context: no localStorage or cookies carried over, so what it
 * shows after a restart can only come from the settings the host stored.
 */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

const settingsSaved = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/settings:update') && r.status() === 200);

test('switching to Chinese translates the UI and is remembered across a restart', async ({ page, browser, host }) => {
  const accounts = new AccountsPage(page);
  await accounts.goto(host.url);
  await expect(accounts.heading).toHaveText('Accounts');
  await expect(accounts.newAccountButton).toHaveText('New account');

  const saved = settingsSaved(page);
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(accounts.heading).toHaveText('客户');
  await expect(accounts.newAccountButton).toHaveText('新建客户');
  await expect(page.getByTestId('nav-accounts')).toHaveText('客户');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await saved;

  await host.restart();
  const later = new AccountsPage(await freshPage(browser));
  await later.goto(host.url);
  await expect(later.heading).toHaveText('客户');
  await expect(later.newAccountButton).toHaveText('新建客户');
  await expect(later.emptyState).toContainText('还没有客户');

  // And back: English is stored just the same.
  const savedEn = settingsSaved(later.page);
  await later.page.getByTestId('language-switch').getByText('EN').click();
  await expect(later.heading).toHaveText('Accounts');
  await savedEn;
  await later.page.context().close();
});

test('the theme toggle switches light/dark and is remembered across a restart', async ({ page, browser, host }) => {
  const accounts = new AccountsPage(page);
  const html = page.locator('html');
  await accounts.goto(host.url);
  // The stored preference is "auto", and the browser asks for light.
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  const lightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  const saved = settingsSaved(page);
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBackground);
  await saved;

  await host.restart();
  const later = await freshPage(browser);
  await new AccountsPage(later).goto(host.url);
  await expect(later.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');

  const savedLight = settingsSaved(later);
  await later.getByTestId('theme-toggle').click();
  await expect(later.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await savedLight;
  await later.context().close();

  await host.restart();
  await accounts.goto(host.url);
  await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
});
