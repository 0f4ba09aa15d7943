import { Alert, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, StoreNotice } from '@shared/api/status';

/** Tells the user what the store did on their behalf at open: a recovery or an upgrade. */
export function StoreNotices({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<number[]>([]);
  const shown = status.notices.map((n, i) => [n, i] as const).filter(([, i]) => !dismissed.includes(i));
  if (shown.length === 0) return null;
  const text = (n: StoreNotice) => {
    const { kind, ...values } = n;
    return t(`notices.${kind}`, values);
  };
  return (
    <Stack mb="md" gap="xs">
      {shown.map(([n, i]) => (
        <Alert
          key={i}
          color={n.kind === 'migrated' || n.kind === 'lockTakenOver' ? 'blue' : 'orange'}
          icon={<IconAlertTriangle />}
          title={t('notices.title')}
          withCloseButton
          onClose={() => setDismissed((d) => [...d, i])}
          data-testid="store-notice"
          data-notice={n.kind}
        >
          {text(n)}
        </Alert>
      ))}
    </Stack>
  );
}
