import { TextInput } from '@mantine/core';
import { IconClockExclamation, IconSchool } from '@tabler/icons-react';
import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@shared/model/contact';
import { setEditing, useIsEditing } from './editing-store';
import { CARD_HEIGHT, CARD_WIDTH } from './layout';
import { edit } from '../../app/plan-store';
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

/** Relationship stars as plain text: a map of hundreds of cards cannot afford a widget each. */
function Stars({ value, label, size }: { value: number; label: string; size: number }) {
  return (
    <span className={classes.stars} style={{ fontSize: size }} role="img" aria-label={label}>
      {'★'.repeat(value)}
      <span className={classes.starsOff}>{'★'.repeat(5 - value)}</span>
    </span>
  );
}

/**
 * A contact on the map: who, the role badge, attitude, influence, stars and the coach mark.
 * Plain elements and one CSS module rather than Mantine components: a map draws hundreds of
 * these, and style-prop components cost several times more per card.
 */
export const ContactCard = memo(function ContactCard({ data, selected }: NodeProps<ContactNode>) {
  const { t } = useTranslation();
  const { contact: c, accountId, stale, onPath } = data;
  const editing = useIsEditing(c.id);
  const compact = useStore((s) => s.transform[2] < COMPACT_BELOW_ZOOM);
  const role = c.role ? ROLE_STYLE[c.role] : null;
  const attitude = ATTITUDE_STYLE[c.attitude];
  const label = c.isPlaceholder && !c.name ? `${t('map.placeholder')} — ${c.department}` : c.name || t('map.unnamed');
  const roleColor = `var(--mantine-color-${role?.color ?? 'gray'}-6)`;
  const starsLabel = t('map.stars', { count: c.stars });

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
          <div className={classes.bigName}>{label}</div>
          <div className={classes.row} style={{ color: roleColor }}>
            {role && <role.Icon size={24} />}
            <span className={classes.bigRole}>{c.role ? t(`vocab.roles.${c.role}`) : ''}</span>
            {c.isCoach && <IconSchool size={22} color="var(--mantine-color-yellow-7)" aria-label={t('map.coach')} data-testid="coach-badge" />}
          </div>
          <Stars value={c.stars} label={starsLabel} size={24} />
        </div>
      ) : (
        <>
          <div className={classes.row}>
            {editing ? (
              <NameField contact={c} accountId={accountId} />
            ) : (
              <div className={classes.name} onDoubleClick={() => setEditing(c.id)} data-testid="card-name">
                {label}
              </div>
            )}
            {stale && (
              <span title={t('map.staleHint')} className={classes.icon}>
                <IconClockExclamation size={18} color="var(--mantine-color-orange-6)" aria-label={t('map.staleHint')} data-testid="stale-marker" />
              </span>
            )}
            {c.isCoach && (
              <span className={classes.coach} data-testid="coach-badge">
                <IconSchool size={12} />
                {t('map.coach')}
              </span>
            )}
            <span title={t(`vocab.attitudes.${c.attitude}`)} className={classes.icon}>
              <attitude.Icon size={20} color={`var(--mantine-color-${attitude.color}-6)`} aria-label={t(`vocab.attitudes.${c.attitude}`)} />
            </span>
          </div>
          <div className={classes.sub}>
            {[c.title, c.department].filter(Boolean).join(' · ')}
            {c.leftOn ? ` · ${t('map.left')}` : ''}
          </div>
          <div className={classes.row} style={{ marginTop: 6 }}>
            {role && c.role ? (
              <span
                className={classes.role}
                style={{ color: `var(--mantine-color-${role.color}-light-color)`, background: `var(--mantine-color-${role.color}-light)` }}
                data-testid="role-badge"
              >
                <role.Icon size={14} />
                {t(`vocab.roles.${c.role}`)}
              </span>
            ) : (
              <span className={classes.sub}>{t('map.noRole')}</span>
            )}
            <Stars value={c.stars} label={starsLabel} size={20} />
          </div>
          <div className={classes.sub}>{t(`vocab.influence.${c.influence}`)}</div>
        </>
      )}
      <Handle type="source" position={Position.Bottom} className={classes.handle} />
    </div>
  );
});
