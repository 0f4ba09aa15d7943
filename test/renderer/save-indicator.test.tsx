import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveProblem, SaveStatus } from '@shared/api/status';
import type { Result } from '@shared/errors';

const store = vi.hoisted(() => ({ status: null as unknown as SaveStatus }));
const status = vi.hoisted(() => vi.fn(async () => store.status));
const copy = vi.hoisted(() => vi.fn(async () => ({ fileName: 'planner copy 2026-12-02', text: '{"schemaVersion":1}' })));
vi.mock('../../renderer/src/api/client', () => ({
  api: { store: { status, copy } },
  ApiError: class ApiError extends Error {},
}));

const { SaveIndicator, SaveProblemBar } = await import('../../renderer/src/app/SaveIndicator');
const { useLeaveGuard } = await import('../../renderer/src/app/useLeaveGuard');
const { track, registerPendingSave } = await import('../../renderer/src/api/in-flight');
const { i18n } = await import('../../renderer/src/i18n');

const DATA_FILE = '/home/me/.config/Account Planner/planner.json';

function saved(over: Partial<SaveStatus> = {}): SaveStatus {
  return { state: 'saved', problem: null, dataFile: DATA_FILE, seq: 4, unsnapshotted: 0, lastSavedAt: '2026-12-02T09:00:00.000Z', ...over };
}

function failed(problem: Partial<SaveProblem>): SaveStatus {
  return saved({
    state: 'failed',
    problem: {
      where: 'journal',
      file: `${DATA_FILE}.journal`,
      errno: 'ENOSPC',
      message: 'ENOSPC: no space left on device, write',
      since: '2026-12-02T09:01:00.000Z',
      attempts: 1,
      nextRetryAt: null,
      ...problem,
    },
  });
}

/** An answer as the transport gives it, through the client's in-flight tracking. */
function answer(channel: 'account:update' | 'plan:apply', result: Result<unknown>) {
  return act(() => track(channel, Promise.resolve(result)));
}

function LeaveGuard() {
  useLeaveGuard(true);
  return null;
}

const wrap = (ui: ReactNode) =>
  render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>{ui}</I18nextProvider>
    </MantineProvider>,
  );

function renderFrame() {
  return wrap(
    <>
      <SaveIndicator />
      <SaveProblemBar />
      <LeaveGuard />
    </>,
  );
}

