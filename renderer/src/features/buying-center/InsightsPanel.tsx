import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight, IconRoute } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleCoverage } from '@shared/buying-centre/coverage';
import type { PowerPath } from '@shared/buying-centre/path-to-power';
import type { RedFlag } from '@shared/buying-centre/red-flags';
import type { StaleJudgement } from '@shared/buying-centre/freshness';
import type { Account } from '@shared/model/account';
import { bilingual } from '../../i18n';
import { ROLE_STYLE } from './role-style';
import { formatDate } from '../../app/format';

/** Long lists are cut here until the user asks for all: a big map would otherwise bury the panel. */
const SHORT_LIST = 12;
const HOLDERS_SHOWN = 4;

const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'yellow' } as const;
const STATUS_COLOR = { empty: 'red', placeholder: 'orange', weak: 'yellow', strong: 'green' } as const;

interface Props {
  account: Account;
  flags: RedFlag[];
  paths: PowerPath[];
  stale: StaleJudgement[];
  staleAfterDays: number;
  onStaleAfterDays: (days: number) => void;
  onFocus: (contactId: string) => void;
  highlightPath: boolean;
  onHighlightPath: (on: boolean) => void;
}

/** Coverage of the six roles, the red flags, the path to power and the judgements to review. */
/** Memoised: a drag on the map changes nothing here, so it must not re-render the panel. */
export const InsightsPanel = memo(function InsightsPanel({ account, flags, paths, stale, staleAfterDays, onStaleAfterDays, onFocus, highlightPath, onHighlightPath }: Props) {
  const { t } = useTranslation();
  const byId = new Map(account.contacts.map((c) => [c.id, c]));
  const name = (id: string) => {
    const c = byId.get(id);
    return c ? c.name || `${t('map.placeholder')} — ${c.department}` : id;
  };
  const coverage = roleCoverage(account.contacts);
  const [allFlags, setAllFlags] = useState(false);
  const [allStale, setAllStale] = useState(false);
  const shownFlags = allFlags ? flags : flags.slice(0, SHORT_LIST);
  const shownStale = allStale ? stale : stale.slice(0, SHORT_LIST);
  const more = (hidden: number, onClick: () => void) =>
    hidden > 0 && (
      <Button size="compact-xs" variant="subtle" onClick={onClick}>
        {t('map.showMore', { count: hidden })}
      </Button>
    );

  const flagText = (f: RedFlag) =>
    t(`flags.${f.code}`, {
      ...f.params,
      role: f.role ? bilingual(`vocab.roles.${f.role}`) : '',
      name: f.contactIds[0] ? name(f.contactIds[0]) : '',
    });

  return (
    <Stack gap="md" data-testid="insights-panel">
      <div>
        <Title order={5} mb={6}>
          {t('map.coverage')}
        </Title>
        <Table withRowBorders={false} verticalSpacing={4} data-testid="coverage-table">
          <Table.Tbody>
            {coverage.map((row) => {
              const style = ROLE_STYLE[row.role];
              return (
                <Table.Tr key={row.role} data-role={row.role} data-status={row.status}>
                  <Table.Td w={170}>
                    <Badge color={style.color} variant="light" leftSection={<style.Icon size={12} />} title={bilingual(`vocab.roles.${row.role}`)}>
                      {t(`vocab.roles.${row.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {row.holders.length === 0 ? (
                      <Text size="sm" c="red">
                        {t('map.nobody')}
                      </Text>
                    ) : (
                      row.holders.slice(0, HOLDERS_SHOWN).map((h) => (
                        <UnstyledButton key={h.contactId} onClick={() => onFocus(h.contactId)} mr={6}>
                          <Text size="sm" span td={h.isPlaceholder ? undefined : 'underline'}>
                            {name(h.contactId)}
                          </Text>
                          <Text size="xs" span c="yellow.7">
                            {' '}
                            {'★'.repeat(h.stars)}
                          </Text>
                        </UnstyledButton>
                      ))
                    )}
                    {row.holders.length > HOLDERS_SHOWN && (
                      <Text size="xs" span c="dimmed">
                        {t('map.andMore', { count: row.holders.length - HOLDERS_SHOWN })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={20}>
                    <ThemeIcon size={10} radius="xl" color={STATUS_COLOR[row.status]} aria-label={t(`map.status.${row.status}`)} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>

      <div>
        <Title order={5} mb={6}>
          {t('map.redFlags')} <Badge color={flags.length ? 'red' : 'green'}>{flags.length}</Badge>
        </Title>
        {flags.length === 0 && <Text size="sm">{t('map.noFlags')}</Text>}
        <Stack gap={6} data-testid="red-flags">
          {shownFlags.map((f, i) => (
            <UnstyledButton
              key={`${f.code}-${i}`}
              onClick={() => f.contactIds[0] && onFocus(f.contactIds[0])}
              data-testid="red-flag"
              data-code={f.code}
            >
              <Paper withBorder p={6}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconAlertTriangle size={16} color={`var(--mantine-color-${SEVERITY_COLOR[f.severity]}-6)`} style={{ flexShrink: 0, marginTop: 2 }} />
                  <Text size="sm">{flagText(f)}</Text>
                </Group>
              </Paper>
            </UnstyledButton>
          ))}
          {more(flags.length - shownFlags.length, () => setAllFlags(true))}
        </Stack>
      </div>

      <div>
        <Group justify="space-between" mb={6}>
          <Title order={5}>{t('map.pathToPower')}</Title>
          {paths.some((p) => p.reached) && (
            <Button size="compact-xs" variant={highlightPath ? 'filled' : 'light'} leftSection={<IconRoute size={14} />} onClick={() => onHighlightPath(!highlightPath)} data-testid="highlight-path">
              {t('map.showPath')}
            </Button>
          )}
        </Group>
        {paths.length === 0 && <Text size="sm" c="dimmed">{t('map.noDecider')}</Text>}
        {paths.map((p) => (
          <div key={p.deciderId} data-testid="power-path" data-reached={p.reached}>
            {p.reached ? (
              <Group gap={4}>
                {p.path.map((id, i) => (
                  <Group key={id} gap={4}>
                    {i > 0 && <IconArrowRight size={14} />}
                    <UnstyledButton onClick={() => onFocus(id)}>
                      <Text size="sm" fw={600}>
                        {name(id)}
                      </Text>
                    </UnstyledButton>
                  </Group>
                ))}
              </Group>
            ) : (
              <Alert color="red" p={6}>
                <Text size="sm">{t('map.unreached', { name: name(p.deciderId) })}</Text>
              </Alert>
            )}
          </div>
        ))}
      </div>

      <div>
        <Group justify="space-between" align="flex-end" mb={6}>
          <Title order={5}>{t('map.review')}</Title>
          <NumberInput
            size="xs"
            w={130}
            label={t('map.staleAfter')}
            min={1}
            max={3650}
            value={staleAfterDays}
            onChange={(v) => typeof v === 'number' && v >= 1 && onStaleAfterDays(v)}
            data-testid="stale-after"
          />
        </Group>
        {stale.length === 0 ? (
          <Text size="sm">{t('map.nothingStale')}</Text>
        ) : (
          <Stack gap={2} data-testid="review-list">
            {shownStale.map((s) => (
              <UnstyledButton key={`${s.contactId}-${s.judgement}`} onClick={() => onFocus(s.contactId)}>
                <Text size="sm">
                  <b>{name(s.contactId)}</b> · {t(`map.judgement.${s.judgement}`)} ·{' '}
                  {s.confirmedAt ? t('map.confirmedOn', { date: formatDate(s.confirmedAt), days: s.ageDays }) : t('map.neverConfirmed')}
                </Text>
              </UnstyledButton>
            ))}
            {more(stale.length - shownStale.length, () => setAllStale(true))}
          </Stack>
        )}
      </div>
    </Stack>
  );
});
