import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';
import { showError } from './errors';
import { history } from './undo-history';

interface UndoNotice {
  /** What just happened, e.g. "Order of May 3 deleted". */
  message: string;
  /** The Undo button's test id. */
  testId: string;
  /** Extra attributes for the button (e.g. which record it brings back). */
  buttonProps?: Record<`data-${string}`, string>;
  /** Runs after the undo went through (e.g. to say so, or to reload figures). */
  onUndone?: () => void;
}

/**
 * Right after an undoable edit (a deletion): a notification whose Undo button takes back that
 * step, exactly as Ctrl+Z would. It retires as soon as the history moves (another edit, an undo
 * or a redo), so it can never take back something else.
 */
export function showUndoNotice({ message, testId, buttonProps, onUndone }: UndoNotice): void {
  const id = `undo-${crypto.randomUUID()}`;
  const off = history.subscribe(() => {
    off();
    notifications.hide(id);
  });
  notifications.show({
    id,
    autoClose: 10_000,
    onClose: () => off(),
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          data-testid={testId}
          {...buttonProps}
          onClick={() => {
            off();
            notifications.hide(id);
            history.undo().then(() => onUndone?.(), showError);
          }}
        >
          {i18n.t('common.undo')}
        </Button>
      </Group>
    ),
  });
}
