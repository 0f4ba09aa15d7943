import { isAppUrl, toExternalLink } from './trusted-url';

/** What a navigation event carries (Electron's `Event<WebContentsWillNavigateEventParams>`). */
export interface NavigationEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
  preventDefault(): void;
}

/**
 * The parts of Electron's `WebContents` that {@link hardenWebContents} touches, so that it can
 * be tested with a fake and this file need not import `electron`.
 */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Electron's `Session` that {@link denyAllPermissions} touches. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/**
 * Keeps a web contents on our own page: navigations and redirects elsewhere are cancelled,
 * `<webview>`s and new windows are refused, and http(s) links the user follows (in place or in a
 * new window) are handed to the system browser instead. `openExternal` is `shell.openExternal`.
 */
export function hardenWebContents(
  contents: HardenableContents,
  appUrl: string,
  openExternal: (url: string) => unknown,
): void {
  const openIfExternal = (url: string): void => {
    const link = toExternalLink(url);
    if (link) void Promise.resolve(openExternal(link)).catch(() => undefined);
  };
  const keepOnApp = (event: NavigationEvent): void => {
    if (isAppUrl(event.url, appUrl)) return;
    event.preventDefault();
    openIfExternal(event.url);
  };

  contents.on('will-navigate', keepOnApp);
  // Main-frame navigations are left to will-navigate, which Electron skips once this cancels.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url);
    return { action: 'deny' };
  });
}

/**
 * Refuses every permission (camera, notifications, geolocation, …): the app needs none, and a
 * check handler is needed as well as a request handler because many web APIs only check.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
