import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import { stamp } from '@shared/model/common';
import { activitySchema, type Activity } from '@shared/model/deal';
import { ACTIVITY_CHANNELS, MEETING_OUTCOMES } from '@shared/model/vocabulary';
import { localToday } from '../../app/format';
import { edit } from '../../app/plan-store';
import {
  activityFields,
  changedFields,
  contactChoices,
  giftPolicyConflict,
  HOSPITALITY_CHANNELS,
  OUTCOME_CHANNELS,
  validateActivity,
  type ActivityFormErrors,
  type ActivityFormValues,
  type Channel,
  type Outcome,
} from './activity-rules';
import { ChannelIcon } from './channel-icon';

/** What the form was opened for: a new entry (maybe with contacts already picked) or an existing one. */
export type ActivityFormTarget = { mode: 'add'; contactIds?: string[] } | { mode: 'edit'; activity: Activity };

interface Props {
  /** The account as the plan store holds it. */
  account: Account;
  target: ActivityFormTarget;
  onClose: () => void;
}

function initialValues(account: Account, target: ActivityFormTarget): ActivityFormValues {
  if (target.mode === 'edit') {
    const a = target.activity;
    return {
      date: a.date,
      channel: a.channel,
      contactIds: [...a.contactIds],
      // A deal deleted since then is no longer offered (and could not be saved).
      dealId: a.dealId && account.deals.some((d) => d.id === a.dealId) ? a.dealId : null,
      outcome: a.outcome,
      summary: a.summary,
      notes: a.notes,
      hospitality: a.hospitality,
    };
  }
  return {
    date: localToday(),
    channel: 'visit',
    contactIds: (target.contactIds ?? []).filter((id) => account.contacts.some((c) => c.id === id)),
    dealId: null,
    outcome: null,
    summary: '',
    notes: '',
    hospitality: false,
  };
}

/**
 * Logs a new activity or edits one, in a modal. Saving is one undoable plan edit. Warns before
 * saving a gift (or hospitality) when the customer bans or restricts them.
 */
export function ActivityForm({ account, target, onClose }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ActivityFormValues>(() => initialValues(account, target));
  const [errors, setErrors] = useState<ActivityFormErrors>({});
  const [tried, setTried] = useState(false);
  const set = <K extends keyof ActivityFormValues>(key: K, value: ActivityFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (tried) setErrors(validateActivity(next, localToday()));
  };

  const contactOptions = useMemo(
    () =>
      contactChoices(account, values.contactIds).map((c) => ({
        value: c.id,
        label: [c.name || t('map.unnamed'), c.title].filter(Boolean).join(' · '),
      })),
    [account, values.contactIds, t],
  );
  const dealOptions = [{ value: '', label: t('activity.form.noDeal') }, ...account.deals.map((d) => ({ value: d.id, label: d.name || t('deals.unnamed') }))];
  const withOutcome = OUTCOME_CHANNELS.includes(values.channel);
  const withHospitality = HOSPITALITY_CHANNELS.includes(values.channel);
  const rule = account.giftPolicy.rule;
  const conflict = giftPolicyConflict(values.channel, values.hospitality, rule);

  const save = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const found = validateActivity(values, localToday());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = activityFields(values);
    let ok: boolean;
    if (target.mode === 'add') {
      const now = new Date().toISOString();
      const record = activitySchema.parse({ ...stamp(crypto.randomUUID(), now), ...fields });
      ok = edit(account.id, { type: 'addActivities', records: [record] }, 'activity.undo.add');
    } else {
      const patch = changedFields(target.activity, fields);
      // A deal deleted since the activity was logged: the link goes (the form showed none).
      if (target.activity.dealId && !account.deals.some((d) => d.id === target.activity.dealId)) patch.dealId = fields.dealId;
      ok = Object.keys(patch).length === 0 || edit(account.id, { type: 'updateActivity', id: target.activity.id, patch }, 'activity.undo.edit');
    }
    if (ok) onClose();
  };

  const message = (err: ActivityFormErrors[keyof ActivityFormErrors]) => (err ? t(err.key, err.values) : undefined);

  return (
    <Modal opened onClose={onClose} title={t(target.mode === 'add' ? 'activity.form.addTitle' : 'activity.form.editTitle')} size="lg">
      <form onSubmit={save} noValidate data-testid="activity-form">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('activity.form.date')}
              required
              value={values.date}
              onChange={(e) => set('date', e.currentTarget.value)}
              error={message(errors.date)}
              data-testid="activity-date"
            />
            <Select
              label={t('activity.form.channel')}
              data={ACTIVITY_CHANNELS.map((c) => ({ value: c, label: t(`activity.channels.${c}`) }))}
              value={values.channel}
              allowDeselect={false}
              leftSection={<ChannelIcon channel={values.channel} />}
              onChange={(v) => v && set('channel', v as Channel)}
              data-testid="activity-channel"
            />
          </Group>
          <MultiSelect
            label={t('activity.form.contacts')}
            placeholder={contactOptions.length ? t('activity.form.contactsPlaceholder') : t('activity.form.noContacts')}
            data={contactOptions}
            value={values.contactIds}
            onChange={(v) => set('contactIds', v)}
            searchable
            clearable
            hidePickedOptions
            data-testid="activity-contacts"
          />
          <Group grow align="flex-start">
            <Select
              label={t('activity.form.deal')}
              data={dealOptions}
              value={values.dealId ?? ''}
              allowDeselect={false}
              onChange={(v) => set('dealId', v || null)}
              data-testid="activity-deal"
            />
            {withOutcome && (
              <Select
                label={t('activity.form.outcome')}
                data={[{ value: '', label: t('activity.form.noOutcome') }, ...MEETING_OUTCOMES.map((o) => ({ value: o, label: t(`vocab.outcomes.${o}`) }))]}
                value={values.outcome ?? ''}
                allowDeselect={false}
                onChange={(v) => set('outcome', (v || null) as Outcome | null)}
                data-testid="activity-outcome"
              />
            )}
          </Group>
          <TextInput
            label={t('activity.form.summary')}
            placeholder={t('activity.form.summaryPlaceholder')}
            required
            maxLength={1000}
            value={values.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
            error={message(errors.summary)}
            data-testid="activity-summary"
          />
          <Textarea
            label={t('activity.form.notes')}
            autosize
            minRows={3}
            maxRows={10}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            data-testid="activity-notes"
          />
          {withHospitality && (
            <Checkbox
              label={t('activity.form.hospitality')}
              checked={values.hospitality}
              onChange={(e) => set('hospitality', e.currentTarget.checked)}
              data-testid="activity-hospitality"
            />
          )}
          {conflict && (
            <Alert
              color={rule === 'banned' ? 'red' : 'orange'}
              icon={<IconAlertTriangle size={18} />}
              title={t('activity.policy.title', { rule: t(`vocab.giftPolicies.${rule}`) })}
              data-testid="gift-policy-warning"
              data-rule={rule}
            >
              <Stack gap={4}>
                <Text size="sm">{t(`activity.policy.${rule}`)}</Text>
                <Text size="sm" fs={account.giftPolicy.notes.trim() ? undefined : 'italic'} style={{ whiteSpace: 'pre-wrap' }} data-testid="gift-policy-notes">
                  {account.giftPolicy.notes.trim() ? t('activity.policy.notes', { notes: account.giftPolicy.notes.trim() }) : t('activity.policy.noNotes')}
                </Text>
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="activity-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={conflict && rule === 'banned' ? 'red' : undefined} data-testid="activity-save">
              {t(conflict && rule === 'banned' ? 'activity.form.saveAnyway' : 'activity.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
