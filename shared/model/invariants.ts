import type { Account } from './account';
import type { Settings } from './database';

/**
 * Every invariant code, grouped as the checks run.
 *
 * | code | raised when | params |
 * |---|---|---|
 * | duplicateId | two records of one collection share an id | collection, id, (contactId · dealId of the owner) |
 * | reportsToMissing | a contact reports to an id no contact has | contactId, reportsToId |
 * | reportsToSelf | a contact reports to themself | contactId |
 * | reportsToLoop | contacts report to one another in a circle | contactId (first in list order), path (ids) |
 * | successorOfMissing | a contact took over the seat of an id no contact has | contactId, successorOfId |
 * | successorOfSelf | a contact took over their own seat | contactId |
 * | successorOfLoop | seats were taken over in a circle | contactId, path |
 * | lineEndMissing | an influence line starts or ends at an id no contact has | lineId, end (`from`/`to`), contactId |
 * | lineSelf | an influence line joins a contact to themself | lineId, contactId |
 * | divisionParentMissing | a division is part of an id no division has | divisionId, parentId |
 * | divisionParentSelf | a division is part of itself | divisionId |
 * | divisionLoop | divisions are part of one another in a circle | divisionId, path |
 * | dealContactMissing | a buying-centre seat names an id no contact has | dealId, contactId, role |
 * | dealDivisionMissing | a deal is with an id no division has | dealId, divisionId |
 * | actionDealMissing | a next step belongs to an id no deal has | actionId, dealId |
 * | actionContactMissing | a next step names an id no contact has | actionId, contactId |
 * | activityDealMissing | a logged activity belongs to an id no deal has | activityId, dealId |
 * | activityContactMissing | a logged activity names an id no contact has | activityId, contactId |
 * | orderDivisionMissing | an order names an id no division has | orderId, divisionId |
 * | whitespaceMarkDivisionMissing | a whitespace mark names an id no division has | markId, divisionId |
 */
export const INVARIANT_CODES = [
  'duplicateId',
  'reportsToMissing',
  'reportsToSelf',
  'reportsToLoop',
  'successorOfMissing',
  'successorOfSelf',
  'successorOfLoop',
  'lineEndMissing',
  'lineSelf',
  'divisionParentMissing',
  'divisionParentSelf',
  'divisionLoop',
  'dealContactMissing',
  'dealDivisionMissing',
  'actionDealMissing',
  'actionContactMissing',
  'activityDealMissing',
  'activityContactMissing',
  'orderDivisionMissing',
  'whitespaceMarkDivisionMissing',
] as const;
export type InvariantCode = (typeof INVARIANT_CODES)[number];

/**
 * One broken rule of an account. Like a red flag it carries a code and params for the renderer
 * to translate; `message` is the English detail for the log and the error's text, and names the
 * record (by its name where it has one, else its id) and the id it points at.
 */
export interface InvariantViolation {
  code: InvariantCode;
  params: Record<string, string | number>;
  message: string;
}

/** Up to this many records, a list is searched for repeated ids pair by pair rather than with a set. */
const SMALL_LIST = 8;

/** Long free text (a need, an action's "what") is cut in messages: the id is in the params. */
const MAX_SHOWN = 60;
const quoted = (text: string): string => {
  const t = text.trim();
  return `“${t.length > MAX_SHOWN ? `${t.slice(0, MAX_SHOWN - 1)}…` : t}”`;
};
/** `Contact “王总”`, or `Contact c-7` for a nameless seat. */
const named = (kind: string, name: string, id: string): string => (name.trim() ? `${kind} ${quoted(name)}` : `${kind} ${id}`);

/**
 * The first record of each id, and the later ones that repeat an id, in one pass: the duplicates
 * are reported on their own, and the first record stands for its id in every other rule.
 */
function indexById<T extends { id: string }>(items: readonly T[]): { byId: Map<string, T>; repeats: T[] } {
  const byId = new Map<string, T>();
  const repeats: T[] = [];
  for (const item of items) {
    if (byId.has(item.id)) repeats.push(item);
    else byId.set(item.id, item);
  }
  return { byId, repeats };
}

/**
 * The records of a list that repeat an id seen earlier in it, or null when there are none (the
 * usual case, so nothing is allocated for it). A short list (a deal's criteria, a contact's
 * needs) is compared pair by pair on its ids, read once each: cheaper than a set.
 */
function repeatsIn<T extends { id: string }>(items: readonly T[]): T[] | null {
  const n = items.length;
  if (n < 2) return null;
  let repeats: T[] | null = null;
  if (n <= SMALL_LIST) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const item = items[i] as T;
      if (ids.includes(item.id)) (repeats ??= []).push(item);
      ids.push(item.id);
    }
    return repeats;
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) (repeats ??= []).push(item);
    else seen.add(item.id);
  }
  return repeats;
}

