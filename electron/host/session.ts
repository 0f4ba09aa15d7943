import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How long the browser keeps the session cookie. The secret behind it lives only as long as the
 * host process, so the cookie is useless after that anyway; a persistent cookie lets a user who
 * restarts their browser back in without a new code. 400 days is the most Chromium honours.
 */
export const SESSION_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/**
 * The session cookie's name for one port. Cookies ignore ports, so two hosts on one machine
 * (`--port 4317` and `--port 4318`) would otherwise overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `planner-session-${port}`;
}

/** The `Set-Cookie` value for a session: never readable by script, never sent from another site. */
export function sessionCookie(name: string, secret: string): string {
  return `${name}=${secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}`;
}

/**
 * Every value the `Cookie` header carries under `name`. There can be several: any server on
 * 127.0.0.1, whatever its port, may set a cookie of the same name with a longer path, and the
 * browser sends that one first. Checking them all keeps such a cookie from locking the user out.
 */
export function readCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    values.push(pair.slice(eq + 1).trim());
  }
  return values;
}

/** Compares without an early exit, so the time taken says nothing about how much matched. */
export function safeEqual(sent: string, expected: string): boolean {
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual throws on unequal lengths; the length of a random secret is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The door of one launch: a one-time code, printed in the terminal, that one browser trades for
 * a session secret kept in an HttpOnly cookie. Neither is ever written into a page, so a process
 * that can merely reach the port learns nothing by asking for one.
 *
 * The code has no expiry: it is shown only in the terminal of whoever started the host, and
 * a user who opens the browser an hour later should still get in. Once used it is dead, so the
 * address in the scrollback or the browser's history opens nothing. A second browser needs a
 * restart of the host, which prints a new address.
 */
export interface SessionGate {
  /** The one-time code, to print as part of the address. */
  readonly code: string;
  /** Trades the code for the session secret, once; `null` for a wrong or used code. */
  redeem(code: string): string | null;
  /** Whether any of the sent cookie values is this launch's session secret. */
  isSession(values: readonly string[]): boolean;
}

export function createSessionGate(random: (bytes: number) => Buffer = randomBytes): SessionGate {
  const code = random(32).toString('base64url');
  let secret: string | null = null;
  return {
    code,
    redeem(sent) {
      if (secret !== null || !safeEqual(sent, code)) return null;
      secret = random(32).toString('base64url');
      return secret;
    },
    isSession(values) {
      if (secret === null) return false;
      const expected = secret;
      // Every value is compared, so a match early in the list takes as long as one at the end.
      return values.reduce((found, value) => safeEqual(value, expected) || found, false);
    },
  };
}
