import { accountSchema, type Account, type AccountInput, type Division, type WhitespaceMark } from '../model/account';
import type { ProductLine } from '../model/database';
import { ALL_WARNING_SIGNS } from '../model/vocabulary';

/** The kinds of record a merge reports on. */
export type MergeKind =
  | 'account'
  | 'contact'
  | 'line'
  | 'deal'
  | 'criterion'
  | 'competitor'
  | 'meeting'
  | 'action'
  | 'activity'
  | 'division'
  | 'order'
  | 'whitespaceMark';

export interface MergeCreate {
  kind: MergeKind;
  name: string;
}

export interface MergeUpdate {
  kind: MergeKind;
  name: string;
  /** Dotted paths of the fields that change (`title`, `profile.hometown`). */
  fields: string[];
}

export interface MergePreview {
  creates: MergeCreate[];
  updates: MergeUpdate[];
  /** Records found in both and left as they are (the account itself included). */
  unchanged: number;
  merged: Account;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);
const norm = (s: unknown) => String(s ?? '').trim().toLowerCase();

/**
 * Nested objects merged key by key; other object or array values are replaced whole. A warning
 * sign merges field by field: a workbook without the Since column leaves the dates alone.
 */
const NESTED = new Set([
  'profile',
  'valueFactors',
  'giftPolicy',
  'confirmedAt',
  'spin',
  'nineKnows',
  'warningSigns',
  ...ALL_WARNING_SIGNS.map((k) => `warningSigns.${k}`),
]);
/** Children merged as records of their own, and bookkeeping never taken from the import. */
const SKIP = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'position',
  'deletedAt',
  'contacts',
  'influenceLines',
  'deals',
  'actions',
  'activities',
  'orders',
  'divisions',
  'whitespaceMarks',
  'criteria',
  'competitors',
  'meetings',
  'needs',
]);
/** Timestamps that travel through Excel as dates: the same day means no change. */
const DAY_PRECISION = new Set(['confirmedAt.attitude', 'confirmedAt.influence', 'confirmedAt.stars', 'closedAt', 'doneAt']);

type Adjust = (path: string, value: unknown) => unknown;

/**
 * Copies into `existing` the fields present in the raw incoming record (a column the workbook
 * did not have is an absent key and changes nothing), taking values from the parsed record.
 */
function mergeFields(existing: Obj, raw: Obj, full: Obj, adjust: Adjust, prefix = ''): { result: Obj; fields: string[] } {
  const result: Obj = { ...existing };
  const fields: string[] = [];
  for (const key of Object.keys(raw)) {
    const path = prefix + key;
    if (SKIP.has(path)) continue;
    const e = existing[key];
    const v = full[key];
    if (NESTED.has(path) && isObj(e) && isObj(v)) {
      const sub = mergeFields(e, isObj(raw[key]) ? (raw[key] as Obj) : v, v, adjust, `${path}.`);
      result[key] = sub.result;
      fields.push(...sub.fields);
      continue;
    }
    let value = adjust(path, v);
    if (DAY_PRECISION.has(path) && typeof value === 'string' && typeof e === 'string' && value.slice(0, 10) === e.slice(0, 10)) value = e;
    if (!same(value, e)) {
      result[key] = value;
      fields.push(path);
    }
  }
  return { result, fields };
}

interface Matched<T> {
  raw: Obj;
  full: T;
  existing: T | undefined;
}

/** Pairs each incoming record with an existing one (by ID, else by `key`), each existing at most once. */
function pair<T extends { id: string }>(existing: readonly T[], rawList: unknown, fullList: readonly T[], key: (r: T) => string | null): Matched<T>[] {
  const raws = Array.isArray(rawList) ? (rawList as unknown[]) : [];
  const taken = new Set<string>();
  const byId = new Map(existing.map((e) => [e.id, e]));
  const out: Matched<T>[] = fullList.map((full, i) => ({ raw: isObj(raws[i]) ? (raws[i] as Obj) : (full as unknown as Obj), full, existing: undefined }));
  for (const m of out) {
    const e = byId.get(m.full.id);
    if (e && !taken.has(e.id)) {
      m.existing = e;
      taken.add(e.id);
    }
  }
  for (const m of out) {
    if (m.existing) continue;
    const k = key(m.full);
    if (k === null) continue;
    const e = existing.find((x) => !taken.has(x.id) && key(x) === k);
    if (e) {
      m.existing = e;
      taken.add(e.id);
    }
  }
  return out;
}

