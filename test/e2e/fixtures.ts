import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

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
  /** `http://127.0.0.1:<port>` of the running host; changes on every (re)start. */
  readonly url: string;
  /** The test's temporary folder. */
  readonly dir: string;
  /** The database file the host opens. */
  readonly dataFile: string;
  /** SIGTERM, wait for a clean exit (code 0: everything flushed), start again on the same file. */
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
}

class HostProcess implements Host {
  private child: ChildProcess | null = null;
  private exited: Promise<HostExit> | null = null;
  private currentUrl: string | null = null;
  private log = '';

  constructor(
    readonly dir: string,
    readonly dataFile: string,
  ) {}

  get url(): string {
    if (!this.currentUrl) throw new Error('The browser host is not running');
    return this.currentUrl;
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

    this.currentUrl = await new Promise<string>((resolve, reject) => {
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
    this.currentUrl = null;
    return result;
  }

  async restart(): Promise<void> {
    const exit = await this.stop();
    // A non-zero exit means the final flush failed: what the user typed may be lost.
    if (exit.code !== 0) throw new Error(`The browser host exited with code ${exit.code} (signal ${exit.signal}).\n${this.log}`);
    await this.start();
  }
}

export const test = base.extend<HostOptions & { host: Host }>({
  hostFiles: [{}, { option: true }],

  host: async ({ hostFiles }, use, testInfo) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'account-planner-e2e-'));
    const host = new HostProcess(dir, path.join(dir, DATA_FILE_NAME));
    try {
      for (const [relative, content] of Object.entries(hostFiles)) {
        const file = path.join(dir, relative);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content);
      }
      await host.start();
      await use(host);
    } finally {
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
