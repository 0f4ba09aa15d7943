/**
 * One cell as the mapping sees it. Dates travel as 'YYYY-MM-DD' strings; `percent` cells hold the
 * fraction a percent-formatted cell holds (0.35 = 35 %); yes/no and enum cells hold their
 * localized label (the writer turns `options` into a dropdown).
 */
export type CellValue = string | number | boolean | null;
export type ColumnType = 'text' | 'longText' | 'number' | 'money' | 'percent' | 'date' | 'enum' | 'bool' | 'stars' | 'id';
export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  width: number;
  /** The localized labels allowed, for dropdown validation (enum and bool columns). */
  options?: string[];
  required?: boolean;
}
export type SheetKind =
  | 'account'
  | 'contacts'
  | 'lines'
  | 'deals'
  | 'criteria'
  | 'competitors'
  | 'actions'
  | 'activities'
  | 'divisions'
  | 'orders'
  | 'whitespace'
  | 'signs'
  | 'flags'
  | 'accounts';
/** A sheet to write: `rows[i][j]` is the cell of `columns[j]`. */
export interface SheetData { kind: SheetKind; name: string; columns: ColumnSpec[]; rows: CellValue[][] }
/** A sheet as read: the header row, then the non-blank rows with their 1-based Excel row numbers. */
export interface RawSheet { name: string; header: CellValue[]; rows: { excelRow: number; cells: CellValue[] }[] }
/** Something wrong in a workbook: where (sheet name, Excel row, column header as read) and what. */
export interface ImportProblem { sheet: string; row: number | null; column: string | null; message: string }
