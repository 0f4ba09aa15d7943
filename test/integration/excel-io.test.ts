import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnSpec, SheetData } from '@shared/excel/types';
import { ExcelImportError, readWorkbook, type ExcelImportErrorCode } from '../../electron/excel/read-workbook';
import { LISTS_SHEET_NAME, writeWorkbook } from '../../electron/excel/write-workbook';

const fixtureDir = fileURLToPath(new URL('../fixtures/xlsx/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(`${fixtureDir}${name}`);

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** ExcelJS leaves dataValidations out of its typings. */
function validations(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation | undefined> {
  return (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } })
    .dataValidations.model;
}

function allCells(wb: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
  return cells;
}

async function importError(bytes: Buffer, name: string, limits?: Parameters<typeof readWorkbook>[2]): Promise<ExcelImportError> {
  try {
    await readWorkbook(bytes, name, limits);
  } catch (e) {
    if (e instanceof ExcelImportError) return e;
    throw e;
  }
  throw new Error(`expected ${name} to be refused`);
}

// 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const LONG_TEXT = '长文本 long text 🚀 '.repeat(300).slice(0, 5000);
const INJECTIONS = [
  '=1+1',
  '=HYPERLINK("https://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '+SUM(A1:A2)',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
];
const LONG_OPTIONS = Array.from({ length: 40 }, (_, i) => `Competitor option number ${i + 1}`);

const contactColumns: ColumnSpec[] = [
  { key: 'name', header: '姓名', type: 'text', width: 16, required: true },
  { key: 'title', header: '职务', type: 'text', width: 20 },
  { key: 'role', header: '角色', type: 'enum', width: 14, options: ['决策者', '影响者', '使用者'] },
  { key: 'notes', header: '备注', type: 'longText', width: 60 },
  { key: 'active', header: '在职', type: 'bool', width: 8, options: ['是', '否'] },
  { key: 'support', header: '支持度', type: 'stars', width: 8 },
];
const contactRows: CellValue[][] = [
  ['王伟', '采购总监', '决策者', LONG_TEXT, '是', 5],
  ['李娜 👩‍💼', null, '影响者', '多行\n备注', '否', 3],
  ['Zoë Ångström', 'CTO', null, null, null, null],
];

const dealColumns: ColumnSpec[] = [
  { key: 'id', header: 'ID', type: 'id', width: 10 },
  { key: 'name', header: 'Deal', type: 'text', width: 24 },
  { key: 'value', header: 'Value', type: 'money', width: 14 },
  { key: 'probability', header: 'Probability', type: 'percent', width: 10 },
  { key: 'close', header: 'Close date', type: 'date', width: 12 },
  { key: 'units', header: 'Units', type: 'number', width: 8 },
  { key: 'won', header: 'Won', type: 'bool', width: 8 },
];
const dealRows: CellValue[][] = [
  ['007', 'Renewal 🎯', 1234567.891, 75, '2025-03-31', 12, true],
  ['d-2', 'Expansion', 0, 0, '2024-02-29', -4.5, false],
  ['d-3', 'Pilot', null, 100, null, 0, null],
];

const competitorColumns: ColumnSpec[] = [
  { key: 'competitor', header: 'Competitor', type: 'enum', width: 30, options: LONG_OPTIONS },
  { key: 'tier', header: 'Tier', type: 'enum', width: 10, options: ['A, top', 'B "mid"', 'C'] },
  { key: 'note', header: 'Note', type: 'text', width: 40 },
];
const competitorRows: CellValue[][] = INJECTIONS.map((text, i) => [LONG_OPTIONS[i] ?? null, 'C', text]);

const sheets: SheetData[] = [
  { kind: 'contacts', name: '联系人', columns: contactColumns, rows: contactRows },
  { kind: 'deals', name: 'Deals', columns: dealColumns, rows: dealRows },
  { kind: 'competitors', name: 'Competitors', columns: competitorColumns, rows: competitorRows },
];

const expectedRows = (rows: CellValue[][]) => rows.map((cells, i) => ({ excelRow: i + 2, cells }));

describe('writeWorkbook → readWorkbook', () => {
  it('round-trips text, Chinese, emoji, long text, dates, numbers, booleans and empty cells', async () => {
    const bytes = await writeWorkbook(sheets);
    const read = await readWorkbook(bytes, 'plan.xlsx');

    expect(read.map((s) => s.name)).toEqual(['联系人', 'Deals', 'Competitors']);
    sheets.forEach((sheet, i) => {
      expect(read[i]!.header).toEqual(sheet.columns.map((c) => c.header));
      expect(read[i]!.rows).toEqual(expectedRows(sheet.rows));
    });
    expect((read[0]!.rows[0]!.cells[3] as string).length).toBe(5000);
  });

  it('writes bold, filled, frozen headers with an autofilter and the spec column widths', async () => {
    const wb = await load(await writeWorkbook(sheets));
    const ws = wb.getWorksheet('Deals')!;
    const header = ws.getRow(1);
    dealColumns.forEach((spec, i) => {
      const cell = header.getCell(i + 1);
      expect(cell.font?.bold).toBe(true);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(ws.getColumn(i + 1).width).toBe(spec.width);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:G1');
    expect(wb.getWorksheet('联系人')!.getCell('D2').alignment?.wrapText).toBe(true);
  });

  it('writes real date cells and number formats by column type', async () => {
    const wb = await load(await writeWorkbook(sheets));
    const ws = wb.getWorksheet('Deals')!;
    expect(ws.getCell('E2').type).toBe(ExcelJS.ValueType.Date);
    expect((ws.getCell('E2').value as Date).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(ws.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C2').value).toBe(1234567.891);
    expect(ws.getCell('D2').value).toBe(75);
    expect(ws.getCell('D2').numFmt).toContain('%');
    expect(ws.getCell('G2').type).toBe(ExcelJS.ValueType.Boolean);
    // An id like 007 stays text instead of becoming the number 7.
    expect(ws.getCell('A2').value).toBe('007');
    expect(ws.getCell('A2').numFmt).toBe('@');
  });

  it('adds dropdowns on option columns over the data rows and spare rows, long lists via the hidden sheet', async () => {
    const wb = await load(await writeWorkbook(sheets));

    const contacts = validations(wb.getWorksheet('联系人')!);
    for (const address of ['C2', 'C4', 'C1000']) {
      expect(contacts[address]).toMatchObject({ type: 'list', formulae: ['"决策者,影响者,使用者"'] });
    }
    expect(contacts['E500']).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(contacts['C1']).toBeUndefined();
    expect(contacts['A2']).toBeUndefined();

    const lists = wb.getWorksheet(LISTS_SHEET_NAME)!;
    expect(lists.state).toBe('hidden');
    const competitors = validations(wb.getWorksheet('Competitors')!);
    const longFormula = competitors['A2']!.formulae[0] as string;
    const tierFormula = competitors['B2']!.formulae[0] as string;
    expect(longFormula).toBe(`${LISTS_SHEET_NAME}!$A$1:$A$${LONG_OPTIONS.length}`);
    expect(tierFormula).toBe(`${LISTS_SHEET_NAME}!$B$1:$B$3`);
    expect(lists.getColumn(1).values.slice(1)).toEqual(LONG_OPTIONS);
    expect(lists.getColumn(2).values.slice(1)).toEqual(['A, top', 'B "mid"', 'C']);
  });

  it('never writes a formula: formula-like text stays inert text and comes back unchanged', async () => {
    const bytes = await writeWorkbook(sheets);
    const wb = await load(bytes);

    const cells = allCells(wb);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toEqual([]);

    const ws = wb.getWorksheet('Competitors')!;
    INJECTIONS.forEach((text, i) => {
      const cell = ws.getCell(i + 2, 3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.numFmt).toBe('@');
    });

    const read = await readWorkbook(bytes, 'plan.xlsx');
    expect(read[2]!.rows.map((r) => r.cells[2])).toEqual(INJECTIONS);
  });

  it('keeps formula-like text inert in number, money, percent and date columns too', async () => {
    const cols: ColumnSpec[] = (['number', 'money', 'percent', 'date', 'stars'] as const).map((type) => ({
      key: type,
      header: type,
      type,
      width: 10,
    }));
    const row: CellValue[] = ['=1+1', '+1', '-1-1', '@A1', '\r=1+1'];
    const bytes = await writeWorkbook([{ kind: 'lines', name: 'Lines', columns: cols, rows: [row] }]);
    const ws = (await load(bytes)).getWorksheet('Lines')!;
    row.forEach((_, i) => {
      const cell = ws.getCell(2, i + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
    // A bare CR cannot survive XML, so it is written as LF.
    const [sheet] = await readWorkbook(bytes, 'lines.xlsx');
    expect(sheet!.rows[0]!.cells).toEqual(['=1+1', '+1', '-1-1', '@A1', '\n=1+1']);
  });

  it('strips characters XML cannot hold and caps text at 32,767 characters', async () => {
    const cols: ColumnSpec[] = [{ key: 'a', header: 'A', type: 'longText', width: 10 }];
    const bytes = await writeWorkbook([{ kind: 'flags', name: 'Flags', columns: cols, rows: [['bell\u0007 nul\u0000'], ['x'.repeat(40_000)]] }]);
    const [sheet] = await readWorkbook(bytes, 'flags.xlsx');
    expect(sheet!.rows[0]!.cells).toEqual(['bell nul']);
    expect((sheet!.rows[1]!.cells[0] as string).length).toBe(32_767);
  });

  it('adds an image sheet holding one PNG; the image-only sheet is not read back as data', async () => {
    const bytes = await writeWorkbook(sheets, { image: { sheetName: 'Buying centre map', png: PNG, width: 640, height: 480 } });
    const wb = await load(bytes);
    const ws = wb.getWorksheet('Buying centre map')!;
    const images = ws.getImages();
    expect(images).toHaveLength(1);
    expect(wb.getImage(Number(images[0]!.imageId))).toMatchObject({ extension: 'png' });
    expect(Buffer.from(wb.getImage(Number(images[0]!.imageId)).buffer as unknown as Uint8Array).equals(PNG)).toBe(true);

    const read = await readWorkbook(bytes, 'plan.xlsx');
    expect(read.map((s) => s.name)).toEqual(['联系人', 'Deals', 'Competitors']);
  });

  it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique', async () => {
    const cols: ColumnSpec[] = [{ key: 'a', header: 'A', type: 'text', width: 10 }];
    const bytes = await writeWorkbook([
      { kind: 'deals', name: 'Deals: Q1/Q2 [draft] *final?* \\ with a very long tail', columns: cols, rows: [['x']] },
      { kind: 'deals', name: 'Deals: Q1/Q2 [draft] *final?* \\ with a very long tail', columns: cols, rows: [['y']] },
      { kind: 'actions', name: 'lists', columns: cols, rows: [['z']] },
    ]);
    const wb = await load(bytes);
    const names = wb.worksheets.map((ws) => ws.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    const read = await readWorkbook(bytes, 'names.xlsx');
    expect(read.map((s) => s.rows[0]!.cells[0])).toEqual(['x', 'y', 'z']);
  });
});

describe('readWorkbook fixtures', () => {
  it('reads a Chinese contact list with 1-based Excel row numbers', async () => {
    const [sheet, ...rest] = await readWorkbook(fixture('contacts-zh.xlsx'), 'contacts-zh.xlsx');
    expect(rest).toEqual([]);
    expect(sheet!.name).toBe('联系人');
    expect(sheet!.header).toEqual(['姓名', '职务', '部门', '上级', '角色']);
    expect(sheet!.rows[1]).toEqual({ excelRow: 3, cells: ['李娜', '采购经理', '采购部', '王伟', '影响者'] });
    expect(sheet!.rows[0]!.cells[3]).toBeNull();
    expect(sheet!.rows.map((r) => r.excelRow)).toEqual([2, 3, 4, 5]);
  });

  it('reads English headers in another order as they stand', async () => {
    const [sheet] = await readWorkbook(fixture('contacts-en-reordered.xlsx'), 'contacts-en.xlsx');
    expect(sheet!.header).toEqual(['Role', 'Name', 'Department', 'Title', 'Reports to']);
    expect(sheet!.rows[0]!.cells).toEqual(['Decision maker', 'Wang Wei', 'Procurement', 'Head of Procurement', null]);
  });

  it('fills merged cells into every row, drops blank rows and keeps the real row numbers', async () => {
    const [sheet] = await readWorkbook(fixture('contacts-merged.xlsx'), 'merged.xlsx');
    // Row 1 is blank, so the header is row 2.
    expect(sheet!.header).toEqual(['姓名', '职务', '部门', '上级', '角色']);
    expect(sheet!.rows.map((r) => r.excelRow)).toEqual([3, 4, 5, 7, 9]);
    expect(sheet!.rows.map((r) => r.cells[2])).toEqual(['采购部', '采购部', '采购部', '信息技术部', '财务部']);
  });

  it('gives formula cells their cached values, including 0 and false, and null when none', async () => {
    const [sheet] = await readWorkbook(fixture('formulas.xlsx'), 'formulas.xlsx');
    expect(sheet!.rows).toEqual([
      { excelRow: 2, cells: ['Alpha', 10, 2.5, 25, 'ALPHA', true] },
      { excelRow: 3, cells: ['Beta', 4, 10, 40, 'BETA', false] },
      { excelRow: 4, cells: ['Delta', 0, 5, 0, null, false] },
      { excelRow: 5, cells: ['Gamma', 1, 1, null, null, null] },
    ]);
  });

  it('turns date cells into YYYY-MM-DD and leaves text in a date column as text', async () => {
    const [sheet] = await readWorkbook(fixture('dates.xlsx'), 'dates.xlsx');
    expect(sheet!.rows.map((r) => r.cells[1])).toEqual(['2025-03-31', 'next week', '2024-02-29']);
  });

  it('flattens hyperlinks and rich text, maps errors and empty strings to null', async () => {
    const [sheet] = await readWorkbook(fixture('rich-cells.xlsx'), 'rich.xlsx');
    expect(sheet!.rows).toEqual([
      { excelRow: 2, cells: ['Wang Wei', 'LinkedIn', 'Prefers email', null, true] },
      { excelRow: 3, cells: ['Li Na', null, null, 3.5, false] },
    ]);
  });

  const refused: [string, ExcelImportErrorCode][] = [
    ['empty.xlsx', 'EMPTY'],
    ['password-protected.xlsx', 'ENCRYPTED'],
    ['not-xlsx.xlsx', 'NOT_XLSX'],
    ['zip-not-workbook.xlsx', 'NOT_XLSX'],
    ['corrupt-truncated.xlsx', 'CORRUPT'],
    ['zip-bomb.xlsx', 'ZIP_BOMB'],
  ];
  it.each(refused)('refuses %s with %s and names the file', async (name, code) => {
    const error = await importError(fixture(name), `Q3 ${name}`);
    expect(error.code).toBe(code);
    expect(error.message).toContain(`Q3 ${name}`);
  });

  it('says how to fix a password-protected file', async () => {
    const error = await importError(fixture('password-protected.xlsx'), 'secret.xlsx');
    expect(error.message).toMatch(/without a password/);
  });

  it('reports CORRUPT when the zip is sound but ExcelJS cannot parse the workbook', async () => {
    const bytes = await writeWorkbook(sheets);
    // Damage the compressed payload of the first entry but leave the central directory intact.
    const broken = Buffer.from(bytes);
    for (let i = 60; i < 400; i++) broken[i] = 0xff;
    expect((await importError(broken, 'broken.xlsx')).code).toBe('CORRUPT');
  });

  it('applies the size limits before parsing', async () => {
    const bytes = fixture('contacts-zh.xlsx');
    expect((await importError(bytes, 'big.xlsx', { maxBytes: bytes.length - 1 })).code).toBe('TOO_LARGE');
    expect((await importError(bytes, 'many.xlsx', { maxEntries: 3 })).code).toBe('ZIP_BOMB');
    expect((await importError(bytes, 'deep.xlsx', { maxUnzippedBytes: 1000 })).code).toBe('ZIP_BOMB');
    await expect(readWorkbook(bytes, 'ok.xlsx', { maxBytes: bytes.length })).resolves.toHaveLength(1);
  });
});
