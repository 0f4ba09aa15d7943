import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';

/** The customer's group structure with figures rolled up, and the whitespace map. */
export function GroupView({ account, settings, onOpenDeal }: { account: Account; settings: Settings; onOpenDeal: (dealId: string) => void }) {
  const { t } = useTranslation();
  void account;
  void settings;
  void onOpenDeal;
  return <Title order={3}>{t('group.title')}</Title>;
}
