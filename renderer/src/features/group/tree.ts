import type { Division } from '@shared/model/account';

/** The division and every division below it: where it cannot be moved without closing a loop. */
export function subtreeOf(divisions: readonly Division[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of divisions) {
      if (d.parentId !== null && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}
