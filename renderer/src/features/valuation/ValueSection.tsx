import { Badge, Box, Button, Fieldset, Group, NumberInput, Paper, Progress, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grade, ValueFactor } from '@shared/model/vocabulary';
import { GRADES, VALUE_FACTORS } from '@shared/model/vocabulary';
import type { ValueAssessment } from '@shared/portfolio/types';
import { bilingual } from '../../i18n';
import { MONEY_FACTORS, RATING_FACTORS, type NumberDraft, type Problem } from './valuation-rules';

const SUGGESTED = '__suggested';

interface Props {
  drafts: Record<ValueFactor, NumberDraft>;
  problems: Partial<Record<ValueFactor, Problem>>;
  onFactor: (factor: ValueFactor, raw: NumberDraft) => void;
  grade: Grade | null;
  onGrade: (grade: Grade | null) => void;
  /** The computed assessment; null while the figures are not there. */
  value: ValueAssessment | null;
  /** What to show in place of the figures when they are missing. */
  figuresNote: ReactNode;
  onOpenSettings: () => void;
}

function hintOf(f: ValueFactor): string {
  if (RATING_FACTORS.has(f)) return 'valuation.value.ratingHint';
  if (f === 'yearsOfCooperation') return 'valuation.value.yearsHint';
  return 'valuation.value.moneyHint';
}

/** The ten value factors with their weights and scores, the value score and the grade. */
export function ValueSection({ drafts, problems, onFactor, grade, onGrade, value, figuresNote, onOpenSettings }: Props) {
  const { t } = useTranslation();
  const entered = VALUE_FACTORS.filter((f) => typeof drafts[f] === 'number').length;
  const suggested = value?.suggestedGrade ?? null;
  const overridden = grade !== null && grade !== suggested;
  const score = value?.score ?? null;

  return (
    <Fieldset legend={t('valuation.value.title')} data-testid="value-section">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('valuation.value.intro')}
        </Text>
        <Paper withBorder p="md">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('valuation.value.score')}
              </Text>
              <Group gap={6} align="baseline">
                <Text fz={32} fw={700} lh={1} data-testid="value-score" data-score={score ?? ''}>
                  {score === null ? '—' : Math.round(score)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('valuation.value.outOf')}
                </Text>
              </Group>
              <Text size="sm" data-testid="factors-entered">
                {t('valuation.value.entered', { count: entered })}
              </Text>
              {score === null && value && (
                <Text size="xs" c="dimmed">
                  {t('valuation.grade.noScore')}
                </Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('valuation.grade.suggested')}
              </Text>
              <Badge size="xl" variant="light" data-testid="suggested-grade" data-grade={suggested ?? ''}>
                {suggested ?? '—'}
              </Badge>
            </Stack>
            <Stack gap={4} w={220}>
              <Select
                label={t('valuation.value.override')}
                data={[{ value: SUGGESTED, label: t('valuation.value.useSuggested') }, ...GRADES.map((g) => ({ value: g, label: g }))]}
                value={grade ?? SUGGESTED}
                onChange={(v) => onGrade(!v || v === SUGGESTED ? null : (v as Grade))}
                allowDeselect={false}
                data-testid="grade-override"
              />
              {overridden && (
                <Badge color="orange" variant="light" data-testid="grade-overridden">
                  {t('valuation.grade.overridden', { suggested: suggested ?? '—' })}
                </Badge>
              )}
            </Stack>
            <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={onOpenSettings} data-testid="open-valuation-settings">
              {t('valuation.value.settings')}
            </Button>
          </Group>
          {figuresNote}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
          {VALUE_FACTORS.map((f) => {
            const fs = value?.factors.find((x) => x.factor === f) ?? null;
            const problem = problems[f];
            return (
              <Group key={f} align="flex-start" wrap="nowrap" gap="sm" data-testid="value-factor-row" data-factor={f}>
                <NumberInput
                  style={{ flex: 1 }}
                  label={bilingual(`vocab.valueFactors.${f}`)}
                  description={t(hintOf(f))}
                  value={drafts[f]}
                  onChange={(v) => onFactor(f, v)}
                  thousandSeparator={MONEY_FACTORS.has(f) ? ',' : undefined}
                  decimalScale={MONEY_FACTORS.has(f) ? 2 : 1}
                  clampBehavior="none"
                  allowNegative
                  min={RATING_FACTORS.has(f) ? 1 : undefined}
                  max={RATING_FACTORS.has(f) ? 5 : undefined}
                  error={problem ? t(problem.key, problem.values) : undefined}
                  data-testid={`value-factor-${f}`}
                />
                <Box w={120} pt={46}>
                  <Text size="xs" c="dimmed" data-testid={`factor-weight-${f}`} data-weight={fs?.weight ?? ''}>
                    {fs ? t('valuation.value.weight', { weight: fs.weight }) : ''}
                  </Text>
                  <Progress value={(fs?.score ?? 0) * 100} size="sm" mt={4} aria-hidden />
                  <Text size="xs" c="dimmed" data-testid={`factor-score-${f}`} data-score={fs?.score ?? ''}>
                    {fs?.score == null ? t('valuation.value.notScored') : t('valuation.value.factorScore', { score: fs.score.toFixed(2) })}
                  </Text>
                </Box>
              </Group>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
