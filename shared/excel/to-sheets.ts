import type { Account } from '../model/account';
import type { Contact } from '../model/contact';
import type { ProductLine } from '../model/database';
import type { Deal } from '../model/deal';
import { CHANNEL_WARNING_SIGNS, NINE_KNOWS, WARNING_SIGNS, type WarningSign } from '../model/vocabulary';
import { redFlags, type RedFlag } from '../buying-centre/red-flags';
import { isOpen, weightedValue } from '../deals/probability';
import { sheetFields, sheetName, PLAN_SHEET_KINDS, columnSpec, type FieldDef } from './columns';
import { percentCell } from './cells';
import { enumLabel, FLAG_TEMPLATES, fill, yesNoLabel, type EnumName, type Locale } from './labels';
import type { CellValue, SheetData, SheetKind } from './types';

/** Separator of a list of labels in one cell (the nine things known). */
const LIST_SEPARATOR: Record<Locale, string> = { en: ', ', 'zh-CN': '、' };

type Row = Record<string, unknown>;

/** What an export needs beyond the accounts. */
export interface ExportOptions {
  /** Our product lines (the settings): records name theirs, and the product-line columns get them as a dropdown. */
  productLines?: readonly ProductLine[];
}

/** Reads `a.b.c` from a record. */
function getPath(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Turns a domain value into the cell the writer puts in the column. */
export function toCell(field: FieldDef, value: unknown, locale: Locale): CellValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'id':
      return value === '' ? null : String(value);
    case 'number':
    case 'money':
    case 'stars':
      return typeof value === 'number' ? value : null;
    case 'percent':
      return typeof value === 'number' ? percentCell(value) : null;
    case 'date':
      return typeof value === 'string' && value !== '' ? value.slice(0, 10) : null;
    case 'bool':
      return yesNoLabel(value === true, locale);
    case 'enum':
      return enumLabel(field.enum as EnumName, value as never, locale);
  }
}

function sheet(kind: SheetKind, locale: Locale, portfolio: boolean, rows: Row[], opts: ExportOptions = {}): SheetData {
  const fields = sheetFields(kind, portfolio);
  const lineNames = [...new Set((opts.productLines ?? []).map((l) => l.name))];
  return {
    kind,
    name: sheetName(kind, locale),
    columns: fields.map((f) => {
      const spec = columnSpec(f, locale);
      // A dropdown of the product lines: other names are still typed (and refused on import).
      if (f.key === 'productLine' && lineNames.length > 0) spec.options = lineNames;
      return spec;
    }),
    rows: rows.map((r) => fields.map((f) => toCell(f, f.key in r ? r[f.key] : getPath(r.$, f.key), locale))),
  };
}

/**
 * How a workbook names a contact in a list cell: the name when it identifies the contact
 * unambiguously, else the ID (so the list can still be read back).
 */
function contactRef(contacts: readonly Contact[]): (id: string) => string {
  const count = new Map<string, number>();
  for (const c of contacts) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  const ids = new Set(contacts.map((c) => c.id));
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return (id) => {
    const c = byId.get(id);
    if (!c) return id;
    const n = c.name;
    return n !== '' && count.get(n) === 1 && !ids.has(n) && !/[\r\n]/.test(n) && n.trim() === n ? n : id;
  };
}

/** `组织/明显: text`, one need per line. Line breaks inside a need become spaces. */
export function needsCell(needs: Contact['needs'], locale: Locale): string {
  return needs
    .map((n) => `${enumLabel('needKind', n.kind, locale)}/${enumLabel('needVisibility', n.visibility, locale)}: ${n.text.replace(/\s*[\r\n]+\s*/g, ' ')}`)
    .join('\n');
}

/** `YYYY-MM-DD outcome: notes`, one meeting per line. Line breaks inside notes become spaces. */
export function meetingsCell(meetings: Deal['meetings'], locale: Locale): string {
  return meetings
    .map((m) => {
      const notes = m.notes.replace(/\r?\n/g, ' ');
      return `${m.date} ${enumLabel('outcome', m.outcome, locale)}${notes === '' ? '' : `: ${notes}`}`;
    })
    .join('\n');
}

