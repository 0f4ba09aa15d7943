import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';

interface ApiAnswer {
  status: number;
  body: { data?: unknown; error?: { code: string; message: string } };
}

test.describe('the browser host API', () => {
  test('signs the browser in with an HttpOnly session cookie, which the page cannot read', async ({ page, host }) => {
    // The fixture opened the printed address in this page, as a user does.
    const cookies = await page.context().cookies(host.url);
    const session = cookies.find((c) => c.name === `planner-session-${new URL(host.url).port}`);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session!.value).not.toBe(new URL(host.signInUrl).searchParams.get('code'));

    const accounts = new AccountsPage(page);
    await accounts.goto(host.url);
    expect(page.url()).not.toContain('code=');
    await expect(page.locator('meta[name="planner-token"]')).toHaveCount(0);
    expect(await page.content()).not.toContain(session!.value);
    expect(await page.evaluate(() => document.cookie)).not.toContain(session!.value);
  });

  test('without the session neither the app nor the API opens, and the printed address works once', async ({ browser, host }) => {
    const stranger = await browser.newContext();
    // A browser that has never opened the printed address (the fixture signs in every context).
    await stranger.clearCookies();
    const page = await stranger.newPage();

    const response = await page.goto(host.url);
    expect(response?.status()).toBe(403);
    await expect(page.locator('body')).toContainText('the address printed in the terminal');
    await expect(page.locator('body')).toContainText('终端');
    await expect(page.locator('[data-app-state]')).toHaveCount(0);
    expect(await page.content()).not.toContain(new URL(host.signInUrl).searchParams.get('code'));

    const api = await page.request.post(`${host.url}/api/account:list`, { data: {} });
    expect(api.status()).toBe(401);
    expect(((await api.json()) as ApiAnswer['body']).error?.code).toBe('UNAUTHORIZED');

    // The fixture has spent the code: a second browser opening the address is turned away.
    const reused = await page.goto(host.signInUrl);
    expect(reused?.status()).toBe(403);
    await expect(page.locator('body')).toContainText('already been used');
    expect(await stranger.cookies(host.url)).toEqual([]);
    await stranger.close();
  });

  test('answers the signed-in browser and refuses other origins and stale sessions', async ({ page, host, request }) => {
    await new AccountsPage(page).goto(host.url);

    const without = await request.post(`${host.url}/api/account:list`, { data: {} });
    expect(without.status()).toBe(401);
    expect(((await without.json()) as ApiAnswer['body']).error?.code).toBe('UNAUTHORIZED');

    // page.request carries the page's cookies.
    const signedIn = await page.request.post(`${host.url}/api/account:list`, { data: {} });
    expect(signedIn.status()).toBe(200);
    expect(await signedIn.json()).toEqual({ data: [] });

    // A page on another origin is refused even when the browser sends the session cookie.
    const crossOrigin = await page.request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { Origin: 'http://evil.example' },
    });
    expect(crossOrigin.status()).toBe(403);

    // The session belongs to one launch: after a restart the old secret no longer opens the door,
    // even under the new port's cookie name.
    const name = (url: string) => `planner-session-${new URL(url).port}`;
    const old = (await page.context().cookies(host.url)).find((c) => c.name === name(host.url))!;
    await host.restart();
    const stale = await request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { Cookie: `${name(host.url)}=${old.value}` },
    });
    expect(stale.status()).toBe(401);
    // The fixture signed the page in to the new launch.
    expect((await page.request.post(`${host.url}/api/account:list`, { data: {} })).status()).toBe(200);
  });

  test('answers a bad input from the page with a clear VALIDATION error and stores nothing', async ({ page, host }) => {
    const accounts = new AccountsPage(page);
    await accounts.goto(host.url);

    const answer = await page.evaluate(async (): Promise<ApiAnswer> => {
      // No credentials to add: the session cookie goes with a same-origin fetch by default.
      const response = await fetch('/api/account:create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 42, extra: 'not allowed' }),
      });
      return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
    });

    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.error?.code).toBe('VALIDATION');
    // Says which call and which field, so the message is useful to whoever reads the log.
    expect(answer.body.error?.message).toContain('account:create');
    expect(answer.body.error?.message).toMatch(/\bname\b/);

    await page.reload();
    await expect(accounts.emptyState).toBeVisible();
  });
});
