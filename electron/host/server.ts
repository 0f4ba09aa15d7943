import http from 'node:http';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatch';
import type { ApiErrorBody, ErrorCode, Result } from '@shared/errors';
import { contentTypeFor, isInside, resolveStaticPath } from './static-path';
import { SECURITY_HEADERS } from './security-headers';
import { createSessionGate, readCookies, sessionCookie, sessionCookieName } from './session';
import { signInPage, type SignInProblem } from './sign-in-page';

/** Only loopback: the host is a door for this machine's browser, never for the network. */
export const HOST_ADDRESS = '127.0.0.1';
/** The query parameter of the printed address that carries the one-time code. */
export const CODE_PARAM = 'code';
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Channels that carry a file: a 50 MiB workbook is about 67 MiB as base64 in JSON. */
export const LARGE_BODY_CHANNELS: Readonly<Record<string, number>> = {
  'excel:preview': 72 * 1024 * 1024,
  // The map picture of an account plan export: up to 40 MB of base64.
  'excel:export': 41 * 1024 * 1024,
};

export interface StartHostOptions {
  /** The same dispatcher the Electron IPC registrar uses. */
  dispatch: Dispatch;
  /** The built renderer (`out/renderer`), holding `index.html` and its assets. */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Receives unexpected failures; defaults to `console.error`. */
  log?: (message: string, error?: unknown) => void;
}

export interface RunningHost {
  /** `http://127.0.0.1:<port>` with no trailing slash. */
  url: string;
  /**
   * The address to print: `<url>/?code=<one-time code>`. Opening it signs one browser in, once;
   * it never appears in anything the host serves.
   */
  signInUrl: string;
  /** `planner-session-<port>`: the cookie that carries the session. */
  cookieName: string;
  port: number;
  /** The address actually bound; always `127.0.0.1`. */
  address: string;
  /** Stops listening and drops open connections, keep-alive ones included. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * HTTP status for each error code. A `Record` over every code, so that adding a code to the
 * catalogue fails to compile here until someone decides its status.
 */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  UNKNOWN_CHANNEL: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  DB_NEWER_VERSION: 409,
  DB_LOCKED: 409,
  DB_UNREADABLE: 503,
  IMPORT_FILE: 422,
  SAVE_FAILED: 507,
  INVARIANT: 422,
  INTERNAL: 500,
};

/** HTTP status for a dispatch result. */
export function statusForResult(result: Result<unknown>): number {
  return 'error' in result ? (STATUS_BY_CODE[result.error.code] ?? 500) : 200;
}