/**
 * Each circle of parent pointers (a reports-to chain, a "part of" chain), once, as the ids of
 * its members starting with the one that comes first in `items`. Circles of one (a record its own
 * parent) are left to the caller's "self" rule. Linear: a record without a parent cannot be on a
 * circle and is not walked, and every other record is walked through once.
 */
function circles<T extends { id: string }>(items: readonly T[], byId: ReadonlyMap<string, T>, parentOf: (item: T) => string | null): string[][] {
  /** The walk that first reached each record: meeting the current walk again closes a circle. */
  const walkOf = new Map<string, number>();
  const found: string[][] = [];
  items.forEach((start, walk) => {
    if (parentOf(start) === null || walkOf.has(start.id)) return;
    const path: string[] = [];
    let at: T | undefined = start;
    while (at !== undefined && !walkOf.has(at.id)) {
      walkOf.set(at.id, walk);
      path.push(at.id);
      const parent = parentOf(at);
      at = parent === null ? undefined : byId.get(parent);
    }
    if (at === undefined || walkOf.get(at.id) !== walk) return;
    const cycle = path.slice(path.indexOf(at.id));
    if (cycle.length > 1) found.push(cycle);
  });
  if (found.length === 0) return found;
  // Circles are rare: the list positions are looked up only when there is one.
  const position = new Map<string, number>();
  items.forEach((item, i) => {
    if (!position.has(item.id)) position.set(item.id, i);
  });
  return found.map((cycle) => {
    let first = 0;
    cycle.forEach((id, i) => {
      if ((position.get(id) as number) < (position.get(cycle[first] as string) as number)) first = i;
    });
    return [...cycle.slice(first), ...cycle.slice(0, first)];
  });
}

/**
 * The invariants of one account: what holds its records together, beyond what `accountSchema`
 * checks field by field. The store runs it after every command on the account it touched and
 * refuses a command that breaks one; `account:replace` and the Excel import run it too. Linear
 * in the size of the account, with one map per list, so that it can run on every edit: 2,000
 * contacts and 500 deals take a few milliseconds, a tenth of what `accountSchema.parse` of the
 * same account costs.
 *
 * The rules, each in the words of its {@link INVARIANT_CODES code}:
 * - ids are unique within each collection: contacts, influence lines, deals, actions, activities,
 *   orders, divisions and whitespace marks of the account; the needs of each contact; the
 *   criteria, competitors and meetings of each deal.
 * - a contact's `reportsToId` and `successorOfId` name another contact of the account; neither
 *   chain closes a circle. A contact who left (`leftOn`) is still a contact: their reports and
 *   their successor keep pointing at them, as the seat history needs.
 * - an influence line joins two different contacts of the account (the map editor and the Excel
 *   reader refuse a line from a contact to themself).
 * - a division is part of another division of the account, or of the group itself (null); no
 *   circle.
 * - a deal's buying-centre seats name contacts of the account, and its division is one of the
 *   account's; actions and activities name deals and contacts of the account; orders and
 *   whitespace marks name divisions of the account.
 *
 * Product lines are not checked, though deals, orders and whitespace marks name them: removing a
 * product line from the settings deliberately leaves the records that use it alone ("They keep
 * it and show it as ‘removed line’"), the Excel reader keeps a product-line id the settings no
 * longer have, and undoing the removal of a deal, an order, a mark or a division brings back a
 * record whose line may have been removed since. A product-line id missing from `settings` is
 * therefore a state the app makes on purpose, not a broken one. `settings` is taken all the same
 * so that the callers pass what a product-line rule would need.
 *
 * The result follows the collections in the order above and the records in list order, so that
 * the problems of one record stand together; empty when the account holds together.
 */
