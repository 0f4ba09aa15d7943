import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

/** Tells every view that stored data changed (after an edit, an undo or a redo), so it reloads. */
export function dataChanged(): void {
  version++;
  for (const l of listeners) l();
}

export function useDataVersion(): number {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => version,
  );
}
