import { overdueActions, type OverdueAction } from './deals/board';
import { dealRisks, type DealRisk } from './deals/risk';
import type { Database } from './model/database';
import type { Deal } from './model/deal';

/** One deal on the portfolio board, with the risks computed where the whole account is at hand. */
export interface PipelineItem {
  accountId: string;
  deal: Deal;
  risks: DealRisk[];
}

/** An account as the portfolio board needs it: its name and the names its risks may mention. */
export interface PipelineAccount {
  id: string;
  name: string;
  owner: string;
  contacts: { id: string; name: string }[];
}

export interface Pipeline {
  accounts: PipelineAccount[];
  items: PipelineItem[];
}

/** Every deal of every account not deleted, with its risk signals as of `now`. */
export function portfolioPipeline(db: Database, now: string): Pipeline {
  const live = db.accounts.filter((a) => a.deletedAt === null);
  return {
    accounts: live.map((a) => ({ id: a.id, name: a.name, owner: a.profile.owner, contacts: a.contacts.map((c) => ({ id: c.id, name: c.name })) })),
    items: live.flatMap((a) =>
      a.deals.map((deal) => ({ accountId: a.id, deal, risks: dealRisks(deal, a, { now, staleAfterDays: db.settings.dealIdleDays }) })),
    ),
  };
}

/** The user's overdue next steps across all accounts ("my next steps"). */
export function overdueNextSteps(db: Database, today: string): OverdueAction[] {
  return overdueActions(db.accounts, today);
}