/**
 * Starts the browser host: the built renderer as static files, plus `POST /api/<channel>` in
 * front of `dispatch`. Resolves once listening; rejects if the port cannot be bound (the caller
 * decides whether to retry on another).
 *
 * What stands between another process or web page and the API: the session cookie (HttpOnly,
 * SameSite=Strict, handed out only for the one-time code printed in the terminal, so that asking
 * the port for a page yields no secret), the Host check (a DNS-rebound name is refused), the
 * Origin and Sec-Fetch-Site checks (a page on another port of 127.0.0.1 is same-site, so the
 * cookie alone would not stop it), and requiring a JSON content type (which a cross-origin page
 * cannot send without a CORS preflight we never answer).
 *
 * The built renderer under `/assets` (and the other files beside `index.html`) is served to
 * anyone: it is the same bundle for every install and holds neither data nor secrets. Only the
 * app's page and the API are behind the session.
 */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const {
    dispatch,
    port: requestedPort = 0,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    log = (message: string, error?: unknown) => console.error(message, error ?? ''),
  } = options;
  const gate = createSessionGate();
  const rendererDir = path.resolve(options.rendererDir);
  // Symlinks inside the renderer folder are compared by their real location.
  const realRendererDir = await fs.realpath(rendererDir).catch(() => rendererDir);

  let port = 0;
  const allowedHosts = () => [`${HOST_ADDRESS}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  const hasSession = (req: http.IncomingMessage): boolean =>
    gate.isSession(readCookies(req.headers.cookie, sessionCookieName(port)));

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'VALIDATION', `${req.method} is not allowed on /api; use POST`);
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) {
      return sendError(res, 403, 'FORBIDDEN', 'Requests from other origins are refused');
    }
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      return sendError(res, 403, 'FORBIDDEN', 'Cross-site requests are refused');
    }
    if (!hasSession(req)) {
      return sendError(
        res,
        401,
        'UNAUTHORIZED',
        'This browser is not signed in: open the app from the address printed in the terminal where it was started',
      );
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      return sendError(res, 415, 'VALIDATION', 'Content-Type must be application/json');
    }
    let channel: string;
    try {
      channel = decodeURIComponent(rawPath.slice('/api/'.length));
    } catch {
      return sendError(res, 404, 'UNKNOWN_CHANNEL', 'Malformed channel name');
    }
    // A workbook to import travels in the body; every other call stays under the small cap.
    const limit = Math.max(maxBodyBytes, LARGE_BODY_CHANNELS[channel] ?? 0);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      return sendTooLarge(res, limit);
    }
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') return;
    if (body.kind === 'tooLarge') return sendTooLarge(res, limit);

    let input: unknown;
    if (body.bytes.length > 0) {
      try {
        input = JSON.parse(body.bytes.toString('utf8'));
      } catch (e) {
        return sendError(res, 400, 'VALIDATION', `Request body is not valid JSON: ${(e as Error).message}`);
      }
    }

    let result: Result<unknown>;
    try {
      result = await dispatch(channel, input);
    } catch (e) {
      // Dispatch promises never to throw; if it does anyway, the client still gets a Result.
      log(`browser host: dispatch of ${channel} threw`, e);
      return sendError(res, 500, 'INTERNAL', e instanceof Error ? e.message : String(e));
    }
    let json: string;
    try {
      json = JSON.stringify(result);
    } catch (e) {
      log(`browser host: result of ${channel} is not serialisable`, e);
      return sendError(res, 500, 'INTERNAL', `The result of ${channel} could not be serialised`);
    }
    sendJson(res, statusForResult(result), json);
  };

  /**
   * `GET /?code=<code>`: trades the printed code for the session cookie and sends the browser on
   * to the bare address, so that the code stays out of the address bar, bookmarks and reloads.
   * A browser that already has the session is sent on without spending anything.
   */
  const signIn = (req: http.IncomingMessage, res: http.ServerResponse, code: string) => {
    if (!hasSession(req)) {
      const secret = gate.redeem(code);
      if (secret === null) return sendSignInPage(req, res, 'code-refused');
      res.setHeader('Set-Cookie', sessionCookie(sessionCookieName(port), secret));
    }
    res.writeHead(303, { Location: '/', 'Content-Length': 0, 'Cache-Control': 'no-store' });
    res.end();
  };

  const serveIndex = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!hasSession(req)) return sendSignInPage(req, res, 'no-session');
    let html: string;
    try {
      html = await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8');
    } catch {
      return sendText(res, req, 404, 'The renderer has not been built: run `npm run build`.');
    }
    const page = injectMeta(html, { 'planner-host': 'browser' });
    const bytes = Buffer.from(page, 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': bytes.length,
      // Only for a signed-in browser: a cached copy must not be shown to one that is not.
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, query: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, req, 405, 'Method not allowed');
    }
    const target = resolveStaticPath(rendererDir, rawPath);
    if (!target.ok) {
      return sendText(res, req, target.reason === 'malformed' ? 400 : 404, 'Not found');
    }
    // Only a GET spends the code: a HEAD (a link checker, say) must not use it up.
    const code = target.segments.length === 0 && req.method === 'GET' ? new URLSearchParams(query).get(CODE_PARAM) : null;
    if (code !== null) return signIn(req, res, code);
    if (target.segments.length === 0 || (target.segments.length === 1 && target.segments[0] === 'index.html')) {
      return serveIndex(req, res);
    }
    const stat = await fs.stat(target.file).catch(() => null);
    if (stat?.isFile()) {
      const real = await fs.realpath(target.file).catch(() => null);
      if (real === null || !isInside(realRendererDir, real)) return sendText(res, req, 404, 'Not found');
      res.writeHead(200, {
        'Content-Type': contentTypeFor(target.file),
        'Content-Length': stat.size,
        // Vite fingerprints everything under assets/, so those never change under one name.
        'Cache-Control': target.segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') return void res.end();
      const stream = createReadStream(real);
      stream.on('error', (e) => {
        log(`browser host: reading ${real} failed`, e);
        res.destroy();
      });
      stream.pipe(res);
      return;
    }
    // A client-side route (`/accounts/42`) gets the app; a missing file (`/assets/x.js`) a 404,
    // so that a broken build shows up as a failed load rather than HTML parsed as script.
    const last = target.segments[target.segments.length - 1] ?? '';
    if (path.extname(last) !== '') return sendText(res, req, 404, 'Not found');
    return serveIndex(req, res);
  };

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const rawUrl = req.url ?? '';
    // Only origin-form targets (`/path?query`); absolute-form and `*` have no business here.
    if (!rawUrl.startsWith('/')) return sendText(res, req, 400, 'Bad request');
    const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    const query = rawUrl.slice(rawPath.length).replace(/^\?/, '').split('#', 1)[0] ?? '';
    const isApi = rawPath === '/api' || rawPath.startsWith('/api/');
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().includes(hostHeader)) {
      // Checked for pages too: a DNS-rebound name must not be able to spend the code or get the app.
      return isApi
        ? sendError(res, 403, 'FORBIDDEN', 'Unexpected Host header')
        : sendText(res, req, 403, 'Forbidden');
    }
    const work = isApi ? handleApi(req, res, rawPath) : handleStatic(req, res, rawPath, query);
    work.catch((e: unknown) => {
      log(`browser host: ${req.method} ${rawPath} failed`, e);
      if (res.headersSent) return void res.destroy();
      if (isApi) sendError(res, 500, 'INTERNAL', e instanceof Error ? e.message : String(e));
      else sendText(res, req, 500, 'Internal error');
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(requestedPort, HOST_ADDRESS, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (e) => log('browser host: server error', e));
  const bound = server.address() as AddressInfo;
  port = bound.port;

  let closing: Promise<void> | null = null;
  const url = `http://${HOST_ADDRESS}:${port}`;
  return {
    url,
    signInUrl: `${url}/?${CODE_PARAM}=${gate.code}`,
    cookieName: sessionCookieName(port),
    port,
    address: bound.address,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Inserts `<meta name=… content=…>` tags right after `<head>`, so that they exist before any
 * script runs. Falls back to the top of the document when there is no `<head>` tag.
 */
export function injectMeta(html: string, meta: Record<string, string>): string {
  const tags = Object.entries(meta)
    .map(([name, content]) => `<meta name="${escapeAttribute(name)}" content="${escapeAttribute(content)}">`)
    .join('');
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return tags + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tags + html.slice(at);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

type BodyRead = { kind: 'ok'; bytes: Buffer } | { kind: 'tooLarge' } | { kind: 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops collecting at once, so a
 * client streaming gigabytes costs us no memory; Node discards the rest once we have answered.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ kind: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle({ kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle(req.complete ? { kind: 'ok', bytes: Buffer.concat(chunks) } : { kind: 'aborted' }));
  });
}

function sendJson(res: http.ServerResponse, status: number, json: string): void {
  const bytes = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}

function sendError(res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  const error: ApiErrorBody = { code, message };
  sendJson(res, status, JSON.stringify({ error }));
}

function sendTooLarge(res: http.ServerResponse, limit: number): void {
  // The rest of the body is still on its way; closing after the answer keeps it from being parsed
  // as the next request on a keep-alive connection.
  res.setHeader('Connection', 'close');
  sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);
}

/** 403 with the page that says how to get in; nothing in it is a secret or the app. */
function sendSignInPage(req: http.IncomingMessage, res: http.ServerResponse, problem: SignInProblem): void {
  const bytes = Buffer.from(signInPage(problem), 'utf8');
  res.writeHead(403, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function sendText(res: http.ServerResponse, req: http.IncomingMessage, status: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