/** A red flag as a sentence in the workbook's language. */
export function flagSentence(flag: RedFlag, contacts: readonly Contact[], locale: Locale): string {
  const names = flag.contactIds.map((id) => contacts.find((c) => c.id === id)?.name || id);
  const sep = LIST_SEPARATOR[locale];
  const params: Record<string, string | number> = {
    ...flag.params,
    name: names.join(sep),
    role: flag.role ? enumLabel('role', flag.role, locale) : '',
  };
  return fill(FLAG_TEMPLATES[locale === 'zh-CN' ? 'zh' : 'en'][flag.code], params);
}

interface Rows {
  account: Row[];
  contacts: Row[];
  lines: Row[];
  deals: Row[];
  criteria: Row[];
  competitors: Row[];
  actions: Row[];
  activities: Row[];
  divisions: Row[];
  orders: Row[];
  whitespace: Row[];
  signs: Row[];
  flags: Row[];
}

/** Whether a warning sign holds anything: ticked, dated or with notes. */
const signUsed = (s: { present: boolean; since: string | null; notes: string }) => s.present || s.since !== null || s.notes !== '';

/**
 * The warning signs written for an account: the four of every key account, and a distributor's
 * five for a channel partner (or whenever one holds anything), so the checklist can be ticked in Excel.
 */
function signsOf(account: Account): WarningSign[] {
  return [...WARNING_SIGNS, ...CHANNEL_WARNING_SIGNS.filter((k) => account.kind === 'channel' || signUsed(account.warningSigns[k]))];
}

function accountRows(account: Account, locale: Locale, now: string, opts: ExportOptions = {}): Rows {
  const acc = { accountName: account.name, accountId: account.id };
  const ref = contactRef(account.contacts);
  const divisionById = new Map(account.divisions.map((d) => [d.id, d]));
  const lineById = new Map((opts.productLines ?? []).map((l) => [l.id, l]));
  /** The part of the group by name (the ID column carries the ID, so a name never has to stand alone). */
  const placed = (r: { divisionId: string | null; productLineId: string | null }) => ({
    division: r.divisionId === null ? null : (divisionById.get(r.divisionId)?.name ?? null),
    divisionId: r.divisionId,
    // A line no longer in the settings keeps its ID and no name.
    productLine: r.productLineId === null ? null : (lineById.get(r.productLineId)?.name ?? null),
    productLineId: r.productLineId,
  });
  const byId = new Map(account.contacts.map((c) => [c.id, c]));
  const dealById = new Map(account.deals.map((d) => [d.id, d]));
  const sep = LIST_SEPARATOR[locale];
  const flags = redFlags(account, { now });
  const open = account.deals.filter(isOpen);

  const dealRef = (d: Deal) => ({ ...acc, deal: d.name, dealId: d.id });
  return {
    account: [
      {
        $: account,
        contactCount: account.contacts.length,
        openDeals: open.length,
        pipeline: open.reduce((s, d) => s + d.value, 0),
        weightedPipeline: open.reduce((s, d) => s + weightedValue(d), 0),
        flagCount: flags.length,
      },
    ],
    contacts: account.contacts.map((c) => ({
      $: c,
      ...acc,
      reportsTo: c.reportsToId === null ? null : (byId.get(c.reportsToId)?.name ?? null),
      successorOf: c.successorOfId === null ? null : (byId.get(c.successorOfId)?.name ?? null),
      needs: needsCell(c.needs, locale),
    })),
    lines: account.influenceLines.map((l) => ({
      $: l,
      ...acc,
      from: byId.get(l.fromId)?.name ?? null,
      to: byId.get(l.toId)?.name ?? null,
    })),
    deals: account.deals.map((d) => ({
      $: d,
      ...acc,
      ...placed(d),
      buyingCentre: d.buyingCentre.map((r) => `${enumLabel('role', r.role, locale)}: ${ref(r.contactId)}`).join('\n'),
      nineKnows: NINE_KNOWS.filter((k) => d.nineKnows[k])
        .map((k) => enumLabel('nineKnow', k, locale))
        .join(sep),
      meetings: meetingsCell(d.meetings, locale),
    })),
    criteria: account.deals.flatMap((d) => d.criteria.map((c) => ({ $: c, ...dealRef(d) }))),
    competitors: account.deals.flatMap((d) => d.competitors.map((c) => ({ $: c, ...dealRef(d) }))),
    actions: account.actions.map((a) => {
      const d = a.dealId === null ? undefined : dealById.get(a.dealId);
      return {
        $: a,
        ...acc,
        deal: d?.name ?? null,
        dealId: a.dealId,
        contacts: a.contactIds.map(ref).join('\n'),
      };
    }),
    activities: account.activities.map((a) => ({
      $: a,
      ...acc,
      deal: a.dealId === null ? null : (dealById.get(a.dealId)?.name ?? null),
      dealId: a.dealId,
      contacts: a.contactIds.map(ref).join('\n'),
    })),
    divisions: account.divisions.map((d) => ({
      $: d,
      ...acc,
      parent: d.parentId === null ? null : (divisionById.get(d.parentId)?.name ?? null),
    })),
    orders: account.orders.map((o) => ({ $: o, ...acc, ...placed(o) })),
    whitespace: account.whitespaceMarks.map((m) => ({ $: m, ...acc, ...placed(m) })),
    signs: signsOf(account).map((k) => ({ $: account.warningSigns[k], ...acc, sign: k })),
    flags: flags.map((f) => ({
      ...acc,
      severity: f.severity,
      flag: flagSentence(f, account.contacts, locale),
      contacts: f.contactIds.map((id) => byId.get(id)?.name || id).join('\n'),
    })),
  };
}

