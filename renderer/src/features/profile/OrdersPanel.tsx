import { ActionIcon, Box, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stamp } from '@shared/model/common';
import { orderSchema, type Account, type Order } from '@shared/model/account';
import type { TradingStats } from '@shared/portfolio/types';
import { tradingStats } from '@shared/portfolio/trading';
import { api } from '../../api/client';
import { formatDate, formatMoney, localToday } from '../../app/format';
import { edit, seedDocument, useDocument } from '../../app/plan-store';
import { useApiQuery } from '../../app/useApiQuery';
import { OrderForm, type OrderDraft } from './OrderForm';
import { showUndoNotice } from '../../app/undo-notice';

/** Newest first; among orders of one day, the one entered last first. */
export function newestFirst(orders: readonly Order[]): Order[] {
  return [...orders].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
}

/** The twelve months of `TradingStats.monthly` as chart labels, oldest first ("Jan 25" for each January and the first). */
function monthLabels(today: string, language: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const short = new Intl.DateTimeFormat(language, { month: 'short' });
  const withYear = new Intl.DateTimeFormat(language, { month: 'short', year: '2-digit' });
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(year, month - 11 + i, 1);
    return (i === 0 || d.getMonth() === 0 ? withYear : short).format(d);
  });
}

function Figure({ label, value, testId, color, direction }: { label: string; value: string; testId: string; color?: string; direction?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} c={color} data-testid={testId} data-direction={direction}>
        {value}
      </Text>
    </Paper>
  );
}

function TradingFigures({ stats, today }: { stats: TradingStats; today: string }) {
  const { t, i18n } = useTranslation();
  const money = (v: number | null) => (v === null ? '—' : formatMoney(v));
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const yoy = stats.yoyChange;
  const direction = yoy === null ? 'none' : yoy < 0 ? 'down' : yoy > 0 ? 'up' : 'flat';
  const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });
  const labels = monthLabels(today, i18n.language);
  const data = stats.monthly.map((amount, i) => ({ month: labels[i] ?? '', amount }));
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="orders-figures">
        <Figure label={t('accountProfile.orders.stats.last12')} value={money(stats.last12)} testId="orders-last12" />
        <Figure label={t('accountProfile.orders.stats.prior12')} value={money(stats.prior12)} testId="orders-prior12" />
        <Figure
          label={t('accountProfile.orders.stats.yoy')}
          value={yoy === null ? '—' : percent.format(yoy)}
          testId="orders-yoy"
          direction={direction}
          color={direction === 'down' ? 'red' : direction === 'up' ? 'green' : undefined}
        />
        <Figure label={t('accountProfile.orders.stats.count')} value={String(stats.orderCount)} testId="orders-count" />
        <Figure label={t('accountProfile.orders.stats.average')} value={money(stats.averageOrder)} testId="orders-average" />
        <Figure label={t('accountProfile.orders.stats.largest')} value={money(stats.largestOrder)} testId="orders-largest" />
        <Figure
          label={t('accountProfile.orders.stats.months')}
          value={t('accountProfile.orders.stats.monthsValue', { count: stats.monthsWithOrders })}
          testId="orders-months"
        />
        <Figure
          label={t('accountProfile.orders.stats.stability')}
          value={stats.stability === null ? '—' : `${Math.round(stats.stability)} / 100`}
          testId="orders-stability"
        />
      </SimpleGrid>
      <Box data-testid="orders-chart" data-monthly={stats.monthly.join(',')}>
        <Text size="xs" c="dimmed" mb={4}>
          {t('accountProfile.orders.stats.chart')}
        </Text>
        <BarChart
          h={160}
          data={data}
          dataKey="month"
          series={[{ name: 'amount', label: t('accountProfile.orders.amount'), color: 'blue.6' }]}
          valueFormatter={(v) => formatMoney(v)}
          yAxisProps={{ tickFormatter: (v: number) => compact.format(v), width: 48 }}
          tickLine="none"
        />
      </Box>
    </Stack>
  );
}

/**
 * The orders the customer placed with us (the trading history), newest first, with what they
 * add up to over the last twelve months. Adding, editing and deleting go through the undoable
 * plan commands, so the table changes at once and Ctrl+Z takes a change back.
 */
