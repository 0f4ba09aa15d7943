import { ActionIcon, Anchor, Badge, Button, Collapse, Group, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconTargetArrow, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Activity } from '@shared/model/deal';
import { formatDate } from '../../app/format';
import { routeHref } from '../../app/useHashRoute';
import { i18n } from '../../i18n';
import { giftPolicyConflict, groupByMonth, type Outcome } from './activity-rules';
import { CHANNEL_COLORS, ChannelIcon } from './channel-icon';
import { removeActivity } from './remove-activity';

const OUTCOME_COLORS: Record<Outcome, string> = { order: 'green', advance: 'blue', continuation: 'yellow', noSale: 'red' };

function monthLabel(month: string): string {
  const d = new Date(`${month}-01T00:00:00`);
  return Number.isNaN(d.getTime()) ? month : new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long' }).format(d);
}

interface Props {
  account: Account;
  /** Already sorted newest first and filtered. */
  activities: readonly Activity[];
  onEdit: (activity: Activity) => void;
  /** Clicking a contact's chip (e.g. to filter by that contact); without it the chips are plain. */
  onContact?: (contactId: string) => void;
  /** Smaller, for the contact panel beside the map. */
  compact?: boolean;
  testId?: string;
}

/** Activities grouped by month, each with its channel, date, summary, people, deal, outcome and notes. */
export function ActivityTimeline({ account, activities, onEdit, onContact, compact = false, testId = 'activity-timeline' }: Props) {
  return (
    <Stack gap={compact ? 'xs' : 'md'} data-testid={testId}>
      {groupByMonth(activities).map((g) => (
        <Stack key={g.month} gap={6} data-testid="activity-month" data-month={g.month}>
          <Text size={compact ? 'xs' : 'sm'} fw={600} c="dimmed">
            {monthLabel(g.month)}
          </Text>
          <Timeline bulletSize={compact ? 22 : 28} lineWidth={2} active={g.items.length}>
            {g.items.map((a) => (
              <Timeline.Item
                key={a.id}
                bullet={<ChannelIcon channel={a.channel} size={compact ? 12 : 16} />}
                color={CHANNEL_COLORS[a.channel]}
                data-testid="activity-item"
                data-activity-id={a.id}
                data-channel={a.channel}
              >
                <Item account={account} activity={a} onEdit={onEdit} onContact={onContact} compact={compact} />
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ))}
    </Stack>
  );
}

function Item({ account, activity: a, onEdit, onContact, compact }: { account: Account; activity: Activity; onEdit: (a: Activity) => void; onContact?: (id: string) => void; compact: boolean }) {
  const { t } = useTranslation();
  const [notesOpen, setNotesOpen] = useState(false);
  const deal = a.dealId ? account.deals.find((d) => d.id === a.dealId) : undefined;
  const people = a.contactIds.map((id) => account.contacts.find((c) => c.id === id)).filter((c) => c !== undefined);
  const size = compact ? 'xs' : 'sm';
  // Judged against the customer's policy as it stands now.
  const policy = account.giftPolicy;
  const againstPolicy = giftPolicyConflict(a.channel, a.hospitality, policy.rule);
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="wrap">
          <Text size={size} fw={600} data-testid="activity-item-channel">
            {t(`activity.channels.${a.channel}`)}
          </Text>
          <Text size="xs" c="dimmed" data-testid="activity-item-date" data-date={a.date}>
            {formatDate(a.date)}
          </Text>
          {a.outcome && (
            <Badge size="xs" variant="light" color={OUTCOME_COLORS[a.outcome]} data-testid="activity-outcome" data-outcome={a.outcome}>
              {t(`vocab.outcomes.${a.outcome}`)}
            </Badge>
          )}
          {a.hospitality && (
            <Badge size="xs" variant="outline" color="grape" data-testid="activity-hospitality-badge">
              {t('activity.form.hospitality')}
            </Badge>
          )}
          {againstPolicy && (
            <Tooltip
              multiline
              maw={320}
              label={`${t('activity.policy.title', { rule: t(`vocab.giftPolicies.${policy.rule}`) })}${policy.notes.trim() ? ` — ${policy.notes.trim()}` : ''}`}
            >
              <Badge
                size="xs"
                variant="filled"
                color={policy.rule === 'banned' ? 'red' : 'orange'}
                leftSection={<IconAlertTriangle size={10} />}
                data-testid="activity-policy-badge"
                data-rule={policy.rule}
              >
                {t('activity.item.againstPolicy')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Group gap={0} wrap="nowrap">
          <Tooltip label={t('activity.item.edit')}>
            <ActionIcon size="sm" variant="subtle" aria-label={t('activity.item.edit')} onClick={() => onEdit(a)} data-testid="activity-edit">
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('activity.item.delete')}>
            <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('activity.item.delete')} onClick={() => removeActivity(account.id, a)} data-testid="activity-delete">
              <IconTrash size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Text size={size} data-testid="activity-item-summary" style={{ overflowWrap: 'anywhere' }}>
        {a.summary || t('activity.item.noSummary')}
      </Text>
      {(people.length > 0 || a.dealId) && (
        <Group gap={4} wrap="wrap">
          {people.map((c) => {
            const name = c.name || t('map.unnamed');
            return onContact ? (
              <Tooltip key={c.id} label={t('activity.item.contactFilter', { name })}>
                <Badge
                  component="button"
                  type="button"
                  size={size}
                  variant="outline"
                  color="gray"
                  tt="none"
                  style={{ cursor: 'pointer' }}
                  onClick={() => onContact(c.id)}
                  data-testid="activity-contact"
                  data-contact-id={c.id}
                >
                  {name}
                </Badge>
              </Tooltip>
            ) : (
              <Badge key={c.id} size={size} variant="outline" color="gray" tt="none" data-testid="activity-contact" data-contact-id={c.id}>
                {name}
              </Badge>
            );
          })}
          {a.dealId &&
            (deal ? (
              <Anchor
                size={size}
                href={routeHref({ page: 'account', accountId: account.id, tab: 'deals', dealId: deal.id })}
                title={t('activity.item.openDeal')}
                data-testid="activity-deal-link"
              >
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
                  <IconTargetArrow size={12} />
                  {deal.name || t('deals.unnamed')}
                </span>
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed">
                {t('activity.removedDeal')}
              </Text>
            ))}
        </Group>
      )}
      {a.notes.trim() && (
        <div>
          <Button variant="subtle" size="compact-xs" px={0} onClick={() => setNotesOpen((o) => !o)} data-testid="activity-notes-toggle" aria-expanded={notesOpen}>
            {t(notesOpen ? 'activity.item.hideNotes' : 'activity.item.showNotes')}
          </Button>
          <Collapse expanded={notesOpen}>
            <Text size={size} c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="activity-item-notes">
              {a.notes}
            </Text>
          </Collapse>
        </div>
      )}
    </Stack>
  );
}
