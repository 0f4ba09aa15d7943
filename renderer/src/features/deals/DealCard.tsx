import { Badge, Group, Menu, Paper, Progress, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useDraggable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { IconAlertTriangle, IconArrowsExchange, IconCalendar } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { dealProbability } from '@shared/deals/probability';
import type { DealRisk } from '@shared/deals/risk';
import type { Deal } from '@shared/model/deal';
import type { BoardColumn } from '@shared/model/database';
import { formatDate, formatMoney } from '../../app/format';
import { riskText, type Named } from './deal-text';

interface Props {
  deal: Deal;
  account: Named;
  risks: DealRisk[];
  accountName?: string;
  columns: BoardColumn[];
  columnLabel: (c: BoardColumn) => string;
  onOpen: () => void;
  onMove: (stage: Deal['stage']) => void;
}

/** One deal on the board: value, close date, probability, risks; drag it (or use the menu) to move it. */
export const DealCard = memo(function DealCard({ deal, account, risks, accountName, columns, columnLabel, onOpen, onMove }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id, data: { stage: deal.stage } });
  const probability = dealProbability(deal);
  const high = risks.filter((r) => r.severity === 'high').length;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      shadow={isDragging ? 'md' : 'xs'}
      style={{ transform: CSS.Translate.toString(transform), opacity: isDragging ? 0.8 : 1, cursor: 'grab', touchAction: 'none' }}
      data-testid="deal-card"
      data-deal-id={deal.id}
      data-deal-name={deal.name}
      data-stage={deal.stage}
      {...attributes}
      {...listeners}
      aria-roledescription={t('deals.draggable')}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <UnstyledButton onClick={onOpen} onPointerDown={(e) => e.stopPropagation()} data-testid="open-deal" style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" truncate>
              {deal.name || t('deals.unnamed')}
            </Text>
          </UnstyledButton>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={t('deals.moveTo')} onPointerDown={(e) => e.stopPropagation()} data-testid="move-deal">
                <IconArrowsExchange size={16} />
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t('deals.moveTo')}</Menu.Label>
              {columns
                .filter((c) => c.stage !== deal.stage)
                .map((c) => (
                  <Menu.Item key={c.stage} onClick={() => onMove(c.stage)} data-testid={`move-to-${c.stage}`}>
                    {columnLabel(c)}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {accountName && (
          <Text size="xs" c="dimmed" truncate>
            {accountName}
          </Text>
        )}
        <Group justify="space-between" gap={4}>
          <Text size="sm" fw={600}>
            {formatMoney(deal.value, deal.currency)}
          </Text>
          <Text size="xs" c="dimmed">
            {probability}%
          </Text>
        </Group>
        <Progress value={probability} size="xs" />
        <Group justify="space-between" gap={4}>
          <Group gap={2}>
            <IconCalendar size={12} />
            <Text size="xs" c="dimmed">
              {deal.expectedCloseDate ? formatDate(deal.expectedCloseDate) : t('deals.noCloseDate')}
            </Text>
          </Group>
          {deal.saleType && (
            <Badge size="xs" variant="light">
              {t(`vocab.saleTypes.${deal.saleType}`)}
            </Badge>
          )}
        </Group>
        {risks.length > 0 && (
          <Tooltip
            multiline
            w={280}
            label={
              <Stack gap={2}>
                {risks.map((r) => (
                  <Text key={r.code} size="xs">
                    • {riskText(r, deal, account)}
                  </Text>
                ))}
              </Stack>
            }
          >
            <Group gap={4} data-testid="deal-risks" data-risks={risks.map((r) => r.code).join(' ')}>
              <IconAlertTriangle size={14} color={`var(--mantine-color-${high ? 'red' : 'orange'}-6)`} />
              <Text size="xs" c={high ? 'red' : 'orange'}>
                {riskText(risks[0] as DealRisk, deal, account)}
                {risks.length > 1 ? ` ${t('deals.moreRisks', { count: risks.length - 1 })}` : ''}
              </Text>
            </Group>
          </Tooltip>
        )}
      </Stack>
    </Paper>
  );
});
