import { Anchor, Badge, Checkbox, Fieldset, Group, List, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WarningSign } from '@shared/model/vocabulary';
import { CHANNEL_WARNING_SIGNS, WARNING_SIGNS } from '@shared/model/vocabulary';
import type { AccountHealth, HealthSignal, TradingStats } from '@shared/portfolio/types';
import { formatDate, formatMoney } from '../../app/format';
import { i18n } from '../../i18n';
import type { Problem } from './valuation-rules';
import { FULL_BADGE } from './badge-style';
import { HEALTH_COLOR } from './health-style';

/** A warning sign as the form holds it: the date as typed ('' = none). */
export interface SignDraft {
  present: boolean;
  since: string;
  notes: string;
}


interface Props {
  accountId: string;
  kind: 'direct' | 'channel';
  /** Whether the buying-centre map has any contact: red flags of an empty map do not score. */
  hasContacts: boolean;
  /** The computed health; null while the figures are not there. */
  health: AccountHealth | null;
  trading: TradingStats | null;
  shrinkPercent: number;
  signs: Record<WarningSign, SignDraft>;
  problems: Partial<Record<WarningSign, Problem>>;
  onSign: (sign: WarningSign, change: Partial<SignDraft>, immediately: boolean) => void;
  figuresNote: ReactNode;
}

/** The same text in the language not shown, as a quiet second line. */
function otherLanguage(key: string): string {
  const other = i18n.getFixedT(i18n.language === 'zh-CN' ? 'en' : 'zh-CN')(key);
  return other === i18n.t(key) ? '' : other;
}

/**
 * Whether a signal added to the points. Red flags score one point only when one is high and the
 * map has contacts (the rule of `accountHealth`); every other signal scores.
 */
function signalScored(signal: HealthSignal, hasContacts: boolean): boolean {
  return signal.kind !== 'redFlags' || (signal.high > 0 && hasContacts);
}

function SignalText({ signal, accountId, trading, hasContacts }: { signal: HealthSignal; accountId: string; trading: TradingStats | null; hasContacts: boolean }) {
  const { t } = useTranslation();
  switch (signal.kind) {
    case 'warningSign': {
      const sign = t(`valuation.signs.${signal.sign}`);
      return (
        <>
          {signal.since
            ? t('valuation.healthView.signal.warningSignSince', { sign, date: formatDate(signal.since) })
            : t('valuation.healthView.signal.warningSign', { sign })}
        </>
      );
    }
    case 'ordersShrinking':
      return (
        <>
          {t('valuation.healthView.signal.ordersShrinking', {
            percent: Math.round(Math.abs(signal.change) * 100),
            last: formatMoney(trading?.last12 ?? 0),
            prior: formatMoney(trading?.prior12 ?? 0),
          })}
        </>
      );
    case 'redFlags':
      return (
        <>
          {t('valuation.healthView.signal.redFlags', { count: signal.count, high: signal.high })}{' '}
          {!signalScored(signal, hasContacts) && (
            <>
              <Text span size="sm" c="dimmed" fs="italic" data-testid="signal-not-scored">
                {t(hasContacts ? 'valuation.healthView.notScoredNoHigh' : 'valuation.healthView.notScoredNoContacts')}
              </Text>{' '}
            </>
          )}
          <Anchor size="sm" href={`#/accounts/${encodeURIComponent(accountId)}/map`}>
            {t('valuation.healthView.openMap')}
          </Anchor>
        </>
      );
    case 'stalledDeals':
      return (
        <>
          {t('valuation.healthView.signal.stalledDeals', { count: signal.count })}{' '}
          <Anchor size="sm" href={`#/accounts/${encodeURIComponent(accountId)}/deals`}>
            {t('valuation.healthView.openDeals')}
          </Anchor>
        </>
      );
  }
}