export function checkAccountInvariants(account: Account, _settings: Pick<Settings, 'productLines'>): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const report = (code: InvariantCode, params: InvariantViolation['params'], message: string) => out.push({ code, params, message });

  const contacts = indexById(account.contacts);
  const deals = indexById(account.deals);
  const divisions = indexById(account.divisions);
  const contactById = contacts.byId;
  const dealById = deals.byId;
  const divisionById = divisions.byId;

  /** A contact by name alone (`“王总”`), for a path or a line's ends; the id when there is no such contact. */
  const who = (id: string) => {
    const name = contactById.get(id)?.name.trim();
    return name ? quoted(name) : id;
  };
  const dealName = (d: { name: string; id: string }) => named('Deal', d.name, d.id);
  const divisionName = (d: { name: string; id: string }) => named('Division', d.name, d.id);
  const actionName = (a: Account['actions'][number]) => named('Action', a.what, a.id);
  const activityName = (a: Account['activities'][number]) => `Activity of ${a.date}${a.summary.trim() ? ` ${quoted(a.summary)}` : ''} (id ${a.id})`;
  const orderName = (o: Account['orders'][number]) => `Order of ${o.date} over ${o.amount} (id ${o.id})`;
  const markName = (m: Account['whitespaceMarks'][number]) => named('Whitespace mark', m.competitor, m.id);
  const lineName = (l: Account['influenceLines'][number]) =>
    `Influence line ${who(l.fromId)} → ${who(l.toId)}${l.label.trim() ? ` (${quoted(l.label)})` : ''}`;

  // ---- unique ids -----------------------------------------------------------------------------
  type Owner = { key: 'contactId' | 'dealId'; id: string; name: string };
  /** `ownerOf` is called only for a report: most lists repeat nothing, and words cost time. */
  const repeated = <T extends { id: string }>(collection: string, repeats: readonly T[], name: (item: T) => string, ownerOf?: () => Owner) => {
    if (repeats.length === 0) return;
    const owner = ownerOf?.();
    for (const item of repeats) {
      const params: InvariantViolation['params'] = { collection, id: item.id, ...(owner && { [owner.key]: owner.id }) };
      report('duplicateId', params, `${name(item)} has the id of another record in ${collection}${owner ? ` of ${owner.name}` : ''} (id ${item.id})`);
    }
  };
  const unique = <T extends { id: string }>(collection: string, items: readonly T[], name: (item: T) => string, ownerOf?: () => Owner) => {
    const repeats = repeatsIn(items);
    if (repeats !== null) repeated(collection, repeats, name, ownerOf);
  };
  repeated('contacts', contacts.repeats, (c) => named('Contact', c.name, c.id));
  unique('influenceLines', account.influenceLines, lineName);
  repeated('deals', deals.repeats, dealName);
  unique('actions', account.actions, actionName);
  unique('activities', account.activities, activityName);
  unique('orders', account.orders, orderName);
  repeated('divisions', divisions.repeats, divisionName);
  unique('whitespaceMarks', account.whitespaceMarks, markName);
  // Children are checked through repeatsIn directly: thousands of small lists, nearly all clean,
  // and the words (and the closures behind them) are needed only for a report.
  for (const c of account.contacts) {
    const repeats = repeatsIn(c.needs);
    if (repeats !== null) {
      repeated('needs', repeats, (n) => named('Need', n.text, n.id), () => ({ key: 'contactId', id: c.id, name: named('contact', c.name, c.id) }));
    }
  }
  for (const d of account.deals) {
    const criteria = repeatsIn(d.criteria);
    const competitors = repeatsIn(d.competitors);
    const meetings = repeatsIn(d.meetings);
    if (criteria === null && competitors === null && meetings === null) continue;
    const owner = (): Owner => ({ key: 'dealId', id: d.id, name: named('deal', d.name, d.id) });
    if (criteria !== null) repeated('criteria', criteria, (x) => named('Criterion', x.name, x.id), owner);
    if (competitors !== null) repeated('competitors', competitors, (x) => named('Competitor', x.name, x.id), owner);
    if (meetings !== null) repeated('meetings', meetings, (x) => `Meeting of ${x.date} (id ${x.id})`, owner);
  }

  // ---- contacts: reports-to and seat history --------------------------------------------------
  const contactChain = (
    key: 'reportsToId' | 'successorOfId',
    codes: readonly [InvariantCode, InvariantCode, InvariantCode],
    words: { missing: string; self: string; loop: string },
  ) => {
    for (const c of account.contacts) {
      const target = c[key];
      if (target === null) continue;
      if (target === c.id) report(codes[1], { contactId: c.id }, `${named('Contact', c.name, c.id)} ${words.self}`);
      else if (!contactById.has(target)) {
        report(codes[0], { contactId: c.id, [key]: target }, `${named('Contact', c.name, c.id)} ${words.missing} (id ${target})`);
      }
    }
    for (const cycle of circles(account.contacts, contactById, (c) => c[key])) {
      const path = [...cycle, cycle[0] as string];
      report(codes[2], { contactId: path[0] as string, path: path.join(' → ') }, `Contacts ${path.map(who).join(' → ')} ${words.loop}`);
    }
  };
  contactChain('reportsToId', ['reportsToMissing', 'reportsToSelf', 'reportsToLoop'], {
    missing: 'reports to a contact that does not exist',
    self: 'reports to themself',
    loop: 'report to one another in a loop',
  });
  contactChain('successorOfId', ['successorOfMissing', 'successorOfSelf', 'successorOfLoop'], {
    missing: 'took over the seat of a contact that does not exist',
    self: 'took over their own seat',
    loop: 'took over one another’s seats in a loop',
  });

  // ---- influence lines ------------------------------------------------------------------------
  for (const l of account.influenceLines) {
    for (const [end, id] of [
      ['from', l.fromId],
      ['to', l.toId],
    ] as const) {
      if (!contactById.has(id)) report('lineEndMissing', { lineId: l.id, end, contactId: id }, `${lineName(l)} ${end === 'from' ? 'starts at' : 'ends at'} a contact that does not exist (id ${id})`);
    }
    if (l.fromId === l.toId) report('lineSelf', { lineId: l.id, contactId: l.fromId }, `${lineName(l)} joins ${who(l.fromId)} to themself (id ${l.id})`);
  }

  // ---- divisions ------------------------------------------------------------------------------
  for (const d of account.divisions) {
    if (d.parentId === null) continue;
    if (d.parentId === d.id) report('divisionParentSelf', { divisionId: d.id }, `${divisionName(d)} is part of itself`);
    else if (!divisionById.has(d.parentId)) {
      report('divisionParentMissing', { divisionId: d.id, parentId: d.parentId }, `${divisionName(d)} is part of a division that does not exist (id ${d.parentId})`);
    }
  }
  for (const cycle of circles(account.divisions, divisionById, (d) => d.parentId)) {
    const path = [...cycle, cycle[0] as string];
    const names = path.map((id) => quoted((divisionById.get(id) as Account['divisions'][number]).name));
    report('divisionLoop', { divisionId: path[0] as string, path: path.join(' → ') }, `Divisions ${names.join(' → ')} are part of one another in a loop`);
  }

  // ---- deals, actions, activities -------------------------------------------------------------
  for (const d of account.deals) {
    for (const seat of d.buyingCentre) {
      if (!contactById.has(seat.contactId)) {
        report('dealContactMissing', { dealId: d.id, contactId: seat.contactId, role: seat.role }, `${dealName(d)} has a ${seat.role} seat for a contact that does not exist (id ${seat.contactId})`);
      }
    }
    if (d.divisionId !== null && !divisionById.has(d.divisionId)) {
      report('dealDivisionMissing', { dealId: d.id, divisionId: d.divisionId }, `${dealName(d)} is with a division that does not exist (id ${d.divisionId})`);
    }
  }
  for (const a of account.actions) {
    if (a.dealId !== null && !dealById.has(a.dealId)) report('actionDealMissing', { actionId: a.id, dealId: a.dealId }, `${actionName(a)} belongs to a deal that does not exist (id ${a.dealId})`);
    for (const id of a.contactIds) {
      if (!contactById.has(id)) report('actionContactMissing', { actionId: a.id, contactId: id }, `${actionName(a)} names a contact that does not exist (id ${id})`);
    }
  }
  for (const a of account.activities) {
    if (a.dealId !== null && !dealById.has(a.dealId)) {
      report('activityDealMissing', { activityId: a.id, dealId: a.dealId }, `${activityName(a)} belongs to a deal that does not exist (id ${a.dealId})`);
    }
    for (const id of a.contactIds) {
      if (!contactById.has(id)) report('activityContactMissing', { activityId: a.id, contactId: id }, `${activityName(a)} names a contact that does not exist (id ${id})`);
    }
  }

  // ---- orders and whitespace marks ------------------------------------------------------------
  for (const o of account.orders) {
    if (o.divisionId !== null && !divisionById.has(o.divisionId)) {
      report('orderDivisionMissing', { orderId: o.id, divisionId: o.divisionId }, `${orderName(o)} names a division that does not exist (id ${o.divisionId})`);
    }
  }
  for (const m of account.whitespaceMarks) {
    if (m.divisionId !== null && !divisionById.has(m.divisionId)) {
      report('whitespaceMarkDivisionMissing', { markId: m.id, divisionId: m.divisionId }, `${markName(m)} names a division that does not exist (id ${m.divisionId})`);
    }
  }

  return out;
}

/**
 * The first few violations' messages in one line, for an error's message and the log:
 * `A; B; C (and 4 more)`. Empty for none.
 */
export function describeViolations(violations: readonly InvariantViolation[], shown = 3): string {
  if (violations.length === 0) return '';
  const text = violations
    .slice(0, shown)
    .map((v) => v.message)
    .join('; ');
  return violations.length > shown ? `${text} (and ${violations.length - shown} more)` : text;
}
