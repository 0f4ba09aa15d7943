import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { pickOption, redoByKeys, undoByKeys } from './ui';

/** A file handed to a file chooser: a path on disk, or bytes with a name. */
export type ChosenFile = string | { name: string; mimeType: string; buffer: Buffer };

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A finished download: what the browser offered as its name, and its bytes. */
export interface SavedDownload {
  download: Download;
  fileName: string;
  bytes: Buffer;
}

/** What the preview says it will do to one account. */
export interface ImportSummary {
  creates: number;
  updates: number;
  unchanged: number;
}

/**
 * Excel in the UI: the accounts page's Excel menu (import, portfolio export, blank template), the
 * workspace's "import into this account" and "export to Excel", and the import preview dialog
 * (column mapping for plain contact lists, problems, what each account gets, apply).
 */
export class ExcelPage {
  readonly menu: Locator;
  readonly importItem: Locator;
  readonly exportPortfolioItem: Locator;
  readonly templateItem: Locator;
  readonly importIntoAccountButton: Locator;
  readonly exportAccountButton: Locator;

  readonly dialog: Locator;
  readonly reading: Locator;
  readonly error: Locator;
  readonly mapping: Locator;
  readonly problems: Locator;
  readonly problemRows: Locator;
  readonly accounts: Locator;
  readonly applyButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.menu = page.getByTestId('excel-menu');
    this.importItem = page.getByTestId('excel-import');
    this.exportPortfolioItem = page.getByTestId('excel-export-portfolio');
    this.templateItem = page.getByTestId('excel-template');
    this.importIntoAccountButton = page.getByTestId('import-into-account');
    this.exportAccountButton = page.getByTestId('export-account-xlsx');

