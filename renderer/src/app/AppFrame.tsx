import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Group,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Text,
  Title,
  Tooltip,
  useMantineColorScheme,
  useComputedColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingSkyscraper,
  IconChartPie,
  IconChecklist,
  IconLayoutKanban,
  IconLayoutList,
  IconMoon,
  IconSun,
} from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '@shared/api/channels';
import type { AppStatus } from '@shared/api/status';
import type { Locale, Settings } from '@shared/model/database';
import { api, onMenuCommand } from '../api/client';
import { i18n } from '../i18n';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { CreateAccountModal } from '../features/accounts/CreateAccountModal';
import { AccountWorkspace } from '../features/workspace/AccountWorkspace';
import { NextStepsPage } from '../features/pipeline/NextStepsPage';
import { PipelinePage } from '../features/pipeline/PipelinePage';
import { PortfolioPage } from '../features/portfolio/PortfolioPage';
import { localToday } from './format';
import { dataChanged } from './data-version';
import { showError } from './errors';
import { SaveIndicator, SaveProblemBar } from './SaveIndicator';
import { StoreNotices } from './StoreNotices';
import { history } from './undo-history';
import { useApiQuery } from './useApiQuery';
import { useHashRoute } from './useHashRoute';
import { useLeaveGuard } from './useLeaveGuard';

import { isTextEntry } from './text-entry';

interface Props {
  status: AppStatus;
  initialSettings: Settings;
}

/** The frame around every page: header with language and theme, the accounts in the navbar. */
export function AppFrame({ status, initialSettings }: Props) {
  const { t } = useTranslation();
  const [route, navigate] = useHashRoute();
  const [navOpen, { toggle: toggleNav }] = useDisclosure();
  const [creating, setCreating] = useState(false);
  const [locale, setLocale] = useState<Locale>(i18n.language as Locale);
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const accounts = useApiQuery(() => api.account.list(), []);
  const overdueQuery = useApiQuery(() => api.pipeline.overdue({ today: localToday() }), []);
  const overdue = overdueQuery.status === 'ok' ? overdueQuery.data.length : 0;

  useEffect(() => {
    setColorScheme(initialSettings.colorScheme);
    // Only the stored preference at start; later changes come from the toggle.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const changeLocale = useCallback((next: Locale) => {
    setLocale(next);
    void i18n.changeLanguage(next);
    api.settings.update({ locale: next }).catch(showError);
  }, []);

  const toggleColorScheme = useCallback(() => {
    const next = computed === 'dark' ? 'light' : 'dark';
    setColorScheme(next);
    api.settings.update({ colorScheme: next }).catch(showError);
  }, [computed, setColorScheme]);

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      // In a text field the keys belong to the field's own undo.
      if (isTextEntry(document.activeElement)) {
        document.execCommand(direction);
        return;
      }
      try {
        const label = direction === 'undo' ? await history.undo() : await history.redo();
        dataChanged();
        notifications.show({
          message: label
            ? t(direction === 'undo' ? 'undo.undone' : 'undo.redone', { label: t(label) })
            : t(direction === 'undo' ? 'undo.nothing' : 'undo.nothingRedo'),
          autoClose: 2500,
        });
      } catch (e) {
        dataChanged();
        showError(e);
      }
    },
    [t],
  );

  const runCommand = useCallback(
    (command: MenuCommand) => {
      switch (command) {
        case 'undo':
        case 'redo':
          void step(command);
          break;
        case 'newAccount':
          setCreating(true);
          break;
        case 'goToAccounts':
          navigate({ page: 'accounts' });
          break;
        case 'toggleColorScheme':
          toggleColorScheme();
          break;
        case 'toggleLanguage':
          changeLocale(locale === 'zh-CN' ? 'en' : 'zh-CN');
          break;
        case 'showAbout':
          notifications.show({ message: t('app.about', { version: status.version, file: status.dataFile }) });
          break;
      }
    },
    [step, navigate, toggleColorScheme, changeLocale, locale, t, status],
  );

  useEffect(() => onMenuCommand(runCommand), [runCommand]);

  // In Electron the main process asks before quitting (a page's beforeunload would only block the close).
  useLeaveGuard(status.host === 'browser');

  // In Electron the native menu owns these shortcuts and sends them as menu commands.
  const inBrowser = status.host === 'browser';
  useHotkeys(
    inBrowser
      ? [
          ['mod+Z', () => runCommand('undo')],
          ['mod+shift+Z', () => runCommand('redo')],
          ['mod+Y', () => runCommand('redo')],
          ['mod+alt+N', () => runCommand('newAccount')],
        ]
      : [],
    // Also from fields: `step` itself leaves text fields their own undo, and a read-only field
    // (a Select after choosing) should undo the app edit.
    [],
  );

  const list = accounts.status === 'ok' ? accounts.data : [];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
      data-app-state="ready"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" />
            <IconBuildingSkyscraper size={24} />
            <Title order={4}>{t('app.name')}</Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SaveIndicator />
            <SegmentedControl
              size="xs"
              aria-label={t('nav.language')}
              data-testid="language-switch"
              value={locale}
              onChange={(v) => changeLocale(v as Locale)}
              data={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Tooltip label={t('nav.toggleTheme')}>
              <ActionIcon variant="default" size="lg" onClick={toggleColorScheme} aria-label={t('nav.toggleTheme')} data-testid="theme-toggle">
                {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <NavLink
            href="#/portfolio"
            label={t('nav.portfolio')}
            leftSection={<IconChartPie size={18} />}
            active={route.page === 'portfolio'}
            data-testid="nav-portfolio"
          />
          <NavLink
            href="#/pipeline"
            label={t('nav.pipeline')}
            leftSection={<IconLayoutKanban size={18} />}
            active={route.page === 'pipeline'}
            data-testid="nav-pipeline"
          />
          <NavLink
            href="#/next-steps"
            label={t('nav.nextSteps')}
            leftSection={<IconChecklist size={18} />}
            rightSection={overdue > 0 ? <Badge color="red" size="sm" data-testid="overdue-count">{overdue}</Badge> : undefined}
            active={route.page === 'nextSteps'}
            data-testid="nav-next-steps"
          />
          <NavLink
            href="#/accounts"
            label={t('nav.accounts')}
            leftSection={<IconLayoutList size={18} />}
            active={route.page === 'accounts'}
            data-testid="nav-accounts"
          />
          {list.map((a) => (
            <NavLink
              key={a.id}
              href={`#/accounts/${encodeURIComponent(a.id)}/map`}
              label={a.name}
              pl="xl"
              active={route.page === 'account' && route.accountId === a.id}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <SaveProblemBar />
        <StoreNotices status={status} />
        {route.page === 'accounts' && (
          <AccountsPage accounts={accounts} onCreate={() => setCreating(true)} onOpen={(id) => navigate({ page: 'account', accountId: id, tab: 'map' })} />
        )}
        {route.page === 'portfolio' && <PortfolioPage navigate={navigate} />}
        {route.page === 'pipeline' && <PipelinePage navigate={navigate} />}
        {route.page === 'nextSteps' && <NextStepsPage />}
        {route.page === 'account' && (
          <AccountWorkspace key={route.accountId} accountId={route.accountId} tab={route.tab} dealId={route.dealId ?? null} navigate={navigate} />
        )}
      </AppShell.Main>

      <CreateAccountModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => navigate({ page: 'account', accountId: id, tab: 'map' })}
      />
    </AppShell>
  );
}
