import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveStatus } from '@shared/api/status';
import {
  askBeforeQuit,
  createQuitGuard,
  isQuitRisky,
  trackDispatch,
  type QuitAnswer,
  type QuitDialogs,
} from '../../../electron/main/quit-guard';

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

function saveStatus(over: Partial<SaveStatus> = {}): SaveStatus {
  return { state: 'saved', problem: null, dataFile: '/data/planner.json', seq: 3, unsnapshotted: 0, lastSavedAt: '2026-12-02T09:00:00.000Z', ...over };
}

function journalProblem(errno: string | null = 'ENOSPC'): SaveStatus {
  return saveStatus({
    state: 'failed',
    problem: {
      where: 'journal',
      file: '/data/planner.json.journal',
      errno,
      message: `${errno}: no space left on device, write`,
      since: '2026-12-02T09:01:00.000Z',
      attempts: 2,
      nextRetryAt: null,
    },
  });
}

describe('createQuitGuard with unsaved work', () => {
  it('does not ask when nothing is unsaved', async () => {
    const askBeforeQuit = vi.fn(async () => 'cancel' as const);
    const quit = vi.fn();
    const guard = createQuitGuard({ close: async () => undefined, quit, hasUnsavedWork: () => false, askBeforeQuit });
    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(askBeforeQuit).not.toHaveBeenCalled();
  });

  it('asks first, and a cancelled quit closes nothing; the next quit asks again', async () => {
    const answers: QuitAnswer[] = ['cancel', 'quit'];
    const askBeforeQuit = vi.fn(async () => answers.shift()!);
    const close = vi.fn(async () => undefined);
    const quit = vi.fn();
    const onCancel = vi.fn();
    const guard = createQuitGuard({ close, quit, hasUnsavedWork: () => true, askBeforeQuit, onCancel });

    const first = quitEvent();
    guard(first);
    expect(first.prevented).toBe(true);
    await vi.waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(close).not.toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();

    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(askBeforeQuit).toHaveBeenCalledTimes(2);
    expect(close).toHaveBeenCalledTimes(1);
    // The quit it asked for goes through without another question.
    const last = quitEvent();
    guard(last);
    expect(last.prevented).toBe(false);
  });

  it('holds quits while the question is open without asking twice', async () => {
    let answer!: (a: QuitAnswer) => void;
    const askBeforeQuit = vi.fn(() => new Promise<QuitAnswer>((resolve) => (answer = resolve)));
    const close = vi.fn(async () => undefined);
    const quit = vi.fn();
    const guard = createQuitGuard({ close, quit, hasUnsavedWork: () => true, askBeforeQuit });
    guard(quitEvent());
    const again = quitEvent();
    guard(again);
    expect(again.prevented).toBe(true);
    const windowClose = quitEvent();
    guard.windowClosing(windowClose);
    expect(windowClose.prevented).toBe(true);
    expect(askBeforeQuit).toHaveBeenCalledTimes(1);
    answer('quit');
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('quits when the question itself fails, and reports why', async () => {
    const log = vi.fn();
    const quit = vi.fn();
    const guard = createQuitGuard({
      close: async () => undefined,
      quit,
      log,
      hasUnsavedWork: () => true,
      askBeforeQuit: () => Promise.reject(new Error('no display')),
    });
    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'no display' }));
  });

  it('asks when the last window is closed, keeps it open on cancel, and quits once on "quit anyway"', async () => {
    const answers: QuitAnswer[] = ['cancel', 'quit'];
    const askBeforeQuit = vi.fn(async () => answers.shift()!);
    const close = vi.fn(async () => undefined);
    const quit = vi.fn();
    const onCancel = vi.fn();
    const guard = createQuitGuard({ close, quit, hasUnsavedWork: () => true, askBeforeQuit, onCancel });

    const first = quitEvent();
    guard.windowClosing(first);
    expect(first.prevented).toBe(true);
    await vi.waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(quit).not.toHaveBeenCalled();

    const second = quitEvent();
    guard.windowClosing(second);
    expect(second.prevented).toBe(true);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));

    // app.quit() → before-quit: no second question, the database closes, the app quits.
    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(2));
    expect(askBeforeQuit).toHaveBeenCalledTimes(2);
    expect(close).toHaveBeenCalledTimes(1);
    // The windows closing on the way out are not held.
    const closing = quitEvent();
    guard.windowClosing(closing);
    expect(closing.prevented).toBe(false);
  });

  it('lets a window close without asking when nothing is unsaved', () => {
    const askBeforeQuit = vi.fn(async () => 'quit' as const);
    const guard = createQuitGuard({ close: async () => undefined, quit: vi.fn(), hasUnsavedWork: () => false, askBeforeQuit });
    const event = quitEvent();
    guard.windowClosing(event);
    expect(event.prevented).toBe(false);
    expect(askBeforeQuit).not.toHaveBeenCalled();
  });
});

