import { describe, expect, it } from 'vitest';
import { createWindowOptions, MIN_WINDOW_SIZE, WINDOW_TITLE } from '../../../electron/main/window-options';

const options = createWindowOptions({
  preloadPath: '/app/out/preload/index.cjs',
  bounds: { x: 10, y: 20, width: 1200, height: 800 },
});

describe('createWindowOptions', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('enables no experimental or Blink features', () => {
    expect(options.webPreferences?.experimentalFeatures).toBe(false);
    expect(options.webPreferences?.enableBlinkFeatures).toBeUndefined();
  });

  it('stays hidden until the page is ready to show', () => {
    expect(options.show).toBe(false);
  });

  it('uses the given bounds, a minimum size and the app title', () => {
    expect(options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, title: WINDOW_TITLE });
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(options.minHeight).toBe(MIN_WINDOW_SIZE.height);
    expect(WINDOW_TITLE).toBe('Account Planner');
  });

  it('leaves the position to the OS when none is given', () => {
    const o = createWindowOptions({ preloadPath: '/p.cjs', bounds: { width: 1000, height: 700 } });
    expect(o.x).toBeUndefined();
    expect(o.y).toBeUndefined();
  });
});
