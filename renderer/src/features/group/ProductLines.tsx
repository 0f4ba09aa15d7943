import { ActionIcon, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { ProductLine } from '@shared/model/database';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { showError } from '../../app/errors';
import { InlineText } from './InlineText';

/**
 * Changes to the product lines go out one after another, each on the lines as stored right then:
 * two quick adds must not overwrite each other.
 */
let queue: Promise<void> = Promise.resolve();
function changeLines(change: (lines: ProductLine[]) => ProductLine[]): Promise<void> {
  queue = queue
    .then(async () => {
      const { productLines } = await api.settings.get();
      await api.settings.update({ productLines: change(productLines) });
      dataChanged();
    })
    .catch(showError);
  return queue;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** Our product lines (settings): the columns of the whitespace map, managed right beside it. */
export function ProductLines({ account, lines }: { account: Account; lines: readonly ProductLine[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    if (lines.some((l) => same(l.name, trimmed))) {
      setError(t('group.lines.duplicate'));
      return;
    }
    setName('');
    void changeLines((current) => (current.some((l) => same(l.name, trimmed)) ? current : [...current, { id: crypto.randomUUID(), name: trimmed }]));
  };

  const rename = (line: ProductLine, next: string) => {
    if (lines.some((l) => l.id !== line.id && same(l.name, next))) {
      showError(new Error(t('group.lines.duplicate')));
      return;
    }
    void changeLines((current) => current.map((l) => (l.id === line.id ? { ...l, name: next } : l)));
  };

  const confirmRemove = (line: ProductLine) => {
    const deals = account.deals.filter((d) => d.productLineId === line.id).length;
    const orders = account.orders.filter((o) => o.productLineId === line.id).length;
    const marks = account.whitespaceMarks.filter((m) => m.productLineId === line.id).length;
    modals.openConfirmModal({
      title: t('group.lines.removeTitle', { name: line.name }),
      children: (
        <Stack gap={4}>
          <Text size="sm">{t('group.lines.removeBody')}</Text>
          {deals + orders + marks > 0 && (
            <Text size="sm" c="orange" data-testid="product-line-in-use">
              {t('group.lines.removeUsed', { deals, orders, marks })}
            </Text>
          )}
        </Stack>
      ),
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'confirm-remove-product-line' } as never,
      onConfirm: () => void changeLines((current) => current.filter((l) => l.id !== line.id)),
    });
  };

  return (
    <Stack gap="xs" data-testid="product-lines">
      <div>
        <Title order={5}>{t('group.lines.title')}</Title>
        <Text size="xs" c="dimmed">
          {t('group.lines.hint')}
        </Text>
      </div>
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('group.lines.empty')}
        </Text>
      )}
      <Group gap="xs">
        {lines.map((line) => (
          <Group key={line.id} gap={2} wrap="nowrap" data-testid="product-line" data-product-line-id={line.id} data-name={line.name}>
            <InlineText value={line.name} ariaLabel={t('group.lines.nameLabel', { name: line.name })} onCommit={(next) => rename(line, next)} testId="product-line-name" w={160} />
            <ActionIcon variant="subtle" color="red" aria-label={t('group.lines.remove', { name: line.name })} onClick={() => confirmRemove(line)} data-testid="remove-product-line">
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
      </Group>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <Group gap="xs" align="flex-start">
          <TextInput
            size="xs"
            w={240}
            placeholder={t('group.lines.newName')}
            aria-label={t('group.lines.newName')}
            value={name}
            error={error}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            data-testid="new-product-line-name"
          />
          <Button size="xs" type="submit" variant="light" leftSection={<IconPlus size={14} />} disabled={!name.trim()} data-testid="add-product-line">
            {t('group.lines.add')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
