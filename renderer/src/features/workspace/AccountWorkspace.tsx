import { Anchor, Badge, Button, Center, FileButton, Group, Loader, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import {
  IconArrowLeft,
  IconChartDots3,
  IconFileSpreadsheet,
  IconFileUpload,
  IconHeartbeat,
  IconHierarchy2,
  IconId,
  IconMessages,
  IconPrinter,
  IconTargetArrow,
} from '@tabler/icons-react';
import { ImportDialog } from '../excel/ImportDialog';
import { PLAN_EXPORT_EVENT, requestPlanExport } from '../excel/excel-files';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { settingsSchema } from '@shared/model/database';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/useApiQuery';
import { localNow } from '../../app/format';
import { HEALTH_COLOR } from '../valuation/health-style';

import type { Route, WorkspaceTab } from '../../app/useHashRoute';
import { MapEditor } from '../buying-center/MapEditor';
import { showError } from '../../app/errors';
import { dataChanged } from '../../app/data-version';
import { DealsView } from '../deals/DealsView';
import { ProfileView } from '../profile/ProfileView';
import { ValueHealthView } from '../valuation/ValueHealthView';
import { GroupView } from '../group/GroupView';
import { ActivityView } from '../activity/ActivityView';
import { ReportView } from '../report/ReportView';

interface Props {
  accountId: string;
  tab: WorkspaceTab;
  /** A deal to open on the deals tab (from the portfolio board or the next steps). */
  dealId: string | null;
  navigate: (route: Route) => void;
}

/** One account: its buying-centre map, its deals and its profile, as tabs. */
export function AccountWorkspace({ accountId, tab, dealId, navigate }: Props) {
  const { t } = useTranslation();
  const query = useApiQuery(() => api.account.get({ id: accountId }), [accountId]);
  const [importing, setImporting] = useState<File | null>(null);
  const resetImport = useRef<() => void>(null);
  const settings = useApiQuery(() => api.settings.get(), []);
  // The grade in force (the user's, or the one the value score suggests) and the health, for the header.
  const portfolio = useApiQuery(() => api.portfolio.list({ now: localNow() }), [accountId]);
  const row = portfolio.status === 'ok' ? portfolio.data.rows.find((r) => r.id === accountId) : undefined;
  const saveSettings = (patch: Parameters<typeof api.settings.update>[0]) => api.settings.update(patch).then(dataChanged, showError);

  if (query.status === 'loading' || settings.status === 'loading') {
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  }
  if (query.status === 'error') {
    return (
      <Stack>
        <Text c="red" data-testid="workspace-error">
          {errorText(query.error)}
        </Text>
        <Anchor href="#/accounts">{t('workspace.back')}</Anchor>
      </Stack>
    );
  }
  const account = query.data;
  // Settings failing to load is not worth blocking the account for: fall back to the defaults.
  const prefs = settings.status === 'ok' ? settings.data : settingsSchema.parse({});
  return (
    <Stack gap="sm" data-testid="account-workspace">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor href="#/accounts" aria-label={t('workspace.back')}>
            <IconArrowLeft size={18} />
          </Anchor>
          <Title order={2} data-testid="account-title">
            {account.name}
          </Title>
          {(row?.value.grade ?? account.grade) && (
            <Tooltip
              label={
                row?.value.overridden
                  ? t('valuation.grade.overridden', { suggested: row.value.suggestedGrade ?? '—' })
                  : t('valuation.grade.suggested')
              }
            >
              <Badge variant="light" data-testid="header-grade">
                {row?.value.grade ?? account.grade}
              </Badge>
            </Tooltip>
          )}
          {row && (
            <Badge variant="dot" color={HEALTH_COLOR[row.health.level]} data-testid="header-health" data-level={row.health.level}>
              {t(`valuation.health.${row.health.level}`)}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <FileButton accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={setImporting} resetRef={resetImport}>
            {(props) => (
              <Button {...props} size="xs" variant="default" leftSection={<IconFileUpload size={14} />} data-testid="import-into-account">
                {t('excel.importInto')}
              </Button>
            )}
          </FileButton>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileSpreadsheet size={14} />}
            data-testid="export-account-xlsx"
            onClick={() => {
              requestPlanExport(accountId);
              if (tab !== 'map') navigate({ page: 'account', accountId, tab: 'map' });
              else window.dispatchEvent(new Event(PLAN_EXPORT_EVENT));
            }}
          >
            {t('excel.exportAccount')}
          </Button>
        </Group>
      </Group>
      <Tabs value={tab} onChange={(v) => v && navigate({ page: 'account', accountId, tab: v as WorkspaceTab })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="map" leftSection={<IconChartDots3 size={16} />} data-testid="tab-map">
            {t('workspace.tabs.map')}
          </Tabs.Tab>
          <Tabs.Tab value="deals" leftSection={<IconTargetArrow size={16} />} data-testid="tab-deals">
            {t('workspace.tabs.deals')}
          </Tabs.Tab>
          <Tabs.Tab value="profile" leftSection={<IconId size={16} />} data-testid="tab-profile">
            {t('workspace.tabs.profile')}
          </Tabs.Tab>
          <Tabs.Tab value="value" leftSection={<IconHeartbeat size={16} />} data-testid="tab-value">
            {t('workspace.tabs.value')}
          </Tabs.Tab>
          <Tabs.Tab value="group" leftSection={<IconHierarchy2 size={16} />} data-testid="tab-group">
            {t('workspace.tabs.group')}
          </Tabs.Tab>
          <Tabs.Tab value="activity" leftSection={<IconMessages size={16} />} data-testid="tab-activity">
            {t('workspace.tabs.activity')}
          </Tabs.Tab>
          <Tabs.Tab value="report" leftSection={<IconPrinter size={16} />} data-testid="tab-report">
            {t('workspace.tabs.report')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="map" pt="md">
          <MapEditor account={account} staleAfterDays={prefs.staleAfterDays} onStaleAfterDays={(staleAfterDays) => saveSettings({ staleAfterDays })} />
        </Tabs.Panel>
        <Tabs.Panel value="deals" pt="md">
          <DealsView
            account={account}
            settings={prefs}
            onColumns={(boardColumns) => saveSettings({ boardColumns })}
            openDealId={dealId}
            onOpenDeal={(id) => navigate({ page: 'account', accountId, tab: 'deals', ...(id ? { dealId: id } : {}) })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="profile" pt="md">
          <ProfileView account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="value" pt="md">
          <ValueHealthView account={account} settings={prefs} />
        </Tabs.Panel>
        <Tabs.Panel value="group" pt="md">
          <GroupView account={account} settings={prefs} onOpenDeal={(id) => navigate({ page: 'account', accountId, tab: 'deals', dealId: id })} />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="md">
          <ActivityView account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <ReportView account={account} settings={prefs} />
        </Tabs.Panel>
      </Tabs>
      <ImportDialog
        file={importing}
        accountId={accountId}
        onClose={() => {
          setImporting(null);
          resetImport.current?.();
        }}
        onApplied={() => {
          notifications.show({ color: 'green', message: t('excel.applied', { file: importing?.name ?? '' }) });
          setImporting(null);
          resetImport.current?.();
        }}
      />
    </Stack>
  );
}