/**
 * The workbook of one account plan: Account, Buying centre, Influence lines, Deals, Decision
 * criteria, Competitors, Actions, Activity log, Divisions, Orders, Whitespace, Warning signs and
 * Red flags, with headers and labels in `locale`. Red flags are computed at `now` and written as
 * sentences; they are not read back. Product lines are named from `opts.productLines`.
 */
export function accountToSheets(account: Account, locale: Locale, now: string, opts: ExportOptions = {}): SheetData[] {
  const rows = accountRows(account, locale, now, opts);
  return PLAN_SHEET_KINDS.map((kind) => sheet(kind, locale, false, rows[kind as keyof Rows], opts));
}

/**
 * The workbook of a portfolio: an Accounts sheet (every account field plus contacts, open deals,
 * pipeline, weighted pipeline and red-flag count) followed by the plan sheets, each row opening
 * with the account's name and ID. Pipeline sums deal values whatever their currency.
 */
export function portfolioToSheets(accounts: readonly Account[], locale: Locale, now: string, opts: ExportOptions = {}): SheetData[] {
  const all = accounts.map((a) => accountRows(a, locale, now, opts));
  const kinds = PLAN_SHEET_KINDS.filter((k) => k !== 'account');
  return [
    sheet('accounts', locale, true, all.flatMap((r) => r.account), opts),
    ...kinds.map((kind) => sheet(kind, locale, true, all.flatMap((r) => r[kind as keyof Rows]), opts)),
  ];
}

/**
 * An empty workbook to fill in by hand: the plan sheets (or, with `portfolio`, the Accounts sheet
 * and the plan sheets with account columns) with headers and no rows. The Red flags sheet is left
 * out: it is computed on export and never read.
 */
export function templateSheets(locale: Locale, opts: { portfolio?: boolean } & ExportOptions = {}): SheetData[] {
  const portfolio = opts.portfolio === true;
  const kinds: SheetKind[] = portfolio
    ? ['accounts', ...PLAN_SHEET_KINDS.filter((k) => k !== 'account' && k !== 'flags')]
    : PLAN_SHEET_KINDS.filter((k) => k !== 'flags');
  return kinds.map((kind) => sheet(kind, locale, portfolio, [], opts));
}
