import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';

/** The account's value assessment, grade, matrix cell and health checklist. */
export function ValueHealthView({ account, settings }: { account: Account; settings: Settings }) {
  const { t } = useTranslation();
  void account;
  void settings;
  return <Title order={3}>{t('valuation.title')}</Title>;
}
