import { useMemo } from 'react';

/**
 * Reads the clock (`read`, e.g. `localNow`) again whenever `key` changes, and keeps the same
 * reading across the renders in between, so the memos that take it as input stay put. Views pass
 * the document on screen as `key`: the rules that judge "now" see a fresh time after every edit.
 */
export function useClockReading<T>(key: unknown, read: () => T): T {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` says when to read again; `read` is a clock, not an input
  return useMemo(read, [key]);
}