function SignRow({ sign, draft, problem, onSign }: { sign: WarningSign; draft: SignDraft; problem: Problem | undefined; onSign: Props['onSign'] }) {
  const { t } = useTranslation();
  const label = t(`valuation.signs.${sign}`);
  return (
    <Table.Tr data-testid="warning-sign" data-sign={sign} data-present={draft.present}>
      <Table.Td>
        <Checkbox
          label={label}
          description={otherLanguage(`valuation.signs.${sign}`)}
          checked={draft.present}
          onChange={(e) => onSign(sign, { present: e.currentTarget.checked }, true)}
          data-testid={`sign-${sign}`}
        />
      </Table.Td>
      <Table.Td w={170}>
        <TextInput
          type="date"
          size="xs"
          aria-label={`${t('valuation.healthView.since')}: ${label}`}
          value={draft.since}
          onChange={(e) => onSign(sign, { since: e.currentTarget.value }, false)}
          error={problem ? t(problem.key, problem.values) : undefined}
          data-testid={`sign-${sign}-since`}
        />
      </Table.Td>
      <Table.Td>
        <Textarea
          size="xs"
          aria-label={`${t('valuation.healthView.notes')}: ${label}`}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={20_000}
          value={draft.notes}
          onChange={(e) => onSign(sign, { notes: e.currentTarget.value }, false)}
          data-testid={`sign-${sign}-notes`}
        />
      </Table.Td>
    </Table.Tr>
  );
}

function SignTable({ signs, drafts, problems, onSign, testId }: { signs: readonly WarningSign[]; drafts: Props['signs']; problems: Props['problems']; onSign: Props['onSign']; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing="xs" withTableBorder data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="45%" />
          <Table.Th>{t('valuation.healthView.since')}</Table.Th>
          <Table.Th>{t('valuation.healthView.notes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {signs.map((s) => (
          <SignRow key={s} sign={s} draft={drafts[s]} problem={problems[s]} onSign={onSign} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The health level, the signals behind it and the warning-sign checklist. */
export function HealthSection({ accountId, kind, hasContacts, health, trading, shrinkPercent, signs, problems, onSign, figuresNote }: Props) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('valuation.healthView.title')} data-testid="health-section">
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            {health && (
              <Group gap="sm">
                <Badge size="lg" color={HEALTH_COLOR[health.level]} styles={FULL_BADGE} data-testid="health-level" data-level={health.level}>
                  {t(`valuation.health.${health.level}`)}
                </Badge>
                <Text size="sm" data-testid="health-points" data-points={health.points}>
                  {t('valuation.healthView.points', { count: health.points })}
                </Text>
              </Group>
            )}
            <Text size="xs" c="dimmed">
              {t('valuation.healthView.levels')} {t('valuation.healthView.rules', { percent: shrinkPercent })}
            </Text>
            {health && (
              <>
                <Text size="sm" fw={600}>
                  {t('valuation.healthView.signals')}
                </Text>
                {health.signals.length === 0 ? (
                  <Text size="sm" c="dimmed" data-testid="health-no-signals">
                    {t('valuation.healthView.noSignals')}
                  </Text>
                ) : (
                  <List size="sm" spacing={2}>
                    {health.signals.map((s, i) => (
                      <List.Item key={i} data-testid="health-signal" data-kind={s.kind} data-scored={signalScored(s, hasContacts)}>
                        <SignalText signal={s} accountId={accountId} trading={trading} hasContacts={hasContacts} />
                      </List.Item>
                    ))}
                  </List>
                )}
              </>
            )}
            {figuresNote}
          </Stack>
        </Paper>
        <Title order={5}>{t('valuation.healthView.checklist')}</Title>
        <SignTable signs={WARNING_SIGNS} drafts={signs} problems={problems} onSign={onSign} testId="warning-signs" />
        {kind === 'channel' && (
          <>
            <Title order={5}>{t('valuation.healthView.channelTitle')}</Title>
            <Text size="sm" c="dimmed" data-testid="channel-signs-note">
              {t('valuation.healthView.channelNote')}
            </Text>
            <SignTable signs={CHANNEL_WARNING_SIGNS} drafts={signs} problems={problems} onSign={onSign} testId="channel-signs" />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
