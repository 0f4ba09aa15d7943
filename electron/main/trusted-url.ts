/**
 * Which URLs the app trusts. Every check parses with `new URL` and compares parsed parts: a
 * substring or prefix test is fooled by `https://evil.example/?next=file:///…/index.html` or
 * `http://127.0.0.1.evil.example`.
 */

/** ASCII whitespace and control characters (code ≤ 0x20, and DEL), which the URL parser silently strips or trims. */
const hasUnsafeChar = (url: string): boolean => {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return false;
};

function parse(url: string): URL | null {
  if (typeof url !== 'string' || hasUnsafeChar(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is our own page. `appUrl` is what the window loads: the `file://` URL of
 * `out/renderer/index.html` (only that file matches, with any query or hash) or, in development,
 * the dev server's URL (anything on that exact origin matches).
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parse(url);
  const app = parse(appUrl);
  if (!candidate || !app) return false;
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return candidate.origin === app.origin;
}

/**
 * The normalised form of a link that may be handed to the operating system's browser, or null:
 * only `http:`/`https:` URLs with a host and no embedded credentials (`https://bank.example@evil`).
 * Callers pass on the returned href rather than the raw string so that what the OS opens is
 * exactly what was checked.
 */
export function toExternalLink(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Whether `url` may be opened in the user's browser; see {@link toExternalLink}. */
export function isExternalLink(url: string): boolean {
  return toExternalLink(url) !== null;
}

/**
 * The URL the window loads. The dev server URL from electron-vite (`ELECTRON_RENDERER_URL`) is
 * honoured only when unpackaged and only if it is http(s): otherwise an environment variable
 * could point an installed app, preload API and all, at a remote page.
 */
export function resolveAppUrl(opts: {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  rendererIndexUrl: string;
}): { url: string; isDevServer: boolean } {
  const devUrl = opts.isPackaged ? undefined : opts.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    const parsed = parse(devUrl);
    if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      return { url: parsed.href, isDevServer: true };
    }
  }
  return { url: opts.rendererIndexUrl, isDevServer: false };
}
