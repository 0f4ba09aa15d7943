import { accountSchema, type AccountInput } from '../model/account';
import type { ProductLine } from '../model/database';
import { NINE_KNOWS } from '../model/vocabulary';
import { cellText, isBlank, parseCell, parseDate } from './cells';
import { fieldHeader, matchHeader, sheetFields, sheetKindOf, sheetName, type FieldDef, type HeaderMatch } from './columns';
import { enumWhat, message, parseEnum, type Locale, type MessageCode } from './labels';
import type { CellValue, ImportProblem, RawSheet, SheetKind } from './types';

/**
 * Whether a workbook is in the export format (read it with {@link sheetsToAccounts}) rather than a
 * hand-made contact list (read it with `rowsToContacts`): it has an Account or Accounts sheet, and
 * either another sheet of a plan or a header that looks more like an account than a contact list
 * (a lone sheet called "Customer" holding Name and Phone is a contact list).
 */
export function isPlanWorkbook(sheets: readonly RawSheet[]): boolean {
  const kinds = sheets.map((s) => sheetKindOf(s.name));
  const i = kinds.findIndex((k) => k === 'account' || k === 'accounts');
  if (i < 0) return false;
  if (kinds.filter((k) => k !== null).length >= 2) return true;
  const header = sheets[i]!.header;
  const asAccount = matchHeader(sheetFields(kinds[i]!), header).index;
  const asContacts = matchHeader(sheetFields('contacts'), header).index;
  return asAccount.has('name') && asAccount.size >= asContacts.size;
}

/** Options of {@link sheetsToAccounts}. */
export interface SheetsToAccountsOptions {
  /** Issues the ID of every record whose row carries none (or a duplicate one). */
  newId: () => string;
  /** Stamped as createdAt/updatedAt on every record read. */
  now: string;
  /** Language of the problem messages; English by default. */
  locale?: Locale;
  /**
   * Our product lines (the settings). Product-line cells are matched to them by name (or ID);
   * a name that is not among them is a problem: an import never creates product lines.
   */
  productLines?: readonly ProductLine[];
}

export interface SheetsToAccountsResult {
  accounts: AccountInput[];
  problems: ImportProblem[];
}

type Obj = Record<string, unknown>;

/** One sheet of the workbook, recognized and with its header matched. */
interface Table {
  kind: SheetKind;
  raw: RawSheet;
  fields: readonly FieldDef[];
  match: HeaderMatch;
}

interface Row {
  table: Table;
  excelRow: number;
  cells: CellValue[];
}

/** A record read from a row, with where it came from (for messages). */
interface Read<T> {
  row: Row;
  record: T;
}

interface AccountDraft {
  record: Obj;
  row: Row;
  contacts: Read<Obj>[];
  lines: Obj[];
  deals: Read<Obj>[];
  actions: Obj[];
  activities: Obj[];
  divisions: Read<Obj>[];
  orders: Obj[];
  whitespace: Obj[];
  /** The warning signs read, by sign; null when the workbook has no row of this account's signs. */
  signs: Obj | null;
}

const pathParts = new Map<string, string[]>();

function setPath(target: Obj, path: string, value: unknown): void {
  let parts = pathParts.get(path);
  if (!parts) pathParts.set(path, (parts = path.split('.')));
  let o = target;
  for (const part of parts.slice(0, -1)) {
    const next = o[part];
    if (typeof next !== 'object' || next === null) o[part] = {};
    o = o[part] as Obj;
  }
  o[parts[parts.length - 1]!] = value;
}

/** Keys handled by the mapping itself rather than copied into the record. */
const SPECIAL_KEYS = new Set([
  'id',
  'accountName',
  'accountId',
  'reportsTo',
  'reportsToId',
  'successorOf',
  'successorOfId',
  'needs',
  'from',
  'fromId',
  'to',
  'toId',
  'deal',
  'dealId',
  'buyingCentre',
  'nineKnows',
  'meetings',
  'contacts',
  'currency',
  'parent',
  'parentId',
  'division',
  'divisionId',
  'productLine',
  'productLineId',
]);

/**
 * Sheets whose required cells must be filled: the record cannot stand without them (an order
 * without a date). Elsewhere a blank name is kept: the app has nameless seats, deals and criteria.
 */
