import { Alert, Button, Center, Fieldset, Group, Loader, Modal, NumberInput, Select, SimpleGrid, Stack, Text, type NumberInputProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTENT_LEVELS, VALUE_FACTORS, type IntentLevel } from '@shared/model/vocabulary';
import { api } from '../../api/client';
import { dataChanged } from '../../app/data-version';
import { errorText } from '../../app/errors';
import { useApiQuery } from '../../app/useApiQuery';
import { bilingual } from '../../i18n';
import {
  GRADE_KEYS,
  checkSettingsDraft,
  defaultSettingsDraft,
  toSettingsDraft,
  type NumberDraft,
  type SettingsDraft,
  type SettingsProblems,
} from './valuation-rules';

type NumProps = Omit<NumberInputProps, 'value' | 'onChange' | 'error'> & {
  value: NumberDraft;
  onValue: (v: NumberDraft) => void;
  problem: string | undefined;
  testid: string;
};

/** A number field that shows out-of-range input as an error instead of clamping it. */
function Num({ value, onValue, problem, testid, ...rest }: NumProps) {
  return <NumberInput {...rest} value={value} onChange={onValue} clampBehavior="none" error={problem} data-testid={testid} />;
}

/**
 * The portfolio-wide valuation settings: the weights of the ten value factors, the grade
 * thresholds, where the matrices split high from low, and when shrinking orders raise a signal.
 * Saved in one go; nothing is saved while a field is wrong.
 */
export function ValuationSettings({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const settings = useApiQuery(() => api.settings.get(), []);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [problems, setProblems] = useState<SettingsProblems>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // A fresh copy of the stored settings each time the dialog opens; reloads while it is open do
  // not overwrite what the user is typing.
  useEffect(() => {
    if (!opened) {
      setDraft(null);
      setProblems({});
      setFailure(null);
    } else if (draft === null && settings.status === 'ok') {
      setDraft(toSettingsDraft(settings.data));
    }
  }, [opened, settings, draft]);

  const error = (field: string) => {
    const p = problems[field];
    return p ? t(p.key, p.values) : undefined;
  };
  const edit = (change: (d: SettingsDraft) => SettingsDraft) => setDraft((d) => (d ? change(d) : d));

  const save = () => {
    if (!draft) return;
    const checked = checkSettingsDraft(draft);
    if ('problems' in checked) {
      setProblems(checked.problems);
      setFailure(t('valuation.settings.fix'));
      return;
    }
    setProblems({});
    setFailure(null);
    setSaving(true);
    api.settings.update(checked.patch).then(
      () => {
        setSaving(false);
        dataChanged();
        notifications.show({ color: 'green', message: t('valuation.settings.saved') });
        onClose();
      },
      (e: unknown) => {
        setSaving(false);
        setFailure(errorText(e));
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('valuation.settings.title')} size="xl">
      {draft === null ? (
        <Center p="xl">{settings.status === 'error' ? <Text c="red">{errorText(settings.error)}</Text> : <Loader />}</Center>
      ) : (
        <Stack gap="md" data-testid="valuation-settings">
          <Text size="sm" c="dimmed">
            {t('valuation.settings.intro')}
          </Text>
          <Fieldset legend={t('valuation.settings.weights')}>
            <Text size="xs" c="dimmed" mb="xs">
              {t('valuation.settings.weightsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
              {VALUE_FACTORS.map((f) => (
                <Num
                  key={f}
                  label={bilingual(`vocab.valueFactors.${f}`)}
                  value={draft.weights[f]}
                  onValue={(v) => edit((d) => ({ ...d, weights: { ...d.weights, [f]: v } }))}
                  problem={error(`weight.${f}`)}
                  min={0}
                  max={10}
                  decimalScale={2}
                  testid={`weight-${f}`}
                />
              ))}
            </SimpleGrid>
            {problems.weights && (
              <Text size="sm" c="red" mt="xs" role="alert" data-testid="weights-error">
                {t(problems.weights.key)}
              </Text>
            )}
          </Fieldset>
          <Fieldset legend={t('valuation.settings.grades')}>
            <Text size="xs" c="dimmed" mb="xs">
              {t('valuation.settings.gradesHint')}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing="xs">
              {GRADE_KEYS.map((g) => (
                <Num
                  key={g}
                  label={g}
                  value={draft.grades[g]}
                  onValue={(v) => edit((d) => ({ ...d, grades: { ...d.grades, [g]: v } }))}
                  problem={error(`grade.${g}`)}
                  min={0}
                  max={100}
                  decimalScale={2}
                  testid={`grade-threshold-${g}`}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('valuation.settings.matrix')}>
            <Text size="xs" c="dimmed" mb="xs">
              {t('valuation.settings.medianHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
              <Num
                label={t('valuation.settings.contribution')}
                value={draft.contribution}
                onValue={(v) => edit((d) => ({ ...d, contribution: v }))}
                problem={error('contribution')}
                placeholder={t('valuation.settings.median')}
                thousandSeparator=","
                testid="matrix-threshold-contribution"
              />
              <Num
                label={t('valuation.settings.stability')}
                value={draft.stability}
                onValue={(v) => edit((d) => ({ ...d, stability: v }))}
                problem={error('stability')}
                min={0}
                max={100}
                testid="matrix-threshold-stability"
              />
              <Num
                label={t('valuation.settings.expectedContribution')}
                value={draft.expectedContribution}
                onValue={(v) => edit((d) => ({ ...d, expectedContribution: v }))}
                problem={error('expectedContribution')}
                placeholder={t('valuation.settings.median')}
                thousandSeparator=","
                testid="matrix-threshold-expected"
              />
              <Select
                label={t('valuation.settings.intent')}
                data={INTENT_LEVELS.map((i) => ({ value: i, label: bilingual(`valuation.intent.${i}`) }))}
                value={draft.intent}
                onChange={(v) => v && edit((d) => ({ ...d, intent: v as IntentLevel }))}
                allowDeselect={false}
                data-testid="matrix-threshold-intent"
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('valuation.settings.health')}>
            <Num
              label={t('valuation.settings.shrink')}
              value={draft.shrinkPercent}
              onValue={(v) => edit((d) => ({ ...d, shrinkPercent: v }))}
              problem={error('shrinkPercent')}
              min={1}
              max={100}
              maw={320}
              testid="shrink-percent"
            />
          </Fieldset>
          {failure && (
            <Alert color="red" variant="light" data-testid="valuation-settings-error">
              {failure}
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              variant="subtle"
              onClick={() => {
                setDraft(defaultSettingsDraft());
                setProblems({});
                setFailure(null);
              }}
              data-testid="valuation-settings-reset"
            >
              {t('valuation.settings.reset')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button onClick={save} loading={saving} data-testid="valuation-settings-save">
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
