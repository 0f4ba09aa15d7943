import { describe, expect, it } from 'vitest';
import { UndoHistory } from '../../renderer/src/app/undo-history';

function counter() {
  const log: string[] = [];
  const entry = (label: string) => ({
    label,
    undo: async () => void log.push(`undo ${label}`),
    redo: async () => void log.push(`redo ${label}`),
  });
  return { log, entry };
}

describe('UndoHistory', () => {
  it('undoes in reverse order and redoes in order', async () => {
    const h = new UndoHistory();
    const { log, entry } = counter();
    h.push(entry('a'));
    h.push(entry('b'));
    expect(await h.undo()).toBe('b');
    expect(await h.undo()).toBe('a');
    expect(await h.undo()).toBeNull();
    expect(await h.redo()).toBe('a');
    expect(log).toEqual(['undo b', 'undo a', 'redo a']);
    expect(h.canRedo).toBe(true);
  });

  it('a new edit clears the redo stack', async () => {
    const h = new UndoHistory();
    const { entry } = counter();
    h.push(entry('a'));
    await h.undo();
    h.push(entry('b'));
    expect(h.canRedo).toBe(false);
    expect(await h.redo()).toBeNull();
  });

  it('keeps at least 100 steps and forgets the oldest beyond its limit', async () => {
    const h = new UndoHistory(150);
    const { entry } = counter();
    for (let i = 0; i < 160; i++) h.push(entry(String(i)));
    const undone: (string | null)[] = [];
    for (let i = 0; i < 160; i++) undone.push(await h.undo());
    expect(undone.filter((x) => x !== null)).toHaveLength(150);
    expect(undone[0]).toBe('159');
    expect(undone[149]).toBe('10');
  });

  it('drops a step whose replay fails instead of retrying it forever', async () => {
    const h = new UndoHistory();
    h.push({ label: 'x', undo: () => Promise.reject(new Error('gone')), redo: async () => undefined });
    await expect(h.undo()).rejects.toThrow('gone');
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
  });

  it('isLatest tells whether an entry is still the last step', () => {
    const h = new UndoHistory();
    const { entry } = counter();
    const a = h.push(entry('a'));
    expect(h.isLatest(a)).toBe(true);
    h.push(entry('b'));
    expect(h.isLatest(a)).toBe(false);
  });
});
