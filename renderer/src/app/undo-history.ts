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

  /** Undoes the last step; returns its label, or null when there was nothing to undo. */
  undo(): Promise<string | null> {
    return this.enqueue(() => this.move(this.done, this.undone, 'undo'));
  }

  redo(): Promise<string | null> {
    return this.enqueue(() => this.move(this.undone, this.done, 'redo'));
  }

  // Steps run one after another: a quick Ctrl+Z, Ctrl+Z must undo two steps, in order.
  private queue: Promise<unknown> = Promise.resolve();

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async move(from: UndoEntry[], to: UndoEntry[], how: 'undo' | 'redo'): Promise<string | null> {
    const entry = from.pop();
    if (!entry) return null;
    try {
      await entry[how]();
      to.push(entry);
      return entry.label;
    } finally {
      // A step whose replay failed (its target is gone) has been dropped, not retried forever.
      this.emit();
    }
  }
}

export const history = new UndoHistory();
