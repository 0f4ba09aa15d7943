import { useSyncExternalStore } from 'react';
import type { Contact, InfluenceLine } from '@shared/model/contact';

/** Which card shows its inline name field. Outside React Flow's node data, which stays plain. */
let editingId: string | null = null;
const listeners = new Set<() => void>();

export function setEditing(id: string | null): void {
  editingId = id;
  for (const l of listeners) l();
}

export function useIsEditing(id: string): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => editingId === id,
  );
}

/** Contacts copied with Ctrl/Cmd+C, pasteable into any account. */
export interface MapClipboard {
  contacts: Contact[];
  lines: InfluenceLine[];
}
let clipboard: MapClipboard | null = null;
export const copyToClipboard = (c: MapClipboard) => {
  clipboard = c;
};
export const readClipboard = () => clipboard;
