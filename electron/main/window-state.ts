import fs from 'node:fs';
import path from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  isMaximized: boolean;
}

export interface WindowSizeLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function asRect(v: unknown): Rect | null {
  if (!v || typeof v !== 'object') return null;
  const { x, y, width, height } = v as Record<string, unknown>;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** Size that honours the minimum first and then fits the work area where it can. */
function fitSize(width: number, height: number, area: Rect, limits: WindowSizeLimits): { width: number; height: number } {
  return {
    width: Math.max(limits.minWidth, Math.min(width, area.width)),
    height: Math.max(limits.minHeight, Math.min(height, area.height)),
  };
}

function centredIn(area: Rect, size: { width: number; height: number }): Rect {
  return {
    ...size,
    x: area.x + Math.round((area.width - size.width) / 2),
    y: area.y + Math.round((area.height - size.height) / 2),
  };
}

/**
 * Where to open the window. The saved bounds are kept on the display they overlap most, moved
 * and shrunk to lie wholly in its work area, since a monitor may have been unplugged or its
 * resolution lowered since they were saved; the minimum size always wins. Without usable saved
 * bounds, or when they touch no display, the default size is centred on the first work area
 * (pass the primary display's first).
 */
export function sanitizeBounds(saved: unknown, workAreas: readonly Rect[], limits: WindowSizeLimits): Rect {
  const areas = workAreas.map(asRect).filter((a): a is Rect => a !== null);
  const primary = areas[0] ?? { x: 0, y: 0, width: limits.width, height: limits.height };
  const rect = asRect(saved);

  let best: Rect | null = null;
  let bestOverlap = 0;
  if (rect) {
    for (const area of areas) {
      const overlap = overlapArea(rect, area);
      if (overlap > bestOverlap) {
        best = area;
        bestOverlap = overlap;
      }
    }
  }
  if (!rect || !best) return centredIn(primary, fitSize(limits.width, limits.height, primary, limits));

  const size = fitSize(rect.width, rect.height, best, limits);
  return {
    ...size,
    x: clamp(rect.x, best.x, best.x + best.width - size.width),
    y: clamp(rect.y, best.y, best.y + best.height - size.height),
  };
}

/** The saved state, or null when the file is missing, unreadable or not a window state. */
export function loadWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { bounds, isMaximized } = raw as Record<string, unknown>;
  const rect = asRect(bounds);
  return rect ? { bounds: rect, isMaximized: isMaximized === true } : null;
}

/**
 * Saves the state synchronously: it runs while the window closes, when the process may be about
 * to exit. Written to a temporary file and renamed so a crash never leaves half a file. Losing
 * the window position is not worth an error dialog, so failures are only reported to `log`.
 */
export function saveWindowState(file: string, state: WindowState, log: (e: unknown) => void = console.error): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
    fs.renameSync(tmp, file);
  } catch (e) {
    log(e);
  }
}
