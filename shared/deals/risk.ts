import type { Account } from '../model/account';
import type { Contact } from '../model/contact';
import type { Deal } from '../model/deal';
import { isActive, isKnownPerson } from '../buying-centre/people';
import { SEVERITIES, type Severity } from '../buying-centre/red-flags';
import { calendarDate, daysBetween } from './dates';
import { isOpen } from './probability';

/** Every deal-risk code, in the order the rules run (and the order within one severity). */
export const DEAL_RISK_CODES = [
  'stalled',
  'noActivity',
  'closeDatePassed',
  'deciderMissing',
  'opponentInBuyingCentre',
  'noCoach',
  'competitorAhead',
] as const;
export type DealRiskCode = (typeof DEAL_RISK_CODES)[number];

/**
 * A risk to one deal. It carries no user-facing text: the renderer translates `code` and fills
 * in `params`.
 */
export interface DealRisk {
  code: DealRiskCode;
  severity: Severity;
  params: Record<string, string | number>;
}

export interface DealRiskOptions {
  /** The present instant (or date); "today" is the calendar date written in it. */
  now: string;
  /** Whole days without a touch before `noActivity` is raised; 21 by default. */
  staleAfterDays?: number;
}

/** Three weeks without a meeting or a logged activity is a deal going cold. */
export const DEFAULT_STALE_AFTER_DAYS = 21;

type People = Pick<Account, 'contacts' | 'activities'>;

/** One customer meeting on a deal, wherever it was recorded. */
export interface DealMeeting {
  date: string;
  createdAt: string;
  outcome: Deal['meetings'][number]['outcome'];
}

/**
 * The deal's customer meetings, most recent first (by date, then by when they were recorded):
 * the deal's own meetings plus the account's activities linked to the deal that record an
 * outcome, since a visit logged with its outcome is a meeting too.
 */
