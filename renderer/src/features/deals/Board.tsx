import { Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { DndContext, KeyboardSensor, PointerSensor, useDroppable, useSensor, useSensors, type DragEndEvent, type KeyboardCoordinateGetter } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { columnTotals, type ColumnTotals, type MoneyTotals } from '@shared/deals/probability';
import type { DealRisk } from '@shared/deals/risk';
import type { BoardColumn } from '@shared/model/database';
import type { Deal } from '@shared/model/deal';
import { formatMoney } from '../../app/format';
import { DealCard } from './DealCard';
import type { Named } from './deal-text';

export interface BoardItem {
  deal: Deal;
  accountId: string;
  /** The account's people, to name them in risk sentences. */
  people: Named;
  accountName?: string;
  risks: DealRisk[];
}

interface Props {
  items: BoardItem[];
  columns: BoardColumn[];
  columnLabel: (c: BoardColumn) => string;
  onMove: (item: BoardItem, stage: Deal['stage']) => void;
  onOpen: (item: BoardItem) => void;
}

function Column({ column, label, totals, children }: { column: BoardColumn; label: string; totals: ColumnTotals; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage });
  // Money is shown per currency so that CNY and USD never add up.
  const sums: [string, MoneyTotals][] = totals.byCurrency ? Object.entries(totals.byCurrency) : totals.currency ? [[totals.currency, totals]] : [];
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      w={260}
      miw={260}
      bg={isOver ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
      data-testid="board-column"
      data-stage={column.stage}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={6} lineClamp={1}>
            {label}
          </Title>
          <Badge variant="light" data-testid="column-count">
            {totals.count}
          </Badge>
        </Group>
        <div data-testid="column-totals">
          {sums.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('deals.totals', { value: formatMoney(0), weighted: formatMoney(0) })}
            </Text>
          ) : (
            sums.map(([currency, s]) => (
              <Text key={currency} size="xs" c="dimmed" data-testid="column-total" data-currency={currency} data-value={s.value} data-weighted={Math.round(s.weighted)}>
                {t('deals.totals', { value: formatMoney(s.value, currency), weighted: formatMoney(s.weighted, currency) })}
              </Text>
            ))
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** Left and right arrows jump a picked-up card to the neighbouring column, not 25 px at a time. */
const columnJump: KeyboardCoordinateGetter = (event, { context: { droppableRects, collisionRect }, currentCoordinates }) => {
  if (!collisionRect || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = [...droppableRects.values()].sort((a, b) => a.left - b.left);
  const target =
    event.code === 'ArrowRight' ? columns.find((r) => r.left > centre) : [...columns].reverse().find((r) => r.left + r.width < centre);
  if (!target) return currentCoordinates;
  return { x: currentCoordinates.x + (target.left + target.width / 2 - centre), y: currentCoordinates.y };
};

/** The deal board: one column per stage, in the user's order; drag a card to another column. */
export function Board({ items, columns, columnLabel, onMove, onOpen }: Props) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: columnJump }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const item = items.find((i) => i.deal.id === active.id);
    const stage = over.id as Deal['stage'];
    if (item && item.deal.stage !== stage) onMove(item, stage);
  };
  const sums = columnTotals(
    items.map((i) => i.deal),
    columns.map((c) => c.stage),
  );
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" data-testid="deal-board">
          {columns.map((column, i) => {
            const inColumn = items.filter((item) => item.deal.stage === column.stage);
            return (
              <Column key={column.stage} column={column} label={columnLabel(column)} totals={sums[i] as ColumnTotals}>
                {inColumn.map((item) => (
                  <DealCard
                    key={item.deal.id}
                    deal={item.deal}
                    account={item.people}
                    risks={item.risks}
                    accountName={item.accountName}
                    columns={columns}
                    columnLabel={columnLabel}
                    onOpen={() => onOpen(item)}
                    onMove={(stage) => onMove(item, stage)}
                  />
                ))}
              </Column>
            );
          })}
        </Group>
      </ScrollArea>
    </DndContext>
  );
}
