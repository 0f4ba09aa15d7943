import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from '../../../electron/main/quit-guard';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createQuitGuard', () => {
  it('holds the first quit until the database is closed, then quits and lets that quit through', async () => {
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    const quit = vi.fn();
    const guard = createQuitGuard({ close, quit });

    const first = quitEvent();
    guard(first);
    expect(first.prevented).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(quit).not.toHaveBeenCalled();

    closing.resolve();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));

    const second = quitEvent();
    guard(second);
    expect(second.prevented).toBe(false);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('holds repeated quits while closing without closing twice', async () => {
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    const quit = vi.fn();
    const guard = createQuitGuard({ close, quit });

    guard(quitEvent());
    const again = quitEvent();
    guard(again);
    expect(again.prevented).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);

    closing.resolve();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
  });

  it('still quits when closing fails, and reports the failure', async () => {
    const log = vi.fn();
    const quit = vi.fn();
    const guard = createQuitGuard({ close: () => Promise.reject(new Error('EACCES')), quit, log });
    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'EACCES' }));
  });

  it('quits after the timeout when closing hangs', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const quit = vi.fn();
    const guard = createQuitGuard({ close: () => new Promise<void>(() => undefined), quit, log, timeoutMs: 5000 });
    guard(quitEvent());

    await vi.advanceTimersByTimeAsync(4999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
