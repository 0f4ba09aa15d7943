import {
  Accordion,
  Alert,
  Anchor,
  CloseButton,
  Fieldset,
  Group,
  Input,
  NumberInput,
  Rating,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconAlertTriangle, IconGiftOff } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import { ACCOUNT_KINDS, ACCOUNT_STAGES, GIFT_POLICIES, INTENT_LEVELS, RELATIONSHIP_TYPES } from '@shared/model/vocabulary';
import { api } from '../../api/client';
import { registerPendingSave } from '../../api/in-flight';
import { useResendWhenSaved } from '../../app/useResendWhenSaved';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { useSaveStatus } from '../../app/useSaveStatus';
import { bilingual } from '../../i18n';
import { OrdersPanel } from './OrdersPanel';
import {
  NUMBER_FIELDS,
  TEXT_MAX,
  afterSave,
  changedPatch,
  profileErrors,
  toValues,
  type DateField,
  type FieldError,
  type NumberField,
  type NumberRule,
  type ProfileFields,
  type ProfileValues,
  type TextField,
} from './profile-form';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 600;

const SECTIONS = ['basic', 'characteristics', 'performance', 'trading', 'satisfaction', 'ownership', 'notes'] as const;
type Section = (typeof SECTIONS)[number];

/** The profile fields of each section, for the "n of m filled" count in its header. */
const SECTION_FIELDS: Record<Exclude<Section, 'notes'>, (keyof ProfileFields)[]> = {
  basic: ['industry', 'region', 'address', 'website', 'phone', 'description'],
  characteristics: ['ownershipType', 'businessModel', 'mainProducts', 'marketPosition', 'decisionStyle'],
  performance: ['revenue', 'revenueGrowth', 'employees', 'marketShare'],
  trading: ['customerSince', 'paymentTerms', 'creditLimit', 'tradingNotes'],
  satisfaction: ['satisfaction', 'openComplaints', 'lastReview', 'satisfactionNotes'],
  ownership: ['owner', 'team', 'executiveSponsor', 'ownerSince'],
};

