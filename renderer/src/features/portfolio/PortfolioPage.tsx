import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Route } from '../../app/useHashRoute';

/** The portfolio: every account's value, grade, health and pipeline; the Pareto curve; the matrices. */
export function PortfolioPage({ navigate }: { navigate: (r: Route) => void }) {
  const { t } = useTranslation();
  void navigate;
  return <Title order={2}>{t('portfolio.title')}</Title>;
}