export function dealMeetings(deal: Pick<Deal, 'id' | 'meetings'>, account: Pick<Account, 'activities'>): DealMeeting[] {
  const logged = account.activities.filter((a) => a.dealId === deal.id && a.outcome !== null);
  return [
    ...deal.meetings.map(({ date, createdAt, outcome }) => ({ date, createdAt, outcome })),
    ...logged.map(({ date, createdAt, outcome }) => ({ date, createdAt, outcome: outcome ?? 'continuation' })),
  ].sort((a, b) => compareDesc(a.date, b.date) || Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * The date the deal was last touched: the latest of its meetings and of the account's activities
 * linked to it, or the date the deal was created when there are none.
 */
export function lastTouch(deal: Pick<Deal, 'id' | 'meetings' | 'createdAt'>, account: Pick<Account, 'activities'>, today?: string): string {
  // A meeting or visit planned for later is not a touch yet: it cannot keep a deal warm.
  const done = (date: string) => today === undefined || date <= today;
  const dates = [
    ...deal.meetings.map((m) => m.date).filter(done),
    ...account.activities.filter((a) => a.dealId === deal.id && done(a.date)).map((a) => a.date),
  ];
  return dates.length === 0 ? deal.createdAt.slice(0, 10) : dates.reduce((a, b) => (b > a ? b : a));
}

/**
 * The risks to an open deal, high severity first (within a severity, in {@link DEAL_RISK_CODES}
 * order, then buying-centre order). Won and lost deals have none. The deal's buying centre is
 * `deal.buyingCentre` joined with the account's contacts; seats naming an unknown contact or one
 * who has left are skipped. "Known" means active and not a placeholder seat.
 *
 * | code | severity | the sentence shown to the user | params |
 * |---|---|---|---|
 * | stalled | high | The last two meetings both ended friendly but with nothing agreed. | { meetings: length of the run of continuations, since: date of its first } |
 * | noActivity | medium | Nobody has met the customer or logged anything on this deal for more than `staleAfterDays` days. | { lastTouch, days, staleAfterDays } |
 * | closeDatePassed | medium | The expected close date has passed and the deal is still open. | { expectedCloseDate, daysOverdue } |
 * | deciderMissing | high | Nobody we know holds the decision-maker seat in this deal. | { reason: 'none' \| 'placeholderOnly' } |
 * | opponentInBuyingCentre | their influence | Someone in this deal's buying centre is against us. | { contactId, role } (one per contact) |
 * | noCoach | high for a value-added sale, else medium | Nobody in this deal's buying centre guides us from the inside. | {} |
 * | competitorAhead | high | The competitor fits the customer's most important criterion better than we do. | { criterionId, ourFit, competitorFit } |
 *
 * Details: meetings are {@link dealMeetings}; the last touch is {@link lastTouch}, and exactly
 * `staleAfterDays` days is still fresh; the close date passes the day after it; a decider seat
 * we cannot name (a placeholder) is still a missing decider, but an opponent seat counts; the
 * coach must be a known person, as on the map; the most important criterion is the one of
 * highest importance, ties going to the best (lowest) rank, then to the first stored. A
 * value-added sale's key to success is developing a coach, hence the higher severity there.
 *
 * @throws RangeError when `now` is not a date or timestamp, or `staleAfterDays` is negative or NaN.
 */
export function dealRisks(deal: Deal, account: People, opts: DealRiskOptions): DealRisk[] {
  const today = calendarDate(opts.now, 'now');
  const staleAfterDays = opts.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  if (!(staleAfterDays >= 0)) throw new RangeError(`staleAfterDays must be 0 or more: ${staleAfterDays}`);
  if (!isOpen(deal)) return [];

  const risks: DealRisk[] = [];
  const seats = dealSeats(deal, account.contacts);

  const meetings = dealMeetings(deal, account);
  const run = meetings.findIndex((m) => m.outcome !== 'continuation');
  const continuations = run === -1 ? meetings.length : run;
  if (continuations >= 2) {
    const since = meetings[continuations - 1]?.date ?? '';
    risks.push({ code: 'stalled', severity: 'high', params: { meetings: continuations, since } });
  }

  const touched = lastTouch(deal, account, today);
  const days = Math.max(0, daysBetween(touched, today));
  if (days > staleAfterDays) {
    risks.push({ code: 'noActivity', severity: 'medium', params: { lastTouch: touched, days, staleAfterDays } });
  }

  const close = deal.expectedCloseDate;
  if (close !== null && close < today) {
    risks.push({
      code: 'closeDatePassed',
      severity: 'medium',
      params: { expectedCloseDate: close, daysOverdue: daysBetween(close, today) },
    });
  }

  const deciders = seats.filter((s) => s.role === 'decider').map((s) => s.contact);
  if (!deciders.some(isKnownPerson)) {
    const reason = deciders.length === 0 ? 'none' : 'placeholderOnly';
    risks.push({ code: 'deciderMissing', severity: 'high', params: { reason } });
  }

  const opponents = new Set<string>();
  for (const { contact, role } of seats) {
    if (contact.attitude !== 'opponent' || opponents.has(contact.id)) continue;
    opponents.add(contact.id);
    risks.push({ code: 'opponentInBuyingCentre', severity: contact.influence, params: { contactId: contact.id, role } });
  }

  if (!seats.some((s) => s.contact.isCoach && isKnownPerson(s.contact))) {
    risks.push({ code: 'noCoach', severity: deal.saleType === 'valueAdded' ? 'high' : 'medium', params: {} });
  }

  const top = mostImportant(deal.criteria);
  if (top && top.competitorFit > top.ourFit) {
    risks.push({
      code: 'competitorAhead',
      severity: 'high',
      params: { criterionId: top.id, ourFit: top.ourFit, competitorFit: top.competitorFit },
    });
  }

  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return risks.sort((a, b) => rank(a.severity) - rank(b.severity));
}

interface Seat {
  contact: Contact;
  role: Deal['buyingCentre'][number]['role'];
}

/** The deal's seats whose contact is on the map and still at the customer. */
function dealSeats(deal: Pick<Deal, 'buyingCentre'>, contacts: readonly Contact[]): Seat[] {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return deal.buyingCentre.flatMap(({ contactId, role }) => {
    const contact = byId.get(contactId);
    return contact && isActive(contact) ? [{ contact, role }] : [];
  });
}

function mostImportant<C extends Deal['criteria'][number]>(criteria: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const c of criteria) {
    if (!best || c.importance > best.importance || (c.importance === best.importance && c.rank < best.rank)) best = c;
  }
  return best;
}

function compareDesc(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}
