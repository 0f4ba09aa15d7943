import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  hardenWebContents,
  type HardenableContents,
  type PermissionSession,
} from '../../../electron/main/harden-web-contents';

const APP = 'file:///app/out/renderer/index.html';

type Listener = (event: { url?: string; isMainFrame?: boolean; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
  };
  /** Emits like Electron does and reports whether a listener cancelled. */
  const emit = (event: string, url = '', isMainFrame = true): boolean => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ url, isMainFrame, preventDefault: () => (prevented = true) });
    return prevented;
  };
  const openWindow = (url: string) => {
    if (!openHandler) throw new Error('no window open handler installed');
    return openHandler({ url });
  };
  return { contents: contents as unknown as HardenableContents, emit, openWindow };
}

function setup() {
  const fake = fakeContents();
  const openExternal = vi.fn(async (_url: string) => undefined);
  hardenWebContents(fake.contents, APP, openExternal);
  return { ...fake, openExternal };
}

describe('hardenWebContents', () => {
  it('lets the page navigate within itself', () => {
    const { emit, openExternal } = setup();
    expect(emit('will-navigate', `${APP}#/accounts`)).toBe(false);
    expect(emit('will-redirect', APP)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('cancels a navigation to a web page and opens it in the browser instead', () => {
    const { emit, openExternal } = setup();
    expect(emit('will-navigate', 'https://example.com/docs')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs');
  });

  it('cancels navigations to local files and scripts without handing them to the OS', () => {
    const { emit, openExternal } = setup();
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emit('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(emit('will-navigate', 'ms-msdt:/id PCWDiagnostic')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('cancels redirects away from the app without opening them', () => {
    const { emit, openExternal } = setup();
    expect(emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('cancels subframe navigations off the app but leaves main-frame ones to will-navigate', () => {
    const { emit } = setup();
    expect(emit('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(emit('will-frame-navigate', 'https://example.com/', true)).toBe(false);
  });

  it('refuses every webview', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window, opening http(s) links externally in their checked form', () => {
    const { openWindow, openExternal } = setup();
    expect(openWindow('HTTPS://Example.com')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openWindow('https://bank.example@evil.example/')).toEqual({ action: 'deny' });
    expect(openWindow(APP)).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('survives the OS refusing to open a link', async () => {
    const fake = fakeContents();
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    hardenWebContents(fake.contents, APP, openExternal);
    expect(fake.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('denyAllPermissions', () => {
  it('refuses both permission requests and permission checks', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      request!(null, permission, (g) => granted.push(g));
      expect(check!(null, permission)).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false]);
  });
});
