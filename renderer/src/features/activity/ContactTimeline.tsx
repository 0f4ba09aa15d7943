import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeline } from '@shared/portfolio/activity';
import type { Account } from '@shared/model/account';
import { formatDate, localToday } from '../../app/format';
import { seedDocument, useDocument } from '../../app/plan-store';
import { ActivityForm, type ActivityFormTarget } from './ActivityForm';
import { ActivityTimeline } from './ActivityTimeline';
import { lastContacted } from './activity-rules';

/** How many entries the side panel shows before "show all". */
const FIRST = 5;

/** One contact's timeline, for the contact panel beside the map: when we last spoke, and what was logged. */
export function ContactTimeline({ account: given, contactId }: { account: Account; contactId: string }) {
  const { t } = useTranslation();
  // Beside the map the account is already open in the plan store; elsewhere this opens it.
  useEffect(() => seedDocument(given), [given]);
  const account = useDocument(given.id) ?? given;
  const [target, setTarget] = useState<ActivityFormTarget | null>(null);
  const [all, setAll] = useState(false);
  const list = useMemo(() => timeline(account, contactId), [account, contactId]);
  const last = lastContacted(list, localToday());
  const shown = all ? list : list.slice(0, FIRST);

  return (
    <Stack gap="xs" data-testid="contact-timeline">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="sm" fw={500}>
            {t('activity.contact.title')}
          </Text>
          <Text size="xs" c={last ? 'dimmed' : 'orange'} data-testid="contact-last-contacted" data-date={last ?? ''}>
            {last ? t('activity.contact.lastContacted', { date: formatDate(last) }) : t('activity.contact.never')}
          </Text>
        </div>
        <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => setTarget({ mode: 'add', contactIds: [contactId] })} data-testid="contact-log-activity">
          {t('activity.contact.log')}
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('activity.contact.empty')}
        </Text>
      ) : (
        <ActivityTimeline account={account} activities={shown} onEdit={(activity) => setTarget({ mode: 'edit', activity })} compact testId="contact-timeline-list" />
      )}
      {list.length > FIRST && (
        <Button size="compact-xs" variant="subtle" onClick={() => setAll((v) => !v)} data-testid="contact-timeline-all">
          {all ? t('activity.contact.fewer') : t('activity.contact.all', { count: list.length })}
        </Button>
      )}
      {target && <ActivityForm account={account} target={target} onClose={() => setTarget(null)} />}
    </Stack>
  );
}
