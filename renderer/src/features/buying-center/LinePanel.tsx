import { ActionIcon, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { InfluenceLine } from '@shared/model/contact';
import { edit } from '../../app/plan-store';

/** The label of one influence line ("trusts", "rival", "former colleague"), and its removal. */
export function LinePanel({ account, line, onDone }: { account: Account; line: InfluenceLine; onDone: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(line.label);
  useEffect(() => setLabel(line.label), [line.label]);
  const name = (id: string) => account.contacts.find((c) => c.id === id)?.name || t('map.unnamed');
  const commit = () => label.trim() !== line.label && edit(account.id, { type: 'updateLine', id: line.id, patch: { label: label.trim() } }, 'undo.map.lineLabel');
  return (
    <Stack gap="xs" data-testid="line-panel">
      <Group justify="space-between">
        <Title order={5}>{t('map.influenceLine')}</Title>
        <ActionIcon
          color="red"
          variant="subtle"
          aria-label={t('map.deleteLine')}
          data-testid="delete-line"
          onClick={() => edit(account.id, { type: 'removeLines', ids: [line.id] }, 'undo.map.deleteLine') && onDone()}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <Text size="sm">
        {name(line.fromId)} → {name(line.toId)}
      </Text>
      <TextInput
        label={t('map.lineLabel')}
        placeholder={t('map.lineLabelHint')}
        value={label}
        // A line just drawn takes its label at once; clicking a labelled line leaves the keys to
        // the map, so that Delete removes the line rather than the label's last letter.
        autoFocus={line.label === ''}
        data-testid="line-label"
        onChange={(e) => setLabel(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </Stack>
  );
}
