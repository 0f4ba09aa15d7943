import path from 'node:path';

/** Where a request path points inside the renderer folder, or why it may not be served. */
export type StaticPath =
  | { ok: true; file: string; segments: string[] }
  | { ok: false; reason: 'malformed' | 'forbidden' };

/**
 * Maps the raw (still percent-encoded) path of a request to a file inside `root`.
 *
 * Decodes once, then refuses anything a browser would never send for our own assets: null bytes,
 * backslashes (a separator on Windows, so `..%5c` would climb), and any segment starting with a
 * dot, which covers `..`, `.`, and dotfiles alike. Browsers normalise `..` before sending, so a
 * request that still has one is hostile and is not worth resolving. The final containment check
 * is defence in depth should the rules above ever be loosened.
 */
export function resolveStaticPath(root: string, rawPathname: string): StaticPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, reason: 'malformed' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return { ok: false, reason: 'forbidden' };
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  if (!isInside(base, file)) return { ok: false, reason: 'forbidden' };
  return { ok: true, file, segments };
}

/** True when `candidate` is `root` itself or somewhere below it. */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The Content-Type for a file name. Unknown kinds go out as octet-stream so that, with `nosniff`,
 * the browser never guesses its way into running something as script or HTML.
 */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
