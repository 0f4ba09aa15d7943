import { Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountPatch } from '@shared/api/contract';
import type { Account } from '@shared/model/account';
import { ACCOUNT_KINDS, GIFT_POLICIES, GRADES, RELATIONSHIP_TYPES, VALUE_FACTORS } from '@shared/model/vocabulary';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { bilingual } from '../../i18n';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 600;

function toValues(a: Account) {
  return {
    kind: a.kind,
    profile: { ...a.profile },
    valueFactors: { ...a.valueFactors },
    grade: a.grade ?? '',
    relationshipType: a.relationshipType ?? '',
    giftPolicy: { ...a.giftPolicy },
    notes: a.notes,
  };
}
type Values = ReturnType<typeof toValues>;

function toPatch(v: Values): AccountPatch {
  return {
    kind: v.kind,
    profile: v.profile,
    valueFactors: v.valueFactors,
    grade: v.grade === '' ? null : (v.grade as AccountPatch['grade']),
    relationshipType: v.relationshipType === '' ? null : (v.relationshipType as AccountPatch['relationshipType']),
    giftPolicy: v.giftPolicy,
    notes: v.notes,
  };
}

/** The account's profile, saved as the user types (debounced), flushed when the tab closes. */
export function ProfileView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<Values | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const values = pending.current;
    if (!values) return;
    pending.current = null;
    setSave({ kind: 'saving' });
    api.account.update({ id: account.id, patch: toPatch(values) }).then(
      () => {
        setSave({ kind: 'saved' });
        dataChanged();
      },
      (e: unknown) => setSave({ kind: 'failed', message: errorText(e) }),
    );
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;
  // Leaving the tab, or closing the window, saves what is still waiting for the debounce.
  useEffect(() => {
    const onLeave = () => flushRef.current();
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      flushRef.current();
    };
  }, []);

  const form = useForm<Values>({
    initialValues: toValues(account),
    onValuesChange: (values) => {
      pending.current = values;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flushRef.current(), SAVE_DELAY_MS);
    },
  });

  const options = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: bilingual(`${prefix}.${k}`) }));

  return (
    <Stack maw={960} data-testid="profile-form">
      <Group justify="flex-end">
        <Text size="sm" c={save.kind === 'failed' ? 'red' : 'dimmed'} data-testid="profile-save-state" data-state={save.kind}>
          {save.kind === 'saving' && t('profile.saving')}
          {save.kind === 'saved' && t('profile.saved')}
          {save.kind === 'failed' && t('profile.saveFailed', { message: save.message })}
        </Text>
      </Group>
      <Fieldset legend={t('profile.basics')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('profile.kind')} data={options(ACCOUNT_KINDS, 'vocab.kinds')} allowDeselect={false} {...form.getInputProps('kind')} />
          <TextInput label={t('profile.industry')} data-testid="profile-industry" {...form.getInputProps('profile.industry')} />
          <TextInput label={t('profile.region')} {...form.getInputProps('profile.region')} />
          <TextInput label={t('profile.owner')} {...form.getInputProps('profile.owner')} />
          <TextInput label={t('profile.address')} {...form.getInputProps('profile.address')} />
          <TextInput label={t('profile.website')} {...form.getInputProps('profile.website')} />
        </SimpleGrid>
        <Textarea mt="sm" label={t('profile.description')} autosize minRows={2} {...form.getInputProps('profile.description')} />
      </Fieldset>
      <Fieldset legend={t('profile.value')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Select
            label={t('profile.grade')}
            data={[{ value: '', label: t('profile.gradeNone') }, ...GRADES.map((g) => ({ value: g, label: g }))]}
            allowDeselect={false}
            data-testid="profile-grade"
            {...form.getInputProps('grade')}
          />
          {VALUE_FACTORS.map((f) => (
            <NumberInput
              key={f}
              label={bilingual(`vocab.valueFactors.${f}`)}
              thousandSeparator=","
              {...form.getInputProps(`valueFactors.${f}`)}
              value={form.values.valueFactors[f] ?? ''}
              onChange={(v) => form.setFieldValue(`valueFactors.${f}`, typeof v === 'number' ? v : null)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('profile.relationship')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('profile.relationshipType')}
            data={[{ value: '', label: t('common.none') }, ...options(RELATIONSHIP_TYPES, 'vocab.relationshipTypes')]}
            allowDeselect={false}
            {...form.getInputProps('relationshipType')}
          />
          <Select label={t('profile.giftPolicy')} data={options(GIFT_POLICIES, 'vocab.giftPolicies')} allowDeselect={false} {...form.getInputProps('giftPolicy.rule')} />
        </SimpleGrid>
        <Textarea mt="sm" label={t('profile.giftNotes')} autosize minRows={1} {...form.getInputProps('giftPolicy.notes')} />
      </Fieldset>
      <Fieldset legend={t('profile.notesSection')}>
        <Textarea label={t('profile.notes')} autosize minRows={3} data-testid="profile-notes" {...form.getInputProps('notes')} />
      </Fieldset>
    </Stack>
  );
}
