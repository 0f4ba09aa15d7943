import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type BrowserContext, type Cookie, type Page } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST_MAIN = path.join(ROOT, 'out', 'host', 'main.js');
const URL_LINE = /Account Planner browser host: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

/** The data file's name inside the test's folder; backups go to `<dir>/backups/planner-*.json`. */
export const DATA_FILE_NAME = 'planner.json';

export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One browser host process on a fresh data folder, for one test. */
export interface Host {
  /**
   * `http://127.0.0.1:<port>` of the running host, with no code: what specs `goto`. Changes on
   * every (re)start. The fixture has already signed the test's browser in.
   */
  readonly url: string;
  /**
   * The address the host printed, `<url>/?code=<one-time code>`. Already used by the fixture to
   * sign the test's `page` in, so opening it again elsewhere is refused.
   */
  readonly signInUrl: string;
  /** The test's temporary folder. */
  readonly dir: string;
  /** The database file the host opens. */
  readonly dataFile: string;
  /**
   * SIGTERM, wait for a clean exit (code 0: everything flushed), start again on the same file,
   * and sign the test's browser contexts in to the new address.
   */
  restart(): Promise<void>;
  /** SIGTERM and wait for the exit; a no-op answer when it is not running. */
  stop(): Promise<HostExit>;
  /** stdout and stderr of every launch so far, for failure messages. */
  output(): string;
}

export interface HostOptions {
  /**
   * Files written into the test's folder before the first start, relative path → content, e.g.
   * `{ 'planner.json': 'garbage', 'backups/planner-2024-01-01T00-00-00-000Z.json': '…' }`.
   * For starting on a pre-made (corrupt, old, newer-version) data file.
   */
  hostFiles: Record<string, string>;
  /** Extra environment for the host process (e.g. fault injection), over the fixture's own. */
  env?: Record<string, string>;
}

class HostProcess implements Host {
  private child: ChildProcess | null = null;
  private exited: Promise<HostExit> | null = null;
  private printedUrl: string | null = null;
  private log = '';

  constructor(
    readonly dir: string,
    readonly dataFile: string,
    private readonly extraEnv: Record<string, string>,
    /** Runs after every (re)start, once the address is known. */
    private readonly onStarted: (host: HostProcess) => Promise<void>,
  ) {}

  get signInUrl(): string {
    if (!this.printedUrl) throw new Error('The browser host is not running');
    return this.printedUrl;
  }

  get url(): string {
    return new URL(this.signInUrl).origin;
  }

  /** `planner-session-<port>`, the cookie the host signs a browser in with. */
  get cookieName(): string {
    return `planner-session-${new URL(this.signInUrl).port}`;
  }

  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('The browser host is already running');
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8' };
    // The UI language follows the host's locale until the user picks one; pin it to English.
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
    delete env.PLANNER_PORT;
    Object.assign(env, this.extraEnv);
    const child = spawn(process.execPath, [HOST_MAIN, '--data', this.dataFile, '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.log += `--- start ${new Date().toISOString()}\n`;
    this.exited = new Promise<HostExit>((resolve) => {
      child.once('exit', (code, signal) => {
        this.log += `--- exit code=${code} signal=${signal}\n`;
        resolve({ code, signal });
      });
    });
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.log += s));
    const exited = this.exited;

    this.printedUrl = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => fail(`did not print its address within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`The browser host ${why}.\n${this.log}`));
      };
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        this.log += s;
        buffered += s;
        const match = URL_LINE.exec(buffered);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (e) => fail(`could not be spawned: ${e.message}`));
      void exited.then(({ code, signal }) => fail(`exited before listening (code ${code}, signal ${signal})`));
    });
    await this.onStarted(this);
  }

  async stop(): Promise<HostExit> {
    const child = this.child;
    const exited = this.exited;
    if (!child || !exited) return { code: null, signal: null };
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exited,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!result) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`The browser host did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM.\n${this.log}`);
    }
    this.child = null;
    this.exited = null;
    this.printedUrl = null;
    return result;
  }

  async restart(): Promise<void> {
    const exit = await this.stop();
    // A non-zero exit means the final flush failed: what the user typed may be lost.
    if (exit.code !== 0) throw new Error(`The browser host exited with code ${exit.code} (signal ${exit.signal}).\n${this.log}`);
    await this.start();
  }
}

/**
 * Signs the test's browser in to a freshly started host, as a user does: the first time, `page`
 * opens the printed address for real (the code for a cookie, the 303 to the bare address), then
 * goes back to a blank page so that each spec's first `goto` still loads the app from scratch.
 * After a restart the page may be showing the old app, which a spec may still want to look at, so
 * the code is spent through `page.request` instead: it shares the context's cookies and leaves
 * the page alone. Every other context of the test (`browser.newContext()`, open now or later)
 * gets the same cookie, so a spec that opens a "fresh" browser still gets in.
 */
class SignIn {
  private session: Cookie | null = null;
  private readonly restore: () => void;

  constructor(
    private readonly page: Page,
    private readonly browser: Browser,
  ) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
      const context = await newContext(...args);
      if (this.session) await context.addCookies([this.session]);
      return context;
    };
    this.restore = () => void Reflect.deleteProperty(browser, 'newContext');
  }

  async signIn(host: HostProcess): Promise<void> {
    const first = this.session === null;
    if (first) {
      const response = await this.page.goto(host.signInUrl, { waitUntil: 'commit' });
      // The code must not linger in the address bar: the host sends the browser on to `/`.
      expect(this.page.url(), 'after opening the printed address').toBe(`${host.url}/`);
      expect(response?.status()).toBe(200);
      await this.page.goto('about:blank');
    } else {
      const response = await this.page.request.get(host.signInUrl);
      expect(response.url(), 'after opening the printed address').toBe(`${host.url}/`);
      expect(response.status()).toBe(200);
    }
    const cookies = await this.page.context().cookies(host.url);
    const session = cookies.find((c) => c.name === host.cookieName);
    if (!session) throw new Error(`No ${host.cookieName} cookie after opening ${host.signInUrl}\n${host.output()}`);
    this.session = session;
    for (const context of this.browser.contexts()) {
      if (context !== this.page.context()) await context.addCookies([session]);
    }
  }

  dispose(): void {
    this.restore();
  }
}

export const test = base.extend<HostOptions & { host: Host }>({
  hostFiles: [{}, { option: true }],
  env: [undefined, { option: true }],

  host: async ({ hostFiles, env, page, browser }, use, testInfo) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'account-planner-e2e-'));
    const signIn = new SignIn(page, browser);
    const host = new HostProcess(dir, path.join(dir, DATA_FILE_NAME), env ?? {}, (h) => signIn.signIn(h));
    try {
      for (const [relative, content] of Object.entries(hostFiles)) {
        const file = path.join(dir, relative);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content);
      }
      await host.start();
      await use(host);
    } finally {
      signIn.dispose();
      await host.stop().catch(() => undefined);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('browser-host.log', { body: host.output(), contentType: 'text/plain' });
      }
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    }
  },
});

export { expect };

/** A database file as the app writes it: the envelope around `data`. */
export function envelope(data: unknown, schemaVersion = 1): string {
  return JSON.stringify({ schemaVersion, app: 'account-planner', data });
}
