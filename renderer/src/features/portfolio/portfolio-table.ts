import { GRADES, HEALTH_LEVELS, type Grade, type HealthLevel } from '@shared/model/vocabulary';
import type { PortfolioRow } from '@shared/portfolio/types';

/** The columns of the portfolio table, in display order. */
export const COLUMNS = [
  'name',
  'grade',
  'score',
  'purchases',
  'profit',
  'pipeline',
  'weighted',
  'roles',
  'flags',
  'health',
  'lastActivity',
  'owner',
  'cell',
] as const;
export type ColumnKey = (typeof COLUMNS)[number];

export type SortDirection = 'asc' | 'desc';
export interface Sort {
  column: ColumnKey;
  direction: SortDirection;
}

/** Net profit, largest first: who carries the portfolio. */
export const DEFAULT_SORT: Sort = { column: 'profit', direction: 'desc' };

/** Columns whose natural first click is "biggest / best first"; the text columns start A→Z. */
const DESC_FIRST: ReadonlySet<ColumnKey> = new Set(['grade', 'score', 'purchases', 'profit', 'pipeline', 'weighted', 'roles', 'flags', 'health', 'lastActivity']);

/** The direction a column sorts in when its header is clicked: the other way round if it is already the sort. */
export function nextSort(current: Sort, column: ColumnKey): Sort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: DESC_FIRST.has(column) ? 'desc' : 'asc' };
}

/** A1 is the best grade: the higher the number, the better. */
const gradeRank = (g: Grade | null): number | null => (g ? GRADES.length - GRADES.indexOf(g) : null);
/** At risk is the worst health: the higher the number, the more trouble. */
const healthRank = (h: HealthLevel): number => HEALTH_LEVELS.indexOf(h);

type SortValue = number | string | null;

function sortValue(row: PortfolioRow, column: ColumnKey): SortValue {
  switch (column) {
    case 'name':
      return row.name;
    case 'grade':
      return gradeRank(row.value.grade);
    case 'score':
      return row.value.score;
    case 'purchases':
      return row.annualPurchases;
    case 'profit':
      return row.netProfit;
    case 'pipeline':
      return row.openPipeline;
    case 'weighted':
      return row.weightedPipeline;
    case 'roles':
      return row.rolesCovered;
    case 'flags':
      return row.redFlags;
    case 'health':
      return healthRank(row.health.level) * 100 + row.health.points;
    case 'lastActivity':
      return row.lastActivity;
    case 'owner':
      return row.owner.trim() || null;
    case 'cell':
      return row.matrix.cell;
  }
}

/**
 * The rows in the order of `sort`. Blanks (no grade, no figure, no owner) go last whichever way
 * the column is sorted: they are what is missing, not the smallest. Ties keep the name order.
 */
export function sortRows(rows: readonly PortfolioRow[], sort: Sort, locale: string): PortfolioRow[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const compare = (a: SortValue, b: SortValue): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = sortValue(x, sort.column);
    const b = sortValue(y, sort.column);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const c = compare(a, b);
      if (c !== 0) return sign * c;
    }
    return collator.compare(x.name, y.name) || x.id.localeCompare(y.id);
  });
}

/** "No grade" in the grade filter. */
export const NO_GRADE = 'none';

/** "No owner" in the owner filter (a value no trimmed owner's name has). */
export const NO_OWNER = ' none';

export interface Filters {
  /** Part of the name or the owner. */
  search: string;
  /** Grades to show (`none` = not graded); empty = all. */
  grades: string[];
  /** Health levels to show; empty = all. */
  health: string[];
  kind: PortfolioRow['kind'] | null;
  stage: PortfolioRow['stage'] | null;
  /** One owner (trimmed), `NO_OWNER` for the accounts without one, null = all. */
  owner: string | null;
}

export const NO_FILTERS: Filters = { search: '', grades: [], health: [], kind: null, stage: null, owner: null };

export function isFiltered(f: Filters): boolean {
  return f.search.trim() !== '' || f.grades.length > 0 || f.health.length > 0 || f.kind !== null || f.stage !== null || f.owner !== null;
}

export function filterRows(rows: readonly PortfolioRow[], f: Filters): PortfolioRow[] {
  const q = f.search.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (!q || r.name.toLocaleLowerCase().includes(q) || r.owner.toLocaleLowerCase().includes(q)) &&
      (f.grades.length === 0 || f.grades.includes(r.value.grade ?? NO_GRADE)) &&
      (f.health.length === 0 || f.health.includes(r.health.level)) &&
      (!f.kind || r.kind === f.kind) &&
      (!f.stage || r.stage === f.stage) &&
      (!f.owner || r.owner.trim() === (f.owner === NO_OWNER ? '' : f.owner)),
  );
}

export interface Totals {
  purchases: number;
  profit: number;
  pipeline: number;
  weighted: number;
}

/** Sums of the money columns; blanks count as nothing. */
export function totals(rows: readonly PortfolioRow[]): Totals {
  return rows.reduce<Totals>(
    (t, r) => ({
      purchases: t.purchases + (r.annualPurchases ?? 0),
      profit: t.profit + (r.netProfit ?? 0),
      pipeline: t.pipeline + r.openPipeline,
      weighted: t.weighted + r.weightedPipeline,
    }),
    { purchases: 0, profit: 0, pipeline: 0, weighted: 0 },
  );
}

/** Distinct non-empty owners, sorted. */
export function owners(rows: readonly PortfolioRow[], locale: string): string[] {
  const collator = new Intl.Collator(locale);
  return [...new Set(rows.map((r) => r.owner.trim()).filter(Boolean))].sort(collator.compare);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const nullOr = (v: unknown, ok: readonly string[]) => v === null || (typeof v === 'string' && ok.includes(v));

/** A sort read back from session storage. */
export function isSort(v: unknown): v is Sort {
  return isObject(v) && (COLUMNS as readonly unknown[]).includes(v.column) && (v.direction === 'asc' || v.direction === 'desc');
}

/** Filters read back from session storage. */
export function isFilters(v: unknown): v is Filters {
  return (
    isObject(v) &&
    typeof v.search === 'string' &&
    isStringArray(v.grades) &&
    isStringArray(v.health) &&
    nullOr(v.kind, ['direct', 'channel']) &&
    nullOr(v.stage, ['customer', 'prospect']) &&
    (v.owner === null || typeof v.owner === 'string')
  );
}
