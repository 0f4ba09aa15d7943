import { Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { Settings } from '@shared/model/database';
import { ALL_WARNING_SIGNS, VALUE_FACTORS, type Grade, type ValueFactor, type WarningSign } from '@shared/model/vocabulary';
import { api } from '../../api/client';
import { errorText } from '../../app/errors';
import { localNow, localToday } from '../../app/format';
import { useApiQuery } from '../../app/useApiQuery';
import { useSaveStatus } from '../../app/useSaveStatus';
import { HealthSection, type SignDraft } from './HealthSection';
import { MatrixSection } from './MatrixSection';
import { useAccountAutosave } from './useAccountAutosave';
import { ValuationSettings } from './ValuationSettings';
import { ValueSection } from './ValueSection';
import { checkFactor, checkSince, type NumberDraft, type Problem } from './valuation-rules';

function factorDrafts(a: Account): Record<ValueFactor, NumberDraft> {
  return Object.fromEntries(VALUE_FACTORS.map((f) => [f, a.valueFactors[f] ?? ''])) as Record<ValueFactor, NumberDraft>;
}

function signDrafts(a: Account): Record<WarningSign, SignDraft> {
  return Object.fromEntries(
    ALL_WARNING_SIGNS.map((s) => {
      const e = a.warningSigns[s];
      return [s, { present: e.present, since: e.since ?? '', notes: e.notes }];
    }),
  ) as Record<WarningSign, SignDraft>;
}

/**
 * The account's value assessment, grade, matrix cell and health checklist. What the user types
 * is saved as they go (debounced, flushed when the tab closes); the figures come from the
 * portfolio rules and reload after every save.
 */
export function ValueHealthView({ account, settings }: { account: Account; settings: Settings }) {
  const { t } = useTranslation();
  const portfolio = useApiQuery(() => api.portfolio.list({ now: localNow() }), []);
  const autosave = useAccountAutosave(account.id);
  const storeFailed = useSaveStatus().status?.state === 'failed';
  const [settingsOpen, setSettingsOpen] = useState(false);

  // The form keeps what the user typed; later reloads of the account do not overwrite it.
  const [factors, setFactors] = useState(() => factorDrafts(account));
  const [factorProblems, setFactorProblems] = useState<Partial<Record<ValueFactor, Problem>>>({});
  // What is stored (or on its way): the last valid value of each factor. A refused draft leaves it.
  const [stored, setStored] = useState<Record<ValueFactor, number | null>>(() => ({ ...account.valueFactors }));
  const [grade, setGrade] = useState<Grade | null>(account.grade);
  const [signs, setSigns] = useState(() => signDrafts(account));
  const [signProblems, setSignProblems] = useState<Partial<Record<WarningSign, Problem>>>({});

  const onFactor = (factor: ValueFactor, raw: NumberDraft) => {
    setFactors((d) => ({ ...d, [factor]: raw }));
    const checked = checkFactor(factor, raw);
    setFactorProblems((p) => {
      const { [factor]: _, ...rest } = p;
      void _;
      return 'problem' in checked ? { ...rest, [factor]: checked.problem } : rest;
    });
    if ('value' in checked) {
      setStored((v) => ({ ...v, [factor]: checked.value }));
      autosave.queue({ valueFactors: { [factor]: checked.value } });
    }
  };

  const onGrade = (g: Grade | null) => {
    setGrade(g);
    autosave.queue({ grade: g }, true);
  };

  const onSign = (sign: WarningSign, change: Partial<SignDraft>, immediately: boolean) => {
    const next = { ...signs[sign], ...change };
    setSigns((d) => ({ ...d, [sign]: next }));
    const since = checkSince(next.since, localToday());
    setSignProblems((p) => {
      const { [sign]: _, ...rest } = p;
      void _;
      return 'problem' in since ? { ...rest, [sign]: since.problem } : rest;
    });
    // A bad date holds back the whole sign: it is saved once the date is put right.
    if ('value' in since) autosave.queue({ warningSigns: { [sign]: { present: next.present, since: since.value, notes: next.notes } } }, immediately);
  };

  const row = portfolio.status === 'ok' ? (portfolio.data.rows.find((r) => r.id === account.id) ?? null) : null;
  const figuresNote =
    portfolio.status === 'loading' ? (
      <Loader size="sm" mt="xs" />
    ) : portfolio.status === 'error' ? (
      <Text size="sm" c="red" mt="xs" data-testid="figures-error">
        {t('valuation.figures.unavailable', { message: errorText(portfolio.error) })}
      </Text>
    ) : row === null ? (
      <Text size="sm" c="dimmed" mt="xs">
        {t('valuation.figures.missingRow')}
      </Text>
    ) : null;

  // A field holding a refused value is not saved, whatever went out before: say so rather than "saved".
  const invalid = Object.keys(factorProblems).length > 0 || Object.keys(signProblems).length > 0;
  // Nor while the store reports a failed write: "saved" is then the header's to take back.
  const save =
    autosave.state.kind !== 'failed' && invalid
      ? ({ kind: 'invalid' } as const)
      : autosave.state.kind === 'saved' && storeFailed
        ? ({ kind: 'problem' } as const)
        : autosave.state;
  const entered = VALUE_FACTORS.filter((f) => stored[f] !== null).length;
  return (
    <Stack maw={1100} gap="lg" data-testid="value-health">
      <Group justify="flex-end">
        <Text
          size="sm"
          c={save.kind === 'failed' || save.kind === 'invalid' || save.kind === 'problem' ? 'red' : 'dimmed'}
          fw={save.kind === 'invalid' ? 600 : undefined}
          role={save.kind === 'invalid' || save.kind === 'failed' || save.kind === 'problem' ? 'status' : undefined}
          data-testid="value-save-state"
          data-state={save.kind}
        >
          {save.kind === 'saving' && t('valuation.save.saving')}
          {save.kind === 'saved' && t('valuation.save.saved')}
          {save.kind === 'invalid' && t('valuation.save.invalid')}
          {save.kind === 'problem' && t('save.form')}
          {save.kind === 'failed' && t('valuation.save.failed', { message: save.message })}
        </Text>
      </Group>
      <ValueSection
        drafts={factors}
        problems={factorProblems}
        entered={entered}
        onFactor={onFactor}
        grade={grade}
        onGrade={onGrade}
        value={row?.value ?? null}
        trading={row?.trading ?? null}
        figuresNote={figuresNote}
        onOpenSettings={() => setSettingsOpen(true)}
      />
      {row && portfolio.status === 'ok' && <MatrixSection placement={row.matrix} thresholds={portfolio.data.thresholds} trading={row.trading} />}
      <HealthSection
        accountId={account.id}
        kind={account.kind}
        hasContacts={account.contacts.length > 0}
        health={row?.health ?? null}
        trading={row?.trading ?? null}
        shrinkPercent={settings.shrinkPercent}
        signs={signs}
        problems={signProblems}
        onSign={onSign}
        figuresNote={figuresNote}
      />
      <ValuationSettings opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Stack>
  );
}
