import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Deal } from '@shared/model/deal';
import { api } from '../../api/client';
import { useApiQuery } from '../../app/useApiQuery';
import { divisionTree } from '@shared/portfolio/divisions';

interface Props {
  account: Account;
  deal: Deal;
  onChange: (patch: { divisionId?: string | null; productLineId?: string | null }) => void;
}

/** The deal's place on the whitespace map: which part of the customer's group, which of our product lines. */
export function DealPlacementFields({ account, deal, onChange }: Props) {
  const { t } = useTranslation();
  const settings = useApiQuery(() => api.settings.get(), []);
  const lines = settings.status === 'ok' ? settings.data.productLines : [];
  const tree = divisionTree(account.divisions);
  const depthOf = new Map(tree.map((e) => [e.division.id, e.depth]));

  const divisionData = [
    { value: '', label: t('group.structure.theGroup') },
    ...tree.map((e) => ({ value: e.division.id, label: e.division.name })),
  ];
  if (deal.divisionId && !depthOf.has(deal.divisionId)) divisionData.push({ value: deal.divisionId, label: t('common.none') });

  const lineData = [{ value: '', label: t('common.none') }, ...lines.map((l) => ({ value: l.id, label: l.name }))];
  // A line removed from the settings stays on the deal; say so rather than show its bare id.
  if (deal.productLineId && settings.status === 'ok' && !lines.some((l) => l.id === deal.productLineId)) {
    lineData.push({ value: deal.productLineId, label: t('group.lines.removed') });
  }

  return (
    <SimpleGrid cols={2}>
      <Select
        label={t('group.deal.division')}
        data={divisionData}
        value={deal.divisionId ?? ''}
        allowDeselect={false}
        renderOption={({ option }) => <span style={{ paddingLeft: (depthOf.get(option.value) ?? 0) * 12 }}>{option.label}</span>}
        onChange={(v) => v !== null && (v || null) !== deal.divisionId && onChange({ divisionId: v || null })}
        data-testid="deal-division"
      />
      <Select
        label={t('group.deal.productLine')}
        data={lineData}
        value={deal.productLineId ?? ''}
        allowDeselect={false}
        onChange={(v) => v !== null && (v || null) !== deal.productLineId && onChange({ productLineId: v || null })}
        data-testid="deal-product-line"
      />
    </SimpleGrid>
  );
}
