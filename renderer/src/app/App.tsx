import { Alert, Badge, Center, Loader, MantineProvider, Stack, Text, Title, createTheme } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { AppStatus } from '@shared/api/status';
import type { Settings } from '@shared/model/database';
import { api } from '../api/client';
import { i18n, pickLocale } from '../i18n';
import { AppFrame } from './AppFrame';
import { errorText } from './errors';

const theme = createTheme({
  primaryColor: 'indigo',
  // Upper-case badges make Chinese-English role labels harder to read.
  components: { Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }) },
  fontFamily:
    // Latin fonts first: a CJK font would draw quotes and apostrophes full-width in English text;
    // Chinese characters fall through to the CJK fonts, which the Latin ones lack.
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
});

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string; status: AppStatus | null }
  | { state: 'ready'; status: AppStatus; settings: Settings };

/** Reads the status and settings once, then shows the app, or says why it cannot. */
function Booted() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    (async () => {
      const status = await api.app.status();
      if (!status.ready) {
        await i18n.changeLanguage(pickLocale(status.osLocale));
        setBoot({ state: 'failed', status, message: '' });
        return;
      }
      const settings = await api.settings.get();
      await i18n.changeLanguage(settings.locale ?? pickLocale(status.osLocale));
      setBoot({ state: 'ready', status, settings });
    })().catch((e: unknown) => setBoot({ state: 'failed', status: null, message: errorText(e) }));
  }, []);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  });

  if (boot.state === 'loading') {
    return (
      <Center h="100vh" data-app-state="loading">
        <Stack align="center">
          <Loader />
          <Text c="dimmed">{t('app.loading')}</Text>
        </Stack>
      </Center>
    );
  }
  if (boot.state === 'failed') {
    const fatal = boot.status?.fatal;
    return (
      <Center h="100vh" p="xl" data-app-state="fatal">
        <Alert color="red" title={<Title order={3}>{t('fatal.title')}</Title>} maw={720} data-testid="fatal-error">
          <Stack gap="xs">
            <Text>{fatal ? `${t(`errors.${fatal.code}`)}` : boot.message}</Text>
            {fatal && (
              <Text size="sm" c="dimmed">
                {fatal.message}
              </Text>
            )}
            {boot.status && (
              <Text size="sm" ff="monospace">
                {t('fatal.dataFile', { file: boot.status.dataFile })}
              </Text>
            )}
          </Stack>
        </Alert>
      </Center>
    );
  }
  return <AppFrame status={boot.status} initialSettings={boot.settings} />;
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <I18nextProvider i18n={i18n}>
        <ModalsProvider>
          <Notifications position="bottom-right" />
          <Booted />
        </ModalsProvider>
      </I18nextProvider>
    </MantineProvider>
  );
}
