import { Badge, Box, Button, Fieldset, Group, NumberInput, Paper, Progress, Select, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grade, ValueFactor } from '@shared/model/vocabulary';
import { GRADES, VALUE_FACTORS } from '@shared/model/vocabulary';
import type { TradingStats, ValueAssessment } from '@shared/portfolio/types';
import { formatMoney, formatScore } from '../../app/format';
import { bilingual } from '../../i18n';
import { FULL_BADGE } from './badge-style';
import { MONEY_FACTORS, RATING_FACTORS, type NumberDraft, type Problem } from './valuation-rules';

const SUGGESTED = '__suggested';

interface Props {
  drafts: Record<ValueFactor, NumberDraft>;
  problems: Partial<Record<ValueFactor, Problem>>;
  /** How many factors hold a stored (or valid, about to be stored) value; a refused draft does not count. */
  entered: number;
  onFactor: (factor: ValueFactor, raw: NumberDraft) => void;
  grade: Grade | null;
  onGrade: (grade: Grade | null) => void;
  /** The computed assessment; null while the figures are not there. */
  value: ValueAssessment | null;
  /** The account's order figures; null while the figures are not there. */
  trading: TradingStats | null;
  /** What to show in place of the figures when they are missing. */
  figuresNote: ReactNode;
  onOpenSettings: () => void;
}

/** Money as the factor field takes it: at most two decimals. */
const cents = (n: number) => Math.round(n * 100) / 100;

/** Why there is no score: nothing entered, or only factors that weigh nothing. */
function noScoreKey(value: ValueAssessment): string {
  if (value.entered === 0) return 'valuation.grade.noScore';
  return value.factors.every((f) => f.weight === 0) ? 'valuation.value.allWeightsZero' : 'valuation.value.enteredWeightsZero';
}

function hintOf(f: ValueFactor): string {
  if (RATING_FACTORS.has(f)) return 'valuation.value.ratingHint';
  if (f === 'yearsOfCooperation') return 'valuation.value.yearsHint';
  return 'valuation.value.moneyHint';
}

/** The ten value factors with their weights and scores, the value score and the grade. */
export function ValueSection({ drafts, problems, entered, onFactor, grade, onGrade, value, trading, figuresNote, onOpenSettings }: Props) {
  const { t } = useTranslation();
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
                  {formatScore(score)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('valuation.value.outOf')}
                </Text>
              </Group>
              <Text size="sm" data-testid="factors-entered">
                {t('valuation.value.entered', { count: entered })}
              </Text>
              {Object.keys(problems).length > 0 && (
                <Text size="xs" c="red" maw={320} data-testid="factors-unsaved">
                  {t('valuation.value.unsaved')}
                </Text>
              )}
              {score === null && value && (
                <Text size="xs" c={value.entered > 0 ? 'orange' : 'dimmed'} maw={320} data-testid="no-score-reason" data-reason={noScoreKey(value).split('.').pop()}>
                  {t(noScoreKey(value))}
                </Text>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('valuation.grade.suggested')}
              </Text>
              <Badge size="xl" variant="light" styles={FULL_BADGE} data-testid="suggested-grade" data-grade={suggested ?? ''}>
                {suggested ?? '—'}
              </Badge>
            </Stack>
            <Stack gap={4} miw={220}>
              <Select
                label={t('valuation.value.override')}
                data={[{ value: SUGGESTED, label: t('valuation.value.useSuggested') }, ...GRADES.map((g) => ({ value: g, label: g }))]}
                value={grade ?? SUGGESTED}
                onChange={(v) => onGrade(!v || v === SUGGESTED ? null : (v as Grade))}
                allowDeselect={false}
                data-testid="grade-override"
              />
              {overridden && (
                <Badge color="orange" variant="light" styles={FULL_BADGE} data-testid="grade-overridden">
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
            // Annual purchases: the portfolio and the matrix go by the orders when there are any.
            const orders = f === 'annualPurchases' && trading && trading.orderCount > 0 ? cents(trading.last12) : null;
            return (
              <Group key={f} align="flex-start" wrap="nowrap" gap="sm" data-testid="value-factor-row" data-factor={f}>
                <Stack gap={4} style={{ flex: 1 }}>
                  <NumberInput
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
                  {orders !== null && (
                    <Group gap="xs" wrap="nowrap" data-testid="orders-last12" data-amount={orders}>
                      <Text size="xs" c="dimmed">
                        {t('valuation.value.ordersLast12', { amount: formatMoney(orders) })}
                      </Text>
                      <Tooltip label={t('valuation.value.useOrdersHint')} multiline w={280}>
                        <Button
                          size="compact-xs"
                          variant="light"
                          disabled={drafts[f] === orders}
                          onClick={() => onFactor(f, orders)}
                          data-testid="use-orders-last12"
                        >
                          {t('valuation.value.useOrders')}
                        </Button>
                      </Tooltip>
                    </Group>
                  )}
                </Stack>
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
