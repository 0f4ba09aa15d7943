const DAY_MS = 86_400_000;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * The calendar date (`YYYY-MM-DD`) written in a date or an ISO timestamp: its first ten
 * characters, not the UTC date. Pass `now` with the user's own offset
 * (`2024-05-02T07:00:00+08:00`) and "today" is the user's today.
 * @throws RangeError when `value` is neither a real date nor a timestamp.
 */
export function calendarDate(value: string, name = 'date'): string {
  const m = DATE_PREFIX.exec(value);
  const date = value.slice(0, 10);
  if (!m || Number.isNaN(Date.parse(value)) || !isRealDate(date)) {
    throw new RangeError(`${name} is not a date or timestamp: ${value}`);
  }
  return date;
}

/** Whole days from calendar date `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

function isRealDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
