import type { FieldDef } from './columns';
import { enumWhat, message, parseEnum, parseYesNo, type Locale, type MessageCode } from './labels';
import type { CellValue } from './types';

/** The result of reading one cell: a value, or a message saying why it cannot be read. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): CellResult<never> => ({
  ok: false,
  message: message(code, locale, params),
});

/** A cell as text; numbers and booleans as typed. Blank is ''. */
export function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  return String(cell);
}

export function isBlank(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Reads a date cell: 'YYYY-MM-DD' (what the reader hands over), also 'YYYY/M/D', 'YYYY.M.D',
 * 'YYYY年M月D日', an ISO timestamp (its date part), or an Excel serial day number.
 */
export function parseDate(cell: CellValue, locale: Locale): CellResult<string> {
  if (typeof cell === 'number') {
    if (Number.isFinite(cell) && cell >= 1 && cell < 2_958_466) {
      const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000);
      const d = validDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
      if (d) return ok(d);
    }
    return fail('notDate', locale, { value: cellText(cell) });
  }
  const s = cellText(cell).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(s);
  if (m) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return ok(d);
  }
  return fail('notDate', locale, { value: s });
}

/**
 * Reads a number cell. Text may carry thousands separators, a currency sign or code, and the
 * Chinese multipliers 万 (10⁴) and 亿 (10⁸): "¥1,200,000", "120万".
 */
export function parseNumber(cell: CellValue, locale: Locale): CellResult<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('notNumber', locale, { value: String(cell) });
  const raw = cellText(cell).trim();
  let s = raw.normalize('NFKC').replace(/[\s,，]/g, '').replace(/^(?:[¥￥$€£]|CNY|RMB|USD|EUR|元)+/i, '').replace(/(?:元|CNY|RMB|USD|EUR)$/i, '');
  let factor = 1;
  if (s.endsWith('万')) {
    factor = 1e4;
    s = s.slice(0, -1);
  } else if (s.endsWith('亿')) {
    factor = 1e8;
    s = s.slice(0, -1);
  }
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(s)) return fail('notNumber', locale, { value: raw });
  return ok(Number((Number(s) * factor).toPrecision(15)));
}

/**
 * Reads a percent cell into 0–100. A number from 0 to 1 is a fraction (what a cell formatted as
 * a percentage holds: 0.35 = 35 %); a larger number is already in percent; text may end in '%'.
 */
export function parsePercent(cell: CellValue, locale: Locale): CellResult<number> {
  const s = cellText(cell).trim();
  if (typeof cell === 'string' && /[%％]$/.test(s)) {
    const n = parseNumber(s.slice(0, -1), locale);
    return n.ok ? ok(n.value) : fail('notNumber', locale, { value: s });
  }
  const n = parseNumber(cell, locale);
  if (!n.ok) return n;
  return ok(Math.abs(n.value) <= 1 ? Number((n.value * 100).toPrecision(12)) : n.value);
}

/** Writes a 0–100 percentage as the fraction a percent-formatted cell holds. */
export function percentCell(value: number): number {
  return Number((value / 100).toPrecision(12));
}

export function parseBool(cell: CellValue, locale: Locale): CellResult<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number' && (cell === 0 || cell === 1)) return ok(cell === 1);
  const b = parseYesNo(cellText(cell));
  return b === undefined ? fail('notYesNo', locale, { value: cellText(cell) }) : ok(b);
}

/** Reads stars: 0–5 as a number, as "★★★", or as "3星" / "3 stars". */
export function parseStars(cell: CellValue, locale: Locale): CellResult<number> {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 && cell <= 5 ? ok(cell) : fail('stars', locale);
  const s = cellText(cell).trim();
  if (/^[★☆\s]+$/.test(s)) return ok([...s].filter((c) => c === '★').length);
  const m = /^(\d+)\s*(?:星|stars?)?$/i.exec(s.normalize('NFKC'));
  if (m) {
    const n = Number(m[1]);
    if (n >= 0 && n <= 5) return ok(n);
  }
  return fail('stars', locale);
}

export function parseEnumCell(field: FieldDef, cell: CellValue, locale: Locale): CellResult<string> {
  const name = field.enum!;
  const s = cellText(cell).trim();
  const v = parseEnum(name, s);
  return v === undefined ? fail('unknownEnum', locale, { what: enumWhat(name, locale), value: s }) : ok(v);
}

/**
 * Reads a non-blank cell by its field's type and checks the field's range and length. Returns the
 * domain value (text trimmed for single-line fields only; long text is kept as written).
 */
export function parseCell(field: FieldDef, header: string, cell: CellValue, locale: Locale): CellResult<unknown> {
  switch (field.type) {
    case 'text':
    case 'id':
    case 'longText': {
      const s = field.type === 'longText' ? cellText(cell) : cellText(cell).trim();
      if (field.max !== undefined && s.length > field.max) return fail('tooLong', locale, { column: header, max: field.max });
      return ok(s);
    }
    case 'number':
    case 'money':
    case 'percent': {
      const n = field.type === 'percent' ? parsePercent(cell, locale) : parseNumber(cell, locale);
      if (!n.ok) return n;
      const { min, maxValue } = field;
      if ((field.integer && !Number.isInteger(n.value)) || (min !== undefined && n.value < min) || (maxValue !== undefined && n.value > maxValue)) {
        return fail('range', locale, { column: header, min: min ?? '', max: maxValue ?? '' });
      }
      return n;
    }
    case 'date':
      return parseDate(cell, locale);
    case 'bool':
      return parseBool(cell, locale);
    case 'stars':
      return parseStars(cell, locale);
    case 'enum':
      return parseEnumCell(field, cell, locale);
  }
}
