import { Alert, Badge, Button, Group, Modal, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '@shared/api/excel';
import type { Account } from '@shared/model/account';
import { CONTACT_FIELDS } from '@shared/excel/contact-list';
import type { Locale } from '@shared/model/database';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { history } from '../../app/undo-history';
import { fileToBase64 } from './excel-files';
import { ProgressView, withProgress } from './excel-progress';
import type { ExcelProgress } from '@shared/api/excel';

interface Props {
  file: File | null;
  /** Merge into this account; null = new accounts (or accounts matched by id or name). */
  accountId: string | null;
  onClose: () => void;
  onApplied: (accountIds: string[]) => void;
}

type State = { kind: 'reading'; progress: ExcelProgress | null } | { kind: 'failed'; message: string } | { kind: 'ready'; preview: ImportPreview; base64: string } | { kind: 'applying'; preview: ImportPreview; base64: string };

/** Puts accounts back as they were before an import, or as the import left them. */
async function putBack(pairs: { after: Account; before: Account | null }[], direction: 'undo' | 'redo') {
  for (const { after, before } of pairs) {
    if (direction === 'undo') {
      if (before) await api.account.replace({ account: before });
      else await api.account.delete({ id: after.id });
    } else if (before) await api.account.replace({ account: after });
    else await api.account.restore({ id: after.id });
  }
}

/** Preview of an Excel import: what will be created or updated, every problem, then apply or cancel. */
export function ImportDialog({ file, accountId, onClose, onApplied }: Props) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'reading', progress: null });
  const locale = i18n.language as Locale;

  const preview = async (base64: string, mapping?: (string | null)[]) => {
    if (!file) return;
    setState({ kind: 'reading', progress: null });
    try {
      const result = await withProgress(
        (jobId) => api.excel.preview({ fileName: file.name, base64, accountId, locale, jobId, ...(mapping && { mapping }) }),
        (progress) => setState((s) => (s.kind === 'reading' ? { kind: 'reading', progress } : s)),
      );
      setState({ kind: 'ready', preview: result, base64 });
    } catch (e) {
      setState({ kind: 'failed', message: errorText(e) });
    }
  };

  useEffect(() => {
    if (!file) return;
    fileToBase64(file).then(
      (base64) => preview(base64),
      (e: unknown) => setState({ kind: 'failed', message: errorText(e) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- preview once per chosen file, not whenever `preview` is recreated
  }, [file]);

  const apply = async (p: ImportPreview, base64: string) => {
    if (!p.token) return;
    setState({ kind: 'applying', preview: p, base64 });
    try {
      const { after, before } = await api.excel.apply({ token: p.token });
      const pairs = after.map((a, i) => ({ after: a, before: before[i] ?? null }));
      history.push({ label: 'undo.import', undo: () => putBack(pairs, 'undo'), redo: () => putBack(pairs, 'redo') });
      dataChanged();
      onApplied(after.map((a) => a.id));
    } catch (e) {
      setState({ kind: 'failed', message: errorText(e) });
    }
  };

  const fieldLabel = (key: string) => {
    const f = CONTACT_FIELDS.find((x) => x.key === key);
    return f ? (f.label[locale] ?? key) : key;
  };

  return (
    <Modal opened={file !== null} onClose={onClose} size="xl" title={<Title order={4}>{t('excel.previewTitle', { file: file?.name ?? '' })}</Title>} data-testid="import-dialog">
      {state.kind === 'reading' && <ProgressView progress={state.progress} />}
      {state.kind === 'failed' && (
        <Alert color="red" data-testid="import-error">
          {state.message}
        </Alert>
      )}
      {(state.kind === 'ready' || state.kind === 'applying') && (
        <Stack gap="sm">
          {state.preview.contactList && (
            <div data-testid="column-mapping">
              <Text fw={600} mb={4}>
                {t('excel.mapping')}
              </Text>
              <Table withTableBorder verticalSpacing={2}>
                <Table.Tbody>
                  {state.preview.contactList.header.map((h, i) => (
                    <Table.Tr key={i}>
                      <Table.Td w="40%">{h || t('excel.noHeader', { n: i + 1 })}</Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          data={[{ value: '', label: t('excel.ignore') }, ...(state.preview.contactList?.fields ?? []).map((k) => ({ value: k, label: fieldLabel(k) }))]}
                          value={state.preview.contactList?.mapping[i] ?? ''}
                          allowDeselect={false}
                          data-testid={`map-column-${i}`}
                          onChange={(v) => {
                            const mapping = [...(state.preview.contactList?.mapping ?? [])];
                            mapping[i] = v || null;
                            void preview(state.base64, mapping);
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          {state.preview.problems.length > 0 ? (
            <Alert color="red" title={t('excel.problems', { count: state.preview.problems.length })} data-testid="import-problems">
              <Text size="sm" mb={6}>
                {t('excel.nothingApplied')}
              </Text>
              <ScrollArea.Autosize mah={260}>
                <Table verticalSpacing={2} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('excel.sheet')}</Table.Th>
                      <Table.Th>{t('excel.row')}</Table.Th>
                      <Table.Th>{t('excel.column')}</Table.Th>
                      <Table.Th>{t('excel.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {state.preview.problems.map((p, i) => (
                      <Table.Tr key={i} data-testid="import-problem">
                        <Table.Td>{p.sheet}</Table.Td>
                        <Table.Td>{p.row ?? ''}</Table.Td>
                        <Table.Td>{p.column ?? ''}</Table.Td>
                        <Table.Td>{p.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            </Alert>
          ) : null}
          {state.preview.accounts.map((a, i) => (
            <div key={i} data-testid="import-account">
              <Group gap="xs">
                <Text fw={600}>{a.name}</Text>
                <Badge color={a.isNew ? 'green' : 'blue'}>{a.isNew ? t('excel.newAccount') : t('excel.merge')}</Badge>
              </Group>
              <Text size="sm" data-testid="import-summary" data-creates={a.creates.length} data-updates={a.updates.length} data-unchanged={a.unchanged}>
                {t('excel.summary', { creates: a.creates.length, updates: a.updates.length, unchanged: a.unchanged })}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={3}>
                {[...a.creates.map((c) => `+ ${c.name}`), ...a.updates.map((u) => `~ ${u.name} (${u.fields.join(', ')})`)].join(' · ')}
              </Text>
            </div>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!state.preview.token} loading={state.kind === 'applying'} onClick={() => void apply(state.preview, state.base64)} data-testid="apply-import">
              {t('excel.apply')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
