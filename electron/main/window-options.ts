import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'Account Planner';
/** Below this the buying-centre map and its side panel no longer fit side by side. */
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/**
 * The main window's options. The renderer gets no Node, runs sandboxed and isolated from the
 * preload, and talks to main only through the preload's named API.
 */
export function createWindowOptions(opts: { preloadPath: string; bounds: WindowBounds }): BrowserWindowConstructorOptions {
  return {
    ...opts.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: WINDOW_TITLE,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A file dropped on the window would otherwise replace the app with the file.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
