import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountPatch } from '@shared/api/contract';

const update = vi.hoisted(() => vi.fn());
const storeStatus = vi.hoisted(() => vi.fn());
vi.mock('../../renderer/src/api/client', () => ({
  api: { account: { update }, store: { status: storeStatus } },
  ApiError: class ApiError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  },
}));

const { ApiError } = await import('../../renderer/src/api/client');
const { useAccountAutosave } = await import('../../renderer/src/features/valuation/useAccountAutosave');
const { hasPendingSaves } = await import('../../renderer/src/api/in-flight');
const { refreshSaveStatus } = await import('../../renderer/src/app/save-status');

const status = (state: 'saved' | 'failed') => ({
  state,
  problem: state === 'failed' ? { where: 'journal', file: 'p.json.journal', errno: 'ENOSPC', message: 'full', since: '', attempts: 1, nextRetryAt: null } : null,
  dataFile: 'p.json',
  seq: 1,
  unsnapshotted: 0,
  lastSavedAt: null,
});

const sent = () => update.mock.calls.map((c) => (c[0] as { patch: AccountPatch }).patch);

describe('useAccountAutosave when the store cannot write', () => {
  beforeEach(() => {
    update.mockReset();
  });

  it('never says saved while a refused edit is lost, and sends it again under the next one', async () => {
    update.mockRejectedValueOnce(new ApiError('SAVE_FAILED' as never, 'ENOSPC')).mockResolvedValue({});
    const { result, unmount } = renderHook(() => useAccountAutosave('acc-1'));

    act(() => result.current.queue({ grade: 'A1', valueFactors: { potential: 2 } }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('failed'));
    // Not stored and not on its way: leaving the page must ask.
    expect(hasPendingSaves()).toBe(true);

    // The disk works again; the next edit carries the refused one, the newer value winning.
    act(() => result.current.queue({ valueFactors: { potential: 4 } }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('saved'));
    expect(sent()).toEqual([{ grade: 'A1', valueFactors: { potential: 2 } }, { grade: 'A1', valueFactors: { potential: 4 } }]);
    expect(hasPendingSaves()).toBe(false);
    unmount();
  });

  it('does not send again what the store refused as invalid', async () => {
    update.mockRejectedValueOnce(new ApiError('VALIDATION' as never, 'grade: invalid')).mockResolvedValue({});
    const { result, unmount } = renderHook(() => useAccountAutosave('acc-1'));
    act(() => result.current.queue({ grade: 'A1' }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('failed'));
    act(() => result.current.queue({ notes: 'met the GM' }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('saved'));
    expect(sent()).toEqual([{ grade: 'A1' }, { notes: 'met the GM' }]);
    unmount();
  });

  it('sends a refused edit again by itself once the store can write again', async () => {
    update.mockRejectedValueOnce(new ApiError('SAVE_FAILED' as never, 'ENOSPC')).mockResolvedValue({});
    storeStatus.mockResolvedValue(status('failed'));
    await refreshSaveStatus();
    const { result, unmount } = renderHook(() => useAccountAutosave('acc-1'));
    act(() => result.current.queue({ grade: 'C1' }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('failed'));
    expect(sent()).toEqual([{ grade: 'C1' }]);
    // The disk is back: the store's status says so, and the refused edit goes out with no new edit.
    storeStatus.mockResolvedValue(status('saved'));
    await act(() => refreshSaveStatus());
    await waitFor(() => expect(result.current.state.kind).toBe('saved'));
    expect(sent()).toEqual([{ grade: 'C1' }, { grade: 'C1' }]);
    unmount();
  });

  it('sends a refused edit again when the view closes', async () => {
    update.mockRejectedValueOnce(new ApiError('SAVE_FAILED' as never, 'ENOSPC')).mockResolvedValue({});
    const { result, unmount } = renderHook(() => useAccountAutosave('acc-1'));
    act(() => result.current.queue({ grade: 'B2' }, true));
    await waitFor(() => expect(result.current.state.kind).toBe('failed'));
    unmount();
    await waitFor(() => expect(sent()).toEqual([{ grade: 'B2' }, { grade: 'B2' }]));
  });
});
