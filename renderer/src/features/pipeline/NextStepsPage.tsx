import { Anchor, Badge, Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { showError } from '../../app/errors';
import { queryFallback } from '../../app/QueryFallback';
import { formatDate, localToday } from '../../app/format';
import { edit, ensureDocument } from '../../app/plan-store';
import { useApiQuery } from '../../app/useApiQuery';
import { routeHref } from '../../app/useHashRoute';

/** "My next steps": every overdue action across all accounts, oldest first; tick one off here. */
export function NextStepsPage() {
  const { t } = useTranslation();
  const query = useApiQuery(() => api.pipeline.overdue({ today: localToday() }), []);
  // Ticked at once; the row leaves when the reloaded list no longer has it.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  if (query.status !== 'ok') return queryFallback(query);
  const rows = query.data;
  return (
    <Stack data-testid="next-steps-page">
      <Title order={2}>{t('nextSteps.title')}</Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('nextSteps.none')}</Text>
      ) : (
        <Table striped data-testid="overdue-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deals.done')}</Table.Th>
              <Table.Th>{t('deals.w.when')}</Table.Th>
              <Table.Th>{t('deals.w.what')}</Table.Th>
              <Table.Th>{t('deals.w.who')}</Table.Th>
              <Table.Th>{t('nextSteps.account')}</Table.Th>
              <Table.Th>{t('nextSteps.deal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.action.id} data-testid="overdue-row">
                <Table.Td>
                  <Checkbox
                    aria-label={t('deals.done')}
                    checked={r.action.done || ticked.has(r.action.id)}
                    disabled={ticked.has(r.action.id)}
                    data-testid="overdue-done"
                    onChange={() => {
                      setTicked((s) => new Set(s).add(r.action.id));
                      const untick = () =>
                        setTicked((s) => {
                          const next = new Set(s);
                          next.delete(r.action.id);
                          return next;
                        });
                      ensureDocument(r.accountId).then(
                        () => edit(r.accountId, { type: 'updateAction', id: r.action.id, patch: { done: true } }, 'undo.deal.action') || untick(),
                        (e: unknown) => {
                          untick();
                          showError(e);
                        },
                      );
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  {formatDate(r.action.when)}{' '}
                  <Badge color="red" variant="light">
                    {t('nextSteps.overdue', { count: r.daysOverdue })}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.action.what || t('deals.unnamed')}</Table.Td>
                <Table.Td>{r.action.who}</Table.Td>
                <Table.Td>
                  <Anchor href={routeHref({ page: 'account', accountId: r.accountId, tab: 'deals', ...(r.action.dealId ? { dealId: r.action.dealId } : {}) })}>{r.accountName}</Anchor>
                </Table.Td>
                <Table.Td>{r.dealName ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
