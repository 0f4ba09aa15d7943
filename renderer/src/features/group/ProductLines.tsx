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
import { i18n } from '../../i18n';
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

type Records = Pick<Account, 'name' | 'deals' | 'orders' | 'whitespaceMarks'>;
interface Usage {
  /** Names of the accounts that use the line. */
  accounts: string[];
  deals: number;
  orders: number;
  marks: number;
}

function usageOf(accounts: readonly Records[], lineId: string): Usage {
  const usage: Usage = { accounts: [], deals: 0, orders: 0, marks: 0 };
  for (const a of accounts) {
    const deals = a.deals.filter((d) => d.productLineId === lineId).length;
    const orders = a.orders.filter((o) => o.productLineId === lineId).length;
    const marks = a.whitespaceMarks.filter((m) => m.productLineId === lineId).length;
    if (deals + orders + marks === 0) continue;
    usage.accounts.push(a.name);
    usage.deals += deals;
    usage.orders += orders;
    usage.marks += marks;
  }
  return usage;
}

/**
 * What uses the line in every account (product lines are shared): this account as on screen,
 * the others as stored. Deleted accounts are left out.
 */
async function usageEverywhere(current: Account, lineId: string): Promise<Usage> {
  const list = await api.account.list();
  const others = await Promise.all(list.filter((s) => s.deletedAt === null && s.id !== current.id).map((s) => api.account.get({ id: s.id })));
  return usageOf([current, ...others], lineId);
}

const listOf = (items: string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);
const NAMES_SHOWN = 3;

/** Our product lines (settings): the columns of the whitespace map, managed right beside it. */
export function ProductLines({ account, lines }: { account: Account; lines: readonly ProductLine[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState<string | null>(null);

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

  const rename = (line: ProductLine, next: string, leaving: boolean) => {
    if (lines.some((l) => l.id !== line.id && same(l.name, next))) {
      if (!leaving) showError(new Error(t('group.lines.duplicate')));
      return;
    }
    const renamed = (current: ProductLine[]) => current.map((l) => (l.id === line.id ? { ...l, name: next } : l));
    // The window is going: no time to read the stored lines first, send the ones on screen at once.
    if (leaving) void api.settings.update({ productLines: renamed([...lines]) }).catch(() => undefined);
    else void changeLines(renamed);
  };

  const confirmRemove = async (line: ProductLine) => {
    setChecking(line.id);
    let usage: Usage;
    let everywhere = true;
    try {
      usage = await usageEverywhere(account, line.id);
    } catch {
      // The other accounts cannot be read right now: say what this one holds, and that others may too.
      usage = usageOf([account], line.id);
      everywhere = false;
    } finally {
      setChecking(null);
    }
    const what = listOf(
      [
        usage.deals > 0 && t('group.lines.usage.deals', { count: usage.deals }),
        usage.orders > 0 && t('group.lines.usage.orders', { count: usage.orders }),
        usage.marks > 0 && t('group.lines.usage.marks', { count: usage.marks }),
      ].filter((x): x is string => typeof x === 'string'),
    );
    const names = usage.accounts.length > NAMES_SHOWN ? [...usage.accounts.slice(0, NAMES_SHOWN), t('group.lines.moreAccounts', { count: usage.accounts.length - NAMES_SHOWN })] : usage.accounts;
    const used = usage.accounts.length > 0;
    modals.openConfirmModal({
      title: t('group.lines.removeTitle', { name: line.name }),
      children: (
        <Stack gap={4}>
          <Text size="sm">{t('group.lines.removeBody')}</Text>
          {used && (
            <Text
              size="sm"
              c="orange"
              data-testid="product-line-in-use"
              data-accounts={usage.accounts.length}
              data-deals={usage.deals}
              data-orders={usage.orders}
              data-marks={usage.marks}
            >
              {everywhere ? t('group.lines.removeUsed', { count: usage.accounts.length, what, names: listOf(names) }) : t('group.lines.removeUsedHere', { what })}{' '}
              {t('group.lines.removeKeep')}
            </Text>
          )}
          {!everywhere && !used && (
            <Text size="sm" c="dimmed">
              {t('group.lines.othersUnknown')}
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
            <InlineText
              value={line.name}
              ariaLabel={t('group.lines.nameLabel', { name: line.name })}
              onCommit={(next, leaving) => rename(line, next, leaving)}
              testId="product-line-name"
              w={160}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('group.lines.remove', { name: line.name })}
              loading={checking === line.id}
              onClick={() => void confirmRemove(line)}
              data-testid="remove-product-line"
            >
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
