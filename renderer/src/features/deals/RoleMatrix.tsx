import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roleCoverageByDeal } from '@shared/deals/board';
import type { Account } from '@shared/model/account';
import { BUYER_ROLES } from '@shared/model/vocabulary';
import { ATTITUDE_STYLE, ROLE_STYLE } from '../buying-center/role-style';

/** Open deals × the six roles: who holds each role in each deal, their attitude and our stars. */
export function RoleMatrix({ account }: { account: Account }) {
  const { t } = useTranslation();
  const rows = roleCoverageByDeal(account);
  if (rows.length === 0) return null;
  return (
    <Table withTableBorder withColumnBorders data-testid="role-matrix" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('deals.col.name')}</Table.Th>
          {BUYER_ROLES.map((r) => {
            const s = ROLE_STYLE[r];
            return (
              <Table.Th key={r}>
                <Badge color={s.color} variant="light" leftSection={<s.Icon size={12} />}>
                  {t(`vocab.roles.${r}`)}
                </Badge>
              </Table.Th>
            );
          })}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.dealId} data-testid="role-matrix-row" data-deal-id={row.dealId}>
            <Table.Td fw={600}>{row.dealName || t('deals.unnamed')}</Table.Td>
            {BUYER_ROLES.map((r) => {
              const holders = row.roles[r];
              return (
                <Table.Td key={r} bg={holders.length === 0 ? 'var(--mantine-color-red-light)' : undefined} data-role={r} data-empty={holders.length === 0}>
                  {holders.length === 0 ? (
                    <Text size="xs" c="red">
                      {t('map.nobody')}
                    </Text>
                  ) : (
                    holders.map((h) => {
                      const a = ATTITUDE_STYLE[h.attitude];
                      return (
                        <Group key={h.contactId} gap={4} wrap="nowrap">
                          <a.Icon size={14} color={`var(--mantine-color-${a.color}-6)`} aria-label={t(`vocab.attitudes.${h.attitude}`)} />
                          <Text size="xs">{h.name}</Text>
                          <Text size="xs" c="yellow.7">
                            {'★'.repeat(h.stars)}
                          </Text>
                        </Group>
                      );
                    })
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
