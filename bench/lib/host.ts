import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOST_MAIN = path.join(ROOT, 'out', 'host', 'main.js');
const URL_LINE = /Account Planner browser host: (http:\/\/\S+)/;

/** Builds the app when out/ lacks the host or the renderer (a fresh clone). */
export function ensureBuilt(log: (line: string) => void): void {
  if (existsSync(HOST_MAIN) && existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) return;
  log('out/ is missing: running `npm run build` first…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** One browser host process, as `node out/host/main.js --data <file> --port 0` starts it. */
export class Host {
  private constructor(
    private readonly child: ChildProcess,
    /** The bare address, `http://127.0.0.1:<port>`. */
    readonly url: string,
    /** The printed address with its one-time code, exchanged once for the session cookie. */
    private readonly signInUrl: string,
    private readonly exited: Promise<void>,
  ) {}

  private session: { name: string; value: string } | null = null;

  /** The session cookie, signing in with the one-time code the first time. */
  async cookie(): Promise<{ name: string; value: string }> {
    if (this.session) return this.session;
    const res = await fetch(this.signInUrl, { redirect: 'manual' });
    const pair = /^([^=;\s]+)=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
    if (!pair?.[1] || pair[2] === undefined) throw new Error(`signing in at ${this.signInUrl} gave no cookie (HTTP ${res.status})`);
    this.session = { name: pair[1], value: pair[2] };
    return this.session;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static async start(dataFile: string, timeoutMs = 120_000): Promise<Host> {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8' };
    delete env.LC_ALL;
    delete env.LC_MESSAGES;
    delete env.PLANNER_PORT;
    const child = spawn(process.execPath, [HOST_MAIN, '--data', dataFile, '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the browser host did not start within ${timeoutMs} ms\n${log}`));
      }, timeoutMs);
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        log += s;
        const m = URL_LINE.exec(log);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the browser host exited before listening\n${log}`));
      });
    });
    return new Host(child, new URL(url).origin, url, exited);
  }

  /** Resident memory of the host process in MB (VmRSS), or its peak (VmHWM). */
  memoryMB(field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    if (!kb) throw new Error(`no ${field} in /proc/${this.pid}/status`);
    return Number(kb) / 1024;
  }

  /** Calls one API channel the way the renderer does: with the session cookie. */
  async call(channel: string, input?: unknown): Promise<unknown> {
    const { name, value } = await this.cookie();
    const res = await fetch(`${this.url}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `${name}=${value}` },
      body: input === undefined ? '' : JSON.stringify(input),
    });
    const body = (await res.json()) as { data?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${channel}: ${body.error.message}`);
    return body.data;
  }

  /** SIGTERM and wait: the host flushes and releases the database's lock. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}
