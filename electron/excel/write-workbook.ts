import ExcelJS from 'exceljs';
import type { CellValue, ColumnType, SheetData } from '@shared/excel/types';

/** Name of the hidden sheet that holds long dropdown option lists; readWorkbook skips it. */
export const LISTS_SHEET_NAME = 'lists';

/** Data validations reach at least this row so that rows the user adds still get dropdowns. */
export const VALIDATION_MIN_LAST_ROW = 1000;

/** Excel rejects inline list formulas longer than 255 characters. */
const INLINE_LIST_MAX_CHARS = 255;
const SHEET_NAME_MAX_CHARS = 31;
const CELL_TEXT_MAX_CHARS = 32_767;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };

const NUM_FMT: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  money: '#,##0.00',
  // The cell holds the fraction (0.35): a real percent format shows it as 35 %.
  percent: '0%',
  stars: '0',
};
/** Columns users type free text into: format as Text so Excel never evaluates what they type. */
const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['text', 'longText', 'enum', 'id', 'bool']);

export interface WorkbookImage {
  sheetName: string;
  png: Buffer;
  width: number;
  height: number;
}

export interface WriteWorkbookOptions {
  image?: WorkbookImage;
  creator?: string;
}

/**
 * Builds an .xlsx from already-mapped sheets: one worksheet per sheet with a bold, frozen, filtered
 * header, and dropdowns for columns with options. Every text value is a plain string cell formatted
 * as Text, so nothing in the output is ever a formula, even text starting with =, +, -, @ or tab.
 */
export async function writeWorkbook(sheets: SheetData[], opts: WriteWorkbookOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? 'Account Planner';
  wb.created = new Date();

  const names = new SheetNames();
  const hasLongLists = sheets.some((s) => s.columns.some((c) => needsListsSheet(c.options)));
  // Claimed first so that a user sheet called "lists" is the one that gets renamed.
  if (hasLongLists) names.claim(LISTS_SHEET_NAME);
  const listColumns: string[][] = [];

  for (const sheet of sheets) {
    const ws = wb.addWorksheet(names.claim(sheet.name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    writeSheet(ws, sheet, (options) => {
      listColumns.push(options);
      const letter = columnLetter(listColumns.length);
      return `${LISTS_SHEET_NAME}!$${letter}$1:$${letter}$${options.length}`;
    });
  }

  if (opts.image) {
    const ws = wb.addWorksheet(names.claim(opts.image.sheetName));
    const imageId = wb.addImage({ buffer: opts.image.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(imageId, {
      tl: { col: 0, row: 0 },
      ext: { width: opts.image.width, height: opts.image.height },
      editAs: 'oneCell',
    });
  }

  // Excel will not open a workbook without a visible sheet.
  if (wb.worksheets.length === 0) wb.addWorksheet(names.claim('Sheet1'));

  if (hasLongLists) {
    const ws = wb.addWorksheet(LISTS_SHEET_NAME, { state: 'hidden' });
    listColumns.forEach((options, i) => {
      const col = ws.getColumn(i + 1);
      col.numFmt = '@';
      options.forEach((option, r) => {
        setCell(ws.getCell(r + 1, i + 1), option, 'text');
      });
    });
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetData, addLongList: (options: string[]) => string): void {
  const { columns, rows } = sheet;

  columns.forEach((spec, i) => {
    const col = ws.getColumn(i + 1);
    col.width = spec.width > 0 ? spec.width : 12;
    const numFmt = NUM_FMT[spec.type] ?? (TEXT_TYPES.has(spec.type) ? '@' : undefined);
    if (numFmt) col.numFmt = numFmt;
    if (spec.type === 'longText') col.alignment = { wrapText: true, vertical: 'top' };
  });

  const header = ws.getRow(1);
  columns.forEach((spec, i) => {
    const cell = header.getCell(i + 1);
    cell.style = { font: HEADER_FONT, fill: HEADER_FILL, alignment: { vertical: 'middle' } };
    setCell(cell, spec.header, 'text');
  });
  header.commit();

  rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    columns.forEach((spec, c) => {
      const value = values[c] ?? null;
      if (value !== null) setCell(row.getCell(c + 1), value, spec.type);
    });
    // Extra cells beyond the spec are kept rather than silently dropped.
    for (let c = columns.length; c < values.length; c++) {
      const value = values[c] ?? null;
      if (value !== null) setCell(row.getCell(c + 1), value, 'text');
    }
  });

  if (columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }

  const lastRow = Math.max(VALIDATION_MIN_LAST_ROW, rows.length + 1);
  columns.forEach((spec, i) => {
    const options = spec.options?.map(cleanText).filter((o) => o.length > 0);
    if (!options || options.length === 0) return;
    const formula = needsListsSheet(options) ? addLongList(options) : `"${options.join(',')}"`;
    const letter = columnLetter(i + 1);
    dataValidations(ws).add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
    });
  });
}

/** Present at runtime since ExcelJS 4.0 but missing from its typings; accepts a range address. */
function dataValidations(ws: ExcelJS.Worksheet): { add(address: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function setCell(cell: ExcelJS.Cell, value: CellValue, type: ColumnType): void {
  if (value === null) return;
  if (typeof value === 'boolean') {
    cell.value = value;
    return;
  }
  if (typeof value === 'number') {
    cell.value = Number.isFinite(value) ? value : null;
    return;
  }
  if (type === 'date') {
    const date = parseIsoDate(value);
    if (date) {
      cell.value = date;
      return;
    }
  }
  // Always a plain string cell formatted as Text: Excel then never evaluates it, not even when the
  // user edits it, so text such as "=HYPERLINK(...)" or "@SUM(...)" stays inert.
  cell.value = cleanText(value);
  cell.numFmt = '@';
}

/** True for text a spreadsheet would treat as a formula or DDE payload. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

function parseIsoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Removes characters XML 1.0 cannot carry (Excel refuses the file otherwise), caps the length at Excel's cell limit. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it removes
  let out = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  // XML readers turn a raw CR into LF anyway; doing it here makes the round trip predictable.
  out = out.replace(/\r\n?/g, '\n');
  out = out.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  if (out.length > CELL_TEXT_MAX_CHARS) {
    out = out.slice(0, CELL_TEXT_MAX_CHARS);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

function needsListsSheet(options: string[] | undefined): boolean {
  if (!options || options.length === 0) return false;
  // Inline lists are comma-separated inside a quoted string: commas or quotes in an option break it.
  if (options.some((o) => o.includes(',') || o.includes('"'))) return true;
  return options.join(',').length + 2 > INLINE_LIST_MAX_CHARS;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Excel sheet names: ≤31 chars, none of []:*?/\, not blank, unique ignoring case. */
class SheetNames {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    let base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim();
    if (!base) base = 'Sheet';
    base = truncate(base, SHEET_NAME_MAX_CHARS);
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = truncate(base, SHEET_NAME_MAX_CHARS - suffix.length).trimEnd() + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  let out = '';
  for (const ch of chars) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}
