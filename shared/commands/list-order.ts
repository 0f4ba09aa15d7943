/** Where the items that `isRemoved` picks stand in a list, in order. */
export function positionsOf<T>(list: readonly T[], isRemoved: (item: T) => boolean): number[] {
  const at: number[] = [];
  list.forEach((item, i) => {
    if (isRemoved(item)) at.push(i);
  });
  return at;
}

/**
 * Puts items back where they stood (`at`, as recorded by {@link positionsOf} when they were
 * removed), so that an undo restores the order too: the map's layout and a board column follow
 * list order. Without positions the items are appended.
 */
export function insertAt<T>(list: readonly T[], items: readonly T[], at?: readonly number[]): T[] {
  if (!at) return [...list, ...items];
  const out = [...list];
  const placed = items.map((item, i) => [at[i] ?? Number.MAX_SAFE_INTEGER, item] as const).sort((a, b) => a[0] - b[0]);
  for (const [pos, item] of placed) out.splice(Math.min(pos, out.length), 0, item);
  return out;
}
