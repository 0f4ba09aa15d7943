import { test, expect } from './fixtures';
import { AccountsPage } from './pages/AccountsPage';

interface ApiAnswer {
  status: number;
  body: { data?: unknown; error?: { code: string; message: string } };
}

test.describe('the browser host API', () => {
  test('refuses calls without the launch token and answers with it', async ({ page, host, request }) => {
    await new AccountsPage(page).goto(host.url);
    const token = await page.locator('meta[name="planner-token"]').getAttribute('content');
    expect(token).toMatch(/^[0-9a-f]{32,}$/);

    const without = await request.post(`${host.url}/api/account:list`, { data: {} });
    expect(without.status()).toBe(401);
    expect(((await without.json()) as ApiAnswer['body']).error?.code).toBe('UNAUTHORIZED');

    const wrong = await request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { 'X-Planner-Token': token!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
    });
    expect(wrong.status()).toBe(401);

    const withToken = await request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { 'X-Planner-Token': token! },
    });
    expect(withToken.status()).toBe(200);
    expect(await withToken.json()).toEqual({ data: [] });

    // A page on another origin is refused even when it has the token.
    const crossOrigin = await request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { 'X-Planner-Token': token!, Origin: 'http://evil.example' },
    });
    expect(crossOrigin.status()).toBe(403);

    // The token belongs to one launch: after a restart the old one no longer opens the door.
    await host.restart();
    const stale = await request.post(`${host.url}/api/account:list`, {
      data: {},
      headers: { 'X-Planner-Token': token! },
    });
    expect(stale.status()).toBe(401);
  });

  test('answers a bad input from the page with a clear VALIDATION error and stores nothing', async ({ page, host }) => {
    const accounts = new AccountsPage(page);
    await accounts.goto(host.url);

    const answer = await page.evaluate(async (): Promise<ApiAnswer> => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="planner-token"]')?.content ?? '';
      const response = await fetch('/api/account:create', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Planner-Token': token },
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