/** `marketShare` → `profile-market-share`. */
const testId = (field: string) => `profile-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Where the label of a field the old `profile.*` keys already name comes from. */
const SHARED_LABELS: Partial<Record<keyof ProfileFields, string>> = {
  industry: 'profile.industry',
  region: 'profile.region',
  address: 'profile.address',
  website: 'profile.website',
  description: 'profile.description',
  owner: 'profile.owner',
};
const labelKey = (field: keyof ProfileFields) => SHARED_LABELS[field] ?? `accountProfile.fields.${field}`;

const PLACEHOLDERS = new Set<keyof ProfileFields>(['ownershipType', 'businessModel', 'mainProducts', 'marketPosition', 'decisionStyle', 'paymentTerms', 'team']);

/**
 * The account's profile in sections, saved as the user types (debounced, only what changed),
 * flushed when the tab closes. Numbers out of range are marked and not saved. The trading section
 * holds the order history, edited through the undoable plan commands.
 */
export function ProfileView({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [values, setValues] = useState<ProfileValues>(() => toValues(account));
  /** What the form holds now (ahead of React's state), and what was last sent. */
  const latest = useRef(values);
  const saved = useRef(values);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const failed = useRef(false);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!dirty.current) return;
    dirty.current = false;
    const next = latest.current;
    const before = saved.current;
    const patch = changedPatch(before, next);
    if (!patch) return;
    const after = afterSave(before, next);
    saved.current = after;
    inFlight.current++;
    failed.current = false;
    setSave({ kind: 'saving' });
    chain.current = chain.current.then(() =>
      api.account.update({ id: account.id, patch }).then(
        () => {
          inFlight.current--;
          if (inFlight.current === 0 && !failed.current) setSave({ kind: 'saved' });
          dataChanged();
        },
        (e: unknown) => {
          inFlight.current--;
          // Not stored: the next save sends these fields again (and any sent since, harmlessly).
          saved.current = before;
          failed.current = true;
          dirty.current = true;
          setSave({ kind: 'failed', message: errorText(e) });
        },
      ),
    );
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useResendWhenSaved(() => {
    if (failed.current) flushRef.current();
  });
  // Leaving the tab, or closing the window, saves what is still waiting for the debounce.
  useEffect(() => {
    const onLeave = () => flushRef.current();
    window.addEventListener('pagehide', onLeave);
    // Edits waiting for the pause, or refused and not sent again yet, are not stored: leaving asks.
    const unregister = registerPendingSave(() => timer.current !== null || dirty.current);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      unregister();
      flushRef.current();
    };
  }, []);
  // "Saved" is the header's word: while the store reports a failed write, the form does not claim it.
  const storeFailed = useSaveStatus().status?.state === 'failed';
  const shown: SaveState | { kind: 'problem' } = save.kind === 'saved' && storeFailed ? { kind: 'problem' } : save;

  const change = (update: (v: ProfileValues) => ProfileValues) => {
    const next = update(latest.current);
    latest.current = next;
    dirty.current = true;
    setValues(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => flushRef.current(), SAVE_DELAY_MS);
  };
  const set = <K extends keyof ProfileValues>(key: K, value: ProfileValues[K]) => change((v) => ({ ...v, [key]: value }));
  const setField = <K extends keyof ProfileFields>(key: K, value: ProfileFields[K]) =>
    change((v) => ({ ...v, profile: { ...v.profile, [key]: value } }));

  const errors = profileErrors(values);
  const errorCount = Object.keys(errors).length;
  const p = values.profile;
  const numberFormat = new Intl.NumberFormat(i18n.language);
  const errorMessage = (e: FieldError | undefined): string | undefined => {
    if (!e) return undefined;
    if (e.kind === 'range') return t('accountProfile.errors.range', { min: numberFormat.format(e.min), max: numberFormat.format(e.max) });
    return t(`accountProfile.errors.${e.kind}`);
  };
  const options = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: bilingual(`${prefix}.${k}`) }));

  const text = (field: TextField) => (
    <TextInput
      label={t(labelKey(field))}
      placeholder={PLACEHOLDERS.has(field) ? t(`accountProfile.placeholders.${field}`) : undefined}
      maxLength={TEXT_MAX[field]}
      value={p[field]}
      onChange={(e) => setField(field, e.currentTarget.value)}
      data-testid={testId(field)}
    />
  );
  const longText = (field: TextField) => (
    <Textarea
      label={t(labelKey(field))}
      autosize
      minRows={2}
      value={p[field]}
      onChange={(e) => setField(field, e.currentTarget.value)}
      data-testid={testId(field)}
    />
  );
  const number = (field: NumberField, extra: { suffix?: string; money?: boolean } = {}) => {
    const rule: NumberRule = NUMBER_FIELDS[field];
    return (
      <NumberInput
        label={field === 'expectedAnnualPurchases' ? t('accountProfile.expectedPurchases') : t(labelKey(field))}
        value={p[field]}
        onChange={(v) => setField(field, v)}
        error={errorMessage(errors[field])}
        clampBehavior="none"
        allowDecimal={!rule.integer}
        thousandSeparator={extra.suffix ? undefined : ','}
        suffix={extra.suffix}
        data-testid={field === 'expectedAnnualPurchases' ? 'profile-expected-purchases' : testId(field)}
      />
    );
  };
  const date = (field: DateField) => (
    <TextInput
      type="date"
      label={t(labelKey(field))}
      value={p[field]}
      onChange={(e) => setField(field, e.currentTarget.value)}
      error={errorMessage(errors[field])}
      data-testid={testId(field)}
    />
  );

  const filled = (section: Exclude<Section, 'notes'>) => {
    const fields = SECTION_FIELDS[section];
    const count = fields.filter((f) => {
      if (f in errors) return false;
      const v = p[f];
      return typeof v === 'number' ? f !== 'satisfaction' || v > 0 : v.trim() !== '';
    }).length;
    return t('accountProfile.sections.filled', { filled: count, total: fields.length });
  };
  const section = (key: Section, body: ReactNode) => (
    <Accordion.Item value={key} data-testid={`profile-section-${key}`}>
      <Accordion.Control>
        <Group justify="space-between" pr="sm">
          <Text fw={500}>{t(`accountProfile.sections.${key}`)}</Text>
          {key !== 'notes' && (
            <Text size="xs" c="dimmed">
              {filled(key)}
            </Text>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>{body}</Accordion.Panel>
    </Accordion.Item>
  );

  return (
    <Stack maw={1100} data-testid="profile-form">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('accountProfile.valueMoved')}{' '}
          <Anchor size="sm" href={`#/accounts/${encodeURIComponent(account.id)}/value`}>
            {t('valuation.title')}
          </Anchor>
        </Text>
        <Text
          size="sm"
          c={shown.kind === 'failed' || shown.kind === 'problem' ? 'red' : 'dimmed'}
          data-testid="profile-save-state"
          data-state={shown.kind}
        >
          {shown.kind === 'saving' && t('profile.saving')}
          {shown.kind === 'saved' && t('profile.saved')}
          {shown.kind === 'problem' && t('save.form')}
          {shown.kind === 'failed' && t('profile.saveFailed', { message: shown.message })}
        </Text>
      </Group>
      {errorCount > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="profile-invalid" data-count={errorCount}>
          {t('accountProfile.invalid', { count: errorCount })}
        </Alert>
      )}

      <Fieldset legend={t('accountProfile.sections.account')} data-testid="profile-section-account">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Select
            label={t('profile.kind')}
            data={options(ACCOUNT_KINDS, 'vocab.kinds')}
            allowDeselect={false}
            value={values.kind}
            onChange={(v) => v && set('kind', v as ProfileValues['kind'])}
            data-testid="profile-kind"
          />
          <Input.Wrapper label={t('accountProfile.stage')}>
            <div>
              <SegmentedControl
                fullWidth
                data={ACCOUNT_STAGES.map((s) => ({ value: s, label: bilingual(`valuation.stages.${s}`) }))}
                value={values.stage}
                onChange={(v) => set('stage', v as ProfileValues['stage'])}
                data-testid="profile-stage"
                data-value={values.stage}
              />
            </div>
          </Input.Wrapper>
          <Select
            label={t('accountProfile.relationshipType')}
            data={[{ value: '', label: t('common.none') }, ...options(RELATIONSHIP_TYPES, 'vocab.relationshipTypes')]}
            allowDeselect={false}
            value={values.relationshipType}
            onChange={(v) => set('relationshipType', v ?? '')}
            data-testid="profile-relationship-type"
          />
          {values.stage === 'prospect' && (
            <>
              {number('expectedAnnualPurchases')}
              <Select
                label={t('accountProfile.intent')}
                data={[{ value: '', label: t('accountProfile.intentNone') }, ...options(INTENT_LEVELS, 'valuation.intent')]}
                allowDeselect={false}
                value={p.intent}
                onChange={(v) => setField('intent', v ?? '')}
                data-testid="profile-intent"
              />
            </>
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <Select
            label={t('profile.giftPolicy')}
            data={options(GIFT_POLICIES, 'vocab.giftPolicies')}
            allowDeselect={false}
            value={values.giftRule}
            onChange={(v) => v && set('giftRule', v as ProfileValues['giftRule'])}
            leftSection={values.giftRule === 'banned' ? <IconGiftOff size={16} color="var(--mantine-color-red-6)" /> : undefined}
            data-testid="profile-gift-policy"
          />
          <Textarea
            label={t('profile.giftNotes')}
            autosize
            minRows={1}
            value={values.giftNotes}
            onChange={(e) => set('giftNotes', e.currentTarget.value)}
            data-testid="profile-gift-notes"
          />
        </SimpleGrid>
        {values.giftRule === 'banned' && (
          <Alert mt="sm" color="red" variant="filled" icon={<IconGiftOff size={20} />} data-testid="profile-gift-banned">
            {t('accountProfile.gift.banned')}
          </Alert>
        )}
        {values.giftRule === 'restricted' && (
          <Alert mt="sm" color="yellow" variant="light" icon={<IconGiftOff size={20} />} data-testid="profile-gift-restricted">
            {t('accountProfile.gift.restricted')}
          </Alert>
        )}
      </Fieldset>

      <Accordion multiple defaultValue={[...SECTIONS]} variant="separated" chevronPosition="left">
        {section(
          'basic',
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {text('industry')}
              {text('region')}
              {text('phone')}
              {text('website')}
              {text('address')}
            </SimpleGrid>
            {longText('description')}
          </Stack>,
        )}
        {section(
          'characteristics',
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('ownershipType')}
            {text('businessModel')}
            {text('mainProducts')}
            {text('marketPosition')}
            {text('decisionStyle')}
          </SimpleGrid>,
        )}
        {section(
          'performance',
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            {number('revenue')}
            {number('revenueGrowth', { suffix: '%' })}
            {number('employees')}
            {number('marketShare', { suffix: '%' })}
          </SimpleGrid>,
        )}
        {section(
          'trading',
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {date('customerSince')}
              {text('paymentTerms')}
              {number('creditLimit')}
            </SimpleGrid>
            {longText('tradingNotes')}
            <OrdersPanel account={account} />
          </Stack>,
        )}
        {section(
          'satisfaction',
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Input.Wrapper label={t('accountProfile.fields.satisfaction')}>
                <Group gap="xs" mih={36}>
                  <Rating
                    size="lg"
                    value={p.satisfaction}
                    onChange={(v) => setField('satisfaction', v)}
                    getSymbolLabel={(n) => t('accountProfile.satisfaction.star', { count: n })}
                    data-testid="profile-satisfaction"
                    data-value={p.satisfaction}
                  />
                  {p.satisfaction > 0 && (
                    <CloseButton
                      size="sm"
                      aria-label={t('accountProfile.satisfaction.clear')}
                      onClick={() => setField('satisfaction', 0)}
                      data-testid="profile-satisfaction-clear"
                    />
                  )}
                </Group>
              </Input.Wrapper>
              {number('openComplaints')}
              {date('lastReview')}
            </SimpleGrid>
            {longText('satisfactionNotes')}
          </Stack>,
        )}
        {section(
          'ownership',
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('owner')}
            {text('team')}
            {text('executiveSponsor')}
            {date('ownerSince')}
          </SimpleGrid>,
        )}
        {section(
          'notes',
          <Textarea
            label={t('profile.notes')}
            autosize
            minRows={3}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            data-testid="profile-notes"
          />,
        )}
      </Accordion>
    </Stack>
  );
}
