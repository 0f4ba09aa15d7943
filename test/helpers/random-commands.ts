import type { Channel } from '@shared/api/channels';
import { performPlanCommand, planCommandSchema, type PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import type { Contact } from '@shared/model/contact';
import { DEFAULT_GRADE_THRESHOLDS, type Database } from '@shared/model/database';
import {
  ACCOUNT_KINDS,
  ACCOUNT_STAGES,
  ACTIVITY_CHANNELS,
  ALL_WARNING_SIGNS,
  ATTITUDES,
  BUYER_ROLES,
  CONTACT_LEVELS,
  CRITERION_MOVES,
  DEAL_STAGES,
  DIVISION_KINDS,
  GIFT_POLICIES,
  GRADES,
  INFLUENCE_LEVELS,
  INTENT_LEVELS,
  MEETING_OUTCOMES,
  NEED_KINDS,
  NEED_VISIBILITY,
  NINE_KNOWS,
  RELATIONSHIP_TYPES,
  SALE_TYPES,
  THREAT_LEVELS,
  VALUE_FACTORS,
} from '@shared/model/vocabulary';
import { Rng } from './random';

/**
 * Random API calls for the store's property test (test/integration/store-property.test.ts): every
 * mutating channel, with edge values (longest strings, CJK, emoji, boundary numbers, nulls),
 * references that mostly point at existing records and sometimes at nothing, at the record itself
 * or round a loop, and a share of hostile inputs. Besides: removals of records that exist (never
 * to be refused), the undo of an accepted call ({@link CallGenerator.undoOf}) and Excel round
 * trips (export, preview, apply). A call is generated from the database as the store holds it,
 * so that one seed gives the same sequence on every run.
 */

/** One generated call. */
export interface ApiCall {
  channel: Channel;
  input: unknown;
  /** What the call does, for the coverage table and a failure's report: `plan:apply`, `hostile/deepNesting`. */
  label: string;
  /** The plan-command types a `plan:apply` sends (nested ones too); `account:replace`'s variant. */
  tags: string[];
  /** An input the API must refuse with VALIDATION, leaving everything as it was. */
  hostile: boolean;
  /** The account the call names, when it names one. */
  accountId?: string;
  /**
   * A call the store must accept: a removal of records that exist (the cascade has to mend every
   * reference to them), or the undo of an accepted call.
   */
  mustAccept?: boolean;
  /** For an undo: the account as it was before the call it takes back (stamps aside). */
  restores?: Account;
  /**
   * For `excel:apply`: the workbook to import is the export of `from`, previewed into `into`
   * (null: as a new account, or merged by name); the runner fills in the preview's token.
   */
  excel?: { from: string; into: string | null; locale: 'en' | 'zh-CN' };
}

type Rec = Record<string, unknown>;
type Maker<T = unknown> = () => T;

const WORDS = ['Visit', 'Quote sent', 'Budget approved', 'Trial at the Weifang plant', 'likes golf', 'Q3 review'];
const CJK = ['和美饲料公司', '黄炳亮', '阚方玉', '技术部长', '采购部 · 青岛', '预算已批，下周拜访', '𠮷野家', '老同学'];
const EMOJI = ['😀', '👩‍👩‍👧', '🇨🇳', '🧑🏽‍💻', '✅', '🐖'];
/** Text that has broken parsers, logs and line-based files before. */
const AWKWARD = [
  'line one\nline two\r\n\ttabbed',
  'nul\u0000inside',
  'separators\u2028\u2029',
  '\u202eRTL override',
  'zero\u200bwidth\ufeffBOM',
  '"quotes" \\ back\\slash </script><!--',
  'lone \ud83d surrogate',
  '{"crc":"00000000","rec":{}}',
  '%s %d ${x} {{x}}',
];
/** Ids a record may have: anything from 1 to 80 characters. */
const ODD_IDS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', ' ', '0'];

/** The instant the generated records are "from"; calls get their own time from the store's clock. */
const BASE_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/**
 * The generator. `slip` is the chance that a field gets a value just outside its rule (one
 * character too long, one above the maximum, a date that does not exist): those calls must be
 * refused without changing anything.
 */
export class CallGenerator {
  readonly rng: Rng;
  private seq = 0;
  private readonly slip: number;

  constructor(
    rng: Rng,
    private readonly prefix: string,
    { slip = 0.006 } = {},
  ) {
    this.rng = rng;
    this.slip = slip;
  }

  // ---- values ---------------------------------------------------------------------------------

  private slipped(): boolean {
    return this.rng.chance(this.slip);
  }

  /** A new id; now and then one of unusual shape (80 characters, CJK, emoji, a prototype's name). */
  freshId(kind: string): string {
    const n = ++this.seq;
    const { rng } = this;
    return rng.weighted<string>([
      [80, () => `${this.prefix}-${kind}-${n}`],
      [3, () => `${this.prefix}${n}-`.padEnd(80, 'x')],
      [3, () => `联系人-${n}`],
      [2, () => `${rng.pick(EMOJI)}${n}`],
      [2, () => ` ${n} `],
      [1, () => rng.pick(ODD_IDS)],
      [1, () => (this.slipped() ? '' : `${n}`)],
      [1, () => (this.slipped() ? 'x'.repeat(81) : `${n}`)],
    ]);
  }

  /** An id nothing in the account has. */
  bogusId(): string {
    return `${this.prefix}-missing-${++this.seq}`;
  }

  /** A string of exactly `n` UTF-16 units, mixing scripts, with no space at either end. */
  private exactly(n: number): string {
    const { rng } = this;
    const alphabet = rng.pick(['ab c', '中文 字', 'x😀 y', 'Ω≈ç√ ']);
    let s = '';
    while (s.length < n) s += alphabet;
    s = s.slice(0, n);
    // Never end on half an emoji or on a space that a trim would eat.
    const last = s.charCodeAt(n - 1);
    if ((last >= 0xd800 && last <= 0xdbff) || /\s/.test(s[n - 1] as string)) s = `${s.slice(0, n - 1)}z`;
    if (/\s/.test(s[0] as string)) s = `a${s.slice(1)}`;
    return s;
  }

  /** Free text of at most `max` units (trimmed fields may get padding that the trim removes). */
  text(max: number): string {
    const { rng } = this;
    if (this.slipped()) return this.exactly(max + 1);
    return rng.weighted<string>([
      [30, () => rng.pick(WORDS)],
      [20, () => rng.pick(CJK)],
      [8, () => `${rng.pick(EMOJI)} ${rng.pick(WORDS)} ${rng.pick(EMOJI)}`],
      [12, () => ''],
      // The longest free text (20,000) is rarer: each one is 20–60 KB that every later call reads and writes.
      [max > 2000 ? 1 : 7, () => this.exactly(max)],
      [max > 2000 ? 0 : 3, () => '中'.repeat(max)],
      [6, () => `  ${rng.pick(CJK)}\u3000 `],
      [6, () => rng.pick(AWKWARD)],
    ]).slice(0, max + 20);
  }

  private bool(): boolean {
    return this.rng.chance(0.5);
  }

  private oneOf<T>(xs: readonly T[]): T {
    return this.rng.pick(xs);
  }

  private orNull<T>(make: Maker<T>, p = 0.3): T | null {
    return this.rng.chance(p) ? null : make();
  }

  /** A number in [min, max]: the ends, zero, a fraction; sometimes just outside. */
  num(min: number, max: number, { int = false } = {}): number {
    const { rng } = this;
    if (this.slipped()) return rng.pick([max + 1, min - 1, ...(int ? [min + 0.5] : [])]);
    return rng.weighted<number>([
      [6, () => min],
      [6, () => max],
      [4, () => (min <= 0 && max >= 0 ? 0 : min)],
      [1, () => (min <= 0 && max >= 0 ? -0 : min)],
      [20, () => min + rng.int(Math.min(max - min, 1_000_000) + 1)],
      [int ? 0 : 6, () => Math.min(max, min + rng.int(1000) / 7)],
      [int ? 0 : 1, () => Math.min(max, Math.max(min, Number.MIN_VALUE))],
    ]);
  }

  private int(min: number, max: number): number {
    return this.num(min, max, { int: true });
  }

  /** A calendar date, `YYYY-MM-DD`; now and then one that does not exist. */
  date(): string {
    const { rng } = this;
    if (this.slipped()) return rng.pick(['2023-02-29', '2024-13-01', '2024-1-1', '2024-04-31']);
    return rng.weighted<string>([
      [20, () => new Date(BASE_MS + rng.int(900) * DAY_MS).toISOString().slice(0, 10)],
      [2, () => '2024-02-29'],
      [1, () => '1970-01-01'],
      [1, () => '9999-12-31'],
      [1, () => '0001-01-01'],
    ]);
  }

  /** An ISO instant, with `Z` or an offset, with or without milliseconds. */
  stamp(): string {
    const { rng } = this;
    if (this.slipped()) return rng.pick(['2024-05-01 08:00', 'yesterday', '2024-05-01T25:00:00Z']);
    const iso = new Date(BASE_MS + rng.int(900 * 24) * 3_600_000).toISOString();
    return rng.weighted<string>([
      [10, () => iso],
      [3, () => iso.replace('.000Z', 'Z')],
      [3, () => iso.replace('Z', '+08:00')],
      [1, () => iso.replace('.000Z', '.123456-05:30')],
    ]);
  }

  private stamps(): Rec {
    return { createdAt: this.stamp(), updatedAt: this.stamp() };
  }

  /** Keys an older or newer version may have written into a record; they must survive a round trip. */
  private foreign(): Rec {
    const { rng } = this;
    return rng.weighted<Rec>([
      [3, () => ({ wechat: `wx-${this.seq}` })],
      [2, () => ({ futureField: { nested: [1, '中', null, { deep: true }], at: this.stamp() } })],
      [1, () => ({ 'key with spaces 😀': rng.pick(CJK) })],
    ]);
  }

  /** Sets each field of `fields` with chance `p` (the `required` ones always). */
  private fill(fields: Record<string, Maker>, p: number, required: readonly string[] = []): Rec {
    const out: Rec = {};
    for (const [k, make] of Object.entries(fields)) if (required.includes(k) || this.rng.chance(p)) out[k] = make();
    return out;
  }

  /** A patch: one to three of `fields`. */
  private patch(fields: Record<string, Maker>): Rec {
    const keys = this.rng.some(Object.keys(fields), 3);
    return Object.fromEntries(keys.map((k) => [k, (fields[k] as Maker)()]));
  }

  /** A full record for an add command: id, stamps, some fields, now and then foreign keys. */
  private record(existing: readonly { id: string }[], fields: Record<string, Maker>, required: readonly string[] = [], foreignKeys = true): Rec {
    const { rng } = this;
    // Now and then the id of a record the list holds already: refused.
    const id = existing.length && rng.chance(0.02) ? rng.pick(existing).id : this.freshId('r');
    return { id, ...this.stamps(), ...this.fill(fields, 0.5, required), ...(foreignKeys && rng.chance(0.04) ? this.foreign() : {}) };
  }

  /** An id from `ids` most of the time; otherwise one nothing has (`bogus` of the time) or null. */
  private ref(ids: readonly string[], { bogus = 0.03, nullable = true, nulls = 0.25 } = {}): string | null {
    const { rng } = this;
    if (rng.chance(bogus) || (ids.length === 0 && !nullable)) return this.bogusId();
    if (ids.length === 0 || (nullable && rng.chance(nulls))) return nullable ? null : this.bogusId();
    return rng.pick(ids);
  }

  private refs(ids: readonly string[], max = 3): string[] {
    const { rng } = this;
    const out = ids.length && rng.chance(0.7) ? rng.some(ids, max) : [];
    if (rng.chance(0.03)) out.push(this.bogusId());
    return out;
  }

  // ---- the records of an account ---------------------------------------------------------------

  private contactFields(pool: readonly string[]): Record<string, Maker> {
    const t = (max: number) => () => this.text(max);
    return {
      name: t(200),
      title: t(200),
      department: t(200),
      level: () => this.orNull(() => this.oneOf(CONTACT_LEVELS)),
      reportsToId: () => this.ref(pool),
      role: () => this.orNull(() => this.oneOf(BUYER_ROLES)),
      isCoach: () => this.bool(),
      attitude: () => this.oneOf(ATTITUDES),
      influence: () => this.oneOf(INFLUENCE_LEVELS),
      stars: () => this.int(0, 5),
      confirmedAt: () => this.fill({ attitude: () => this.orNull(() => this.stamp()), influence: () => this.orNull(() => this.stamp()), stars: () => this.orNull(() => this.stamp()) }, 0.6),
      isPlaceholder: () => this.bool(),
      leftOn: () => this.orNull(() => this.date(), 0.7),
      successorOfId: () => this.ref(pool, { nulls: 0.5 }),
      needs: () => this.needs(),
      profile: () =>
        this.fill(
          {
            age: () => this.orNull(() => this.int(0, 130)),
            hometown: t(200),
            almaMater: t(200),
            family: t(2000),
            familyBirthdays: t(2000),
            hobbies: t(2000),
            favouriteFood: t(2000),
            books: t(2000),
            careerGoals: t(2000),
            colleagueRelations: t(2000),
          },
          0.3,
        ),
      email: t(200),
      phone: t(200),
      notes: t(20_000),
      position: () => this.orNull(() => ({ x: this.num(-1e6, 1e6), y: this.num(-1e6, 1e6) }), 0.2),
    };
  }

  private needs(): Rec[] {
    const { rng } = this;
    const needs = Array.from({ length: rng.int(3) }, () => ({
      id: this.freshId('need'),
      ...this.fill({ kind: () => this.oneOf(NEED_KINDS), visibility: () => this.oneOf(NEED_VISIBILITY), text: () => this.text(2000) }, 0.6),
    }));
    // Two needs with one id: the invariant checker's to refuse.
    if (needs.length > 1 && rng.chance(0.05)) (needs[1] as Rec).id = (needs[0] as Rec).id;
    return needs;
  }

  private productLineId(db: Database): string | null {
    const lines = db.settings.productLines.map((l) => l.id);
    // An id the settings no longer have is allowed on purpose ("removed line").
    return this.rng.weighted<string | null>([
      [6, () => (lines.length ? this.rng.pick(lines) : null)],
      [2, () => null],
      [1, () => this.bogusId()],
    ]);
  }

  private seats(a: Account): Rec[] {
    const { rng } = this;
    const seats = a.contacts.length && rng.chance(0.7) ? rng.some(a.contacts, 3).map((c) => ({ contactId: c.id, role: this.oneOf(BUYER_ROLES) })) : [];
    if (rng.chance(0.03)) seats.push({ contactId: this.bogusId(), role: 'payer' });
    return seats;
  }

  private dealFields(db: Database, a: Account): Record<string, Maker> {
    const { rng } = this;
    const t = (max: number) => () => this.text(max);
    const items = (make: Maker<Rec>) => () => Array.from({ length: rng.int(3) }, make);
    return {
      name: t(200),
      value: () => this.num(0, 1e13),
      currency: () => (this.slipped() ? 'usd' : this.oneOf(['CNY', 'USD', 'EUR', 'JPY'])),
      stage: () => this.oneOf(DEAL_STAGES),
      probability: () => this.orNull(() => this.num(0, 100)),
      expectedCloseDate: () => this.orNull(() => this.date()),
      owner: t(200),
      saleType: () => this.orNull(() => this.oneOf(SALE_TYPES)),
      buyingCentre: () => this.seats(a),
      criteria: items(() => ({
        id: this.freshId('crit'),
        ...this.stamps(),
        ...this.fill(
          {
            name: t(200),
            rank: () => this.int(1, 999),
            importance: () => this.int(1, 5),
            ourFit: () => this.int(1, 5),
            competitorFit: () => this.int(1, 5),
            move: () => this.orNull(() => this.oneOf(CRITERION_MOVES)),
            notes: t(20_000),
          },
          0.5,
        ),
      })),
      competitors: items(() => ({
        id: this.freshId('comp'),
        ...this.stamps(),
        ...this.fill({ name: t(200), offer: t(20_000), strengths: t(20_000), weaknesses: t(20_000), threat: () => this.oneOf(THREAT_LEVELS) }, 0.4),
      })),
      spin: () => this.fill({ situation: t(20_000), problem: t(20_000), implication: t(20_000), needPayoff: t(20_000) }, 0.4),
      nineKnows: () => Object.fromEntries(rng.some(NINE_KNOWS, 4).map((k) => [k, this.bool()])),
      meetings: items(() => ({ id: this.freshId('meet'), ...this.stamps(), date: this.date(), outcome: this.oneOf(MEETING_OUTCOMES), ...this.fill({ notes: t(20_000) }, 0.5) })),
      winStrategy: t(20_000),
      notes: t(20_000),
      closedAt: () => this.orNull(() => this.stamp(), 0.6),
      divisionId: () => this.ref(a.divisions.map((d) => d.id)),
      productLineId: () => this.productLineId(db),
    };
  }

  private actionFields(a: Account, dealIds: readonly string[]): Record<string, Maker> {
    const t = (max: number) => () => this.text(max);
    return {
      what: t(1000),
      who: t(200),
      where: t(200),
      when: () => this.orNull(() => this.date()),
      why: t(20_000),
      how: t(20_000),
      howMuch: t(200),
      done: () => this.bool(),
      doneAt: () => this.orNull(() => this.stamp(), 0.6),
      dealId: () => this.ref(dealIds),
      contactIds: () => this.refs(a.contacts.map((c) => c.id)),
    };
  }

  private activityFields(a: Account): Record<string, Maker> {
    return {
      date: () => this.date(),
      channel: () => this.oneOf(ACTIVITY_CHANNELS),
      contactIds: () => this.refs(a.contacts.map((c) => c.id)),
      dealId: () => this.ref(a.deals.map((d) => d.id)),
      outcome: () => this.orNull(() => this.oneOf(MEETING_OUTCOMES)),
      summary: () => this.text(1000),
      notes: () => this.text(20_000),
      hospitality: () => this.bool(),
    };
  }

  private orderFields(db: Database, a: Account): Record<string, Maker> {
    return {
      date: () => this.date(),
      amount: () => this.num(0, 1e13),
      divisionId: () => this.ref(a.divisions.map((d) => d.id)),
      productLineId: () => this.productLineId(db),
      notes: () => this.text(500),
    };
  }

  private divisionFields(pool: readonly string[]): Record<string, Maker> {
    return {
      // Trimmed and at least one character: a blank name is refused.
      name: () => this.text(200) || (this.slipped() ? '   ' : 'Plant'),
      parentId: () => this.ref(pool),
      kind: () => this.oneOf(DIVISION_KINDS),
      region: () => this.text(200),
      notes: () => this.text(20_000),
    };
  }

  private markFields(db: Database, a: Account): Record<string, Maker> {
    return {
      divisionId: () => this.ref(a.divisions.map((d) => d.id)),
      productLineId: () => this.productLineId(db) ?? this.bogusId(),
      competitor: () => this.text(200),
      notes: () => this.text(1000),
    };
  }

  // ---- plan commands --------------------------------------------------------------------------

  /** The contact and everyone who reports to them, directly or not. */
  private below(contacts: readonly Contact[], id: string): string[] {
    const under = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of contacts) {
        if (c.reportsToId !== null && under.has(c.reportsToId) && !under.has(c.id)) {
          under.add(c.id);
          grew = true;
        }
      }
    }
    return [...under];
  }

  /** A boss for `id`: mostly one that keeps the org chart a tree, sometimes a report (a loop) or themself. */
  private bossFor(contacts: readonly Contact[], id: string): string | null {
    const { rng } = this;
    const under = this.below(contacts, id);
    const allowed = contacts.filter((c) => !under.includes(c.id)).map((c) => c.id);
    return rng.weighted<string | null>([
      [12, () => (allowed.length ? rng.pick(allowed) : null)],
      [4, () => null],
      [2, () => rng.pick(under)],
      [1, () => this.bogusId()],
    ]);
  }

  /** A parent for division `id`, the same way. */
  private parentFor(a: Account, id: string): string | null {
    const { rng } = this;
    const under = new Set([id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of a.divisions) {
        if (d.parentId !== null && under.has(d.parentId) && !under.has(d.id)) {
          under.add(d.id);
          grew = true;
        }
      }
    }
    const allowed = a.divisions.filter((d) => !under.has(d.id)).map((d) => d.id);
    return rng.weighted<string | null>([
      [10, () => (allowed.length ? rng.pick(allowed) : null)],
      [4, () => null],
      [2, () => rng.pick([...under])],
      [1, () => this.bogusId()],
    ]);
  }

  private targetOf(list: readonly { id: string }[]): string {
    return list.length && !this.rng.chance(0.04) ? this.rng.pick(list).id : this.bogusId();
  }

  private removal(list: readonly { id: string }[]): string[] {
    const { rng } = this;
    const ids = list.length ? rng.some(list, 3).map((r) => r.id) : [];
    if (ids.length === 0 || rng.chance(0.04)) ids.push(this.bogusId());
    return ids;
  }

  private at(n: number): number[] | undefined {
    const { rng } = this;
    return rng.chance(0.2) ? Array.from({ length: rng.chance(0.9) ? n : n + 1 }, () => rng.weighted<number>([[5, () => rng.int(10)], [1, () => 1_000_000], [1, () => 0]])) : undefined;
  }

  private addRecords(type: string, existing: readonly { id: string }[], fields: Record<string, Maker>, required: readonly string[]): Rec {
    const records = Array.from({ length: this.rng.between(1, 3) }, () => this.record(existing, fields, required));
    const at = this.at(records.length);
    return { type, records, ...(at && { at }) };
  }

  /** One plan command on `a` (as it stands after the commands before it in the call). */
  planCommand(db: Database, a: Account, depth: number, now: string): Rec {
    const { rng } = this;
    const contactIds = a.contacts.map((c) => c.id);
    const dealIds = a.deals.map((d) => d.id);
    const options: (readonly [number, () => Rec])[] = [
      [
        a.contacts.length < 3 ? 30 : 8,
        () => {
          const added: Rec[] = [];
          for (let n = rng.between(1, 3); n > 0; n--) {
            const pool = [...contactIds, ...added.map((c) => c.id as string)];
            added.push(this.record(a.contacts, this.contactFields(pool)));
          }
          // Two new contacts that report to each other: the command's loop check refuses them.
          if (added.length > 1 && rng.chance(0.04)) {
            (added[0] as Rec).reportsToId = (added[1] as Rec).id;
            (added[1] as Rec).reportsToId = (added[0] as Rec).id;
          }
          const at = this.at(added.length);
          return { type: 'addContacts', contacts: added, ...(at && { at }) };
        },
      ],
      [a.deals.length < 2 ? 14 : 5, () => this.addDeal(db, a)],
      [6, () => ({ type: 'addActions', actions: Array.from({ length: rng.between(1, 2) }, () => this.record(a.actions, this.actionFields(a, dealIds))) })],
      [5, () => this.addRecords('addActivities', a.activities, this.activityFields(a), ['date'])],
      [4, () => this.addRecords('addOrders', a.orders, this.orderFields(db, a), ['date', 'amount'])],
      [a.divisions.length < 3 ? 8 : 3, () => this.addDivisions(a)],
      [3, () => this.addRecords('addWhitespaceMarks', a.whitespaceMarks, this.markFields(db, a), ['productLineId'])],
    ];
    if (a.contacts.length) {
      options.push(
        [4, () => ({ type: 'removeContacts', ids: this.removal(a.contacts) })],
        [
          14,
          () => {
            const id = this.targetOf(a.contacts);
            const fields = this.contactFields(contactIds);
            const patch = this.patch(fields);
            if (rng.chance(0.35)) patch.reportsToId = this.bossFor(a.contacts, id);
            // A seat taken over from themself, or round a circle of successors: the invariants' to refuse.
            if (rng.chance(0.15)) patch.successorOfId = rng.chance(0.2) ? id : this.ref(contactIds, { nulls: 0.3 });
            return { type: 'updateContact', id, patch };
          },
        ],
        [
          5,
          () => ({
            type: 'moveContacts',
            moves: [
              ...rng.some(a.contacts, 3).map((c) => ({ id: c.id, position: this.orNull(() => ({ x: this.num(-5000, 5000), y: this.num(-5000, 5000) }), 0.15) })),
              ...(rng.chance(0.03) ? [{ id: this.bogusId(), position: null }] : []),
            ],
          }),
        ],
      );
    }
    if (a.contacts.length >= 2) {
      options.push([
        6,
        () => ({
          type: 'addLines',
          lines: Array.from({ length: rng.between(1, 2) }, () => {
            const [from, to] = rng.two(contactIds);
            const ends = rng.weighted<[string, string]>([
              [20, () => [from, to]],
              [1, () => [from, from]],
              [1, () => [from, this.bogusId()]],
            ]);
            return { ...this.record(a.influenceLines, { label: () => this.text(200) }), fromId: ends[0], toId: ends[1] };
          }),
        }),
      ]);
    }
    if (a.influenceLines.length) {
      options.push(
        [3, () => ({ type: 'removeLines', ids: this.removal(a.influenceLines) })],
        [3, () => ({ type: 'updateLine', id: this.targetOf(a.influenceLines), patch: { label: this.text(200) } })],
      );
    }
    if (a.deals.length) {
      options.push(
        [3, () => ({ type: 'removeDeal', id: this.targetOf(a.deals) })],
        [10, () => ({ type: 'updateDeal', id: this.targetOf(a.deals), patch: this.patch(this.dealFields(db, a)) })],
      );
    }
    if (a.actions.length) {
      options.push(
        [5, () => ({ type: 'updateAction', id: this.targetOf(a.actions), patch: this.patch(this.actionFields(a, dealIds)) })],
        [3, () => ({ type: 'removeActions', ids: this.removal(a.actions) })],
      );
    }
    const lists = [
      ['Activity', 'Activities', a.activities, () => this.activityFields(a)],
      ['Order', 'Orders', a.orders, () => this.orderFields(db, a)],
      ['WhitespaceMark', 'WhitespaceMarks', a.whitespaceMarks, () => this.markFields(db, a)],
    ] as const;
    for (const [one, many, list, fields] of lists) {
      if (!list.length) continue;
      options.push(
        [4, () => ({ type: `update${one}`, id: this.targetOf(list), patch: this.patch(fields()) })],
        [2, () => ({ type: `remove${many}`, ids: this.removal(list) })],
      );
    }
    if (a.divisions.length) {
      options.push(
        [
          5,
          () => {
            const id = this.targetOf(a.divisions);
            const patch = this.patch(this.divisionFields(a.divisions.map((d) => d.id)));
            if (rng.chance(0.5)) patch.parentId = this.parentFor(a, id);
            return { type: 'updateDivision', id, patch };
          },
        ],
        [2, () => ({ type: 'removeDivisions', ids: this.removal(a.divisions) })],
      );
    }
    if (depth < 2) options.push([6, () => ({ type: 'batch', commands: this.planCommands(db, a, depth + 1, now, 3).commands })]);
    return rng.weighted(options);
  }

  private addDeal(db: Database, a: Account): Rec {
    const { rng } = this;
    const deal = this.record(a.deals, this.dealFields(db, a));
    const cmd: Rec = { type: 'addDeal', deal };
    if (rng.chance(0.4)) {
      const dealIds = [...a.deals.map((d) => d.id), deal.id as string];
      cmd.actions = Array.from({ length: rng.between(1, 2) }, () => ({ ...this.record(a.actions, this.actionFields(a, dealIds)), dealId: rng.chance(0.8) ? deal.id : this.ref(dealIds) }));
      const actionsAt = this.at((cmd.actions as Rec[]).length);
      if (actionsAt) cmd.actionsAt = actionsAt;
    }
    if (rng.chance(0.15)) cmd.at = rng.pick([0, rng.int(5), 1_000_000]);
    return cmd;
  }

  private addDivisions(a: Account): Rec {
    const { rng } = this;
    const records: Rec[] = [];
    for (let n = rng.between(1, 3); n > 0; n--) {
      const pool = [...a.divisions.map((d) => d.id), ...records.map((r) => r.id as string)];
      records.push(this.record(a.divisions, this.divisionFields(pool), ['name']));
    }
    // A new division that is part of itself, or two that are part of each other.
    const loop = rng.weighted<'self' | 'pair' | null>([
      [1, () => 'self'],
      [1, () => 'pair'],
      [23, () => null],
    ]);
    if (loop === 'self') (records[0] as Rec).parentId = (records[0] as Rec).id;
    else if (loop === 'pair' && records.length > 1) {
      (records[0] as Rec).parentId = (records[1] as Rec).id;
      (records[1] as Rec).parentId = (records[0] as Rec).id;
    }
    const at = this.at(records.length);
    return { type: 'addDivisions', records, ...(at && { at }) };
  }

  /**
   * One to `max` commands, each generated on the account as the ones before it leave it (run
   * here with the real command code), so that later commands refer to what earlier ones added.
   */
  planCommands(db: Database, a: Account, depth: number, now: string, max = 4): { commands: Rec[]; after: Account } {
    const commands: Rec[] = [];
    let current = a;
    for (let n = this.rng.between(1, max); n > 0; n--) {
      const cmd = this.planCommand(db, current, depth, now);
      commands.push(cmd);
      const parsed = planCommandSchema.safeParse(cmd);
      if (!parsed.success) continue;
      try {
        current = performPlanCommand(current, parsed.data, now).account;
      } catch {
        // Refused: the real call will be too; later commands still see the account before it.
      }
    }
    return { commands, after: current };
  }

  /** One removal of records that exist, alone in its call: never to be refused. */
  private cleanRemoval(a: Account): Rec | null {
    const { rng } = this;
    const lists: [string, readonly { id: string }[]][] = [
      ['removeContacts', a.contacts],
      ['removeLines', a.influenceLines],
      ['removeActions', a.actions],
      ['removeActivities', a.activities],
      ['removeOrders', a.orders],
      ['removeDivisions', a.divisions],
      ['removeWhitespaceMarks', a.whitespaceMarks],
    ];
    const options = lists.filter(([, list]) => list.length > 0);
    if (a.deals.length) options.push(['removeDeal', a.deals]);
    if (!options.length) return null;
    const [type, list] = rng.pick(options);
    return type === 'removeDeal' ? { type, id: rng.pick(list).id } : { type, ids: rng.some(list, 3).map((r) => r.id) };
  }

  /**
   * The undo of an accepted `plan:apply`, as the renderer's undo stack sends it: each command's
   * own undo, last first, worked out on the account as it was (`before`) at the call's `now`.
   */
  undoOf(before: Account, commands: readonly unknown[], now: string): ApiCall {
    let account = before;
    const undos: PlanCommand[] = [];
    for (const raw of commands) {
      const r = performPlanCommand(account, planCommandSchema.parse(raw), now);
      account = r.account;
      undos.unshift(r.undo);
    }
    return { channel: 'plan:apply', input: { accountId: before.id, commands: undos }, label: 'undo', tags: commandTypes(undos), hostile: false, accountId: before.id, mustAccept: true, restores: before };
  }

  // ---- the channels ---------------------------------------------------------------------------

  private accountName(): string {
    const { rng } = this;
    if (this.slipped()) return rng.pick(['', '   ', '\u3000', this.exactly(201)]);
    return rng.weighted<string>([
      [10, () => `${rng.pick(CJK)} ${this.seq++}`],
      [4, () => `Customer ${this.seq++}`],
      [2, () => this.exactly(200)],
      [1, () => `  ${this.exactly(200)}  `],
      [2, () => `${rng.pick(EMOJI).repeat(3)} ${this.seq++}`],
      [1, () => rng.pick(AWKWARD)],
      [1, () => '中'.repeat(200)],
    ]);
  }

  /** A live account most of the time; a deleted one or none now and then. */
  private accountId(db: Database, { deleted = 0.05, bogus = 0.05 } = {}): string {
    const { rng } = this;
    const live = db.accounts.filter((a) => a.deletedAt === null);
    const gone = db.accounts.filter((a) => a.deletedAt !== null);
    if (gone.length && rng.chance(deleted)) return rng.pick(gone).id;
    if (!live.length || rng.chance(bogus)) return this.bogusId();
    return rng.pick(live).id;
  }

  private accountPatch(): Rec {
    const { rng } = this;
    const t = (max: number) => () => this.text(max);
    const n = (min: number, max: number, p = 0.25) => () => this.orNull(() => this.num(min, max), p);
    const parts: Record<string, Maker> = {
      kind: () => this.oneOf(ACCOUNT_KINDS),
      stage: () => this.oneOf(ACCOUNT_STAGES),
      grade: () => this.orNull(() => this.oneOf(GRADES)),
      relationshipType: () => this.orNull(() => this.oneOf(RELATIONSHIP_TYPES)),
      notes: t(20_000),
      giftPolicy: () => this.fill({ rule: () => this.oneOf(GIFT_POLICIES), notes: t(20_000) }, 0.6),
      warningSigns: () =>
        Object.fromEntries(
          rng.some(ALL_WARNING_SIGNS, 3).map((k) => [k, this.fill({ present: () => this.bool(), since: () => this.orNull(() => this.date()), notes: t(20_000) }, 0.6)]),
        ),
      valueFactors: () => Object.fromEntries(rng.some(VALUE_FACTORS, 4).map((k) => [k, this.orNull(() => this.num(-1e13, 1e13), 0.2)])),
      profile: () => {
        const fields: Record<string, Maker> = {
          industry: t(200),
          region: t(200),
          address: t(500),
          website: t(500),
          phone: t(100),
          description: t(20_000),
          ownershipType: t(200),
          businessModel: t(500),
          mainProducts: t(500),
          marketPosition: t(500),
          decisionStyle: t(500),
          revenue: n(0, 1e13),
          revenueGrowth: n(-100, 10_000),
          employees: () => this.orNull(() => this.int(0, 10_000_000)),
          marketShare: n(0, 100),
          customerSince: () => this.orNull(() => this.date()),
          paymentTerms: t(200),
          creditLimit: n(0, 1e13),
          tradingNotes: t(20_000),
          expectedAnnualPurchases: n(0, 1e13),
          intent: () => this.orNull(() => this.oneOf(INTENT_LEVELS)),
          satisfaction: () => this.orNull(() => this.int(1, 5)),
          openComplaints: () => this.orNull(() => this.int(0, 100_000)),
          lastReview: () => this.orNull(() => this.date()),
          satisfactionNotes: t(20_000),
          owner: t(200),
          team: t(500),
          executiveSponsor: t(200),
          ownerSince: () => this.orNull(() => this.date()),
        };
        const keys = rng.some(Object.keys(fields), 5);
        return Object.fromEntries(keys.map((k) => [k, (fields[k] as Maker)()]));
      },
    };
    return this.patch(parts);
  }

  private settingsPatch(db: Database): Rec {
    const { rng } = this;
    const s = db.settings;
    const parts: Record<string, Maker> = {
      locale: () => this.orNull(() => this.oneOf(['en', 'zh-CN'])),
      colorScheme: () => this.oneOf(['light', 'dark', 'auto']),
      staleAfterDays: () => this.int(1, 3650),
      dealIdleDays: () => this.int(1, 3650),
      shrinkPercent: () => this.num(1, 100),
      // Every weight 0 is refused: at least one factor must count.
      valueWeights: () =>
        rng.chance(0.05)
          ? Object.fromEntries(VALUE_FACTORS.map((k) => [k, 0]))
          : Object.fromEntries(rng.some(VALUE_FACTORS, 4).map((k) => [k, this.num(0, 10)])),
      // Thresholds out of order are refused.
      gradeThresholds: () => {
        const grades = Object.keys(DEFAULT_GRADE_THRESHOLDS);
        if (rng.chance(0.4)) {
          const cuts = Array.from({ length: grades.length }, () => this.num(0, 100)).sort((x, y) => y - x);
          return Object.fromEntries(grades.map((g, i) => [g, cuts[i]]));
        }
        return Object.fromEntries(rng.some(grades, 2).map((g) => [g, this.num(0, 100)]));
      },
      matrix: () =>
        this.fill(
          {
            contribution: () => this.orNull(() => this.num(0, 1e13)),
            stability: () => this.num(0, 100),
            expectedContribution: () => this.orNull(() => this.num(0, 1e13)),
            intent: () => this.oneOf(INTENT_LEVELS),
          },
          0.5,
        ),
      boardColumns: () => {
        const cols = [...s.boardColumns].sort(() => rng.int(3) - 1).map((c) => ({ ...c, label: rng.chance(0.3) ? this.orNull(() => this.text(60), 0.3) : c.label }));
        if (rng.chance(0.04)) cols[1] = { ...(cols[0] as (typeof cols)[number]) };
        return cols;
      },
      productLines: () => {
        let lines: Rec[] = s.productLines.filter(() => !rng.chance(0.15)).map((l) => (rng.chance(0.2) ? { ...l, name: this.text(100) || 'Premix' } : { ...l }));
        for (let n = rng.int(3); n > 0; n--) lines.push({ id: this.freshId('line'), name: this.text(100) || 'Additives', ...(rng.chance(0.05) ? this.foreign() : {}) });
        if (rng.chance(0.03) && lines.length > 1) lines[1] = { ...(lines[1] as Rec), id: (lines[0] as Rec).id };
        if (rng.chance(0.02)) lines = [...lines, { id: this.freshId('line'), name: '' }];
        if (rng.chance(0.02)) lines = [];
        return lines;
      },
    };
    return this.patch(parts);
  }

  /** `live`: the accounts as `account:get` answers them, which is what the renderer sends back. */
  private replace(db: Database, now: string, live?: ReadonlyMap<string, Account>): ApiCall {
    const { rng } = this;
    const id = this.accountId(db, { deleted: 0.15, bogus: 0 });
    const original = live?.get(id) ?? db.accounts.find((a) => a.id === id);
    if (!original) return { channel: 'account:replace', input: { account: { id, name: 'Nobody', createdAt: now, updatedAt: now } }, label: 'account:replace', tags: ['unknown'], hostile: false, accountId: id };
    const a = structuredClone(original) as Account & Rec;
    const c = a.contacts;
    const variants: (readonly [number, string, () => void])[] = [
      [14, 'same', () => undefined],
      [6, 'renamed', () => void (a.name = this.accountName())],
      [
        24,
        'edited',
        () => {
          const { after } = this.planCommands(db, original, 1, now, 3);
          Object.assign(a, structuredClone(after));
        },
      ],
      [5, 'foreignKeys', () => Object.assign(a, this.foreign(), c.length ? { contacts: c.map((x, i) => (i === 0 ? { ...x, ...this.foreign() } : x)) } : {})],
      [3, 'deletedAt', () => void (a.deletedAt = a.deletedAt === null ? this.stamp() : null)],
      [3, 'unknownId', () => void (a.id = this.bogusId())],
      [3, 'invalid', () => void (c.length ? ((c[0] as Rec).stars = 6) : (a.name = ''))],
    ];
    if (c.length >= 2) {
      variants.push(
        [
          3,
          'reportsToLoop',
          () => {
            const [x, y] = rng.two(c);
            x.reportsToId = y.id;
            y.reportsToId = x.id;
          },
        ],
        [
          2,
          'successorLoop',
          () => {
            const [x, y] = rng.two(c);
            x.successorOfId = y.id;
            y.successorOfId = x.id;
          },
        ],
        [2, 'duplicateContact', () => void c.push({ ...(c[0] as Contact), name: 'twin' })],
        [2, 'selfLine', () => void a.influenceLines.push({ id: this.freshId('line'), createdAt: now, updatedAt: now, fromId: (c[0] as Contact).id, toId: (c[0] as Contact).id, label: '' })],
      );
    }
    if (a.deals.length) variants.push([3, 'danglingSeat', () => void (a.deals[0] as Account['deals'][number]).buyingCentre.push({ contactId: this.bogusId(), role: 'user' })]);
    if (a.divisions.length >= 2) {
      variants.push([
        2,
        'divisionLoop',
        () => {
          const [x, y] = rng.two(a.divisions);
          x.parentId = y.id;
          y.parentId = x.id;
        },
      ]);
    }
    if (a.orders.length) variants.push([2, 'danglingOrder', () => void ((a.orders[0] as Account['orders'][number]).divisionId = this.bogusId())]);
    let tag = 'same';
    rng.weighted(variants.map(([w, name, change]) => [w, () => ((tag = name), change())] as const));
    return { channel: 'account:replace', input: { account: a }, label: 'account:replace', tags: [tag], hostile: false, accountId: original.id };
  }

  private hostile(db: Database, now: string): ApiCall {
    const { rng } = this;
    const id = this.accountId(db, { deleted: 0, bogus: 0 });
    const a = db.accounts.find((x) => x.id === id);
    const contact = { id: this.freshId('c'), createdAt: now, updatedAt: now, name: 'Hostile' };
    const nested = (depth: number, leaf: unknown = 1): unknown => {
      let v = leaf;
      for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? { a: v } : [v];
      return v;
    };
    const batches = (depth: number): unknown => {
      let v: unknown = { type: 'removeLines', ids: [this.bogusId()] };
      for (let i = 0; i < depth; i++) v = { type: 'batch', commands: [v] };
      return v;
    };
    const plan = (...commands: unknown[]) => ({ accountId: id, commands });
    const cases: (readonly [string, Channel, () => unknown])[] = [
      ['unknownTopKey', 'account:rename', () => ({ id, name: 'Fine', extra: true })],
      ['unknownTopKey', 'plan:apply', () => ({ ...plan({ type: 'removeLines', ids: ['x'] }), dryRun: true })],
      ['unknownTopKey', 'sample:load', () => ({ locale: 'en', count: 100 })],
      ['unknownPatchKey', 'account:update', () => ({ id, patch: { notes: 'ok', deletedAt: null } })],
      ['unknownPatchKey', 'account:update', () => ({ id, patch: { profile: { industry: 'Feed', wechat: 'x' } } })],
      ['unknownPatchKey', 'account:update', () => ({ id, patch: { warningSigns: { ordersSpread: { present: true, extra: 1 } } } })],
      ['unknownPatchKey', 'settings:update', () => ({ valueWeights: { potential: 3, luck: 10 } })],
      ['unknownPatchKey', 'settings:update', () => ({ theme: 'neon' })],
      ['unknownCommandKey', 'plan:apply', () => plan({ type: 'addContacts', contacts: [contact], force: true })],
      ['unknownCommandKey', 'plan:apply', () => plan({ type: 'updateContact', id: a?.contacts[0]?.id ?? 'x', patch: { name: 'x', createdAt: now } })],
      ['unknownCommand', 'plan:apply', () => plan({ type: 'dropAll' })],
      ['protoKey', 'account:update', () => ({ id, patch: JSON.parse('{"profile":{"__proto__":{"industry":"polluted"}}}') as unknown })],
      ['protoKey', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, ...(JSON.parse('{"constructor":{"prototype":{"x":1}}}') as Rec) }] })],
      ['hugeString', 'account:create', () => ({ name: 'x'.repeat(rng.pick([201, 10_000, 1_000_000])) })],
      ['hugeString', 'account:update', () => ({ id, patch: { notes: 'n'.repeat(20_001) } })],
      ['hugeString', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, notes: '中'.repeat(rng.pick([20_001, 2_000_000])) }] })],
      ['hugeString', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, wechat: 'w'.repeat(20_001) }] })],
      ['hugeString', 'account:replace', () => ({ account: { ...(a as Rec), notes: 'x'.repeat(6 * 1024 * 1024) } })],
      ['hugeList', 'plan:apply', () => plan({ type: 'removeContacts', ids: Array.from({ length: 5001 }, (_, i) => `c${i}`) })],
      ['hugeList', 'plan:apply', () => ({ accountId: id, commands: Array.from({ length: 1001 }, () => ({ type: 'removeLines', ids: ['x'] })) })],
      ['hugeList', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, tags: Array.from({ length: 10_001 }, () => 1) }] })],
      ['deepNesting', 'plan:apply', () => plan(batches(rng.pick([65, 500, 20_000])))],
      ['deepNesting', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, futureField: nested(rng.pick([70, 5_000, 200_000])) }] })],
      ['deepNesting', 'account:replace', () => ({ account: { ...(a as Rec), futureField: nested(rng.pick([100, 100_000])) } })],
      ['deepNesting', 'settings:update', () => ({ productLines: [{ id: 'p', name: 'P', x: nested(80) }] })],
      ['nonFinite', 'plan:apply', () => plan({ type: 'moveContacts', moves: [{ id: a?.contacts[0]?.id ?? 'x', position: { x: rng.pick([NaN, Infinity, -Infinity]), y: 0 } }] })],
      ['nonFinite', 'account:update', () => ({ id, patch: { valueFactors: { potential: rng.pick([NaN, Infinity]) } } })],
      ['nonFinite', 'settings:update', () => ({ shrinkPercent: NaN })],
      ['notData', 'account:update', () => ({ id, patch: { notes: new Date(0) } })],
      ['notData', 'plan:apply', () => plan({ type: 'addContacts', contacts: [{ ...contact, name: 10n }] })],
      ['notData', 'account:create', () => ({ name: new String('boxed') })],
      ['wrongType', 'account:create', () => rng.pick<unknown>([null, 'name', 42, [], [{ name: 'x' }], true])],
      ['wrongType', 'account:update', () => ({ id: 42, patch: {} })],
      ['wrongType', 'plan:apply', () => ({ accountId: id, commands: rng.pick<unknown>([[], {}, 'addContacts', null]) })],
      ['wrongType', 'settings:update', () => ({ staleAfterDays: rng.pick<unknown>(['90', 90.5, 0, null]) })],
    ];
    const [kind, channel, make] = rng.pick(cases);
    return { channel, input: make(), label: `hostile/${kind}`, tags: [channel], hostile: true, accountId: id };
  }

  /**
   * The next call, on the database as the store holds it now; `now` is the store's clock;
   * `fetched` the live accounts as `account:get` answers (deleted ones are taken from `db`).
   */
  next(db: Database, now: string, fetched?: ReadonlyMap<string, Account>): ApiCall {
    const { rng } = this;
    const live = db.accounts.filter((a) => a.deletedAt === null);
    const samples = db.accounts.filter((a) => a.contacts.length >= 6 && a.orders.length >= 24).length;
    const call = (channel: Channel, input: unknown, accountId?: string): ApiCall => ({ channel, input, label: channel, tags: [], hostile: false, ...(accountId && { accountId }) });
    return rng.weighted<ApiCall>([
      // A handful of live accounts that grow, rather than many small ones: the per-call cost is the database's size.
      [live.length < 3 ? 20 : live.length < 8 ? 3 : 0, () => call('account:create', { name: this.accountName() })],
      [
        3,
        () => {
          const id = this.accountId(db);
          return call('account:rename', { id, name: this.accountName() }, id);
        },
      ],
      [
        12,
        () => {
          const id = this.accountId(db);
          return call('account:update', { id, patch: this.accountPatch() }, id);
        },
      ],
      [
        live.length > 2 ? 2 : 1,
        () => {
          const id = this.accountId(db);
          return call('account:delete', { id }, id);
        },
      ],
      [
        3,
        () => {
          const id = this.accountId(db, { deleted: 0.8, bogus: 0.1 });
          return call('account:restore', { id }, id);
        },
      ],
      [7, () => this.replace(db, now, fetched)],
      [samples < 4 ? 1 : 0, () => call('sample:load', rng.pick([{}, { locale: 'en' }, { locale: 'zh-CN' }]))],
      [6, () => call('settings:update', this.settingsPatch(db))],
      [
        live.length ? 50 : 0,
        () => {
          const id = this.accountId(db, { deleted: 0.02, bogus: 0.02 });
          const a = db.accounts.find((x) => x.id === id);
          const commands = a ? this.planCommands(db, a, 0, now).commands : [{ type: 'removeLines', ids: ['x'] }];
          return { ...call('plan:apply', { accountId: id, commands }, id), tags: commandTypes(commands) };
        },
      ],
      [
        live.length ? 5 : 0,
        () => {
          const id = this.accountId(db, { deleted: 0, bogus: 0 });
          const a = db.accounts.find((x) => x.id === id) as Account;
          const cmd = this.cleanRemoval(a);
          if (!cmd) return call('account:rename', { id, name: this.accountName() }, id);
          return { ...call('plan:apply', { accountId: id, commands: [cmd] }, id), label: 'removal', tags: [String(cmd.type)], mustAccept: true };
        },
      ],
      [5, () => this.hostile(db, now)],
      [
        live.length ? 1 : 0,
        () => {
          // An Excel round trip: the import of an account's own export, into itself, into another or as new.
          const from = this.accountId(db, { deleted: 0, bogus: 0 });
          const into = rng.weighted<string | null>([
            [3, () => from],
            [2, () => null],
            [1, () => this.accountId(db, { deleted: 0, bogus: 0 })],
          ]);
          return { ...call('excel:apply', { token: null }, into ?? undefined), label: 'excel:import', excel: { from, into, locale: rng.pick(['en', 'zh-CN'] as const) } };
        },
      ],
    ]);
  }
}

/** The command types in a list of plan commands, batches opened. */
function commandTypes(commands: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const c of commands as Rec[]) {
    out.push(String(c.type));
    if (c.type === 'batch') out.push(...commandTypes(c.commands as unknown[]));
  }
  return out;
}

/** Every plan-command type, for the coverage check. */
export const PLAN_COMMAND_TYPES = [
  'addContacts',
  'removeContacts',
  'updateContact',
  'moveContacts',
  'addLines',
  'removeLines',
  'updateLine',
  'addDeal',
  'removeDeal',
  'updateDeal',
  'addActions',
  'updateAction',
  'removeActions',
  'addActivities',
  'updateActivity',
  'removeActivities',
  'addOrders',
  'updateOrder',
  'removeOrders',
  'addDivisions',
  'updateDivision',
  'removeDivisions',
  'addWhitespaceMarks',
  'updateWhitespaceMark',
  'removeWhitespaceMarks',
  'batch',
] as const satisfies readonly PlanCommand['type'][];
