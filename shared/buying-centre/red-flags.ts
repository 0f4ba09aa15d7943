import type { Account } from '../model/account';
import type { Contact } from '../model/contact';
import type { BuyerRole } from '../model/vocabulary';
import { roleCoverage } from './coverage';
import { DEFAULT_MAX_AGE_DAYS, staleJudgements } from './freshness';
import { pathToPower, type PathToPowerOptions } from './path-to-power';
import { isActive, isKnownPerson, STRONG_STARS } from './people';

/** Every red-flag code, in the order the rules run (and the order within one severity). */
export const RED_FLAG_CODES = [
  'roleEmpty',
  'rolePlaceholderOnly',
  'deciderWeak',
  'deciderAttitudeUnknown',
  'opponentHighInfluence',
  'noCoach',
  'singleThreaded',
  'noDecisionLevel',
  'deciderUnreached',
  'staleJudgements',
] as const;
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A gap in the buying-centre map. It carries no user-facing text: the renderer translates
 * `code` and fills in `params` and the names behind `contactIds`.
 */
export interface RedFlag {
  code: RedFlagCode;
  severity: Severity;
  /** The contacts the flag is about, if any (for highlighting them on the map). */
  contactIds: string[];
  /** The buyer role the flag is about, if any. */
  role?: BuyerRole;
  params: Record<string, string | number>;
}

export interface RedFlagOptions extends PathToPowerOptions {
  /** The present instant; without it the `staleJudgements` rule does not run. */
  now?: string;
  /** Passed to {@link staleJudgements}; 90 by default. */
  maxAgeDays?: number;
}

/** A decider with fewer stars than this is `deciderWeak`. */
export const DECIDER_MIN_STARS = 2;

type Graph = Pick<Account, 'contacts' | 'influenceLines'>;

/**
 * The red flags of an account's buying centre, high severity first (within a severity, in
 * {@link RED_FLAG_CODES} order, then role order, then contact order). Only active contacts
 * (`leftOn === null`) count. "Known" below means active and not a placeholder seat.
 *
 * | code | severity | raised when | contactIds · role · params |
 * |---|---|---|---|
 * | roleEmpty | high for decider, else medium | no active contact holds the role | [] · role |
 * | rolePlaceholderOnly | medium for decider, else low | only placeholder seats hold the role | the seats · role |
 * | deciderWeak | high | a known decider has < 2 stars | [decider] · decider · { stars } |
 * | deciderAttitudeUnknown | medium | a known decider's attitude is unknown | [decider] · decider |
 * | opponentHighInfluence | high | an active opponent (seats too) has high influence | [contact] · their role, if any |
 * | noCoach | medium | no known contact is marked coach | [] |
 * | singleThreaded | high | at most one known contact has 3+ stars | that one, if any · { strongCount } |
 * | noDecisionLevel | medium | no known contact is at level `decision` | [] |
 * | deciderUnreached | high | {@link pathToPower} does not reach an active decider | [decider] · decider · { reason: 'noStart' \| 'noPath' } |
 * | staleJudgements | low | `opts.now` is given and {@link staleJudgements} finds any | contacts concerned · { count, contacts, maxAgeDays } |
 *
 * Placeholders are left out of the rules that judge our relationship with a person (weak or
 * unknown decider, coach, threads, decision level): the seat-level flags already cover them.
 * An opponent seat still counts: "someone in finance blocks us" is worth shouting.
 */
export function redFlags(account: Graph, opts: RedFlagOptions = {}): RedFlag[] {
  const active = account.contacts.filter(isActive);
  const known = active.filter(isKnownPerson);
  const flags: RedFlag[] = [];

  for (const { role, status, holders } of roleCoverage(active)) {
    const isDecider = role === 'decider';
    if (status === 'empty') {
      flags.push({ code: 'roleEmpty', severity: isDecider ? 'high' : 'medium', contactIds: [], role, params: {} });
    } else if (status === 'placeholder') {
      const contactIds = holders.map((h) => h.contactId);
      flags.push({ code: 'rolePlaceholderOnly', severity: isDecider ? 'medium' : 'low', contactIds, role, params: {} });
    }
  }

  const deciders = known.filter((c) => c.role === 'decider');
  for (const d of deciders) {
    if (d.stars < DECIDER_MIN_STARS) {
      flags.push({ code: 'deciderWeak', severity: 'high', contactIds: [d.id], role: 'decider', params: { stars: d.stars } });
    }
  }
  for (const d of deciders) {
    if (d.attitude === 'unknown') {
      flags.push({ code: 'deciderAttitudeUnknown', severity: 'medium', contactIds: [d.id], role: 'decider', params: {} });
    }
  }

  for (const c of active) {
    if (c.attitude === 'opponent' && c.influence === 'high') {
      flags.push({ code: 'opponentHighInfluence', severity: 'high', contactIds: [c.id], ...roleOf(c), params: {} });
    }
  }

  if (!known.some((c) => c.isCoach)) {
    flags.push({ code: 'noCoach', severity: 'medium', contactIds: [], params: {} });
  }

  const strong = known.filter((c) => c.stars >= STRONG_STARS);
  if (strong.length <= 1) {
    flags.push({
      code: 'singleThreaded',
      severity: 'high',
      contactIds: strong.map((c) => c.id),
      params: { strongCount: strong.length },
    });
  }

  if (!known.some((c) => c.level === 'decision')) {
    flags.push({ code: 'noDecisionLevel', severity: 'medium', contactIds: [], params: {} });
  }

  for (const p of pathToPower({ contacts: active, influenceLines: account.influenceLines }, opts)) {
    if (p.reached) continue;
    const params: Record<string, string | number> =
      p.startId === null ? { reason: 'noStart' } : { reason: 'noPath', startId: p.startId };
    flags.push({ code: 'deciderUnreached', severity: 'high', contactIds: [p.deciderId], role: 'decider', params });
  }

  if (opts.now !== undefined) {
    const maxAgeDays = opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    const stale = staleJudgements(active, opts.now, maxAgeDays);
    if (stale.length > 0) {
      const contactIds = [...new Set(stale.map((s) => s.contactId))];
      flags.push({
        code: 'staleJudgements',
        severity: 'low',
        contactIds,
        params: { count: stale.length, contacts: contactIds.length, maxAgeDays },
      });
    }
  }

  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return flags.sort((a, b) => rank(a.severity) - rank(b.severity));
}

/** How many flags of each severity there are, and in all (for a badge on the account). */
export function flagCount(flags: readonly RedFlag[]): Record<Severity, number> & { total: number } {
  const count = { high: 0, medium: 0, low: 0, total: flags.length };
  for (const f of flags) count[f.severity] += 1;
  return count;
}

function roleOf(c: Contact): { role?: BuyerRole } {
  return c.role === null ? {} : { role: c.role };
}