    // The test id sits on the modal's root, which has no box of its own: the dialog is inside it.
    this.dialog = page.getByTestId('import-dialog').getByRole('dialog');
    this.reading = this.dialog.locator('.mantine-Loader-root');
    this.error = page.getByTestId('import-error');
    this.mapping = page.getByTestId('column-mapping');
    this.problems = page.getByTestId('import-problems');
    this.problemRows = page.getByTestId('import-problem');
    this.accounts = page.getByTestId('import-account');
    this.applyButton = page.getByTestId('apply-import');
    this.cancelButton = this.dialog.getByRole('button', { name: /^(Cancel|取消)$/ });
  }

  // ---- in ----

  /** Accounts page: Excel → "Import from Excel", and the file. The preview dialog opens. */
  async importFromMenu(file: ChosenFile): Promise<void> {
    await this.menu.click();
    await this.choose(this.importItem, file);
  }

  /** Workspace header: "Import into this account", and the file. The preview dialog opens. */
  async importIntoAccount(file: ChosenFile): Promise<void> {
    await this.choose(this.importIntoAccountButton, file);
  }

  private async choose(trigger: Locator, file: ChosenFile): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await trigger.click();
    await (await chooser).setFiles(file);
    await expect(this.dialog).toBeVisible();
  }

  /** Waits until the preview is read: either the error or the apply button is shown. */
  async previewed(): Promise<'error' | 'ready'> {
    await expect(this.reading).toHaveCount(0);
    const done = this.error.or(this.applyButton);
    await expect(done).toBeVisible();
    return (await this.error.isVisible()) ? 'error' : 'ready';
  }

  /** The account block of the preview whose name is `name` (or the only one). */
  account(name?: string): Locator {
    return name === undefined ? this.accounts : this.accounts.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The counts of an account block (data-creates, data-updates, data-unchanged). */
  async summary(name?: string): Promise<ImportSummary> {
    const s = this.account(name).getByTestId('import-summary');
    await expect(s).toBeVisible();
    const read = async (a: string) => Number(await s.getAttribute(`data-${a}`));
    return { creates: await read('creates'), updates: await read('updates'), unchanged: await read('unchanged') };
  }

  /** The problem row's cells, as the user reads them: sheet, row, column, message. */
  async problemTable(): Promise<{ sheet: string; row: string; column: string; message: string }[]> {
    return this.problemRows.evaluateAll((rows) =>
      rows.map((r) => {
        const [sheet = '', row = '', column = '', message = ''] = Array.from(r.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '');
        return { sheet, row, column, message };
      }),
    );
  }

  /** The field Select of the mapping row for column `i` (0-based). */
  column(i: number): Locator {
    return this.page.getByTestId(`map-column-${i}`);
  }

  /** Picks the field of a column by its label ("Role", "(ignore this column)") and waits for the new preview. */
  async mapColumn(i: number, label: string): Promise<void> {
    const previewed = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/excel:preview');
    await pickOption(this.page, this.column(i), label);
    await previewed;
    await expect(this.column(i)).toHaveValue(label);
    await this.previewed();
  }

  /** The mapping table's labels, column by column: what the user sees in each Select. */
  async mappingLabels(): Promise<string[]> {
    const selects = this.mapping.locator('input[data-testid^="map-column-"]');
    return selects.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  }

  /** Applies the import; the dialog closes. */
  async apply(): Promise<void> {
    await expect(this.applyButton).toBeEnabled();
    await this.applyButton.click();
    await expect(this.dialog).toBeHidden();
  }

  /** Closes the dialog with its close button (there is no Cancel after an error). */
  async close(): Promise<void> {
    await this.dialog.locator('.mantine-Modal-close').click();
    await expect(this.dialog).toBeHidden();
  }

  /** Ctrl+Z with focus on the page body: the whole import goes back in one step. */
  undoImport(): Promise<void> {
    return undoByKeys(this.page, 'Excel import');
  }

  /** Ctrl+Shift+Z: the import again. */
  redoImport(): Promise<void> {
    return redoByKeys(this.page, 'Excel import');
  }

  // ---- out ----

  /** Workspace header: "Export to Excel"; the map draws its picture and the plan downloads. */
  exportAccount(): Promise<SavedDownload> {
    return this.downloadThrough(() => this.exportAccountButton.click());
  }

  /** Accounts page: Excel → "Export portfolio to Excel". */
  exportPortfolio(): Promise<SavedDownload> {
    return this.downloadThrough(async () => {
      await this.menu.click();
      await this.exportPortfolioItem.click();
    });
  }

  /** Accounts page: Excel → "Blank Excel template". */
  downloadTemplate(): Promise<SavedDownload> {
    return this.downloadThrough(async () => {
      await this.menu.click();
      await this.templateItem.click();
    });
  }

  /** Runs `act` and resolves with the download it starts. */
  async downloadThrough(act: () => Promise<void>): Promise<SavedDownload> {
    const downloading = this.page.waitForEvent('download');
    await act();
    const download = await downloading;
    const failure = await download.failure();
    if (failure) throw new Error(`The download failed: ${failure}`);
    return { download, fileName: download.suggestedFilename(), bytes: await fs.readFile(await download.path()) };
  }
}

/** Checks the zip signature of an .xlsx and opens it with ExcelJS. */
export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  expect(bytes.subarray(0, 4).toString('hex'), 'zip signature (PK\\x03\\x04)').toBe('504b0304');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** The names of the sheets a user sees, in order (hidden helper sheets left out). */
export function visibleSheetNames(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.filter((ws) => ws.state === 'visible').map((ws) => ws.name);
}

/** The header row's texts. */
export function headerTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell) => out.push(String(cell.value)));
  return out;
}

/** Builds an .xlsx in memory (as a user's own list would be) to hand to a file chooser. */
export async function workbookFile(name: string, sheets: Record<string, (string | number | null)[][]>): Promise<ChosenFile> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) wb.addWorksheet(sheet).addRows(rows);
  return { name, mimeType: XLSX_MIME, buffer: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
}
