import { Group, MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsSchema } from '@shared/model/database';
import type { Deal } from '@shared/model/deal';
import { api } from '../../api/client';
import { showError } from '../../app/errors';
import { queryFallback } from '../../app/QueryFallback';
import { edit, ensureDocument } from '../../app/plan-store';
import { localNow } from '../../app/format';
import { useApiQuery } from '../../app/useApiQuery';
import type { Route } from '../../app/useHashRoute';
import { Board, type BoardItem } from '../deals/Board';
import { columnLabel } from '../deals/column-label';

const NO_DATE = 'none';

/** The quarter a close date falls in, e.g. "2026 Q4"; deals without a date share one bucket. */
export function closeQuarter(deal: Pick<Deal, 'expectedCloseDate'>): string {
  const d = deal.expectedCloseDate;
  if (!d) return NO_DATE;
  return `${d.slice(0, 4)} Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Every deal in the portfolio on one board, filtered by account, owner and close quarter. */
export function PipelinePage({ navigate }: { navigate: (r: Route) => void }) {
  const { t } = useTranslation();
  const query = useApiQuery(() => api.pipeline.list({ now: localNow() }), []);
  const prefs = useApiQuery(() => api.settings.get(), []);
  const settings = prefs.status === 'ok' ? prefs.data : settingsSchema.parse({});
  const [accounts, setAccounts] = useState<string[]>([]);
  const [owner, setOwner] = useState<string | null>(null);
  const [quarter, setQuarter] = useState<string | null>(null);
  // A moved card shows in its new column at once, until the reloaded list says the same.
  const [moved, setMoved] = useState<Record<string, Deal['stage']>>({});

  const data = query.status === 'ok' ? query.data : null;
  useEffect(() => setMoved({}), [data]);
  const byId = useMemo(() => new Map((data?.accounts ?? []).map((a) => [a.id, a])), [data]);
  const owners = useMemo(() => [...new Set((data?.items ?? []).map((i) => i.deal.owner).filter(Boolean))].sort(), [data]);
  const quarters = useMemo(() => [...new Set((data?.items ?? []).map((i) => closeQuarter(i.deal)))].sort(), [data]);

  if (query.status !== 'ok') return queryFallback(query);

  const items: BoardItem[] = (data?.items ?? [])
    .filter((i) => accounts.length === 0 || accounts.includes(i.accountId))
    .filter((i) => !owner || i.deal.owner === owner)
    .filter((i) => !quarter || closeQuarter(i.deal) === quarter)
    .map((i) => {
      const account = byId.get(i.accountId);
      const stage = moved[i.deal.id];
      return { ...i, deal: stage ? { ...i.deal, stage } : i.deal, accountName: account?.name ?? '', people: { contacts: account?.contacts ?? [] } };
    });

  return (
    <Stack gap="sm" data-testid="pipeline-page">
      <Title order={2}>{t('pipeline.title')}</Title>
      <Group>
        <MultiSelect
          w={320}
          label={t('pipeline.accounts')}
          placeholder={accounts.length ? undefined : t('pipeline.all')}
          data={(data?.accounts ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={accounts}
          onChange={setAccounts}
          searchable
          clearable
          data-testid="filter-accounts"
        />
        <Select w={200} label={t('pipeline.owner')} placeholder={t('pipeline.all')} data={owners} value={owner} onChange={setOwner} clearable data-testid="filter-owner" />
        <Select
          w={200}
          label={t('pipeline.quarter')}
          placeholder={t('pipeline.all')}
          data={quarters.map((q) => ({ value: q, label: q === NO_DATE ? t('deals.noCloseDate') : q }))}
          value={quarter}
          onChange={setQuarter}
          clearable
          data-testid="filter-quarter"
        />
      </Group>
      {items.length === 0 && <Text c="dimmed">{t('pipeline.empty')}</Text>}
      <Board
        items={items}
        columns={settings.boardColumns}
        columnLabel={columnLabel}
        onMove={(item, stage) => {
          setMoved((m) => ({ ...m, [item.deal.id]: stage }));
          const undoMove = () =>
            setMoved((m) => {
              const { [item.deal.id]: _gone, ...rest } = m;
              return rest;
            });
          ensureDocument(item.accountId).then(
            () => edit(item.accountId, { type: 'updateDeal', id: item.deal.id, patch: { stage } }, 'undo.deal.move') || undoMove(),
            (e: unknown) => {
              undoMove();
              showError(e);
            },
          );
        }}
        onOpen={(item) => navigate({ page: 'account', accountId: item.accountId, tab: 'deals', dealId: item.deal.id })}
      />
    </Stack>
  );
}