export function OrdersPanel({ account: loaded }: { account: Account }) {
  const { t } = useTranslation();
  useEffect(() => seedDocument(loaded), [loaded]);
  const account = useDocument(loaded.id) ?? loaded;
  const settings = useApiQuery(() => api.settings.get(), []);
  const productLines = settings.status === 'ok' ? settings.data.productLines : [];
  const [editing, setEditing] = useState<Order | 'new' | null>(null);

  const today = localToday();
  const stats = useMemo(() => tradingStats(account.orders, today), [account.orders, today]);
  const rows = useMemo(() => newestFirst(account.orders), [account.orders]);
  const divisionName = new Map(account.divisions.map((d) => [d.id, d.name]));
  const lineName = new Map(productLines.map((l) => [l.id, l.name]));

  const saveOrder = (draft: OrderDraft) => {
    if (editing === 'new') {
      const order = orderSchema.parse({ ...stamp(crypto.randomUUID(), new Date().toISOString()), ...draft });
      if (edit(account.id, { type: 'addOrders', records: [order] }, 'accountProfile.undo.addOrder')) setEditing(null);
      return;
    }
    if (!editing) return;
    const patch: Partial<OrderDraft> = Object.fromEntries(Object.entries(draft).filter(([k, v]) => editing[k as keyof OrderDraft] !== v));
    if (Object.keys(patch).length === 0 || edit(account.id, { type: 'updateOrder', id: editing.id, patch }, 'accountProfile.undo.editOrder')) {
      setEditing(null);
    }
  };

  const remove = (order: Order) => {
    if (!edit(account.id, { type: 'removeOrders', ids: [order.id] }, 'accountProfile.undo.deleteOrder')) return;
    showUndoNotice({
      message: t('accountProfile.orders.deleted', { date: formatDate(order.date) }),
      testId: 'order-undo',
      buttonProps: { 'data-order-id': order.id },
    });
  };

  return (
    <Stack gap="sm" data-testid="orders-panel">
      <Group justify="space-between">
        <Title order={5}>{t('accountProfile.orders.title')}</Title>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="add-order">
          {t('accountProfile.orders.add')}
        </Button>
      </Group>
      {account.orders.length > 0 && <TradingFigures stats={stats} today={today} />}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover data-testid="orders-table" data-count={account.orders.length}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accountProfile.orders.date')}</Table.Th>
              <Table.Th ta="right">{t('accountProfile.orders.amount')}</Table.Th>
              <Table.Th>{t('accountProfile.orders.division')}</Table.Th>
              <Table.Th>{t('accountProfile.orders.productLine')}</Table.Th>
              <Table.Th>{t('accountProfile.orders.notes')}</Table.Th>
              <Table.Th w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text size="sm" c="dimmed" data-testid="orders-empty">
                    {t('accountProfile.orders.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid="order-row" data-order-id={o.id} data-date={o.date} data-amount={o.amount} data-notes={o.notes}>
                <Table.Td data-testid="order-date">{formatDate(o.date)}</Table.Td>
                <Table.Td ta="right" data-testid="order-amount">
                  {formatMoney(o.amount)}
                </Table.Td>
                <Table.Td data-testid="order-division">{o.divisionId ? (divisionName.get(o.divisionId) ?? '—') : t('accountProfile.orders.wholeGroup')}</Table.Td>
                <Table.Td data-testid="order-product-line">{o.productLineId ? (lineName.get(o.productLineId) ?? '—') : '—'}</Table.Td>
                <Table.Td data-testid="order-notes">{o.notes}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Tooltip label={t('accountProfile.orders.edit')}>
                      <ActionIcon variant="subtle" aria-label={t('accountProfile.orders.edit')} onClick={() => setEditing(o)} data-testid="order-edit">
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('accountProfile.orders.delete')}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('accountProfile.orders.delete')} onClick={() => remove(o)} data-testid="order-delete">
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('accountProfile.orders.addTitle') : t('accountProfile.orders.editTitle')}
        size="lg"
      >
        {editing !== null && (
          <OrderForm
            key={editing === 'new' ? 'new' : editing.id}
            order={editing === 'new' ? null : editing}
            divisions={account.divisions}
            productLines={productLines}
            onSave={saveOrder}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
