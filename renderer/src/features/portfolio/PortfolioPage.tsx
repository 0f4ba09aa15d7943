import { Button, EmptyState, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconBuildingFactory2, IconChartBar, IconLayoutGrid, IconTable } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portfolio } from '@shared/portfolio/types';
import { api } from '../../api/client';
import { localNow } from '../../app/format';
import { queryFallback } from '../../app/QueryFallback';
import { useApiQuery } from '../../app/useApiQuery';
import type { Route } from '../../app/useHashRoute';
import { ValuationSettings } from '../valuation/ValuationSettings';
import { ParetoChart } from './ParetoChart';
import { PortfolioMatrices } from './PortfolioMatrices';
import { PortfolioTable } from './PortfolioTable';
import { useSessionState } from './portfolio-format';

const VIEWS = ['table', 'pareto', 'matrices'] as const;
type View = (typeof VIEWS)[number];
const isView = (v: unknown): v is View => (VIEWS as readonly unknown[]).includes(v);

/** The portfolio once loaded: the table, the Pareto curve or the matrices, and the settings behind them. */
export function PortfolioView({ portfolio, navigate }: { portfolio: Portfolio; navigate: (r: Route) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useSessionState<View>('portfolio.view', 'table', isView);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const settingsButton = (testId: string) => (
    <Button variant="light" leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={() => setSettingsOpen(true)} data-testid={testId}>
      {t('portfolio.settings')}
    </Button>
  );

  return (
    <Stack gap="md" data-testid="portfolio-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('portfolio.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('portfolio.subtitle')}
          </Text>
        </div>
        {/* The matrices have the button beside the thresholds it changes: one is enough. */}
        {portfolio.rows.length > 0 && view !== 'matrices' && settingsButton('open-valuation-settings')}
      </Group>

      {portfolio.rows.length === 0 ? (
        <EmptyState icon={<IconBuildingFactory2 size={40} />} title={t('portfolio.empty.title')} description={t('portfolio.empty.body')} data-testid="portfolio-empty">
          <Group justify="center" mt="md">
            <Button onClick={() => navigate({ page: 'accounts' })} data-testid="portfolio-go-accounts">
              {t('portfolio.empty.action')}
            </Button>
          </Group>
        </EmptyState>
      ) : (
        <Tabs value={view} onChange={(v) => isView(v) && setView(v)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="table" leftSection={<IconTable size={16} />} data-testid="view-table">
              {t('portfolio.views.table')}
            </Tabs.Tab>
            <Tabs.Tab value="pareto" leftSection={<IconChartBar size={16} />} data-testid="view-pareto">
              {t('portfolio.views.pareto')}
            </Tabs.Tab>
            <Tabs.Tab value="matrices" leftSection={<IconLayoutGrid size={16} />} data-testid="view-matrices">
              {t('portfolio.views.matrices')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="table" pt="md">
            <PortfolioTable rows={portfolio.rows} />
          </Tabs.Panel>
          <Tabs.Panel value="pareto" pt="md">
            <ParetoChart pareto={portfolio.pareto} rows={portfolio.rows} />
          </Tabs.Panel>
          <Tabs.Panel value="matrices" pt="md">
            <PortfolioMatrices rows={portfolio.rows} thresholds={portfolio.thresholds} settingsButton={settingsButton('matrices-valuation-settings')} />
          </Tabs.Panel>
        </Tabs>
      )}
      <ValuationSettings opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}

/** The portfolio: every account's value, grade, health and pipeline; the Pareto curve; the matrices. */
export function PortfolioPage({ navigate }: { navigate: (r: Route) => void }) {
  const query = useApiQuery(() => api.portfolio.list({ now: localNow() }), []);
  if (query.status !== 'ok') return queryFallback(query);
  return <PortfolioView portfolio={query.data} navigate={navigate} />;
}
