import { Alert, Badge, Box, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCloudCheck, IconDownload, IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveProblem } from '@shared/api/status';
import { errorText, showError } from './errors';
import { saveProblemReason } from '@shared/api/status';
import { downloadStoreCopy, saveIndicatorKind, startSaveStatusPolling } from './save-status';
import { useSaveStatus } from './useSaveStatus';

function formatTime(iso: string, locale: string, withDate = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, withDate ? { dateStyle: 'short', timeStyle: 'medium' } : { timeStyle: 'medium' }).format(d);
}

/**
 * The header's save state, always on screen: saved (the time on hover), saving, or not saved in
 * red with the reason. It polls the store for everyone (see {@link startSaveStatusPolling}).
 */
export function SaveIndicator() {
  const { t, i18n } = useTranslation();
  const save = useSaveStatus();
  useEffect(() => startSaveStatusPolling(), []);
  const kind = saveIndicatorKind(save);
  const problem = save.status?.problem ?? null;

  if (kind === 'failed' && problem) {
    const reason = saveProblemReason(problem.errno);
    return (
      <Tooltip label={`${t('save.file', { file: problem.file })} · ${problem.message}`} multiline maw={480}>
        <Badge
          color="red"
          variant="filled"
          size="lg"
          leftSection={<IconAlertTriangle size={14} />}
          maw={{ base: 160, md: 360 }}
          role="status"
          data-testid="save-indicator"
          data-state="failed"
          data-where={problem.where}
          data-reason={reason}
        >
          {`${t('save.notSaved')}: ${t(`save.reasons.${reason}`)}`}
        </Badge>
      </Tooltip>
    );
  }
  if (kind === 'unknown') {
    return (
      <Tooltip label={t('save.unreachable', { message: errorText(save.readError) })} multiline maw={480}>
        <Badge color="orange" variant="light" size="lg" leftSection={<IconPlugConnectedX size={14} />} data-testid="save-indicator" data-state="unknown">
          {t('save.unknown')}
        </Badge>
      </Tooltip>
    );
  }
  if (kind === 'saving') {
    return (
      <Group gap={6} wrap="nowrap" data-testid="save-indicator" data-state="saving">
        <Loader size={14} />
        <Text size="sm" c="dimmed" visibleFrom="xs">
          {t('save.saving')}
        </Text>
      </Group>
    );
  }
  const lastSavedAt = save.status?.lastSavedAt ?? null;
  const when = lastSavedAt ? t('save.lastSaved', { time: formatTime(lastSavedAt, i18n.language) }) : t('save.nothingYet');
  const file = save.status ? ` · ${t('save.dataFile', { file: save.status.dataFile })}` : '';
  return (
    <Tooltip label={`${when}${file}`} multiline maw={480}>
      <Group gap={6} wrap="nowrap" data-testid="save-indicator" data-state="saved" data-last-saved={lastSavedAt ?? ''}>
        <IconCloudCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
        <Text size="sm" c="dimmed" visibleFrom="xs">
          {t('save.saved')}
        </Text>
      </Group>
    </Tooltip>
  );
}

function ProblemDetails({ problem }: { problem: SaveProblem }) {
  const { t, i18n } = useTranslation();
  const retry = problem.nextRetryAt ? formatTime(problem.nextRetryAt, i18n.language) : null;
  const consequence =
    problem.where === 'journal'
      ? retry
        ? t('save.journalRetry', { time: retry })
        : t('save.journal')
      : retry
        ? t('save.snapshotRetry', { time: retry })
        : t('save.snapshot');
  return (
    <Stack gap={4}>
      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} title={problem.message} data-testid="save-problem-file">
        {t('save.file', { file: problem.file })}
      </Text>
      <Text size="sm">{consequence}</Text>
      <Text size="xs" c="dimmed">
        {t('save.attempts', { count: problem.attempts, since: formatTime(problem.since, i18n.language, true) })}
      </Text>
    </Stack>
  );
}

/**
 * The bar under the header while the store cannot write: the reason, the file, what it means
 * for the user's edits, and "Save a copy…" to put everything stored somewhere else. It stays
 * until the problem clears.
 */
export function SaveProblemBar() {
  const { t } = useTranslation();
  const save = useSaveStatus();
  const [copying, setCopying] = useState(false);
  const problem = save.status?.state === 'failed' ? save.status.problem : null;
  if (!problem) return null;
  const reason = saveProblemReason(problem.errno);

  const copy = async () => {
    setCopying(true);
    try {
      const file = await downloadStoreCopy();
      notifications.show({ color: 'teal', message: t('save.copied', { file }), autoClose: 6000 });
    } catch (e) {
      showError(e);
    } finally {
      setCopying(false);
    }
  };

  return (
    // Sticky under the header and opaque, so it stays in view while the page scrolls.
    <Box pos="sticky" top="var(--app-shell-header-height, 56px)" bg="var(--mantine-color-body)" mb="md" style={{ zIndex: 90 }}>
      <Alert
        color="red"
        variant={problem.where === 'journal' ? 'filled' : 'light'}
        icon={<IconAlertTriangle />}
        title={t('save.problemTitle', { reason: t(`save.reasons.${reason}`) })}
        role="alert"
        data-testid="save-problem"
        data-where={problem.where}
        data-reason={reason}
      >
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <ProblemDetails problem={problem} />
          <Button
            variant={problem.where === 'journal' ? 'white' : 'filled'}
            color="red"
            leftSection={<IconDownload size={16} />}
            loading={copying}
            onClick={() => void copy()}
            data-testid="save-copy"
          >
            {t('save.copy')}
          </Button>
        </Group>
      </Alert>
    </Box>
  );
}
