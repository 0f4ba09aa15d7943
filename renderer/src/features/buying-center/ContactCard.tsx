import { Badge, Card, Group, Rating, Text, Tooltip } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@shared/model/contact';
import { bilingual } from '../../i18n';
import { CARD_HEIGHT, CARD_WIDTH } from './layout';
import { ATTITUDE_STYLE, ROLE_STYLE } from './role-style';

export type ContactNode = Node<{ contact: Contact }, 'contact'>;

/** A contact on the map: who, the role badge, attitude, influence, stars and the coach mark. */
export const ContactCard = memo(function ContactCard({ data }: NodeProps<ContactNode>) {
  const { t } = useTranslation();
  const c = data.contact;
  const role = c.role ? ROLE_STYLE[c.role] : null;
  const attitude = ATTITUDE_STYLE[c.attitude];
  return (
    <Card
      withBorder
      padding="xs"
      radius="md"
      w={CARD_WIDTH}
      h={CARD_HEIGHT}
      style={{ borderTop: `4px solid var(--mantine-color-${role?.color ?? 'gray'}-6)`, opacity: c.leftOn ? 0.55 : 1 }}
      data-testid="contact-card"
      data-contact-name={c.name}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text fw={700} size="md" truncate>
          {c.isPlaceholder ? `${t('map.placeholder')} — ${c.department}` : c.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          {c.isCoach && (
            <Tooltip label={bilingual('map.coach')}>
              <Badge size="sm" color="yellow" variant="filled" leftSection={<IconSchool size={12} />} data-testid="coach-badge">
                {t('map.coach')}
              </Badge>
            </Tooltip>
          )}
          <Tooltip label={t(`vocab.attitudes.${c.attitude}`)}>
            <attitude.Icon size={18} color={`var(--mantine-color-${attitude.color}-6)`} aria-label={t(`vocab.attitudes.${c.attitude}`)} />
          </Tooltip>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" truncate>
        {[c.title, c.department].filter(Boolean).join(' · ')}
        {c.leftOn ? ` · ${t('map.left')}` : ''}
      </Text>
      <Group justify="space-between" mt={6} wrap="nowrap">
        {role && c.role ? (
          <Badge color={role.color} variant="light" leftSection={<role.Icon size={12} />} size="md">
            {t(`vocab.roles.${c.role}`)}
          </Badge>
        ) : (
          <span />
        )}
        <Rating value={c.stars} count={5} readOnly size="sm" aria-label={t('map.stars', { count: c.stars })} />
      </Group>
      <Text size="xs" c="dimmed" mt={2}>
        {t(`vocab.influence.${c.influence}`)}
      </Text>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </Card>
  );
});
