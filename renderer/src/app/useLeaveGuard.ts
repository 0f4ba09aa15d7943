import { useEffect } from 'react';
import { hasUnsavedWork } from './save-status';

/**
 * While `enabled`, asks before the page goes away with work that is not stored: an edit on its
 * way, one waiting in a form's autosave, or a journal that refuses edits.
 */
export function useLeaveGuard(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedWork()) return;
      event.preventDefault();
      // Engines from before preventDefault() was honoured ask only for a non-empty returnValue.
      event.returnValue = 'unsaved';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [enabled]);
}
