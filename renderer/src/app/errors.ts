import { notifications } from '@mantine/notifications';
import { isErrorCode } from '@shared/errors';
import { i18n } from '../i18n';
import { ApiError } from '../api/client';

/** One sentence for the user from any error: the catalogue's text, then the detail. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError && isErrorCode(e.code)) return `${i18n.t(`errors.${e.code}`)} ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export function showError(e: unknown): void {
  // Refused writes come in runs (every autosave while the disk is full): one notice at a time is
  // enough, the header's bar says the rest and stays.
  const id = e instanceof ApiError && e.code === 'SAVE_FAILED' ? 'save-failed' : undefined;
  notifications.show({ id, color: 'red', message: errorText(e), autoClose: 8000, withBorder: true });
}
