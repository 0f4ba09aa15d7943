import { describe, expect, it } from 'vitest';
import {
  createSessionGate,
  readCookies,
  safeEqual,
  sessionCookie,
  sessionCookieName,
} from '../../../electron/host/session';
import { signInPage } from '../../../electron/host/sign-in-page';

describe('the session gate', () => {
  it('trades its code for a session secret once, and the secret is not the code', () => {
    const gate = createSessionGate();
    expect(gate.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(gate.isSession([])).toBe(false);

    const secret = gate.redeem(gate.code);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(gate.code);
    expect(gate.isSession([secret!])).toBe(true);

    expect(gate.redeem(gate.code)).toBeNull();
    // The first secret still works after the refused second use.
    expect(gate.isSession([secret!])).toBe(true);
  });

  it('refuses a wrong code without spending the right one', () => {
    const gate = createSessionGate();
    const sameLength = gate.code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const wrong of ['', sameLength, gate.code.slice(1), gate.code + 'A']) expect(gate.redeem(wrong)).toBeNull();
    expect(gate.redeem(gate.code)).not.toBeNull();
  });

  it('accepts no cookie before the code is used, not even the code itself', () => {
    const gate = createSessionGate();
    expect(gate.isSession([gate.code])).toBe(false);
    expect(gate.isSession([''])).toBe(false);
  });

  it('finds the session among same-named cookies another local server may have set', () => {
    const gate = createSessionGate();
    const secret = gate.redeem(gate.code)!;
    expect(gate.isSession(['planted', secret])).toBe(true);
    expect(gate.isSession(['planted', secret.slice(1)])).toBe(false);
  });

  it('gives every launch its own code', () => {
    expect(createSessionGate().code).not.toBe(createSessionGate().code);
  });
});

describe('session cookies', () => {
  it('names the cookie after the port, since cookies ignore ports', () => {
    expect(sessionCookieName(4317)).toBe('planner-session-4317');
    expect(sessionCookieName(4318)).not.toBe(sessionCookieName(4317));
  });

  it('sets it HttpOnly, SameSite=Strict, for the whole site, and persistent across browser restarts', () => {
    const header = sessionCookie('planner-session-4317', 'abc');
    const [pair, ...attributes] = header.split('; ');
    expect(pair).toBe('planner-session-4317=abc');
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes.find((a) => a.startsWith('Max-Age='))).toMatch(/^Max-Age=\d{7,}$/);
    expect(attributes).not.toContain('Secure');
  });

  it('reads every value of one name out of a Cookie header, and only that name', () => {
    const header = 'planner-session-4317=a; planner-session-43170=b;other=c; planner-session-4317 = d ; planner-session-4317';
    expect(readCookies(header, 'planner-session-4317')).toEqual(['a', 'd']);
    expect(readCookies(header, 'planner-session-4318')).toEqual([]);
    expect(readCookies(undefined, 'planner-session-4317')).toEqual([]);
    expect(readCookies('', 'planner-session-4317')).toEqual([]);
  });

  it('compares strings of any length without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abd', 'abc')).toBe(false);
    expect(safeEqual('ab', 'abc')).toBe(false);
    expect(safeEqual('', 'abc')).toBe(false);
  });
});

describe('the sign-in page', () => {
  it('says, in Chinese and English, to open the printed address and how to get a new one', () => {
    for (const problem of ['no-session', 'code-refused'] as const) {
      const html = signInPage(problem);
      expect(html).toContain('终端');
      expect(html).toContain('terminal');
      expect(html).toMatch(/restart|start it again/);
      expect(html).not.toMatch(/<script/i);
    }
    expect(signInPage('code-refused')).toContain('already been used');
  });
});
