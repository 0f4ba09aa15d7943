import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconColumns, IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dealRisks } from '@shared/deals/risk';
import type { Account } from '@shared/model/account';
import type { BoardColumn, Settings } from '@shared/model/database';
import { dealSchema } from '@shared/model/deal';
import { localNow } from '../../app/format';
import { edit, seedDocument, useDocument } from '../../app/plan-store';
import { useClockReading } from '../../app/useClockReading';
import { Board, type BoardItem } from './Board';
import { ColumnSettings } from './ColumnSettings';
import { columnLabel } from './column-label';
import { DealDrawer } from './DealDrawer';
import { RoleMatrix } from './RoleMatrix';

interface Props {
  account: Account;
  settings: Settings;
  onColumns: (columns: BoardColumn[]) => void;
  /** The deal whose drawer is open; kept in the address so a reload keeps it open. */
  openDealId: string | null;
  onOpenDeal: (id: string | null) => void;
}

/** The account's deal board, its role coverage across deals, and the deal detail drawer. */
export function DealsView({ account: loaded, settings, onColumns, openDealId: openId, onOpenDeal: setOpenId }: Props) {
  const { t } = useTranslation();
  useEffect(() => seedDocument(loaded), [loaded]);
  const account = useDocument(loaded.id) ?? loaded;
  const [name, setName] = useState('');
  const [columnsOpen, setColumnsOpen] = useState(false);
  // With the user's offset, so that "today" in the risk rules is theirs (as on the pipeline page).
  const now = useClockReading(account, localNow);

  const items: BoardItem[] = useMemo(
    () =>
      account.deals.map((deal) => ({
        deal,
        accountId: account.id,
        people: account,
        risks: dealRisks(deal, account, { now, staleAfterDays: settings.dealIdleDays }),
      })),
    [account, now, settings.dealIdleDays],
  );
  const open = items.find((i) => i.deal.id === openId) ?? null;

  const create = () => {
    const stamp = new Date().toISOString();
    const deal = dealSchema.parse({ id: crypto.randomUUID(), createdAt: stamp, updatedAt: stamp, name: name.trim(), stage: settings.boardColumns[0]?.stage ?? 'discover' });
    if (edit(account.id, { type: 'addDeal', deal }, 'undo.deal.add')) {
      setName('');
      setOpenId(deal.id);
    }
  };

  return (
    <Stack gap="sm" data-testid="deals-view">
      <Group justify="space-between">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create();
          }}
        >
          <Group gap="xs">
            <TextInput size="xs" w={260} placeholder={t('deals.newName')} aria-label={t('deals.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="new-deal-name" />
            <Button size="xs" type="submit" leftSection={<IconPlus size={14} />} disabled={!name.trim()} data-testid="new-deal">
              {t('deals.new')}
            </Button>
          </Group>
        </form>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />} onClick={() => setColumnsOpen(true)} data-testid="edit-columns">
          {t('deals.columns')}
        </Button>
      </Group>
      {account.deals.length === 0 && <Text c="dimmed">{t('deals.empty')}</Text>}
      <Board
        items={items}
        columns={settings.boardColumns}
        columnLabel={columnLabel}
        onMove={(item, stage) => edit(account.id, { type: 'updateDeal', id: item.deal.id, patch: { stage } }, 'undo.deal.move')}
        onOpen={(item) => setOpenId(item.deal.id)}
      />
      {items.some((i) => i.deal.stage !== 'won' && i.deal.stage !== 'lost') && (
        <div>
          <Title order={5} mb={6}>
            {t('deals.roleMatrix')}
          </Title>
          <RoleMatrix account={account} />
        </div>
      )}
      <DealDrawer account={account} deal={open?.deal ?? null} risks={open?.risks ?? []} onClose={() => setOpenId(null)} />
      <ColumnSettings opened={columnsOpen} columns={settings.boardColumns} onClose={() => setColumnsOpen(false)} onSave={onColumns} />
    </Stack>
  );
}
