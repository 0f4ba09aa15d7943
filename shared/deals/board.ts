import type { Account } from '../model/account';
import type { Action, Deal } from '../model/deal';
import { BUYER_ROLES, DEAL_STAGES, type Attitude, type BuyerRole, type DealStage } from '../model/vocabulary';
import { compareByStrength, isActive } from '../buying-centre/people';
import { calendarDate, daysBetween } from './dates';
import { isOpen } from './probability';

/** One column of the strategy board. */
export interface BoardColumn<D> {
  stage: DealStage;
  deals: D[];
}

/**
 * The deals of each board column, in the order of `stages` (each stage once), deals in their
 * stored order. Deals whose stage is not among `stages` are left out, so a board that hides the
 * closed columns passes only the open stages.
 */
export function dealsByStage<D extends Pick<Deal, 'stage'>>(
  deals: readonly D[],
  stages: readonly DealStage[] = DEAL_STAGES,
): BoardColumn<D>[] {
  return [...new Set(stages)].map((stage) => ({ stage, deals: deals.filter((d) => d.stage === stage) }));
}

/** A contact holding one role in one deal. */
export interface DealRoleHolder {
  contactId: string;
  name: string;
  attitude: Attitude;
  stars: number;
  /** A seat we cannot name yet: it fills the cell but carries no relationship. */
  isPlaceholder: boolean;
}

/** One row of the deal × role grid. */
export interface DealRoleRow {
  dealId: string;
  dealName: string;
  /** Every one of the six roles; an empty array is an empty cell. */
  roles: Record<BuyerRole, DealRoleHolder[]>;
}

/**
 * Who holds each of the six buyer roles in each open deal of the account, deals in stored order.
 * A cell's holders come from the deal's own buying centre (a contact's seat in a deal may differ
 * from their role on the map), joined with the account's contacts: seats naming a contact not on
 * the map or one who has left are skipped, and a contact seated twice in one role appears once.
 * Within a cell, known people come strongest first (as in the map's role coverage), then
 * placeholder seats.
 */
export function roleCoverageByDeal(account: Pick<Account, 'deals' | 'contacts'>): DealRoleRow[] {
  const byId = new Map(account.contacts.map((c) => [c.id, c]));
  return account.deals.filter(isOpen).map((deal) => {
    const roles = Object.fromEntries(BUYER_ROLES.map((role) => [role, [] as DealRoleHolder[]])) as Record<
      BuyerRole,
      DealRoleHolder[]
    >;
    for (const { contactId, role } of deal.buyingCentre) {
      const c = byId.get(contactId);
      if (!c || !isActive(c) || roles[role].some((h) => h.contactId === c.id)) continue;
      roles[role].push({ contactId: c.id, name: c.name, attitude: c.attitude, stars: c.stars, isPlaceholder: c.isPlaceholder });
    }
    for (const role of BUYER_ROLES) roles[role].sort(compareHolders);
    return { dealId: deal.id, dealName: deal.name, roles };
  });
}

/** An action past its due date, with where it belongs. */
export interface OverdueAction {
  accountId: string;
  accountName: string;
  action: Action;
  /** The name of the deal the action is linked to; null when unlinked or the deal is gone. */
  dealName: string | null;
  /** Whole days since the due date (1 the day after). */
  daysOverdue: number;
}

/**
 * The actions not done whose due date (`when`) is before `today`, across all accounts not
 * deleted; an action due today is not overdue yet, and one without a date never is. Oldest due
 * date first, then by account name, then in stored order.
 * @throws RangeError when `today` is not a date or timestamp.
 */
export function overdueActions(
  accounts: readonly Pick<Account, 'id' | 'name' | 'deletedAt' | 'deals' | 'actions'>[],
  today: string,
): OverdueAction[] {
  const date = calendarDate(today, 'today');
  const overdue: OverdueAction[] = [];
  for (const account of accounts) {
    if (account.deletedAt !== null) continue;
    for (const action of account.actions) {
      if (action.done || action.when === null || action.when >= date) continue;
      const deal = action.dealId === null ? undefined : account.deals.find((d) => d.id === action.dealId);
      overdue.push({
        accountId: account.id,
        accountName: account.name,
        action,
        dealName: deal?.name ?? null,
        daysOverdue: daysBetween(action.when, date),
      });
    }
  }
  return overdue.sort(
    (a, b) => compareText(a.action.when ?? '', b.action.when ?? '') || compareText(a.accountName, b.accountName),
  );
}

function compareHolders(a: DealRoleHolder, b: DealRoleHolder): number {
  if (a.isPlaceholder !== b.isPlaceholder) return a.isPlaceholder ? 1 : -1;
  return compareByStrength({ ...a, id: a.contactId }, { ...b, id: b.contactId });
}

/** By code point, so the order is the same on every machine whatever its ICU data. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
