import { Badge, Group, Rating, Text, TextInput, Tooltip } from '@mantine/core';
import { IconClockExclamation, IconSchool } from '@tabler/icons-react';
import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@shared/model/contact';
import { setEditing, useIsEditing } from './editing-store';
import { CARD_HEIGHT, CARD_WIDTH } from './layout';
import { edit } from './map-store';
import { ATTITUDE_STYLE, ROLE_STYLE } from './role-style';
import classes from './ContactCard.module.css';

export interface ContactNodeData extends Record<string, unknown> {
  contact: Contact;
  accountId: string;
  stale: boolean;
  onPath: boolean;
}
export type ContactNode = Node<ContactNodeData, 'contact'>;

/** Below this zoom the card switches to big type: name, role and stars only. */
const COMPACT_BELOW_ZOOM = 0.75;

function NameField({ contact, accountId }: { contact: Contact; accountId: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(contact.name);
  const input = useRef<HTMLInputElement>(null);
  // React Flow shows a new node only once it has been measured, and a hidden field cannot take
  // focus: keep trying for a few frames.
  useEffect(() => {
    let frame = 0;
    let tries = 0;
    const focus = () => {
      input.current?.focus();
      input.current?.select();
      if (document.activeElement !== input.current && tries++ < 30) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, []);
  const commit = () => {
    setEditing(null);
    if (value.trim() !== contact.name) {
      edit(accountId, { type: 'updateContact', id: contact.id, patch: { name: value.trim(), isPlaceholder: value.trim() === '' && contact.isPlaceholder } }, 'undo.map.rename');
    }
  };
  return (
    <TextInput
      className="nodrag"
      size="sm"
      ref={input}
      aria-label={t('map.name')}
      placeholder={t('map.name')}
      data-testid="inline-name"
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setEditing(null);
      }}
    />
  );
}

/** A contact on the map: who, the role badge, attitude, influence, stars and the coach mark. */
export const ContactCard = memo(function ContactCard({ data, selected }: NodeProps<ContactNode>) {
  const { t } = useTranslation();
  const { contact: c, accountId, stale, onPath } = data;
  const editing = useIsEditing(c.id);
  const compact = useStore((s) => s.transform[2] < COMPACT_BELOW_ZOOM);
  const role = c.role ? ROLE_STYLE[c.role] : null;
  const attitude = ATTITUDE_STYLE[c.attitude];
  const label = c.isPlaceholder && !c.name ? `${t('map.placeholder')} — ${c.department}` : c.name || t('map.unnamed');
  const roleColor = `var(--mantine-color-${role?.color ?? 'gray'}-6)`;

  return (
    <div
      className={classes.card}
      data-selected={selected || undefined}
      data-on-path={onPath || undefined}
      data-left={c.leftOn ? true : undefined}
      data-placeholder={c.isPlaceholder || undefined}
      style={{ width: CARD_WIDTH, height: CARD_HEIGHT, borderTopColor: roleColor, borderLeftColor: `var(--mantine-color-${attitude.color}-5)` }}
      data-testid="contact-card"
      data-contact-id={c.id}
      data-contact-name={c.name}
      data-role={c.role ?? ''}
      data-attitude={c.attitude}
      data-stars={c.stars}
    >
      <Handle type="target" position={Position.Top} className={classes.handle} />
      {compact && !editing ? (
        <div className={classes.compact}>
          <Text fw={800} fz={26} lh={1.15} truncate>
            {label}
          </Text>
          <Group gap={6} wrap="nowrap" mt={4}>
            {role && <role.Icon size={24} color={roleColor} />}
            <Text fz={20} fw={700} c={roleColor} truncate>
              {c.role ? t(`vocab.roles.${c.role}`) : ''}
            </Text>
            {c.isCoach && <IconSchool size={22} color="var(--mantine-color-yellow-7)" aria-label={t('map.coach')} data-testid="coach-badge" />}
          </Group>
          <Text fz={22} c="yellow.6" lh={1}>
            {'★'.repeat(c.stars)}
            <span style={{ color: 'var(--mantine-color-gray-4)' }}>{'★'.repeat(5 - c.stars)}</span>
          </Text>
        </div>
      ) : (
        <>
          <Group justify="space-between" wrap="nowrap" gap={4}>
            {editing ? (
              <NameField contact={c} accountId={accountId} />
            ) : (
              <Text fw={700} size="lg" truncate onDoubleClick={() => setEditing(c.id)} data-testid="card-name">
                {label}
              </Text>
            )}
            <Group gap={4} wrap="nowrap">
              {stale && (
                <Tooltip label={t('map.staleHint')}>
                  <IconClockExclamation size={18} color="var(--mantine-color-orange-6)" aria-label={t('map.staleHint')} data-testid="stale-marker" />
                </Tooltip>
              )}
              {c.isCoach && (
                <Badge size="sm" color="yellow" variant="filled" leftSection={<IconSchool size={12} />} data-testid="coach-badge">
                  {t('map.coach')}
                </Badge>
              )}
              <Tooltip label={t(`vocab.attitudes.${c.attitude}`)}>
                <attitude.Icon size={20} color={`var(--mantine-color-${attitude.color}-6)`} aria-label={t(`vocab.attitudes.${c.attitude}`)} />
              </Tooltip>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" truncate>
            {[c.title, c.department].filter(Boolean).join(' · ')}
            {c.leftOn ? ` · ${t('map.left')}` : ''}
          </Text>
          <Group justify="space-between" mt={6} wrap="nowrap">
            {role && c.role ? (
              <Badge color={role.color} variant="light" leftSection={<role.Icon size={14} />} size="lg" data-testid="role-badge">
                {t(`vocab.roles.${c.role}`)}
              </Badge>
            ) : (
              <Text size="xs" c="dimmed">
                {t('map.noRole')}
              </Text>
            )}
            <Rating value={c.stars} count={5} readOnly size="md" aria-label={t('map.stars', { count: c.stars })} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t(`vocab.influence.${c.influence}`)}
          </Text>
        </>
      )}
      <Handle type="source" position={Position.Bottom} className={classes.handle} />
    </div>
  );
});
