import ExcelJS from 'exceljs';
import type { CellValue, RawSheet } from '@shared/excel/types';
import { LISTS_SHEET_NAME } from './write-workbook';

export type ExcelImportErrorCode = 'NOT_XLSX' | 'ENCRYPTED' | 'CORRUPT' | 'TOO_LARGE' | 'ZIP_BOMB' | 'EMPTY';

/** A workbook the importer refuses, with a message that names the file. */
export class ExcelImportError extends Error {
  override readonly name = 'ExcelImportError';
  constructor(
    readonly code: ExcelImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadLimits {
  /** Largest file accepted, checked before anything is parsed. Default 50 MiB. */
  maxBytes?: number;
  /** Largest sum of the uncompressed sizes the zip declares. Default 300 MiB. */
  maxUnzippedBytes?: number;
  /** Most zip entries accepted. Default 10,000. */
  maxEntries?: number;
}

export const DEFAULT_READ_LIMITS: Required<ReadLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxUnzippedBytes: 300 * 1024 * 1024,
  maxEntries: 10_000,
};

const ZIP_LOCAL_SIG = 0x04034b50;
const ZIP_EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const ZIP_CENTRAL_SIG = 0x02014b50;
const CFB_SIG = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Reads every visible sheet of an .xlsx into raw rows: header = first non-blank row, data rows keep
 * their 1-based Excel row number, blank rows are dropped, merged cells repeat the master's value,
 * formulas give their cached result and dates become 'YYYY-MM-DD'. The zip's central directory is
 * checked against `limits` before anything is inflated.
 */
export async function readWorkbook(bytes: Buffer, fileName: string, limits: ReadLimits = {}): Promise<RawSheet[]> {
  const lim = { ...DEFAULT_READ_LIMITS, ...limits };
  const file = `"${fileName}"`;

  if (bytes.length > lim.maxBytes) {
    throw new ExcelImportError(
      'TOO_LARGE',
      `${file} is too large (${formatMiB(bytes.length)}); the limit is ${formatMiB(lim.maxBytes)}.`,
    );
  }
  if (bytes.length >= CFB_SIG.length && bytes.subarray(0, CFB_SIG.length).equals(CFB_SIG)) {
    throw new ExcelImportError(
      'ENCRYPTED',
      `${file} is password-protected, or an old .xls: save it as .xlsx without a password.`,
    );
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== ZIP_LOCAL_SIG) {
    throw new ExcelImportError('NOT_XLSX', `${file} is not an Excel workbook (.xlsx).`);
  }

  const zip = inspectZip(bytes);
  if (!zip) {
    throw new ExcelImportError('CORRUPT', `${file} is damaged or incomplete and cannot be opened.`);
  }
  if (zip.entries > lim.maxEntries || zip.unzippedBytes > lim.maxUnzippedBytes) {
    throw new ExcelImportError(
      'ZIP_BOMB',
      `${file} unpacks to more than the allowed size (${zip.entries} parts, ${formatMiB(zip.unzippedBytes)} declared); it was not opened.`,
    );
  }
  if (!zip.names.has('xl/workbook.xml')) {
    throw new ExcelImportError('NOT_XLSX', `${file} is a zip file but not an Excel workbook (.xlsx).`);
  }

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new ExcelImportError('CORRUPT', `${file} is damaged or incomplete and cannot be opened.`);
  }

  const sheets: RawSheet[] = [];
  wb.eachSheet((ws) => {
    if (ws.state !== 'visible' && ws.name.toLowerCase() === LISTS_SHEET_NAME) return;
    const sheet = readSheet(ws);
    if (sheet) sheets.push(sheet);
  });
  if (sheets.length === 0) {
    throw new ExcelImportError('EMPTY', `${file} contains no data.`);
  }
  return sheets;
}

function readSheet(ws: ExcelJS.Worksheet): RawSheet | null {
  const rows: { excelRow: number; cells: CellValue[] }[] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // ExcelJS gives every cell of a merged range a cell object pointing at the master.
      const value = toCellValue(cell.isMerged ? cell.master : cell);
      if (value !== null) cells[col - 1] = value;
    });
    if (cells.length === 0) return;
    width = Math.max(width, cells.length);
    rows.push({ excelRow: rowNumber, cells });
  });
  const [header, ...data] = rows;
  if (!header) return null;
  const pad = (cells: CellValue[]): CellValue[] => Array.from({ length: width }, (_, i) => cells[i] ?? null);
  return {
    name: ws.name,
    header: pad(header.cells),
    rows: data.map((r) => ({ excelRow: r.excelRow, cells: pad(r.cells) })),
  };
}

function toCellValue(cell: ExcelJS.Cell): CellValue {
  // cell.value drops falsy cached results (0, false, ''); cell.result does not.
  if (cell.type === ExcelJS.ValueType.Formula) return normalize(cell.result);
  return normalize(cell.value);
}

function normalize(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if ('error' in v) return null;
  if ('formula' in v || 'sharedFormula' in v) return normalize(v.result);
  if (Array.isArray(v.richText)) return richTextToString(v.richText);
  if ('hyperlink' in v || 'text' in v) return normalize(v.text);
  return null;
}

function richTextToString(parts: unknown[]): CellValue {
  const text = parts.map((p) => (p && typeof p === 'object' && 'text' in p ? String(p.text ?? '') : '')).join('');
  return text === '' ? null : text;
}

function formatDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${day}`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

interface ZipSummary {
  entries: number;
  unzippedBytes: number;
  names: Set<string>;
}

/**
 * Walks the zip's central directory without inflating anything. Returns null when the structure is
 * not a readable zip (truncated, or offsets pointing outside the file).
 */
export function inspectZip(buf: Buffer): ZipSummary | null {
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  let entries = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);

  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) return null;
    const z64 = Number(buf.readBigUInt64LE(loc + 8));
    if (z64 < 0 || z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD_SIG) return null;
    entries = Number(buf.readBigUInt64LE(z64 + 32));
    cdSize = Number(buf.readBigUInt64LE(z64 + 40));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (cdOffset + cdSize > buf.length) return null;

  const names = new Set<string>();
  let unzippedBytes = 0;
  let p = cdOffset;
  let count = 0;
  // Stop walking once past any sane limit; the caller compares the counts it gets back.
  while (p + 46 <= cdOffset + cdSize && count <= 1_000_000) {
    if (buf.readUInt32LE(p) !== ZIP_CENTRAL_SIG) return null;
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > buf.length) return null;
    if (size === 0xffffffff) {
      const z64size = readZip64Size(buf, p + 46 + nameLen, extraLen);
      // An entry flagged as huge without a readable size is treated as unbounded.
      size = z64size ?? Number.MAX_SAFE_INTEGER;
    }
    names.add(buf.toString('utf8', p + 46, p + 46 + nameLen));
    unzippedBytes += size;
    count++;
    p = end;
  }
  return { entries: Math.max(count, entries), unzippedBytes, names };
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === ZIP_EOCD_SIG) return i;
  }
  return -1;
}

function readZip64Size(buf: Buffer, start: number, len: number): number | null {
  let p = start;
  while (p + 4 <= start + len) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    // The uncompressed size is the first field of the ZIP64 extra block.
    if (id === 0x0001 && size >= 8) return Number(buf.readBigUInt64LE(p + 4));
    p += 4 + size;
  }
  return null;
}
