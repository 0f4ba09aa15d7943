import { Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ExcelProgress } from '@shared/api/excel';
import { api } from '../../api/client';
import { i18n } from '../../i18n';

const POLL_MS = 250;

/**
 * Runs a long Excel job while asking the main process how far it has got, so that the user sees
 * its stages move; the UI stays free because the work runs in the main process (or the host).
 */
export async function withProgress<T>(run: (jobId: string) => Promise<T>, onProgress: (p: ExcelProgress) => void): Promise<T> {
  const jobId = crypto.randomUUID();
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (finished) break;
      const p = await api.excel.progress({ jobId }).catch(() => null);
      if (p && !finished) onProgress(p);
    }
  };
  void poll();
  try {
    return await run(jobId);
  } finally {
    finished = true;
  }
}

export function ProgressView({ progress }: { progress: ExcelProgress | null }) {
  return (
    <Stack gap={4} data-testid="excel-progress">
      <Text size="sm">{i18n.t(`excel.stage.${progress?.stage ?? 'reading'}`)}</Text>
      <Progress value={Math.round((progress?.fraction ?? 0.02) * 100)} animated striped />
    </Stack>
  );
}

/** An export with its progress in a notification that disappears when the file is ready. */
export async function exportWithProgress<T>(run: (jobId: string) => Promise<T>): Promise<T> {
  const id = notifications.show({ message: <ProgressView progress={null} />, autoClose: false, withCloseButton: false });
  try {
    return await withProgress(run, (p) => notifications.update({ id, message: <ProgressView progress={p} />, autoClose: false }));
  } finally {
    notifications.hide(id);
  }
}
