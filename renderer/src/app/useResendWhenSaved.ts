import { useEffect, useRef } from 'react';
import { getSaveState, subscribeSaveState } from './save-status';

/**
 * Calls `resend` when the store can write again after a failure (the journal's problem cleared),
 * so that an autosave it refused goes out without waiting for the user's next keystroke.
 */
export function useResendWhenSaved(resend: () => void): void {
  const latest = useRef(resend);
  latest.current = resend;
  useEffect(() => {
    let failed = getSaveState().status?.state === 'failed';
    return subscribeSaveState(() => {
      const now = getSaveState().status?.state === 'failed';
      if (failed && !now) latest.current();
      failed = now;
    });
  }, []);
}
