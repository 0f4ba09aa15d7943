import { useSyncExternalStore } from 'react';
import { getSaveState, subscribeSaveState, type SaveState } from './save-status';

/**
 * The app's save state (the store's last status and whether an edit is on its way). Reading it
 * does not poll: the header's indicator does that for everyone.
 */
export function useSaveStatus(): SaveState {
  return useSyncExternalStore(subscribeSaveState, getSaveState);
}
