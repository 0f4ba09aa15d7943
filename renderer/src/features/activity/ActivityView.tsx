import { Button, EmptyState, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFilterOff, IconMessages, IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeline } from '@shared/portfolio/activity';
import type { Account } from '@shared/model/account';
import { ACTIVITY_CHANNELS } from '@shared/model/vocabulary';
import { seedDocument, useDocument } from '../../app/plan-store';
import { ActivityForm, type ActivityFormTarget } from './ActivityForm';
import { ActivityTimeline } from './ActivityTimeline';
import { filterActivities, type Channel, type TimelineFilter } from './activity-rules';
import { ChannelIcon } from './channel-icon';

/** The account's activity log: every visit, call, email, gift and meeting, newest first. */
export function ActivityView({ account: loaded }: { account: Account }) {
  const { t } = useTranslation();
  useEffect(() => seedDocument(loaded), [loaded]);
  const account = useDocument(loaded.id) ?? loaded;
  const [target, setTarget] = useState<ActivityFormTarget | null>(null);
  const [filter, setFilter] = useState<TimelineFilter>({ channel: null, contactId: null });

  const all = useMemo(() => timeline(account), [account]);
  const shown = useMemo(() => filterActivities(all, filter), [all, filter]);
  // Contacts worth filtering by: everyone named in the log, plus who is on the map.
  const contactOptions = useMemo(() => {
    const named = new Set(all.flatMap((a) => a.contactIds));
    return account.contacts
      .filter((c) => named.has(c.id) || c.id === filter.contactId)
      .map((c) => ({ value: c.id, label: c.name || t('map.unnamed') }));
  }, [account.contacts, all, filter.contactId, t]);
  const filtered = filter.channel !== null || filter.contactId !== null;

  return (
    <Stack gap="sm" data-testid="activity-view">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>{t('activity.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('activity.intro')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setTarget({ mode: 'add' })} data-testid="log-activity">
          {t('activity.log')}
        </Button>
      </Group>

      {all.length === 0 ? (
        <EmptyState
          icon={<IconMessages size={28} />}
          withIndicatorBackground
          title={t('activity.emptyTitle')}
          description={t('activity.emptyBody')}
          data-testid="activity-empty"
          py="xl"
        >
          <EmptyState.Actions>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setTarget({ mode: 'add' })} data-testid="log-first-activity">
              {t('activity.logFirst')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <>
          <Group gap="sm" align="flex-end">
            <Select
              size="xs"
              w={220}
              label={t('activity.filters.channel')}
              placeholder={t('activity.filters.allChannels')}
              data={ACTIVITY_CHANNELS.map((c) => ({ value: c, label: t(`activity.channels.${c}`) }))}
              value={filter.channel}
              clearable
              leftSection={filter.channel ? <ChannelIcon channel={filter.channel} /> : undefined}
              onChange={(v) => setFilter((f) => ({ ...f, channel: (v as Channel | null) ?? null }))}
              data-testid="activity-filter-channel"
            />
            <Select
              size="xs"
              w={220}
              label={t('activity.filters.contact')}
              placeholder={t('activity.filters.allContacts')}
              data={contactOptions}
              value={filter.contactId}
              clearable
              searchable
              onChange={(v) => setFilter((f) => ({ ...f, contactId: v ?? null }))}
              data-testid="activity-filter-contact"
            />
            {filtered && (
              <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} />} onClick={() => setFilter({ channel: null, contactId: null })} data-testid="activity-clear-filters">
                {t('activity.filters.clear')}
              </Button>
            )}
            <Text size="xs" c="dimmed" ml="auto" data-testid="activity-count">
              {t('activity.count', { count: filtered ? shown.length : all.length })}
            </Text>
          </Group>
          {shown.length === 0 ? (
            <Text c="dimmed" data-testid="activity-no-match">
              {t('activity.noMatch')}
            </Text>
          ) : (
            <ActivityTimeline
              account={account}
              activities={shown}
              onEdit={(activity) => setTarget({ mode: 'edit', activity })}
              onContact={(contactId) => setFilter((f) => ({ ...f, contactId }))}
            />
          )}
        </>
      )}
      {target && <ActivityForm account={account} target={target} onClose={() => setTarget(null)} />}
    </Stack>
  );
}