const STRICT_KINDS: ReadonlySet<SheetKind> = new Set(['account', 'accounts', 'divisions', 'orders', 'activities', 'whitespace', 'signs']);

/** Date columns whose domain value is a timestamp: the date is read as midnight UTC. */
const TIMESTAMP_KEYS = new Set(['confirmedAt.attitude', 'confirmedAt.influence', 'confirmedAt.stars', 'closedAt', 'doneAt']);

function blankValue(field: FieldDef): unknown {
  if ('blank' in field) return field.blank;
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'id':
      return '';
    case 'bool':
      return false;
    case 'stars':
      return 0;
    default:
      return null;
  }
}

const sameName = (a: string, b: string) => a.trim() === b.trim();

/**
 * Reads a workbook in the export format (one account plan, or a portfolio) into accounts.
 *
 * Sheets are recognized by name in either language (unknown sheets are ignored); columns by
 * header or alias in either language and in any order (unknown columns are ignored). Every value
 * is checked; a bad cell is reported and left out (the field keeps its default, or in a merge its
 * current value), a row that cannot stand (an account without a name, a criterion of an unknown
 * deal, an order without a date, a division without a name, a whitespace mark without a product
 * line) is reported and skipped. Blank names of contacts, deals and the like are kept: the app has
 * nameless seats and deals. References go by ID first, else by name: contacts' reports-to and
 * successor, lines' from/to, the deal of criteria, competitors, actions and activities, the
 * contacts of a deal's buying centre, of an action and of an activity, the division of deals,
 * orders, whitespace marks and of other divisions ("part of", loops reported and cut). When both
 * the ID and a name are given and the name was edited to another existing record, the name wins.
 * Product lines are the settings' (`opts.productLines`): matched by ID, else by name ignoring
 * case; an unknown name is reported, never created; an ID alone that the settings no longer have
 * is kept. Warning signs are read by sign; an account gets `warningSigns` only for the signs listed.
 *
 * The accounts returned are inputs: a column absent from the workbook is an absent key, so that
 * {@link previewMerge} leaves that field alone; a blank cell in a present column is the field's
 * empty value. Each account has passed `accountSchema`; one that does not is reported and left out.
 * Records get IDs from their ID column, or `newId()`; all timestamps are `now`.
 */
export function sheetsToAccounts(sheets: RawSheet[], opts: SheetsToAccountsOptions): SheetsToAccountsResult {
  return readPlanSheets(sheets, opts, false);
}

/**
 * The reading behind {@link sheetsToAccounts}. With `namesRequired`, a row with a blank name is
 * skipped in every sheet; without, only an account needs a name (the app has nameless seats,
 * deals and criteria, and an export must read back).
 */
