import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import { bilingual } from '../../i18n';
import { formatDate, formatMoney } from '../../app/format';

/** The deals of an account, one row each. */
export function DealsView({ account }: { account: Account }) {
  const { t } = useTranslation();
  if (account.deals.length === 0) return <Text c="dimmed">{t('deals.empty')}</Text>;
  return (
    <Table striped data-testid="deals-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('deals.col.name')}</Table.Th>
          <Table.Th>{t('deals.col.stage')}</Table.Th>
          <Table.Th ta="right">{t('deals.col.value')}</Table.Th>
          <Table.Th>{t('deals.col.close')}</Table.Th>
          <Table.Th>{t('deals.col.saleType')}</Table.Th>
          <Table.Th>{t('deals.col.owner')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {account.deals.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td fw={600}>{d.name}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={d.stage === 'won' ? 'green' : d.stage === 'lost' ? 'gray' : 'indigo'}>
                {bilingual(`vocab.stages.${d.stage}`)}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">{formatMoney(d.value, d.currency)}</Table.Td>
            <Table.Td>{formatDate(d.expectedCloseDate) || t('common.none')}</Table.Td>
            <Table.Td>{d.saleType ? bilingual(`vocab.saleTypes.${d.saleType}`) : t('common.none')}</Table.Td>
            <Table.Td>{d.owner}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