describe('isQuitRisky', () => {
  it('is true only while the journal refuses edits', () => {
    expect(isQuitRisky(saveStatus())).toBe(false);
    expect(isQuitRisky(journalProblem())).toBe(true);
    const snapshot = journalProblem();
    snapshot.problem = { ...snapshot.problem!, where: 'snapshot', file: '/data/planner.json', nextRetryAt: '2026-12-02T09:02:00.000Z' };
    // The journal holds every edit; the next start replays it.
    expect(isQuitRisky(snapshot)).toBe(false);
  });
});

/** Fake dialogs answering from a script: message box responses and save-dialog paths in order. */
function fakeDialogs(responses: number[], paths: (string | null)[]) {
  const shown: Parameters<QuitDialogs['showMessageBox']>[0][] = [];
  const saveDialogs: Parameters<QuitDialogs['showSaveDialog']>[0][] = [];
  const dialogs: QuitDialogs = {
    showMessageBox: async (options) => {
      shown.push(options);
      if (options.type === 'error') return { response: 0 };
      const response = responses.shift();
      if (response === undefined) throw new Error('asked more often than scripted');
      return { response };
    },
    showSaveDialog: async (options) => {
      saveDialogs.push(options);
      const filePath = paths.shift() ?? null;
      return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
    },
  };
  return { dialogs, shown, saveDialogs };
}

describe('askBeforeQuit', () => {
  const base = { status: journalProblem(), locale: 'en' as const, defaultCopyPath: '/home/me/Documents/planner copy.json' };

  it('says why in the user’s language and offers Quit anyway / Save a copy… / Cancel', async () => {
    const { dialogs, shown } = fakeDialogs([0], []);
    expect(await askBeforeQuit({ ...base, dialogs, saveCopy: vi.fn() })).toBe('quit');
    expect(shown[0]).toMatchObject({ type: 'warning', buttons: ['Quit anyway', 'Save a copy…', 'Cancel'], cancelId: 2 });
    expect(shown[0]!.detail).toContain('The disk is full: /data/planner.json.journal');

    const zh = fakeDialogs([2], []);
    expect(await askBeforeQuit({ ...base, status: journalProblem('EROFS'), locale: 'zh-CN', dialogs: zh.dialogs, saveCopy: vi.fn() })).toBe('cancel');
    expect(zh.shown[0]!.buttons).toEqual(['仍然退出', '另存一份…', '取消']);
    expect(zh.shown[0]!.detail).toContain('文件无法写入（只读或没有权限）');
  });

  it('"Save a copy…" asks where, writes the copy there and quits', async () => {
    const { dialogs, saveDialogs } = fakeDialogs([1], ['/media/usb/planner copy.json']);
    const saveCopy = vi.fn(async () => undefined);
    expect(await askBeforeQuit({ ...base, dialogs, saveCopy })).toBe('quit');
    expect(saveCopy).toHaveBeenCalledWith('/media/usb/planner copy.json');
    expect(saveDialogs[0]).toMatchObject({ defaultPath: base.defaultCopyPath, filters: [{ extensions: ['json'] }] });
  });

  it('asks again when the save dialog is cancelled or the copy cannot be written', async () => {
    const { dialogs, shown } = fakeDialogs([1, 1, 2], [null, '/full/disk.json']);
    const saveCopy = vi.fn(async () => {
      throw new Error('ENOSPC: no space left on device');
    });
    expect(await askBeforeQuit({ ...base, dialogs, saveCopy })).toBe('cancel');
    expect(saveCopy).toHaveBeenCalledTimes(1);
    const error = shown.find((o) => o.type === 'error');
    expect(error?.message).toBe('The copy could not be saved.');
    expect(error?.detail).toContain('ENOSPC');
    expect(shown.filter((o) => o.type === 'warning')).toHaveLength(3);
  });
});

describe('trackDispatch', () => {
  it('settles once every dispatch on its way has been answered', async () => {
    let answer!: () => void;
    const inner = vi.fn(() => new Promise<{ data: unknown }>((resolve) => (answer = () => resolve({ data: 1 }))));
    const tracked = trackDispatch(inner);
    await expect(tracked.settled()).resolves.toBeUndefined();
    const call = tracked.dispatch('account:update', {});
    let settled = false;
    void tracked.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    answer();
    await expect(call).resolves.toEqual({ data: 1 });
    await vi.waitFor(() => expect(settled).toBe(true));
  });
});
