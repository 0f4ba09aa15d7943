import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../electron/api/dispatch';
import type { Result } from '@shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/security-headers';
import { startHost, type RunningHost } from '../../electron/host/server';
import { choosePort, detectOsLocale, parseHostArgs } from '../../electron/host/host-options';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER';
const INDEX_HTML = '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Planner</title>\n</head>\n<body><div id="root"></div></body>\n</html>\n';
const APP_JS = 'console.log("app");\n';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request through node:http, which unlike fetch sends the path and the Host header exactly as
 * given: that is how an attacker's request looks.
 */
function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

interface SignedIn {
  /** `name=value`, ready for a Cookie header. */
  cookie: string;
  /** The session secret the cookie carries. */
  secret: string;
}

/** Opens the printed address as a browser would, without following the redirect. */
async function signIn(host: RunningHost): Promise<SignedIn> {
  const res = await fetch(host.signInUrl, { redirect: 'manual' });
  expect(res.status).toBe(303);
  const pair = (res.headers.get('set-cookie') ?? '').split(';', 1)[0] ?? '';
  expect(pair.startsWith(`${host.cookieName}=`), pair).toBe(true);
  return { cookie: pair, secret: pair.slice(host.cookieName.length + 1) };
}

async function makeRendererDir(): Promise<{ parent: string; rendererDir: string }> {
  const parent = await fs.mkdtemp(path.join(os.tmpdir(), 'planner-host-'));
  const rendererDir = path.join(parent, 'renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await fs.writeFile(path.join(rendererDir, 'assets', 'app-3f9a1c.js'), APP_JS);
  await fs.writeFile(path.join(rendererDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await fs.writeFile(path.join(rendererDir, '.env'), SECRET);
  // Anything that escapes the renderer folder would find these.
  await fs.writeFile(path.join(parent, 'secret.txt'), SECRET);
  await fs.writeFile(path.join(parent, 'package.json'), JSON.stringify({ secret: SECRET }));
  await fs.symlink(path.join(parent, 'secret.txt'), path.join(rendererDir, 'linked.txt'));
  return { parent, rendererDir };
}

describe('browser host server (fake dispatch)', () => {
  let parent: string;
  let rendererDir: string;
  let host: RunningHost;
  let session: SignedIn;
  let calls: { channel: string; input: unknown }[];
  const MAX_BODY = 64 * 1024;
  const extras: RunningHost[] = [];

  const fakeDispatch: Dispatch = async (channel, input) => {
    calls.push({ channel, input });
    if (channel === 'account:create') return { data: { id: 'a1', name: (input as { name: string }).name } };
    if (channel === 'account:list') return { data: [] };
    if (channel === 'fail:validation') return { error: { code: 'VALIDATION', message: 'name: must not be empty' } };
    if (channel === 'fail:locked') return { error: { code: 'DB_LOCKED', message: 'locked by another process' } };
    if (channel === 'fail:throws') throw new Error('handler exploded');
    return { error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}` } };
  };

  /** Another host on the same renderer, for tests that need an unspent code; closed after the test. */
  const extraHost = async () => {
    const extra = await startHost({ dispatch: fakeDispatch, rendererDir, log: () => undefined });
    extras.push(extra);
    return extra;
  };

  const api = (channel: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${host.url}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, ...init.headers },
      body: init.body,
    });

  beforeAll(async () => {
    ({ parent, rendererDir } = await makeRendererDir());
    host = await startHost({ dispatch: fakeDispatch, rendererDir, maxBodyBytes: MAX_BODY, log: () => undefined });
    session = await signIn(host);
  });
  afterAll(async () => {
    await host?.close();
    await fs.rm(parent, { recursive: true, force: true });
  });
  beforeEach(() => {
    calls = [];
  });
  afterEach(async () => {
    while (extras.length) await extras.pop()!.close();
  });

  it('listens on loopback only, and prints an address with a fresh one-time code', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.signInUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?code=[A-Za-z0-9_-]{43}$`));
    expect(host.cookieName).toBe(`planner-session-${host.port}`);
    const other = await extraHost();
    expect(new URL(other.signInUrl).searchParams.get('code')).not.toBe(new URL(host.signInUrl).searchParams.get('code'));
    expect(other.cookieName).not.toBe(host.cookieName);
    // If this machine has a non-loopback address, the port must not answer on it.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: external.address, port: host.port });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('trades the printed code for an HttpOnly, SameSite=Strict cookie and redirects to the bare address', async () => {
    const extra = await extraHost();
    const code = new URL(extra.signInUrl).searchParams.get('code')!;
    const res = await fetch(extra.signInUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const setCookie = res.headers.get('set-cookie') ?? '';
    const [pair, ...attributes] = setCookie.split(/;\s*/);
    const [name, secret] = (pair ?? '').split('=');
    expect(name).toBe(`planner-session-${extra.port}`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(code);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));

    const app = await fetch(extra.url + '/', { headers: { cookie: pair! } });
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<div id="root"></div>');
  });

  it('refuses a used code, and does not spend the code on a wrong one, a HEAD or a foreign Host', async () => {
    const extra = await extraHost();
    const code = new URL(extra.signInUrl).searchParams.get('code')!;
    const wrong = await fetch(`${extra.url}/?code=${code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, { redirect: 'manual' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const head = await fetch(extra.signInUrl, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(403);
    expect(head.headers.get('set-cookie')).toBeNull();
    const rebound = await rawRequest(extra.port, { path: `/?code=${code}`, headers: { host: `evil.example:${extra.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.headers['set-cookie']).toBeUndefined();

    const first = await signIn(extra);
    const again = await fetch(extra.signInUrl, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('already been used');
    expect(page).not.toContain(code);
    expect(page).not.toContain(first.secret);

    // The browser that holds the session may open the printed address again and is let through.
    const signedIn = await fetch(extra.signInUrl, { redirect: 'manual', headers: { cookie: first.cookie } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toBeNull();
  });

  it('without the session serves a page saying where to open the app, with no app, code or secret in it', async () => {
    const code = new URL(host.signInUrl).searchParams.get('code')!;
    const strangers: Record<string, string>[] = [
      {},
      { cookie: `${host.cookieName}=wrong` },
      { cookie: `planner-session-${host.port + 1}=${session.secret}` },
    ];
    for (const p of ['/', '/index.html', '/accounts/42/map', '/?code=']) {
      for (const headers of strangers) {
        const res = await fetch(host.url + p, { headers, redirect: 'manual' });
        expect(res.status, p).toBe(403);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-store');
        const html = await res.text();
        expect(html).toContain('terminal');
        expect(html).toContain('终端');
        expect(html).not.toContain(code);
        expect(html).not.toContain(session.secret);
        expect(html).not.toContain('planner-token');
        expect(html).not.toContain('<div id="root">');
        expect(html).not.toMatch(/<script/i);
      }
    }
  });

  it('serves index.html to the signed-in browser, with the host but no token injected, uncached', async () => {
    for (const p of ['/', '/index.html', '/accounts/42/map']) {
      const res = await fetch(host.url + p, { headers: { cookie: session.cookie } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
      expect(head).toContain('<meta name="planner-host" content="browser">');
      // Injected before anything else in <head>, so it exists before any script runs.
      expect(head.indexOf('planner-host')).toBeLessThan(head.indexOf('<title>'));
      expect(html).not.toContain('planner-token');
      expect(html).not.toContain(session.secret);
      expect(html).not.toContain(new URL(host.signInUrl).searchParams.get('code'));
      expect(html).toContain('<div id="root"></div>');
    }
  });

  it('puts the security headers on every response', async () => {
    const responses = [
      await fetch(host.url + '/'),
      await fetch(host.url + '/', { headers: { cookie: session.cookie } }),
      await fetch(host.signInUrl, { redirect: 'manual' }),
      await fetch(host.signInUrl, { redirect: 'manual', headers: { cookie: session.cookie } }),
      await fetch(host.url + '/assets/app-3f9a1c.js'),
      await fetch(host.url + '/assets/missing.js'),
      await api('account:create', { body: '{"name":"X"}' }),
      await api('account:create', { body: '{}', headers: { cookie: 'nope' } }),
    ];
    for (const res of responses) {
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('serves assets to anyone, with their content types, and 404s missing ones instead of the app', async () => {
    const js = await fetch(host.url + '/assets/app-3f9a1c.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe(APP_JS);

    const svg = await fetch(host.url + '/logo.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');

    const head = await fetch(host.url + '/assets/app-3f9a1c.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(APP_JS)));

    const missing = await fetch(host.url + '/assets/missing-abc.js', { headers: { cookie: session.cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');

    const post = await fetch(host.url + '/index.html', { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('refuses a call without the session cookie and never reaches dispatch', async () => {
    const res = await fetch(`${host.url}/api/account:create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"X"}',
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Result<unknown>;
    expect(body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringContaining('terminal') } });
    expect(calls).toEqual([]);
  });

  it("refuses a wrong session, of the same length or not, the code itself, and another port's cookie", async () => {
    const { secret } = session;
    const code = new URL(host.signInUrl).searchParams.get('code')!;
    const cookies = [
      `${host.cookieName}=${secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
      `${host.cookieName}=${secret.slice(0, 10)}`,
      `${host.cookieName}=${secret}00`,
      `${host.cookieName}=`,
      `${host.cookieName}=${code}`,
      `planner-session-${host.port + 1}=${secret}`,
      secret,
    ];
    for (const cookie of cookies) {
      const res = await api('account:create', { body: '{"name":"X"}', headers: { cookie } });
      expect(res.status, cookie).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    // The launch token header of old opens nothing.
    const header = await api('account:create', { body: '{"name":"X"}', headers: { cookie: '', 'x-planner-token': secret } });
    expect(header.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('finds its session among other cookies, same-named ones from another local server included', async () => {
    const res = await api('account:list', { headers: { cookie: `other=1; ${host.cookieName}=planted; ${session.cookie}` } });
    expect(res.status).toBe(200);
  });

  it('refuses calls from another origin even with the session cookie', async () => {
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${host.port + 1}` },
      { origin: `https://127.0.0.1:${host.port}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of refused) {
      const res = await rawRequest(host.port, {
        method: 'POST',
        path: '/api/account:create',
        headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
        body: '{"name":"X"}',
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    }
    expect(calls).toEqual([]);

    const allowed: Record<string, string>[] = [
      { origin: host.url, 'sec-fetch-site': 'same-origin' },
      { origin: `http://localhost:${host.port}` },
      { 'sec-fetch-site': 'none' },
    ];
    for (const headers of allowed) {
      const ok = await rawRequest(host.port, {
        method: 'POST',
        path: '/api/account:create',
        headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
        body: '{"name":"X"}',
      });
      expect(ok.status).toBe(200);
    }
  });

  it('refuses a foreign Host header (DNS rebinding), for the API and for the page', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, 'evil.example', `127.0.0.1:${host.port + 1}`, `127.0.0.1`]) {
      const apiRes = await rawRequest(host.port, {
        method: 'POST',
        path: '/api/account:create',
        headers: { host: hostHeader, 'content-type': 'application/json', cookie: session.cookie },
        body: '{"name":"X"}',
      });
      expect(apiRes.status, hostHeader).toBe(403);
      expect(JSON.parse(apiRes.body).error.code).toBe('FORBIDDEN');

      const page = await rawRequest(host.port, { path: '/', headers: { host: hostHeader, cookie: session.cookie } });
      expect(page.status).toBe(403);
      expect(page.body).not.toContain('<div id="root">');
    }
    expect(calls).toEqual([]);

    const viaLocalhost = await rawRequest(host.port, { path: '/', headers: { host: `localhost:${host.port}`, cookie: session.cookie } });
    expect(viaLocalhost.status).toBe(200);
  });

  it('requires a JSON content type, which other origins cannot send without a preflight', async () => {
    const res = await api('account:create', { body: '{"name":"X"}', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    const withCharset = await api('account:create', {
      body: '{"name":"X"}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('refuses an oversized body by its Content-Length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY) });
    const res = await api('account:create', { body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining(String(MAX_BODY)) } });
    expect(calls).toEqual([]);
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/account:create',
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      // Keeps streaming well past the limit until the server answers; a server that buffered
      // everything would never answer before the end.
      const chunk = Buffer.alloc(16 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (!req.destroyed && sent < 64 * MAX_BODY) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      pump();
    });
    expect(status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('answers invalid JSON with 400 VALIDATION', async () => {
    const res = await api('account:create', { body: '{"name":' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(calls).toEqual([]);
  });

  it('passes an empty body as undefined input', async () => {
    const res = await api('account:list');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [] });
    expect(calls).toEqual([{ channel: 'account:list', input: undefined }]);
  });

  it('returns the dispatch result for a valid call', async () => {
    const res = await api('account:create', { body: '{"name":"Hemei Foods"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ data: { id: 'a1', name: 'Hemei Foods' } });
    expect(calls).toEqual([{ channel: 'account:create', input: { name: 'Hemei Foods' } }]);
  });

  it('leaves unknown channels to dispatch and maps its error codes to statuses', async () => {
    const unknown = await api('nope:never', { body: '{}' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: nope:never' } });
    expect(calls).toEqual([{ channel: 'nope:never', input: {} }]);

    const encoded = await api('account%3Acreate', { body: '{"name":"Y"}' });
    expect(encoded.status).toBe(200);

    const validation = await api('fail:validation', { body: '{}' });
    expect(validation.status).toBe(400);
    expect(await validation.json()).toEqual({ error: { code: 'VALIDATION', message: 'name: must not be empty' } });

    const locked = await api('fail:locked', { body: '{}' });
    expect(locked.status).toBe(409);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('DB_LOCKED');

    const thrown = await api('fail:throws', { body: '{}' });
    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toEqual({ error: { code: 'INTERNAL', message: 'handler exploded' } });
  });

  it('answers other methods on /api with 405 and a Result body', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await rawRequest(host.port, { method, path: '/api/account:list', headers: { cookie: session.cookie } });
      expect(res.status, method).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(JSON.parse(res.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(calls).toEqual([]);
  });

  it('never serves a file outside the renderer folder, nor dotfiles, nor through symlinks', async () => {
    const attempts = [
      '/../secret.txt',
      '/../package.json',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2fpackage.json',
      '/..%5csecret.txt',
      '/%2E%2E/%2E%2E/package.json',
      '/index.html%00.js',
      '/secret.txt%00',
      '/%c0%ae%c0%ae/secret.txt',
      '/.env',
      '/%2eenv',
      '/linked.txt',
      '//etc/passwd',
      `/${encodeURIComponent(path.join(parent, 'secret.txt'))}`,
    ];
    for (const p of attempts) {
      const res = await rawRequest(host.port, { path: p, headers: { cookie: session.cookie } });
      expect(res.body, p).not.toContain(SECRET);
      expect(res.body, p).not.toContain('root:');
      // A path that stays inside (`//etc/passwd` is `etc/passwd` under the renderer) may get the app.
      if (res.status === 200) expect(res.body, p).toContain('<div id="root"></div>');
      else expect([400, 404], p).toContain(res.status);
    }
  });

  it('close() drops keep-alive connections and stops listening', async () => {
    const extra = await startHost({ dispatch: fakeDispatch, rendererDir });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const first = await rawRequest(extra.port, { path: '/assets/app-3f9a1c.js', agent });
      expect(first.status).toBe(200);
      const started = Date.now();
      await extra.close();
      // Waiting out the keep-alive timeout (5 s) would mean the idle socket was left open.
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(rawRequest(extra.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await extra.close();
    } finally {
      agent.destroy();
    }
  });

  it('rejects when the port is taken, so the caller can choose another', async () => {
    await expect(startHost({ dispatch: fakeDispatch, rendererDir, port: host.port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});

describe('browser host command line options', () => {
  it('reads --port, --renderer and checks --data in both spellings', () => {
    expect(parseHostArgs(['--port', '5000', '--renderer=dist/r', '--data', 'x.json'])).toEqual({ port: 5000, rendererDir: 'dist/r' });
    expect(parseHostArgs(['--port=0', '--something-for-electron'])).toEqual({ port: 0 });
    expect(() => parseHostArgs(['--port', 'abc'])).toThrow(/port number/);
    expect(() => parseHostArgs(['--port', '70000'])).toThrow(/port number/);
    expect(() => parseHostArgs(['--data'])).toThrow(/--data needs a value/);
    expect(() => parseHostArgs(['--data', '--port', '1'])).toThrow(/--data needs a value/);
  });

  it('prefers --port, then PLANNER_PORT; only the default may fall back to a free port', () => {
    expect(choosePort({ port: 5000 }, { PLANNER_PORT: '6000' })).toEqual({ port: 5000, mayFallBack: false });
    expect(choosePort({}, { PLANNER_PORT: '6000' })).toEqual({ port: 6000, mayFallBack: false });
    expect(choosePort({}, {})).toEqual({ port: 4317, mayFallBack: true });
    expect(() => choosePort({}, { PLANNER_PORT: 'x' })).toThrow(/PLANNER_PORT/);
  });

  it('takes the OS locale from the POSIX variables, else Intl', () => {
    expect(detectOsLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(detectOsLocale({ LC_ALL: 'de_DE@euro', LANG: 'en_US.UTF-8' })).toBe('de-DE');
    expect(detectOsLocale({ LANG: 'C.UTF-8' })).toBe(Intl.DateTimeFormat().resolvedOptions().locale);
  });
});

describe('browser host with the real services', () => {
  let parent: string;
  let rendererDir: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    ({ parent, rendererDir } = await makeRendererDir());
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('creates, validates and lists accounts through HTTP', async () => {
    // Imported here so that the fake-dispatch tests above run even while services are unfinished.
    const { openServices } = await import('../../electron/services/index');
    const dataFile = path.join(parent, 'data', 'planner.json');
    const services = await openServices({ dataFile, host: 'browser', osLocale: 'en-US', version: '0.0.0-test' });
    cleanups.push(() => services.close());
    expect(services.status().ready).toBe(true);
    const host = await startHost({ dispatch: services.dispatch, rendererDir });
    cleanups.push(() => host.close());
    const session = await signIn(host);

    const call = async (channel: string, input?: unknown) => {
      const res = await fetch(`${host.url}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie },
        body: input === undefined ? undefined : JSON.stringify(input),
      });
      return { status: res.status, body: (await res.json()) as Result<Record<string, unknown>> & { data?: unknown } };
    };

    const created = await call('account:create', { name: 'X' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ data: { name: 'X', id: expect.any(String) } });
    const id = (created.body as { data: { id: string } }).data.id;

    const invalid = await call('account:create', { name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ error: { code: 'VALIDATION', message: expect.stringMatching(/name: must not be empty/) } });

    const listed = await call('account:list');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ data: [{ id, name: 'X' }] });

    const status = await call('app:status');
    expect(status.body).toMatchObject({ data: { ready: true, host: 'browser', dataFile } });
  });

  it('runs as a command: prints its sign-in address and data file, serves the app, saves on SIGTERM', async () => {
    const dataFile = path.join(parent, 'cli', 'planner.json');
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/host/main.ts'), '--data', dataFile, '--port', '0', '--renderer', rendererDir],
      { cwd: ROOT, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /^Account Planner browser host: (\S+)$/m.exec(stdout);
        if (match && /^Data file: /m.test(stdout)) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`host exited early (${code}): ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=[A-Za-z0-9_-]{43}$/);
    expect(stdout).toContain(`Data file: ${dataFile}\n`);
    expect(stdout.match(/Account Planner browser host:/g)).toHaveLength(1);
    const { origin, port } = new URL(url);
    const code = new URL(url).searchParams.get('code')!;

    // Asking the port for the page, as any local process may, yields neither the code nor the app.
    const anonymous = await fetch(origin + '/');
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).not.toContain(code);
    const refused = await fetch(`${origin}/api/app:status`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(401);

    const exchange = await fetch(url, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    const cookie = (exchange.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    expect(cookie).toMatch(new RegExp(`^planner-session-${port}=`));
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(403);
    const post = (channel: string, input?: unknown) =>
      fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: input === undefined ? undefined : JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ data: Record<string, unknown> }>);

    const status = await post('app:status');
    expect(status.data).toMatchObject({ host: 'browser', osLocale: 'zh-CN', ready: true });
    expect(status.data.version).toBe(JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')).version);
    await post('account:create', { name: 'Saved On Quit' });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await fs.readFile(dataFile, 'utf8')).toContain('Saved On Quit');
  });
});
