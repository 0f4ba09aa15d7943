import { useCallback, useState } from 'react';
import type { Grade } from '@shared/model/vocabulary';
import { i18n } from '../../i18n';

/** The colour of a grade's badge: A teal, B blue, C grey. */
export const gradeColor = (g: Grade): string => (g.startsWith('A') ? 'teal' : g.startsWith('B') ? 'blue' : 'gray');

/** A share (0–1) as a whole percentage in the UI language's style: 0.25 → "25%". */
export function formatPercent(share: number): string {
  return new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Money in a short form for chart axes: "CN¥1.2M", "¥120万". */
export function formatMoneyCompact(value: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/**
 * State kept for the browser tab's session, so the portfolio comes back as it was left (view,
 * sort, filters) after opening an account and returning.
 */
export function useSessionState<T>(key: string, initial: T, valid: (v: unknown) => v is T): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(key);
      const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
      return valid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.sessionStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the state still works for this visit.
      }
    },
    [key],
  );
  return [value, set];
}
