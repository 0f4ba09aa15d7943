import { STORING_CHANNELS, type Channel } from '@shared/api/channels';
import type { Result } from '@shared/errors';

/** Only the channels that change what is stored make the app say "saving". */
const STORING: ReadonlySet<Channel> = new Set(STORING_CHANNELS);

let storing = 0;
const countListeners = new Set<() => void>();
const saveFailedListeners = new Set<() => void>();
const pendingChecks = new Set<() => boolean>();

function bump(by: 1 | -1): void {
  storing += by;
  for (const listener of countListeners) listener();
}

/**
 * Watches one answer from the transport: counts storing calls while they are on their way, and
 * tells the listeners of {@link onSaveFailed} when the store refused to write.
 */
export function track<T>(channel: Channel, answer: Promise<Result<T>>): Promise<Result<T>> {
  const isStoring = STORING.has(channel);
  if (isStoring) bump(1);
  return answer
    .finally(() => {
      if (isStoring) bump(-1);
    })
    .then((result) => {
      if ('error' in result && result.error.code === 'SAVE_FAILED') for (const listener of saveFailedListeners) listener();
      return result;
    });
}

/** Storing calls sent and not answered yet. */
export function savesInFlight(): number {
  return storing;
}

/** Called whenever {@link savesInFlight} changes. */
export function onSavesInFlight(listener: () => void): () => void {
  countListeners.add(listener);
  return () => countListeners.delete(listener);
}

/** Called when any call is answered with SAVE_FAILED. */
export function onSaveFailed(listener: () => void): () => void {
  saveFailedListeners.add(listener);
  return () => saveFailedListeners.delete(listener);
}

/**
 * Lets a form with a debounced autosave say whether it holds edits not sent yet (a timer running,
 * or a refused save waiting to go again), so that leaving the page asks first.
 */
export function registerPendingSave(isPending: () => boolean): () => void {
  pendingChecks.add(isPending);
  return () => pendingChecks.delete(isPending);
}

/** Edits on their way or waiting to be sent. */
export function hasPendingSaves(): boolean {
  if (storing > 0) return true;
  for (const isPending of pendingChecks) if (isPending()) return true;
  return false;
}