/** What a merge needs beyond the two accounts. */
export interface MergeOptions {
  /** Our product lines, to name whitespace marks in the preview. */
  productLines?: readonly ProductLine[];
}

/**
 * What importing `incoming` into `existing` would do, and the result. Contacts, deals and lines
 * match by ID, else contacts by name and department (by name alone when the import carries no
 * department), deals by name, lines by their two ends; criteria and competitors by ID, else name,
 * within their deal; actions by ID, else by what and deal; meetings by date and outcome;
 * divisions by ID, else name; orders by ID, else date, amount, division and product line;
 * activities by ID, else date, channel and summary; whitespace marks by ID, else their cell
 * (division and product line). Matched records take the incoming values of the fields the import
 * carries; unmatched ones are created; nothing existing is ever deleted (needs and meetings are
 * added, not replaced). Warning signs merge sign by sign and field by field. References in the
 * import (reports-to, line ends, seats, the contacts and deal of actions and activities, the
 * division of deals, orders, marks and of other divisions) are redirected to the records they
 * matched. The existing account keeps its ID and name. With no existing account, everything is a
 * create.
 */
export function previewMerge(existing: Account | null, incoming: AccountInput, now: string, opts: MergeOptions = {}): MergePreview {
  const full = accountSchema.parse(incoming);
  const raw = incoming as unknown as Obj;
  const creates: MergeCreate[] = [];
  const updates: MergeUpdate[] = [];
  let unchanged = 0;
  const lineNames = new Map((opts.productLines ?? []).map((l) => [l.id, l.name]));
  const orderName = (o: { date: string; amount: number }) => `${o.date} ${o.amount}`;
  const markName = (m: WhitespaceMark) => m.competitor || lineNames.get(m.productLineId) || m.productLineId;

  if (existing === null) {
    creates.push({ kind: 'account', name: full.name });
    for (const c of full.contacts) creates.push({ kind: 'contact', name: c.name });
    for (const l of full.influenceLines) creates.push({ kind: 'line', name: lineName(full, l.fromId, l.toId) });
    for (const d of full.deals) {
      creates.push({ kind: 'deal', name: d.name });
      for (const c of d.criteria) creates.push({ kind: 'criterion', name: c.name });
      for (const c of d.competitors) creates.push({ kind: 'competitor', name: c.name });
      for (const m of d.meetings) creates.push({ kind: 'meeting', name: m.date });
    }
    for (const a of full.actions) creates.push({ kind: 'action', name: a.what });
    for (const a of full.activities) creates.push({ kind: 'activity', name: a.summary || a.date });
    for (const d of full.divisions) creates.push({ kind: 'division', name: d.name });
    for (const o of full.orders) creates.push({ kind: 'order', name: orderName(o) });
    for (const m of full.whitespaceMarks) creates.push({ kind: 'whitespaceMark', name: markName(m) });
    return { creates, updates, unchanged, merged: full };
  }

  const contactIds = new Map<string, string>();
  const dealIds = new Map<string, string>();
  const divisionIds = new Map<string, string>();
  const remapContact = (id: unknown) => (typeof id === 'string' ? (contactIds.get(id) ?? id) : id);
  const remapDivision = (id: string | null) => (id === null ? null : (divisionIds.get(id) ?? id));
  const adjust: Adjust = (path, value) => {
    if (path === 'reportsToId' || path === 'successorOfId' || path === 'fromId' || path === 'toId') return remapContact(value);
    if (path === 'divisionId' || path === 'parentId') return typeof value === 'string' ? remapDivision(value) : value;
    if (path === 'dealId') return typeof value === 'string' ? (dealIds.get(value) ?? value) : value;
    if (path === 'contactIds' && Array.isArray(value)) return value.map(remapContact);
    if (path === 'buyingCentre' && Array.isArray(value)) return value.map((s: Obj) => ({ ...s, contactId: remapContact(s.contactId) }));
    return value;
  };
  /** Applies one pairing: updates, creates, or counts as unchanged. */
  function apply<T extends { id: string }>(kind: MergeKind, m: Matched<T>, name: (r: T) => string, extra?: (merged: Obj, fields: string[]) => void): T {
    if (!m.existing) {
      creates.push({ kind, name: name(m.full) });
      const created = mergeFields({}, m.full as unknown as Obj, m.full as unknown as Obj, adjust).result;
      for (const k of ['id', 'createdAt', 'updatedAt']) created[k] = (m.full as unknown as Obj)[k];
      for (const k of SKIP) if (k in (m.full as unknown as Obj) && !(k in created)) created[k] = (m.full as unknown as Obj)[k];
      return { ...(m.full as unknown as Obj), ...created, createdAt: now, updatedAt: now } as unknown as T;
    }
    const { result, fields } = mergeFields(m.existing as unknown as Obj, m.raw, m.full as unknown as Obj, adjust);
    extra?.(result, fields);
    if (fields.length === 0) {
      unchanged += 1;
      return m.existing;
    }
    updates.push({ kind, name: name(m.existing), fields });
    return { ...result, updatedAt: now } as unknown as T;
  }

  // Account fields. The name stays: the user chose this account as the target, and a contact
  // list arrives named after its file.
  const { name: _name, ...rawAccount } = raw;
  const accountFields = mergeFields(existing as unknown as Obj, rawAccount, full as unknown as Obj, adjust);

  // Contacts: pair all first, so references can be redirected before any record is built.
  const hasDept = (Array.isArray(raw.contacts) ? raw.contacts : []).every((c) => isObj(c) && 'department' in c);
  const contactPairs = pair(existing.contacts, raw.contacts, full.contacts, (c) =>
    c.name.trim() === '' ? null : hasDept ? `${norm(c.name)}\u0000${norm(c.department)}` : norm(c.name),
  );
  if (!hasDept) {
    // Without departments a name alone must be unambiguous among the existing contacts.
    for (const m of contactPairs) {
      if (m.existing && m.existing.id !== m.full.id && existing.contacts.filter((c) => norm(c.name) === norm(m.full.name)).length > 1) m.existing = undefined;
    }
  }
  for (const m of contactPairs) if (m.existing) contactIds.set(m.full.id, m.existing.id);
  const dealPairs = pair(existing.deals, raw.deals, full.deals, (d) => (d.name.trim() === '' ? null : norm(d.name)));
  for (const m of dealPairs) if (m.existing) dealIds.set(m.full.id, m.existing.id);
  const divisionPairs = pair(existing.divisions, raw.divisions, full.divisions, (d) => norm(d.name) || null);
  for (const m of divisionPairs) if (m.existing) divisionIds.set(m.full.id, m.existing.id);

  const contacts = [...existing.contacts];
  for (const m of contactPairs) {
    const merged = apply('contact', m, (c) => c.name, (result, fields) => {
      if (!('needs' in m.raw) || !m.existing) return;
      const have = new Set(m.existing.needs.map((n) => `${n.kind}|${n.visibility}|${n.text.trim()}`));
      const added = m.full.needs.filter((n) => !have.has(`${n.kind}|${n.visibility}|${n.text.trim()}`));
      if (added.length > 0) {
        result.needs = [...m.existing.needs, ...added];
        fields.push('needs');
      }
    });
    upsert(contacts, merged, m.existing);
  }

  const lines = [...existing.influenceLines];
  const linePairs = pair(existing.influenceLines, raw.influenceLines, full.influenceLines.map((l) => ({ ...l, fromId: String(remapContact(l.fromId)), toId: String(remapContact(l.toId)) })), (l) => `${l.fromId}\u0000${l.toId}`);
  for (const m of linePairs) upsert(lines, apply('line', m, (l) => lineName({ contacts }, l.fromId, l.toId)), m.existing);

  const deals = [...existing.deals];
  dealPairs.forEach((m, i) => {
    const rawDeal = (Array.isArray(raw.deals) ? raw.deals[i] : undefined) as Obj | undefined;
    const merged = apply('deal', m, (d) => d.name) as Account['deals'][number];
    if (!m.existing) {
      for (const c of m.full.criteria) creates.push({ kind: 'criterion', name: c.name });
      for (const c of m.full.competitors) creates.push({ kind: 'competitor', name: c.name });
      for (const x of m.full.meetings) creates.push({ kind: 'meeting', name: x.date });
      upsert(deals, merged, undefined);
      return;
    }
    const children = {
      criteria: mergeChildren('criterion', merged.criteria, rawDeal?.criteria, m.full.criteria, (c) => norm(c.name) || null, (c) => c.name),
      competitors: mergeChildren('competitor', merged.competitors, rawDeal?.competitors, m.full.competitors, (c) => norm(c.name) || null, (c) => c.name),
      meetings: mergeChildren('meeting', merged.meetings, rawDeal?.meetings, m.full.meetings, (x) => `${x.date}|${x.outcome}`, (x) => x.date),
    };
    const changed = children.criteria.changed || children.competitors.changed || children.meetings.changed;
    upsert(
      deals,
      changed
        ? { ...merged, criteria: children.criteria.list, competitors: children.competitors.list, meetings: children.meetings.list, updatedAt: now }
        : merged,
      m.existing,
    );
  });

  function mergeChildren<T extends { id: string }>(kind: MergeKind, have: readonly T[], rawList: unknown, fullList: readonly T[], key: (r: T) => string | null, name: (r: T) => string): { list: T[]; changed: boolean } {
    const list = [...have];
    let changed = false;
    for (const m of pair(have, rawList, fullList, key)) {
      const before = creates.length + updates.length;
      upsert(list, apply(kind, m, name), m.existing);
      if (creates.length + updates.length > before) changed = true;
    }
    return { list, changed };
  }

  const actions = [...existing.actions];
  const actionPairs = pair(existing.actions, raw.actions, full.actions.map((a) => ({ ...a, dealId: a.dealId === null ? null : (dealIds.get(a.dealId) ?? a.dealId) })), (a) =>
    a.what.trim() === '' ? null : `${norm(a.what)}\u0000${a.dealId ?? ''}`,
  );
  for (const m of actionPairs) upsert(actions, apply('action', m, (a) => a.what), m.existing);

  const activities = [...existing.activities];
  const activityPairs = pair(existing.activities, raw.activities, full.activities, (a) => `${a.date}\u0000${a.channel}\u0000${norm(a.summary)}`);
  for (const m of activityPairs) upsert(activities, apply('activity', m, (a) => a.summary || a.date), m.existing);

  const divisions = [...existing.divisions];
  for (const m of divisionPairs) upsert(divisions, apply('division', m, (d) => d.name), m.existing);
  cutDivisionLoops(divisions, now);

  const orders = [...existing.orders];
  const orderPairs = pair(existing.orders, raw.orders, full.orders.map((o) => ({ ...o, divisionId: remapDivision(o.divisionId) })), (o) =>
    [o.date, o.amount, o.divisionId ?? '', o.productLineId ?? ''].join('\u0000'),
  );
  for (const m of orderPairs) upsert(orders, apply('order', m, orderName), m.existing);

  const marks = [...existing.whitespaceMarks];
  const markPairs = pair(existing.whitespaceMarks, raw.whitespaceMarks, full.whitespaceMarks.map((x) => ({ ...x, divisionId: remapDivision(x.divisionId) })), (x) =>
    `${x.divisionId ?? ''}\u0000${x.productLineId}`,
  );
  for (const m of markPairs) upsert(marks, apply('whitespaceMark', m, markName), m.existing);

  if (accountFields.fields.length > 0) updates.unshift({ kind: 'account', name: existing.name, fields: accountFields.fields });
  else unchanged += 1;
  const anyChange = creates.length > 0 || updates.length > 0;
  const merged = accountSchema.parse({
    ...accountFields.result,
    id: existing.id,
    createdAt: existing.createdAt,
    updatedAt: anyChange ? now : existing.updatedAt,
    contacts,
    influenceLines: lines,
    deals,
    actions,
    activities,
    divisions,
    orders,
    whitespaceMarks: marks,
  });
  return { creates, updates, unchanged, merged };
}

