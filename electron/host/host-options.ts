/** Port `npm start` tries first, so that a bookmark keeps working between launches. */
export const DEFAULT_PORT = 4317;
/** Environment variable that sets the port, as `--port` does. */
export const PORT_ENV = 'PLANNER_PORT';

/** What the browser host's command line says, beyond `--data` (which `resolveDataFile` reads). */
export interface HostArgs {
  port?: number;
  rendererDir?: string;
}

/** How to pick the port: a stated one must be honoured; the default may give way. */
export interface PortChoice {
  port: number;
  /** true when the port is only our default, so a random one may replace it if taken. */
  mayFallBack: boolean;
}

/**
 * Reads `--port <n>`, `--renderer <dir>` and checks `--data` has a value (both `--x v` and
 * `--x=v` forms). Unknown arguments are ignored so that the launcher can pass through whatever
 * it was given for Electron. Throws with a user-facing message on a bad value.
 */
export function parseHostArgs(argv: readonly string[]): HostArgs {
  const args: HostArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = splitFlag(arg);
    if (name !== '--port' && name !== '--renderer' && name !== '--data') continue;
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
      value = next;
      i++;
    }
    if (value === '') throw new Error(`${name} needs a value`);
    if (name === '--port') args.port = parsePort(value, '--port');
    if (name === '--renderer') args.rendererDir = value;
  }
  return args;
}

/** `--port` wins, then `PLANNER_PORT`, then the default, which alone may fall back. */
export function choosePort(args: HostArgs, env: NodeJS.ProcessEnv): PortChoice {
  if (args.port !== undefined) return { port: args.port, mayFallBack: false };
  const fromEnv = env[PORT_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { port: parsePort(fromEnv, PORT_ENV), mayFallBack: false };
  return { port: DEFAULT_PORT, mayFallBack: true };
}

function parsePort(value: string, source: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${source} must be a port number from 0 to 65535 (0 picks a free one), not "${value}"`);
  }
  return port;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/**
 * The user's language as a BCP 47 tag. The POSIX locale variables come first because that is
 * what Electron's `app.getLocale()` honours on Linux, and because a Node built with small ICU
 * would answer `en-US` from `Intl` whatever the user chose; `Intl` covers Windows and macOS.
 */
export function detectOsLocale(env: NodeJS.ProcessEnv): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (raw && raw !== 'C' && raw !== 'POSIX' && !raw.startsWith('C.')) {
    const tag = (raw.split(/[.@]/, 1)[0] ?? '').replace(/_/g, '-');
    if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return tag;
  }
  return Intl.DateTimeFormat().resolvedOptions().locale;
}
