/** One undoable step; both directions go through the API like the original edit. */
export interface UndoEntry {
  label: string;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

/**
 * The renderer's command history. Lives outside React so that it survives switching pages and tabs.
 */
export class UndoHistory {
  private done: UndoEntry[] = [];
  private undone: UndoEntry[] = [];
  private listeners = new Set<() => void>();
  private busy = false;

  constructor(private readonly limit = 200) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit() {
    for (const l of this.listeners) l();
  }

  get canUndo() {
    return this.done.length > 0;
  }
  get canRedo() {
    return this.undone.length > 0;
  }

  push(entry: UndoEntry): UndoEntry {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    this.emit();
    return entry;
  }

  isLatest(entry: UndoEntry): boolean {
    return this.done.at(-1) === entry;
  }

  /** Undoes the last step; returns its label, or null when there was nothing (or a step is running). */
  async undo(): Promise<string | null> {
    return this.move(this.done, this.undone, 'undo');
  }

  async redo(): Promise<string | null> {
    return this.move(this.undone, this.done, 'redo');
  }

  private async move(from: UndoEntry[], to: UndoEntry[], how: 'undo' | 'redo'): Promise<string | null> {
    if (this.busy) return null;
    const entry = from.pop();
    if (!entry) return null;
    this.busy = true;
    try {
      await entry[how]();
      to.push(entry);
      return entry.label;
    } finally {
      // A step whose replay failed (its target is gone) has been dropped, not retried forever.
      this.busy = false;
      this.emit();
    }
  }
}

export const history = new UndoHistory();