/**
 * Cuts a loop of "part of" that the merge of a workbook into an account could close (each side is
 * a tree on its own): the division that closes it becomes a part of the group itself.
 */
function cutDivisionLoops(divisions: Division[], now: string): void {
  const index = new Map(divisions.map((d, i) => [d.id, i]));
  for (let i = 0; i < divisions.length; i++) {
    const start = divisions[i]!;
    const seen = new Set<string>([start.id]);
    for (let at = start.parentId; at !== null; ) {
      if (at === start.id) {
        divisions[i] = { ...start, parentId: null, updatedAt: now };
        break;
      }
      // A loop further up, without this division: cut when its own member is the start.
      if (seen.has(at)) break;
      seen.add(at);
      const j = index.get(at);
      at = j === undefined ? null : divisions[j]!.parentId;
    }
  }
}

function upsert<T extends { id: string }>(list: T[], record: T, existing: T | undefined): void {
  const i = existing ? list.findIndex((x) => x.id === existing.id) : -1;
  if (i >= 0) list[i] = record;
  else list.push(record);
}

function lineName(account: Pick<Account, 'contacts'>, fromId: string, toId: string): string {
  const name = (id: string) => account.contacts.find((c) => c.id === id)?.name || id;
  return `${name(fromId)} → ${name(toId)}`;
}
