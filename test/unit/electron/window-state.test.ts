import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  loadWindowState,
  sanitizeBounds,
  saveWindowState,
  WINDOW_STATE_FILE,
  type Rect,
} from '../../../electron/main/window-state';

const LIMITS = { width: 1280, height: 820, minWidth: 960, minHeight: 600 };
const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
/** A second monitor to the right of the primary one. */
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('sanitizeBounds', () => {
  it('keeps saved bounds that lie on a display', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900 };
    expect(sanitizeBounds(saved, [PRIMARY, RIGHT], LIMITS)).toEqual(saved);
    const onRight = { x: 2200, y: 100, width: 1600, height: 1000 };
    expect(sanitizeBounds(onRight, [PRIMARY, RIGHT], LIMITS)).toEqual(onRight);
  });

  it('centres the default size on the primary display when nothing was saved', () => {
    expect(sanitizeBounds(null, [PRIMARY, RIGHT], LIMITS)).toEqual({ x: 320, y: 110, width: 1280, height: 820 });
  });

  it('centres the default size on the primary display when the saved monitor is gone', () => {
    const onUnplugged = { x: 2200, y: 100, width: 1600, height: 1000 };
    expect(sanitizeBounds(onUnplugged, [PRIMARY], LIMITS)).toEqual({ x: 320, y: 110, width: 1280, height: 820 });
  });

  it('pulls a window hanging off the edge fully back onto its display', () => {
    expect(sanitizeBounds({ x: 1500, y: -200, width: 1000, height: 700 }, [PRIMARY], LIMITS)).toEqual({
      x: 920,
      y: 0,
      width: 1000,
      height: 700,
    });
  });

  it('chooses the display the window overlaps most', () => {
    // Mostly on the right-hand monitor, a little on the primary.
    const b = sanitizeBounds({ x: 1800, y: 100, width: 1200, height: 800 }, [PRIMARY, RIGHT], LIMITS);
    expect(b).toEqual({ x: 1920, y: 100, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display, since the resolution may have dropped', () => {
    const b = sanitizeBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [PRIMARY], LIMITS);
    expect(b).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('enforces the minimum size even on a display smaller than it', () => {
    const small: Rect = { x: 0, y: 0, width: 800, height: 500 };
    expect(sanitizeBounds({ x: 10, y: 10, width: 300, height: 200 }, [small], LIMITS)).toEqual({
      x: 0,
      y: 0,
      width: 960,
      height: 600,
    });
    expect(sanitizeBounds({ x: 10, y: 10, width: 300, height: 200 }, [PRIMARY], LIMITS)).toEqual({
      x: 10,
      y: 10,
      width: 960,
      height: 600,
    });
  });

  it('ignores saved bounds that are not numbers or have no area', () => {
    const centred = { x: 320, y: 110, width: 1280, height: 820 };
    for (const bad of [
      undefined,
      'bounds',
      { x: 0, y: 0 },
      { x: '10', y: 10, width: 1000, height: 700 },
      { x: 10, y: 10, width: Number.NaN, height: 700 },
      { x: 10, y: 10, width: Number.POSITIVE_INFINITY, height: 700 },
      { x: 10, y: 10, width: 0, height: 700 },
      { x: 10, y: 10, width: -1000, height: 700 },
    ]) {
      expect(sanitizeBounds(bad, [PRIMARY], LIMITS), JSON.stringify(bad)).toEqual(centred);
    }
  });

  it('respects a work area that does not start at the origin (a taskbar on the left or top)', () => {
    const area: Rect = { x: 60, y: 30, width: 1860, height: 1050 };
    expect(sanitizeBounds(null, [area], LIMITS)).toEqual({ x: 350, y: 145, width: 1280, height: 820 });
    expect(sanitizeBounds({ x: 0, y: 0, width: 1000, height: 700 }, [area], LIMITS)).toMatchObject({ x: 60, y: 30 });
  });

  it('still returns the default size when no display is known', () => {
    expect(sanitizeBounds(null, [], LIMITS)).toEqual({ x: 0, y: 0, width: 1280, height: 820 });
  });
});

describe('window state file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
    file = path.join(dir, WINDOW_STATE_FILE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips a saved state', () => {
    const state = { bounds: { x: 10, y: 20, width: 1300, height: 900 }, isMaximized: true };
    saveWindowState(file, state);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('creates the user-data folder if it does not exist yet', () => {
    const nested = path.join(dir, 'first run', WINDOW_STATE_FILE);
    saveWindowState(nested, { bounds: { x: 0, y: 0, width: 1000, height: 700 }, isMaximized: false });
    expect(loadWindowState(nested)?.bounds.width).toBe(1000);
  });

  it('overwrites an older state', () => {
    saveWindowState(file, { bounds: { x: 0, y: 0, width: 1000, height: 700 }, isMaximized: true });
    saveWindowState(file, { bounds: { x: 5, y: 5, width: 1100, height: 750 }, isMaximized: false });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 5, y: 5, width: 1100, height: 750 }, isMaximized: false });
  });

  it('reads a missing file as no state', () => {
    expect(loadWindowState(file)).toBeNull();
  });

  it('reads a corrupt or foreign file as no state', () => {
    for (const content of ['', '{"bounds": {"x": 1', 'null', '[]', '{"bounds": "big"}', '{"isMaximized": true}']) {
      fs.writeFileSync(file, content);
      expect(loadWindowState(file), content).toBeNull();
    }
  });

  it('treats anything but true as not maximised', () => {
    fs.writeFileSync(file, JSON.stringify({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, isMaximized: 'yes' }));
    expect(loadWindowState(file)?.isMaximized).toBe(false);
  });

  it('logs instead of throwing when the file cannot be written', () => {
    const log = vi.fn();
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    const impossible = path.join(dir, 'not-a-dir', WINDOW_STATE_FILE);
    expect(() =>
      saveWindowState(impossible, { bounds: { x: 0, y: 0, width: 1000, height: 700 }, isMaximized: false }, log),
    ).not.toThrow();
    expect(log).toHaveBeenCalledTimes(1);
  });
});
