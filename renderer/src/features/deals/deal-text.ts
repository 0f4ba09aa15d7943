import type { DealRisk } from '@shared/deals/risk';
import type { Deal } from '@shared/model/deal';
import { formatDate } from '../../app/format';
import { i18n } from '../../i18n';

/** Whose names a risk sentence may need. */
export interface Named {
  contacts: readonly { id: string; name: string }[];
}

/** The one sentence a risk signal explains itself with, names filled in. */
export function riskText(risk: DealRisk, deal: Pick<Deal, 'criteria'>, account: Named): string {
  const p = risk.params;
  const contact = typeof p.contactId === 'string' ? account.contacts.find((c) => c.id === p.contactId) : undefined;
  const criterion = typeof p.criterionId === 'string' ? deal.criteria.find((c) => c.id === p.criterionId) : undefined;
  return i18n.t(`risks.${risk.code}`, {
    ...p,
    name: contact?.name ?? '',
    criterion: criterion?.name ?? '',
    closeDate: typeof p.expectedCloseDate === 'string' ? formatDate(p.expectedCloseDate) : '',
  });
}
