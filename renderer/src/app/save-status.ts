import type { SaveStatus } from '@shared/api/status';
import { api } from '../api/client';
import { downloadBlob } from './download';
import { hasPendingSaves, onSaveFailed, onSavesInFlight, savesInFlight } from '../api/in-flight';

/** How often the store's save state is read while the page is visible. */
export const SAVE_STATUS_POLL_MS = 1000;

/** What the app knows about saving, for the header and the forms. */
export interface SaveState {
  /** The store's last answer to `store:status`; null until the first. */
  status: SaveStatus | null;
  /** A storing call is on its way. */
  saving: boolean;
  /** Why the last `store:status` failed (the local server is gone), or null. */
  readError: unknown;
}

/** What the header shows: a failure first, then work in progress. */
export type SaveIndicatorKind = 'saved' | 'saving' | 'failed' | 'unknown';

export function saveIndicatorKind(s: SaveState): SaveIndicatorKind {
  if (s.status?.state === 'failed') return 'failed';
  if (s.saving) return 'saving';
  if (s.readError !== null) return 'unknown';
  return 'saved';
}

let state: SaveState = { status: null, saving: savesInFlight() > 0, readError: null };
const listeners = new Set<() => void>();

function update(next: Partial<SaveState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function subscribeSaveState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSaveState(): SaveState {
  return state;
}

let polling = 0;
let reading = false;
let readAgain = false;

/** Reads the store's save state now; a read asked for while one is on its way follows it. */
export async function refreshSaveStatus(): Promise<void> {
  if (reading) {
    readAgain = true;
    return;
  }
  reading = true;
  try {
    const status = await api.store.status();
    // Polled every second: only a change re-renders the header and the forms.
    if (state.readError !== null || JSON.stringify(status) !== JSON.stringify(state.status)) update({ status, readError: null });
  } catch (e) {
    update({ readError: e });
  } finally {
    reading = false;
  }
  if (readAgain) {
    readAgain = false;
    await refreshSaveStatus();
  }
}

onSavesInFlight(() => {
  const saving = savesInFlight() > 0;
  if (saving !== state.saving) update({ saving });
  // The answer moved the journal on (or failed): show it now, not at the next tick.
  if (!saving && polling > 0) void refreshSaveStatus();
});

/**
 * Reads the save state about once a second while the page is visible, at once when it becomes
 * visible again, and at once after any call was refused with SAVE_FAILED. Returns the stop.
 */
export function startSaveStatusPolling(): () => void {
  polling++;
  const isVisible = () => document.visibilityState !== 'hidden';
  const interval = setInterval(() => {
    if (isVisible()) void refreshSaveStatus();
  }, SAVE_STATUS_POLL_MS);
  const onVisibility = () => {
    if (isVisible()) void refreshSaveStatus();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const offFailed = onSaveFailed(() => void refreshSaveStatus());
  void refreshSaveStatus();
  return () => {
    polling--;
    clearInterval(interval);
    document.removeEventListener('visibilitychange', onVisibility);
    offFailed();
  };
}

/**
 * Whether leaving now could lose work: an edit on its way or waiting in a form, or a journal that
 * cannot be written (edits are refused, so what the screen shows is not what is stored).
 */
export function hasUnsavedWork(): boolean {
  return hasPendingSaves() || state.status?.problem?.where === 'journal';
}

/** Saves the store's copy of everything as a `.json` download (Electron asks where). */
export async function downloadStoreCopy(): Promise<string> {
  const { fileName, text } = await api.store.copy();
  const name = /\.json$/i.test(fileName) ? fileName : `${fileName}.json`;
  downloadBlob(new Blob([text], { type: 'application/json' }), name);
  return name;
}