/** Whether leaving the page now would ask first. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('the save indicator', () => {
  beforeEach(async () => {
    store.status = saved();
    status.mockClear();
    copy.mockClear();
    await i18n.changeLanguage('en');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says saved, then not saved with the reason and the file as soon as an edit is refused, then saved again', async () => {
    renderFrame();
    const indicator = await screen.findByTestId('save-indicator');
    await waitFor(() => expect(indicator).toHaveAttribute('data-last-saved', '2026-12-02T09:00:00.000Z'));
    expect(indicator).toHaveTextContent('All changes saved');
    expect(screen.queryByTestId('save-problem')).toBeNull();
    expect(leavingAsks()).toBe(false);

    // The disk fills up: the next edit is refused, and the header says so at once, not a second later.
    store.status = failed({});
    const before = status.mock.calls.length;
    await answer('account:update', { error: { code: 'SAVE_FAILED', message: 'ENOSPC: no space left on device' } });
    // Well within the poll's second.
    await waitFor(() => expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-state', 'failed'), { timeout: 500 });
    expect(status.mock.calls.length).toBeGreaterThan(before);
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('Not saved: the disk is full');
    const bar = screen.getByTestId('save-problem');
    expect(bar).toHaveAttribute('data-where', 'journal');
    expect(within(bar).getByText('Not saved: the disk is full')).toBeVisible();
    expect(bar).toHaveTextContent(`File: ${DATA_FILE}.journal`);
    expect(bar).toHaveTextContent('Edits are refused until this is fixed');
    expect(within(bar).getByTestId('save-copy')).toHaveTextContent('Save a copy…');
    // What the screen shows is not stored: leaving asks.
    expect(leavingAsks()).toBe(true);

    // In Chinese too.
    await act(() => i18n.changeLanguage('zh-CN'));
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('未保存: 磁盘已满');
    expect(screen.getByTestId('save-problem')).toHaveTextContent('未保存：磁盘已满');
    expect(screen.getByTestId('save-problem')).toHaveTextContent(`文件：${DATA_FILE}.journal`);

    // Space freed: the next poll clears the bar and the header says saved again.
    store.status = saved({ lastSavedAt: '2026-12-02T09:05:00.000Z', seq: 5 });
    await waitFor(() => expect(screen.queryByTestId('save-problem')).toBeNull(), { timeout: 3000 });
    expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saved');
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('所有修改已保存');
    expect(leavingAsks()).toBe(false);
  });

  it('says saving while a storing call is on its way, and leaving asks meanwhile', async () => {
    renderFrame();
    await waitFor(() => expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-last-saved', '2026-12-02T09:00:00.000Z'));
    let resolve!: (r: Result<unknown>) => void;
    let done!: Promise<unknown>;
    act(() => {
      done = track('plan:apply', new Promise<Result<unknown>>((r) => (resolve = r)));
    });
    expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saving');
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('Saving…');
    expect(leavingAsks()).toBe(true);
    // Reads do not count.
    await act(() => track('account:get' as never, Promise.resolve({ data: null })));
    expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saving');

    await act(async () => {
      resolve({ data: { updatedAt: '2026-12-02T09:00:01.000Z' } });
      await done;
    });
    expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saved');
    expect(leavingAsks()).toBe(false);
  });

  it('asks before leaving while a form holds an edit it has not sent', async () => {
    renderFrame();
    let waiting = true;
    const unregister = registerPendingSave(() => waiting);
    expect(leavingAsks()).toBe(true);
    waiting = false;
    expect(leavingAsks()).toBe(false);
    unregister();
  });

  it('for a data file that cannot be rewritten, says the edits are safe and when it tries again', async () => {
    store.status = failed({ where: 'snapshot', file: DATA_FILE, errno: 'EIO', attempts: 3, nextRetryAt: '2026-12-02T09:02:30.000Z' });
    renderFrame();
    const bar = await screen.findByTestId('save-problem');
    expect(bar).toHaveAttribute('data-where', 'snapshot');
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('Not saved: the disk reported an error');
    expect(bar).toHaveTextContent(`File: ${DATA_FILE}`);
    const retryAt = new Intl.DateTimeFormat('en', { timeStyle: 'medium' }).format(new Date('2026-12-02T09:02:30.000Z'));
    expect(bar).toHaveTextContent(`Your edits are safe in the journal; the data file will be rewritten when possible (next try at ${retryAt}).`);
    expect(bar).toHaveTextContent('3 attempts');
    // The journal has every edit: nothing on screen is lost by leaving.
    expect(leavingAsks()).toBe(false);
  });

  it('names read-only and unknown failures in words, never the bare code', async () => {
    store.status = failed({ errno: 'EROFS' });
    renderFrame();
    await waitFor(() => expect(screen.getByTestId('save-indicator')).toHaveTextContent('Not saved: the file cannot be written (read-only or no permission)'));
    store.status = failed({ errno: 'EWHATEVER' });
    await answer('account:update', { error: { code: 'SAVE_FAILED', message: 'EWHATEVER' } });
    await waitFor(() => expect(screen.getByTestId('save-indicator')).toHaveAttribute('data-reason', 'generic'));
    expect(screen.getByTestId('save-indicator')).toHaveTextContent('Not saved: the file cannot be written');
  });

  it('"Save a copy…" downloads everything stored as a .json file', async () => {
    store.status = failed({});
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:copy');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href });
    });
    renderFrame();
    await userEvent.click(await screen.findByTestId('save-copy'));
    await waitFor(() => expect(clicked).toEqual([{ name: 'planner copy 2026-12-02.json', href: 'blob:copy' }]));
    expect(copy).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe('{"schemaVersion":1}');
  });
});