export function readPlanSheets(
  sheets: RawSheet[],
  opts: SheetsToAccountsOptions,
  namesRequired: boolean,
  /** A sheet read as the Buying centre with the user's own column mapping (a hand-made list). */
  mapped?: { sheet: RawSheet; keys: readonly (string | null)[] },
): SheetsToAccountsResult {
  const locale: Locale = opts.locale ?? 'en';
  const { now } = opts;
  const problems: ImportProblem[] = [];
  const msg = (code: MessageCode, params: Record<string, string | number> = {}) => message(code, locale, params);
  const report = (sheet: string, row: number | null, column: string | null, text: string) =>
    problems.push({ sheet, row, column, message: text });

  // ---- sheets and headers -------------------------------------------------------------------
  const tables: Table[] = [];
  for (const raw of sheets) {
    const kind = raw === mapped?.sheet ? 'contacts' : sheetKindOf(raw.name);
    if (kind === null || kind === 'flags') continue;
    const fields = sheetFields(kind, true).filter((f) => !f.computed);
    const match = raw === mapped?.sheet ? mappedHeader(mapped.keys) : matchHeader(fields, raw.header);
    for (const d of match.duplicates) report(raw.name, null, d.header, msg('duplicateColumn', { column: d.header }));
    const missing = fields.filter((f) => f.required && !match.index.has(f.key));
    if (missing.length > 0) {
      for (const f of missing) report(raw.name, null, null, msg('missingColumn', { column: fieldHeader(f, locale) }));
      continue;
    }
    tables.push({ kind, raw, fields, match });
  }
  const of = (kinds: SheetKind[]) => tables.filter((t) => kinds.includes(t.kind));
  const rowsOf = (t: Table): Row[] => t.raw.rows.map((r) => ({ table: t, excelRow: r.excelRow, cells: r.cells }));

  if (tables.length === 0 && !sheets.some((s) => sheetKindOf(s.name) !== null || s === mapped?.sheet)) {
    report('', null, null, msg('noPlanSheets'));
    return { accounts: [], problems };
  }

  const has = (t: Table, key: string) => t.match.index.has(key);
  const headerOf = (t: Table, key: string): string => {
    const i = t.match.index.get(key);
    return i === undefined ? key : cellText(t.raw.header[i] ?? null).trim() || key;
  };
  const cellOf = (row: Row, key: string): CellValue => {
    const i = row.table.match.index.get(key);
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  const textOf = (row: Row, key: string) => cellText(cellOf(row, key)).trim();
  const problemAt = (row: Row, key: string | null, text: string) =>
    report(row.table.raw.name, row.excelRow, key === null ? null : headerOf(row.table, key), text);

  /** Copies the row's plain fields into `record`; returns false when a required cell is blank. */
  function readFields(row: Row, record: Obj): boolean {
    let complete = true;
    for (const field of row.table.fields) {
      if (!has(row.table, field.key) || SPECIAL_KEYS.has(field.key)) continue;
      const cell = cellOf(row, field.key);
      if (isBlank(cell)) {
        if (field.required && (namesRequired || STRICT_KINDS.has(row.table.kind))) {
          problemAt(row, field.key, msg('emptyRequired', { column: headerOf(row.table, field.key) }));
          complete = false;
        } else setPath(record, field.key, blankValue(field));
        continue;
      }
      const r = parseCell(field, headerOf(row.table, field.key), cell, locale);
      if (!r.ok) {
        problemAt(row, field.key, r.message);
        if (field.required) complete = false;
        continue;
      }
      const value = TIMESTAMP_KEYS.has(field.key) ? `${String(r.value)}T00:00:00.000Z` : r.value;
      setPath(record, field.key, value);
    }
    return complete;
  }

  const usedIds = new Set<string>();
  /** The row's own ID, or a new one when it has none or repeats one already read. */
  function rowId(row: Row): string {
    const given = has(row.table, 'id') ? textOf(row, 'id') : '';
    if (given !== '' && given.length <= 80) {
      if (!usedIds.has(given)) {
        usedIds.add(given);
        return given;
      }
      problemAt(row, 'id', msg('duplicateId', { value: given }));
    }
    let id = opts.newId();
    while (usedIds.has(id)) id = opts.newId();
    usedIds.add(id);
    return id;
  }

  // ---- accounts ------------------------------------------------------------------------------
  const accounts: AccountDraft[] = [];
  for (const t of of(['account', 'accounts'])) {
    for (const row of rowsOf(t)) {
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      record.id = rowId(row);
      accounts.push({ record, row, contacts: [], lines: [], deals: [], actions: [], activities: [], divisions: [], orders: [], whitespace: [], signs: null });
    }
  }
  if (accounts.length === 0) {
    if (!tables.some((t) => t.kind === 'account' || t.kind === 'accounts')) {
      report('', null, null, msg('missingSheet', { sheet: sheetName('account', locale) }));
    }
    return { accounts: [], problems };
  }

  /** The account a row of a plan sheet belongs to, or null (reported) when it names none. */
  function accountOf(row: Row): AccountDraft | null {
    const idText = textOf(row, 'accountId');
    const nameText = textOf(row, 'accountName');
    if (idText !== '') {
      const a = accounts.find((x) => x.record.id === idText);
      if (a) return a;
    }
    if (nameText !== '') {
      const found = accounts.filter((x) => sameName(String(x.record.name), nameText));
      if (found.length >= 1) return found[0]!;
    }
    if (idText === '' && nameText === '') {
      if (accounts.length === 1) return accounts[0]!;
      problemAt(row, null, msg('missingAccount'));
      return null;
    }
    problemAt(row, nameText !== '' ? 'accountName' : 'accountId', msg('noSuchAccount', { value: nameText || idText }));
    return null;
  }

  type Ref = { id: string; name: string };
  /**
   * Finds a record by ID first, else by name. A name that differs from the ID's record and names
   * exactly one other record wins: the user edited the name and left the ID.
   */
  function resolve(
    row: Row,
    items: readonly Ref[],
    idKey: string | null,
    nameKey: string,
    kind: RefKind,
  ): { id: string } | null | undefined {
    const idText = idKey === null ? '' : textOf(row, idKey);
    const nameText = textOf(row, nameKey);
    const r = resolveText(items, idText, nameText);
    if (r.ok) return r.id === null ? null : { id: r.id };
    const key = r.byName ? nameKey : idKey ?? nameKey;
    const value = r.byName ? nameText : idText;
    const column = headerOf(row.table, key);
    const [none, many] = REF_MESSAGES[kind];
    problemAt(row, key, r.count > 1 ? msg(many, { column, value, count: r.count }) : msg(none, { column, value }));
    return undefined;
  }

  /**
   * Reads a reference held in a name column and its ID column (either may be missing): the
   * record's ID, null for a blank reference, `undefined` (reported) when it names nothing, and
   * `absent` when the sheet has neither column.
   */
  function refOf(row: Row, items: readonly Ref[], nameKey: string, idKey: string, kind: RefKind): { id: string } | null | undefined | 'absent' {
    const t = row.table;
    if (!has(t, nameKey) && !has(t, idKey)) return 'absent';
    return resolve(row, items, has(t, idKey) ? idKey : null, has(t, nameKey) ? nameKey : idKey, kind);
  }

  // ---- divisions -----------------------------------------------------------------------------
  for (const t of of(['divisions'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      record.id = rowId(row);
      account.divisions.push({ row, record });
    }
  }
  const divisionRefs = (account: AccountDraft): Ref[] => account.divisions.map((d) => ({ id: String(d.record.id), name: String(d.record.name) }));
  for (const account of accounts) {
    const refs = divisionRefs(account);
    for (const { row, record } of account.divisions) {
      const r = refOf(row, refs, 'parent', 'parentId', 'division');
      if (r === 'absent' || r === undefined) continue;
      record.parentId = r === null || r.id === record.id ? null : r.id;
      if (r !== null && r.id === record.id) problemAt(row, has(row.table, 'parent') ? 'parent' : 'parentId', msg('divisionLoop', { path: `${String(record.name)} → ${String(record.name)}` }));
    }
    breakLoops(account.divisions, 'parentId', 'parent', 'divisionLoop');
  }


  /** Product-line names match ignoring case and full-width forms: they are the settings' words, typed by hand. */
  const lineKey = (name: string) => name.normalize('NFKC').trim().toLowerCase();
  const productLineRefs: Ref[] = (opts.productLines ?? []).map((l) => ({ id: l.id, name: lineKey(l.name) }));
  /**
   * Reads the product line of a row into `record.productLineId`. A name must be one of the
   * settings' lines; an ID alone that is not (a line removed since the export) is kept as it is.
   * Returns false when the cell names no known line (reported).
   */
  function readProductLine(row: Row, record: Obj): boolean {
    const t = row.table;
    if (!has(t, 'productLine') && !has(t, 'productLineId')) return true;
    const idText = has(t, 'productLineId') ? textOf(row, 'productLineId') : '';
    const nameText = has(t, 'productLine') ? textOf(row, 'productLine') : '';
    const r = resolveText(productLineRefs, idText, lineKey(nameText), true);
    if (r.ok) {
      record.productLineId = r.id;
      return true;
    }
    if (!r.byName) {
      record.productLineId = idText;
      return true;
    }
    const column = headerOf(t, 'productLine');
    problemAt(row, 'productLine', r.count > 1 ? msg('ambiguousProductLine', { column, value: nameText, count: r.count }) : msg('noSuchProductLine', { column, value: nameText }));
    return false;
  }

  /** Reads the division of a row into `record.divisionId`; false when it names none of the account's (reported). */
  function readDivision(row: Row, account: AccountDraft, record: Obj): boolean {
    const r = refOf(row, divisionRefs(account), 'division', 'divisionId', 'division');
    if (r === 'absent') return true;
    if (r === undefined) return false;
    record.divisionId = r === null ? null : r.id;
    return true;
  }

  // ---- contacts ------------------------------------------------------------------------------
  for (const t of of(['contacts'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      record.id = rowId(row);
      if (has(t, 'needs')) record.needs = readNeeds(row);
      account.contacts.push({ row, record });
    }
  }

  function readNeeds(row: Row): Obj[] {
    const needs: Obj[] = [];
    for (const line of cellText(cellOf(row, 'needs')).split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const need = parseNeedLine(line);
      if (need.text.length > 2000) {
        problemAt(row, 'needs', msg('tooLong', { column: headerOf(row.table, 'needs'), max: 2000 }));
        continue;
      }
      needs.push({ id: opts.newId(), ...need });
    }
    return needs;
  }

  for (const account of accounts) {
    const refs: Ref[] = account.contacts.map((c) => ({ id: String(c.record.id), name: String(c.record.name) }));
    for (const { row, record } of account.contacts) {
      for (const [idKey, nameKey, target] of [
        ['reportsToId', 'reportsTo', 'reportsToId'],
        ['successorOfId', 'successorOf', 'successorOfId'],
      ] as const) {
        if (!has(row.table, idKey) && !has(row.table, nameKey)) continue;
        const r = resolve(row, refs, has(row.table, idKey) ? idKey : null, nameKey, 'contact');
        if (r !== undefined) record[target] = r === null ? null : r.id;
        if (r && r.id === record.id && target === 'successorOfId') record[target] = null;
      }
    }
    breakLoops(account.contacts, 'reportsToId', 'reportsTo', 'loop');
    breakLoops(account.contacts, 'successorOfId', 'successorOf', 'successorLoop');
  }

  /**
   * Records that are, through their parent key (a contact's boss, a division's "part of"), their
   * own parent: each loop is reported once and cut at the member that comes last in the sheet,
   * so the other rows keep their parent.
   */
  function breakLoops(
    items: readonly Read<Obj>[],
    key: 'reportsToId' | 'successorOfId' | 'parentId',
    column: string,
    problem: 'loop' | 'successorLoop' | 'divisionLoop',
  ): void {
    const byId = new Map(items.map((c) => [String(c.record.id), c]));
    const done = new Set<string>();
    for (const start of items) {
      const path: string[] = [];
      const seen = new Map<string, number>();
      let cur: Read<Obj> | undefined = start;
      while (cur && !done.has(String(cur.record.id))) {
        const id = String(cur.record.id);
        if (seen.has(id)) {
          const cycle = path.slice(seen.get(id));
          const members = cycle.map((x) => byId.get(x)!);
          const last = members.reduce((a, b) => (b.row.excelRow > a.row.excelRow ? b : a));
          const from = cycle.indexOf(String(last.record.id));
          const rotated = [...cycle.slice(from), ...cycle.slice(0, from), String(last.record.id)].map((x) => String(byId.get(x)?.record.name ?? x));
          problemAt(last.row, has(last.row.table, column) ? column : key, msg(problem, { path: rotated.join(' → ') }));
          last.record[key] = null;
          break;
        }
        seen.set(id, path.length);
        path.push(id);
        const parent: unknown = cur.record[key];
        cur = typeof parent === 'string' ? byId.get(parent) : undefined;
      }
      for (const id of path) done.add(id);
    }
  }

  // ---- influence lines -----------------------------------------------------------------------
  for (const t of of(['lines'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const refs = account.contacts.map((c) => ({ id: String(c.record.id), name: String(c.record.name) }));
      const record: Obj = { createdAt: now, updatedAt: now };
      readFields(row, record);
      const from = resolve(row, refs, has(t, 'fromId') ? 'fromId' : null, 'from', 'contact');
      const to = resolve(row, refs, has(t, 'toId') ? 'toId' : null, 'to', 'contact');
      if (from === undefined || to === undefined) continue;
      if (from === null || to === null) {
        problemAt(row, from === null ? 'from' : 'to', msg('emptyRequired', { column: headerOf(t, from === null ? 'from' : 'to') }));
        continue;
      }
      if (from.id === to.id) {
        problemAt(row, 'to', msg('selfLine'));
        continue;
      }
      record.id = rowId(row);
      record.fromId = from.id;
      record.toId = to.id;
      account.lines.push(record);
    }
  }

  /** Resolves a cell listing contacts, one per line (or separated by commas when typed by hand). */
  function contactList(row: Row, key: string, refs: readonly Ref[]): string[] {
    const ids: string[] = [];
    for (const line of cellText(cellOf(row, key)).split(/\r?\n/)) {
      const piece = line.trim();
      if (piece === '') continue;
      const whole = resolveText(refs, '', piece, true);
      const parts = whole.ok ? [piece] : piece.split(/[,，、;；]/).map((p) => p.trim()).filter((p) => p !== '');
      for (const p of parts) {
        const r = resolveText(refs, '', p, true);
        if (r.ok && r.id !== null) ids.push(r.id);
        else if (!r.ok) {
          const column = headerOf(row.table, key);
          problemAt(row, key, msg(r.count > 1 ? 'ambiguousContact' : 'noSuchContact', { column, value: p, count: r.count }));
        }
      }
    }
    return [...new Set(ids)];
  }

  // ---- deals ---------------------------------------------------------------------------------
  for (const t of of(['deals'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      record.id = rowId(row);
      const refs = account.contacts.map((c) => ({ id: String(c.record.id), name: String(c.record.name) }));
      if (has(t, 'currency')) {
        const c = textOf(row, 'currency').toUpperCase();
        if (c === '') record.currency = 'CNY';
        else if (/^[A-Z]{3}$/.test(c)) record.currency = c;
        else problemAt(row, 'currency', msg('currency', { value: textOf(row, 'currency') }));
      }
      if (has(t, 'buyingCentre')) record.buyingCentre = readBuyingCentre(row, refs);
      readDivision(row, account, record);
      readProductLine(row, record);
      if (has(t, 'nineKnows')) record.nineKnows = readNineKnows(row);
      if (has(t, 'meetings')) record.meetings = readMeetings(row);
      record.criteria = [];
      record.competitors = [];
      account.deals.push({ row, record });
    }
  }

  function readBuyingCentre(row: Row, refs: readonly Ref[]): Obj[] {
    const seats: Obj[] = [];
    for (const line of cellText(cellOf(row, 'buyingCentre')).split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const m = /^([^:：]+)[:：]\s*(.*)$/.exec(line.trim());
      const role = m ? parseEnum('role', m[1]!) : undefined;
      if (!m || role === undefined) {
        problemAt(row, 'buyingCentre', m ? msg('unknownEnum', { what: enumWhat('role', locale), value: m[1]!.trim() }) : msg('badRoleLine', { value: line.trim() }));
        continue;
      }
      const who = m[2]!.trim();
      const r = resolveText(refs, '', who, true);
      if (r.ok && r.id !== null) seats.push({ contactId: r.id, role });
      else if (!r.ok) {
        const column = headerOf(row.table, 'buyingCentre');
        problemAt(row, 'buyingCentre', msg(r.count > 1 ? 'ambiguousContact' : 'noSuchContact', { column, value: who, count: r.count }));
      }
    }
    return seats;
  }

  function readNineKnows(row: Row): Obj {
    const known: Obj = Object.fromEntries(NINE_KNOWS.map((k) => [k, false]));
    for (const piece of cellText(cellOf(row, 'nineKnows')).split(/[\r\n,，、;；]+/)) {
      if (piece.trim() === '') continue;
      const k = parseEnum('nineKnow', piece);
      if (k === undefined) problemAt(row, 'nineKnows', msg('unknownEnum', { what: enumWhat('nineKnow', locale), value: piece.trim() }));
      else known[k] = true;
    }
    return known;
  }

  function readMeetings(row: Row): Obj[] {
    const meetings: Obj[] = [];
    for (const line of cellText(cellOf(row, 'meetings')).split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const m = /^\s*(\S+)\s+([^:：]+?)\s*(?:[:：] ?(.*))?$/.exec(line);
      const date = m ? parseDate(m[1]!, locale) : undefined;
      const outcome = m ? parseEnum('outcome', m[2]!) : undefined;
      if (!m || !date?.ok) {
        problemAt(row, 'meetings', msg('badMeeting', { value: line.trim() }));
        continue;
      }
      if (outcome === undefined) {
        problemAt(row, 'meetings', msg('unknownEnum', { what: enumWhat('outcome', locale), value: m[2]!.trim() }));
        continue;
      }
      meetings.push({ id: opts.newId(), createdAt: now, updatedAt: now, date: date.value, outcome, notes: m[3] ?? '' });
    }
    return meetings;
  }

  // ---- criteria and competitors --------------------------------------------------------------
  for (const [kind, listKey] of [
    ['criteria', 'criteria'],
    ['competitors', 'competitors'],
  ] as const) {
    for (const t of of([kind])) {
      for (const row of rowsOf(t)) {
        const account = accountOf(row);
        if (!account) continue;
        const deal = dealOf(row, account);
        if (deal === undefined) continue;
        if (deal === null) {
          problemAt(row, has(t, 'deal') ? 'deal' : null, msg('missingDeal'));
          continue;
        }
        const record: Obj = { createdAt: now, updatedAt: now };
        if (!readFields(row, record)) continue;
        record.id = rowId(row);
        (deal.record[listKey] as Obj[]).push(record);
      }
    }
  }

  function dealOf(row: Row, account: AccountDraft): Read<Obj> | null | undefined {
    const t = row.table;
    if (!has(t, 'deal') && !has(t, 'dealId')) return null;
    const refs = account.deals.map((d) => ({ id: String(d.record.id), name: String(d.record.name) }));
    const r = resolve(row, refs, has(t, 'dealId') ? 'dealId' : null, has(t, 'deal') ? 'deal' : 'dealId', 'deal');
    if (r === undefined || r === null) return r;
    return account.deals.find((d) => d.record.id === r.id) ?? null;
  }

  // ---- actions and the activity log: rows of the account, optionally linked to a deal and contacts
  for (const [kind, list] of [
    ['actions', 'actions'],
    ['activities', 'activities'],
  ] as const) {
    for (const t of of([kind])) {
      for (const row of rowsOf(t)) {
        const account = accountOf(row);
        if (!account) continue;
        const deal = dealOf(row, account);
        if (deal === undefined) continue;
        const record: Obj = { createdAt: now, updatedAt: now };
        if (!readFields(row, record)) continue;
        record.id = rowId(row);
        if (has(t, 'deal') || has(t, 'dealId')) record.dealId = deal === null ? null : deal.record.id;
        if (has(t, 'contacts')) {
          const refs = account.contacts.map((c) => ({ id: String(c.record.id), name: String(c.record.name) }));
          record.contactIds = contactList(row, 'contacts', refs);
        }
        account[list].push(record);
      }
    }
  }

  // ---- orders and whitespace marks -----------------------------------------------------------
  for (const t of of(['orders'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      record.id = rowId(row);
      readDivision(row, account, record);
      readProductLine(row, record);
      account.orders.push(record);
    }
  }
  for (const t of of(['whitespace'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = { createdAt: now, updatedAt: now };
      if (!readFields(row, record)) continue;
      if (!readDivision(row, account, record) || !readProductLine(row, record)) continue;
      // A mark is a cell of the map: it needs the product line.
      if (typeof record.productLineId !== 'string' || record.productLineId === '') {
        problemAt(row, 'productLine', msg('emptyRequired', { column: headerOf(t, 'productLine') }));
        continue;
      }
      const cell = `${String(record.divisionId ?? '')}\u0000${record.productLineId}`;
      if (account.whitespace.some((w) => `${String(w.divisionId ?? '')}\u0000${String(w.productLineId)}` === cell)) {
        problemAt(row, 'productLine', msg('duplicateCell', { value: `${textOf(row, 'division') || '—'} × ${textOf(row, 'productLine')}` }));
        continue;
      }
      record.id = rowId(row);
      account.whitespace.push(record);
    }
  }

  // ---- warning signs -------------------------------------------------------------------------
  for (const t of of(['signs'])) {
    for (const row of rowsOf(t)) {
      const account = accountOf(row);
      if (!account) continue;
      const record: Obj = {};
      if (!readFields(row, record)) continue;
      const { sign, ...entry } = record;
      const key = String(sign);
      account.signs ??= {};
      if (key in account.signs) {
        problemAt(row, 'sign', msg('duplicateSign', { value: textOf(row, 'sign') }));
        continue;
      }
      account.signs[key] = entry;
    }
  }

  // ---- assemble and validate -----------------------------------------------------------------
  const result: AccountInput[] = [];
  for (const a of accounts) {
    const input: Obj = {
      ...a.record,
      contacts: a.contacts.map((c) => c.record),
      influenceLines: a.lines,
      deals: a.deals.map((d) => d.record),
      actions: a.actions,
      activities: a.activities,
      divisions: a.divisions.map((d) => d.record),
      orders: a.orders,
      whitespaceMarks: a.whitespace,
      ...(a.signs && { warningSigns: a.signs }),
    };
    const parsed = accountSchema.safeParse(input);
    if (parsed.success) {
      result.push(input as AccountInput);
    } else {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      report(a.row.table.raw.name, a.row.excelRow, null, msg('invalidAccount', { name: String(a.record.name), detail }));
    }
  }
  return { accounts: result, problems };
}

function mappedHeader(keys: readonly (string | null)[]): HeaderMatch {
  const index = new Map<string, number>();
  keys.forEach((key, column) => {
    if (key !== null && !index.has(key)) index.set(key, column);
  });
  return { index, duplicates: [] };
}

type ResolveResult = { ok: true; id: string | null } | { ok: false; byName: boolean; count: number };

/** What a reference names, and its messages when it names nothing (or several). */
type RefKind = 'contact' | 'deal' | 'division';
const REF_MESSAGES: Record<RefKind, [MessageCode, MessageCode]> = {
  contact: ['noSuchContact', 'ambiguousContact'],
  deal: ['noSuchDeal', 'ambiguousDeal'],
  division: ['noSuchDivision', 'ambiguousDivision'],
};

/**
 * Finds a record by ID text first, else by name. When both are given and the name names exactly
 * one record other than the ID's, the name wins (it was edited). With `nameMayBeId`, a name that
 * matches no name is tried as an ID (list cells write the ID when the name is ambiguous).
 */
export function resolveText(
  items: readonly { id: string; name: string }[],
  idText: string,
  nameText: string,
  nameMayBeId = false,
): ResolveResult {
  const byName = nameText === '' ? [] : items.filter((i) => sameName(i.name, nameText));
  if (idText !== '') {
    const hit = items.find((i) => i.id === idText);
    if (hit) {
      if (nameText !== '' && !sameName(hit.name, nameText) && byName.length === 1) return { ok: true, id: byName[0]!.id };
      return { ok: true, id: hit.id };
    }
    if (nameText === '') return { ok: false, byName: false, count: 0 };
  }
  if (nameText === '') return { ok: true, id: null };
  if (byName.length === 1) return { ok: true, id: byName[0]!.id };
  if (nameMayBeId || byName.length === 0) {
    const hit = items.find((i) => i.id === nameText.trim());
    if (hit) return { ok: true, id: hit.id };
  }
  return { ok: false, byName: true, count: byName.length };
}

/**
 * Reads one line of a needs cell: `组织/明显: text` or `Personal/Implicit: text` (labels in either
 * language, or the keys). A line without that prefix is an explicit organisational need.
 */
export function parseNeedLine(line: string): { kind: 'organisational' | 'personal'; visibility: 'explicit' | 'implicit'; text: string } {
  const m = /^\s*([^:：/／]+?)\s*[/／]\s*([^:：]+?)\s*[:：] ?(.*)$/.exec(line);
  if (m) {
    const kind = parseEnum('needKind', m[1]!);
    const visibility = parseEnum('needVisibility', m[2]!);
    if (kind !== undefined && visibility !== undefined) return { kind, visibility, text: m[3]!.trim() };
  }
  return { kind: 'organisational', visibility: 'explicit', text: line.trim() };
}
