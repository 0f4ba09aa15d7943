import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardColumn } from '@shared/model/database';
import { bilingual } from '../../i18n';

interface Props {
  opened: boolean;
  columns: BoardColumn[];
  onClose: () => void;
  onSave: (columns: BoardColumn[]) => void;
}

/** Rename and reorder the board's columns (a per-user setting). */
export function ColumnSettings({ opened, columns, onClose, onSave }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(columns);
  useEffect(() => setDraft(columns), [columns, opened]);
  const move = (i: number, by: number) => {
    const next = [...draft];
    const [c] = next.splice(i, 1);
    next.splice(i + by, 0, c as BoardColumn);
    setDraft(next);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('deals.columns')} data-testid="column-settings">
      <Stack gap="xs">
        {draft.map((c, i) => (
          <Group key={c.stage} wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={bilingual(`vocab.stages.${c.stage}`)}
              placeholder={bilingual(`vocab.stages.${c.stage}`)}
              value={c.label ?? ''}
              onChange={(e) => {
                const label = e.currentTarget.value;
                setDraft((d) => d.map((x) => (x.stage === c.stage ? { ...x, label: label.trim() ? label : null } : x)));
              }}
              data-testid={`column-label-${c.stage}`}
            />
            <ActionIcon variant="default" mt={22} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('deals.moveUp')} data-testid={`column-up-${c.stage}`}>
              <IconArrowUp size={14} />
            </ActionIcon>
            <ActionIcon variant="default" mt={22} disabled={i === draft.length - 1} onClick={() => move(i, 1)} aria-label={t('deals.moveDown')}>
              <IconArrowDown size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('deals.columnsHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            data-testid="save-columns"
            onClick={() => {
              onSave(draft);
              onClose();
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
