import { ActionIcon, Anchor, Badge, Button, EmptyState, Group, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconBuildingFactory2, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '@shared/accounts';
import type { Locale } from '@shared/model/database';
import { showError } from '../../app/errors';
import { queryFallback } from '../../app/QueryFallback';
import { formatDate, formatMoney, localNow } from '../../app/format';
import { useApiQuery, type QueryState } from '../../app/useApiQuery';
import { api } from '../../api/client';
import { deleteAccount, loadSampleAccount } from './account-commands';
import { RenameAccountModal } from './RenameAccountModal';
import { ExcelMenu } from '../excel/ExcelMenu';
import { ImportDialog } from '../excel/ImportDialog';

interface Props {
  accounts: QueryState<AccountSummary[]>;
  onCreate: () => void;
  onOpen: (id: string) => void;
}

export function AccountsPage({ accounts, onCreate, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [renaming, setRenaming] = useState<AccountSummary | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  // The grade in force: the user's own, else the one the value score suggests (portfolio-wide).
  const portfolio = useApiQuery(() => api.portfolio.list({ now: localNow() }), []);
  const gradeOf = (a: AccountSummary) =>
    (portfolio.status === 'ok' ? portfolio.data.rows.find((r) => r.id === a.id)?.value.grade : null) ?? a.grade;

  const loadSample = async () => {
    try {
      const account = await loadSampleAccount(i18n.language as Locale);
      notifications.show({ color: 'green', message: t('accounts.sampleLoaded') });
      onOpen(account.id);
    } catch (e) {
      showError(e);
    }
  };

  const confirmDelete = (a: AccountSummary) =>
    modals.openConfirmModal({
      title: t('accounts.deleteTitle', { name: a.name }),
      children: <Text size="sm">{t('accounts.deleteBody')}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'confirm-delete' } as never,
      onConfirm: async () => {
        try {
          const undo = await deleteAccount(a.id);
          const id = notifications.show({
            message: (
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{t('accounts.deleted', { name: a.name })}</Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  data-testid="undo-delete"
                  onClick={() => {
                    notifications.hide(id);
                    undo().then(
                      () => notifications.show({ color: 'green', message: t('accounts.restored', { name: a.name }) }),
                      showError,
                    );
                  }}
                >
                  {t('common.undo')}
                </Button>
              </Group>
            ),
            autoClose: 10_000,
          });
        } catch (e) {
          showError(e);
        }
      },
    });

  if (accounts.status !== 'ok') return queryFallback(accounts);

  const all = accounts.data;
  const q = query.trim().toLowerCase();
  const shown = q ? all.filter((a) => `${a.name} ${a.industry} ${a.owner}`.toLowerCase().includes(q)) : all;

  return (
    <Stack data-testid="accounts-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('accounts.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('accounts.subtitle')}
          </Text>
        </div>
        <Group>
          {all.length > 0 && (
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('accounts.search')}
              aria-label={t('accounts.search')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
            />
          )}
          <ExcelMenu onImport={setImporting} />
          <Button leftSection={<IconPlus size={16} />} onClick={onCreate} data-testid="new-account">
            {t('accounts.new')}
          </Button>
        </Group>
      </Group>

      {all.length === 0 ? (
        <EmptyState
          icon={<IconBuildingFactory2 size={40} />}
          title={t('accounts.emptyTitle')}
          description={t('accounts.emptyBody')}
          data-testid="accounts-empty"
        >
          <Group justify="center" mt="md">
            <Button onClick={onCreate} data-testid="empty-create">
              {t('accounts.createFirst')}
            </Button>
            <Button variant="light" onClick={loadSample} data-testid="load-sample">
              {t('accounts.loadSample')}
            </Button>
          </Group>
        </EmptyState>
      ) : (
        <Table highlightOnHover striped verticalSpacing="sm" data-testid="accounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accounts.col.name')}</Table.Th>
              <Table.Th>{t('accounts.col.industry')}</Table.Th>
              <Table.Th>{t('accounts.col.grade')}</Table.Th>
              <Table.Th ta="right">{t('accounts.col.contacts')}</Table.Th>
              <Table.Th ta="right">{t('accounts.col.deals')}</Table.Th>
              <Table.Th ta="right">{t('accounts.col.pipeline')}</Table.Th>
              <Table.Th>{t('accounts.col.updated')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text c="dimmed">{t('accounts.noMatch', { query })}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {shown.map((a) => (
              <Table.Tr key={a.id} data-testid="account-row" data-account-id={a.id}>
                <Table.Td>
                  <Anchor component="button" fw={600} onClick={() => onOpen(a.id)} data-testid="open-account">
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.industry}</Table.Td>
                <Table.Td>{gradeOf(a) ? <Badge variant="light">{gradeOf(a)}</Badge> : t('common.none')}</Table.Td>
                <Table.Td ta="right">{a.contactCount}</Table.Td>
                <Table.Td ta="right">{a.openDealCount}</Table.Td>
                <Table.Td ta="right">{formatMoney(a.openPipeline)}</Table.Td>
                <Table.Td>{formatDate(a.updatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('common.rename')}>
                      <ActionIcon variant="subtle" aria-label={t('common.rename')} onClick={() => setRenaming(a)} data-testid="rename-account">
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common.delete')}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => confirmDelete(a)} data-testid="delete-account">
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {all.length > 0 && (
        <Group>
          <Button variant="subtle" size="xs" onClick={loadSample} data-testid="load-sample">
            {t('accounts.loadSample')}
          </Button>
        </Group>
      )}
      <RenameAccountModal account={renaming} onClose={() => setRenaming(null)} />
      <ImportDialog
        file={importing}
        accountId={null}
        onClose={() => setImporting(null)}
        onApplied={(ids) => {
          notifications.show({ color: 'green', message: t('excel.applied', { file: importing?.name ?? '' }) });
          setImporting(null);
          if (ids.length === 1 && ids[0]) onOpen(ids[0]);
        }}
      />
    </Stack>
  );
}
