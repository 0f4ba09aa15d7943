import ExcelJS from 'exceljs';
import { readWorkbook } from '../../electron/excel/read-workbook';
import { writeWorkbook } from '../../electron/excel/write-workbook';
import { sheetsToAccounts } from '@shared/excel/from-sheets';
import { portfolioToSheets } from '@shared/excel/to-sheets';
import type { SheetData } from '@shared/excel/types';
import type { Database, Locale } from '@shared/model/database';
import { figure, type Figure } from '../lib/report';
import { medians, timePair } from '../lib/measure';

/** Chinese headers and labels: the language most of the app's users export in. */
const LOCALE: Locale = 'zh-CN';

/** ExcelJS writing the same header and rows as plain values: no widths, formats, styles, filters or dropdowns. */
async function plainWorkbook(sheets: readonly SheetData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow(sheet.columns.map((c) => c.header));
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The workbook the app exports for a portfolio. */
export function exportedWorkbook(db: Database): Promise<Buffer> {
  return writeWorkbook(portfolioToSheets(db.accounts.filter((a) => a.deletedAt === null), LOCALE, new Date().toISOString()));
}

export interface ExportResult {
  figure: Figure;
  /** The last workbook the app wrote, for the import figure. */
  bytes: Buffer;
}

/** Figure 3: export a portfolio to Excel as the app's ExcelService does. */
export async function exportFigure(id: string, label: string, db: Database, runs: number, opts: { maxMs?: number; warmup?: number }): Promise<ExportResult> {
  const accounts = db.accounts.filter((a) => a.deletedAt === null);
  const now = new Date().toISOString();
  // The baseline is handed the mapped rows: it measures ExcelJS alone on the same cells.
  const sheets = portfolioToSheets(accounts, LOCALE, now);
  let bytes: Buffer = Buffer.alloc(0);
  const result = await timePair({
    runs,
    warmup: opts.warmup ?? 1,
    app: async (mark) => {
      const mapped = portfolioToSheets(accounts, LOCALE, now);
      mark('portfolioToSheets');
      bytes = await writeWorkbook(mapped);
      mark('writeWorkbook');
    },
    baseline: async () => {
      await plainWorkbook(sheets);
    },
  });
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
  const cells = sheets.reduce((n, s) => n + s.rows.length * s.columns.length, 0);
  const maxMs = opts.maxMs;
  return {
    bytes,
    figure: figure(
      {
        id,
        name: `Excel export, ${label}`,
        unit: 'ms',
        target: maxMs === undefined ? 'ratio ≤ 1.5' : `ratio ≤ 1.5, < ${maxMs / 1000} s`,
        measures: `portfolioToSheets + writeWorkbook vs ExcelJS writing the same SheetData rows unstyled (${rows} rows, ${cells} cells, ${(bytes.length / 1e6).toFixed(1)} MB)`,
      },
      result.app,
      result.baseline,
      (app, ratio) => ratio <= 1.5 && (maxMs === undefined || app < maxMs),
      medians(result.parts),
    ),
  };
}

/** Figure 4: import the workbook exported in figure 3, as the app's preview does up to the accounts. */
export async function importFigure(id: string, label: string, bytes: Buffer, runs: number, opts: { warmup?: number }): Promise<Figure> {
  let issued = 0;
  const now = new Date().toISOString();
  let accounts = 0;
  const result = await timePair({
    runs,
    warmup: opts.warmup ?? 1,
    app: async (mark) => {
      const sheets = await readWorkbook(bytes, 'portfolio.xlsx');
      mark('readWorkbook');
      accounts = sheetsToAccounts(sheets, { newId: () => `bench-${++issued}`, now }).accounts.length;
      mark('sheetsToAccounts');
    },
    baseline: async () => {
      await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer);
    },
  });
  return figure(
    {
      id,
      name: `Excel import, ${label}`,
      unit: 'ms',
      target: 'ratio ≤ 1.5',
      measures: `readWorkbook + sheetsToAccounts (${accounts} accounts) vs ExcelJS xlsx.load of the same file`,
    },
    result.app,
    result.baseline,
    (_app, ratio) => ratio <= 1.5,
    medians(result.parts),
  );
}
