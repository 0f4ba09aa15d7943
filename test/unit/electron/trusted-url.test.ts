import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalLink, resolveAppUrl, toExternalLink } from '../../../electron/main/trusted-url';

const FILE_APP = 'file:///opt/Account%20Planner/resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('isAppUrl with the packaged file:// page', () => {
  it('accepts the index page, with a hash route or a query', () => {
    expect(isAppUrl(FILE_APP, FILE_APP)).toBe(true);
    expect(isAppUrl(`${FILE_APP}#/accounts/42`, FILE_APP)).toBe(true);
    expect(isAppUrl(`${FILE_APP}?lang=en`, FILE_APP)).toBe(true);
  });

  it('rejects other local files, including ones reached through dot segments', () => {
    expect(isAppUrl('file:///etc/passwd', FILE_APP)).toBe(false);
    expect(isAppUrl('file:///opt/Account%20Planner/resources/app.asar/out/renderer/other.html', FILE_APP)).toBe(false);
    expect(isAppUrl(`${FILE_APP}/../../../../../../etc/passwd`, FILE_APP)).toBe(false);
    expect(isAppUrl(`${FILE_APP}/%2e%2e/%2e%2e/secret.html`, FILE_APP)).toBe(false);
  });

  it('rejects files whose path merely starts with the app page', () => {
    expect(isAppUrl(`${FILE_APP}.evil.html`, FILE_APP)).toBe(false);
    expect(isAppUrl(`${FILE_APP}/nested.html`, FILE_APP)).toBe(false);
    expect(isAppUrl(FILE_APP.replace('/out/renderer/', '/out/renderer-evil/'), FILE_APP)).toBe(false);
  });

  it('rejects the same path on another host (a UNC share on Windows)', () => {
    expect(isAppUrl(FILE_APP.replace('file:///', 'file://evil.example/'), FILE_APP)).toBe(false);
  });

  it('rejects web pages that merely mention the app URL', () => {
    expect(isAppUrl(`https://evil.example/?next=${FILE_APP}`, FILE_APP)).toBe(false);
    expect(isAppUrl(`https://evil.example/#${FILE_APP}`, FILE_APP)).toBe(false);
    expect(isAppUrl('https://evil.example/?next=app://x', FILE_APP)).toBe(false);
  });

  it('rejects javascript:, data: and malformed URLs', () => {
    expect(isAppUrl('javascript:alert(1)', FILE_APP)).toBe(false);
    expect(isAppUrl('data:text/html,<script>alert(1)</script>', FILE_APP)).toBe(false);
    expect(isAppUrl('not a url', FILE_APP)).toBe(false);
    expect(isAppUrl('', FILE_APP)).toBe(false);
  });

  it('rejects a whitespace-prefixed copy of the app URL rather than trusting the parser to trim it', () => {
    expect(isAppUrl(` ${FILE_APP}`, FILE_APP)).toBe(false);
    expect(isAppUrl(`\n${FILE_APP}`, FILE_APP)).toBe(false);
  });
});

describe('isAppUrl with the dev server', () => {
  it('accepts any page on the exact dev origin', () => {
    expect(isAppUrl('http://localhost:5173/', DEV_APP)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx?t=1', DEV_APP)).toBe(true);
  });

  it('rejects look-alike hosts, other ports and other schemes', () => {
    expect(isAppUrl('http://localhost.evil.example:5173/', DEV_APP)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV_APP)).toBe(false);
    expect(isAppUrl('http://127.0.0.1.evil.example/', 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppUrl('http://evil.example/?next=http://localhost:5173/', DEV_APP)).toBe(false);
  });

  it('is not fooled by credentials that spell the trusted host', () => {
    expect(isAppUrl('http://localhost:5173@evil.example/', DEV_APP)).toBe(false);
  });

  it('trusts nothing when the app URL is itself not http(s) or file', () => {
    expect(isAppUrl('app://x/index.html', 'app://x/index.html')).toBe(false);
    expect(isAppUrl('javascript:alert(1)', 'javascript:alert(1)')).toBe(false);
  });
});

describe('isExternalLink', () => {
  it('accepts http and https links, whatever the case of the scheme', () => {
    expect(isExternalLink('https://example.com/path?q=1#x')).toBe(true);
    expect(isExternalLink('http://example.com')).toBe(true);
    expect(isExternalLink('HTTPS://Example.com/')).toBe(true);
    expect(isExternalLink('https://evil.example/?next=app://x')).toBe(true);
    expect(isExternalLink('http://127.0.0.1.evil.example')).toBe(true);
  });

  it('rejects every other scheme, in any case', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'FILE:///C:/Windows/System32/calc.exe',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://evil.example/share',
      'app://x',
      'mailto:someone@example.com',
      'about:blank',
      'blob:https://example.com/1234',
      'ftp://example.com/file',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });

  it('rejects malformed and relative URLs', () => {
    expect(isExternalLink('')).toBe(false);
    expect(isExternalLink('//evil.example/')).toBe(false);
    expect(isExternalLink('/relative/path')).toBe(false);
    expect(isExternalLink('https://')).toBe(false);
    expect(isExternalLink('http://[::1')).toBe(false);
  });

  it('rejects whitespace or control characters the parser would silently strip', () => {
    expect(isExternalLink(' https://example.com')).toBe(false);
    expect(isExternalLink('\thttps://example.com')).toBe(false);
    expect(isExternalLink(' javascript:alert(1)')).toBe(false);
    expect(isExternalLink('java\nscript:alert(1)')).toBe(false);
    expect(isExternalLink('https://example.com/\u0000')).toBe(false);
  });

  it('rejects embedded credentials, the classic trusted-looking phishing form', () => {
    expect(isExternalLink('https://bank.example@evil.example/')).toBe(false);
    expect(isExternalLink('https://user:pass@example.com/')).toBe(false);
  });
});

describe('toExternalLink', () => {
  it('returns the normalised href that was checked', () => {
    expect(toExternalLink('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(toExternalLink('file:///etc/passwd')).toBeNull();
  });
});

describe('resolveAppUrl', () => {
  const rendererIndexUrl = FILE_APP;

  it('loads the built page when no dev server is set', () => {
    expect(resolveAppUrl({ isPackaged: false, env: {}, rendererIndexUrl })).toEqual({ url: FILE_APP, isDevServer: false });
  });

  it('uses the dev server in an unpackaged run', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(resolveAppUrl({ isPackaged: false, env, rendererIndexUrl })).toEqual({ url: DEV_APP, isDevServer: true });
  });

  it('ignores the dev server variable in an installed app', () => {
    const env = { ELECTRON_RENDERER_URL: 'https://evil.example/' };
    expect(resolveAppUrl({ isPackaged: true, env, rendererIndexUrl })).toEqual({ url: FILE_APP, isDevServer: false });
  });

  it('ignores a dev server URL that is not http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'file:///tmp/evil.html', 'not a url']) {
      const env = { ELECTRON_RENDERER_URL: bad };
      expect(resolveAppUrl({ isPackaged: false, env, rendererIndexUrl }).url).toBe(FILE_APP);
    }
  });
});
