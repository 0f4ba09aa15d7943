import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';

/** The one-page account plan, laid out for print and "Save as PDF". */
export function ReportView({ account, settings }: { account: Account; settings: Settings }) {
  const { t } = useTranslation();
  void account;
  void settings;
  return <Title order={3}>{t('report.title')}</Title>;
}
