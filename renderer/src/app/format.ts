import { i18n } from '../i18n';

/** Money in the UI language's style, whole units (deal values are estimates). */
export function formatMoney(value: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

/** A stored instant or date as a short local date. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(d);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as the user's own calendar date, `YYYY-MM-DD` (not UTC's). */
export function localToday(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Now as an ISO instant with the user's own offset, so "today" in shared rules is theirs. */
export function localNow(d = new Date()): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${localToday(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A value score (0–100) as shown: whole points, rounded down, so that what is shown never sits
 * above the line of a grade the account did not reach (64.7 shows 64 when A3 starts at 65).
 */
export function formatScore(score: number | null): string {
  return score === null ? '—' : String(Math.floor(score + 1e-9));
}
