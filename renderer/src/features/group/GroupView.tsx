import { Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import { divisionRollUp } from '@shared/portfolio/divisions';
import { whitespaceGrid } from '@shared/portfolio/whitespace';
import { localToday } from '../../app/format';
import { seedDocument, useDocument } from '../../app/plan-store';
import { useClockReading } from '../../app/useClockReading';
import { DivisionTree } from './DivisionTree';
import { ProductLines } from './ProductLines';
import { WhitespaceMap } from './WhitespaceMap';

/** The customer's group structure with figures rolled up, and the whitespace map. */
export function GroupView({ account: loaded, settings, onOpenDeal }: { account: Account; settings: Settings; onOpenDeal: (dealId: string) => void }) {
  const { t } = useTranslation();
  useEffect(() => seedDocument(loaded), [loaded]);
  const account = useDocument(loaded.id) ?? loaded;
  // The user's own calendar date, taken again whenever the account changes.
  const today = useClockReading(account, localToday);
  const rows = useMemo(() => divisionRollUp(account, today), [account, today]);
  const grid = useMemo(() => whitespaceGrid(account, settings.productLines, today), [account, settings.productLines, today]);

  return (
    <Stack gap="md" data-testid="group-view">
      <DivisionTree account={account} rows={rows} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <div>
            <Title order={4}>{t('group.ws.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('group.ws.hint')}
            </Text>
          </div>
          <ProductLines account={account} lines={settings.productLines} />
          <WhitespaceMap account={account} settings={settings} grid={grid} onOpenDeal={onOpenDeal} />
        </Stack>
      </Paper>
    </Stack>
  );
}
