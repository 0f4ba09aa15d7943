import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  RingProgress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { effectiveMove, rankedCriteria, suggestedMove } from '@shared/deals/criteria';
import { nineKnowsCompleteness } from '@shared/deals/completeness';
import { STAGE_PROBABILITY } from '@shared/deals/probability';
import type { DealPatch } from '@shared/commands/deal-commands';
import type { Account } from '@shared/model/account';
import type { Action, Competitor, DecisionCriterion, Deal } from '@shared/model/deal';
import {
  BUYER_ROLES,
  CRITERION_MOVES,
  DEAL_STAGES,
  MEETING_OUTCOMES,
  NINE_KNOWS,
  SALE_TYPES,
  THREAT_LEVELS,
  type BuyerRole,
} from '@shared/model/vocabulary';
import { CommitText } from '../../app/CommitText';
import { localToday } from '../../app/format';
import { bilingual } from '../../i18n';
import { edit } from '../../app/plan-store';
import { riskText } from './deal-text';
import { DealPlacementFields } from '../group/DealPlacementFields';
import type { DealRisk } from '@shared/deals/risk';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];
const SCORES = ['1', '2', '3', '4', '5'];
/** The user's own calendar date (not UTC's, which is a day behind in the Chinese morning). */
const today = () => localToday();
const stamp = () => {
  const now = new Date().toISOString();
  return { id: crypto.randomUUID(), createdAt: now, updatedAt: now };
};

/** A number field that commits on blur; empty means null where allowed. */
function CommitNumber(props: { label: string; value: number | null; onCommit: (v: number | null) => void; min?: number; max?: number; allowEmpty?: boolean; placeholder?: string; testId?: string; w?: number; suffix?: string }) {
  return (
    <NumberInput
      key={String(props.value)}
      label={props.label}
      defaultValue={props.value ?? ''}
      min={props.min}
      max={props.max}
      w={props.w}
      suffix={props.suffix}
      placeholder={props.placeholder}
      thousandSeparator=","
      data-testid={props.testId}
      onBlur={(e) => {
        const raw = e.currentTarget.value.replace(/[,%\s]/g, '');
        const v = raw === '' ? null : Number(raw);
        if (v === null && !props.allowEmpty) return;
        if (v !== null && (!Number.isFinite(v) || (props.min !== undefined && v < props.min) || (props.max !== undefined && v > props.max))) return;
        if (v !== props.value) props.onCommit(v);
      }}
    />
  );
}

interface Props {
  account: Account;
  deal: Deal | null;
  risks: DealRisk[];
  onClose: () => void;
}

/** Everything about one deal: the facts, its buying centre, criteria, competitors, SPIN, 九明, meetings and next steps. */
export function DealDrawer({ account, deal, risks, onClose }: Props) {
  const { t } = useTranslation();
  if (!deal) return <Drawer opened={false} onClose={onClose} />;
  const update = (patch: DealPatch, label = 'undo.deal.edit') => edit(account.id, { type: 'updateDeal', id: deal.id, patch }, label);
  const options = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: bilingual(`${prefix}.${k}`) }));
  const contacts = account.contacts.filter((c) => !c.leftOn);
  const contactOptions = contacts.map((c) => ({ value: c.id, label: c.name || `${t('map.placeholder')} — ${c.department}` }));
  const completeness = nineKnowsCompleteness(deal.nineKnows);
  const actions = account.actions.filter((a) => a.dealId === deal.id);

  const setCriteria = (criteria: DecisionCriterion[]) => update({ criteria }, 'undo.deal.criteria');
  const setCriterion = (id: string, patch: Partial<DecisionCriterion>) =>
    setCriteria(deal.criteria.map((c) => (c.id === id ? { ...c, ...patch, updatedAt: new Date().toISOString() } : c)));
  const setCompetitor = (id: string, patch: Partial<Competitor>) =>
    update({ competitors: deal.competitors.map((c) => (c.id === id ? { ...c, ...patch } : c)) }, 'undo.deal.competitors');
  const seatsFor = (role: BuyerRole) => deal.buyingCentre.filter((s) => s.role === role).map((s) => s.contactId);
  const setSeats = (role: BuyerRole, ids: string[]) =>
    update({ buyingCentre: [...deal.buyingCentre.filter((s) => s.role !== role), ...ids.map((contactId) => ({ contactId, role }))] }, 'undo.deal.buyingCentre');
  const updateAction = (a: Action, patch: Partial<Action>) => edit(account.id, { type: 'updateAction', id: a.id, patch }, 'undo.deal.action');

  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={<Text fw={700}>{deal.name || t('deals.unnamed')}</Text>} data-testid="deal-drawer">
      {risks.length > 0 && (
        <Alert color="orange" mb="sm" data-testid="deal-drawer-risks">
          <Stack gap={2}>
            {risks.map((r) => (
              <Text key={r.code} size="sm" data-code={r.code}>
                • {riskText(r, deal, account)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('deals.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="people" data-testid="deal-tab-people">{t('deals.tabs.people')}</Tabs.Tab>
          <Tabs.Tab value="criteria" data-testid="deal-tab-criteria">{t('deals.tabs.criteria')}</Tabs.Tab>
          <Tabs.Tab value="competitors" data-testid="deal-tab-competitors">{t('deals.tabs.competitors')}</Tabs.Tab>
          <Tabs.Tab value="spin">{t('deals.tabs.spin')}</Tabs.Tab>
          <Tabs.Tab value="meetings" data-testid="deal-tab-meetings">{t('deals.tabs.meetings')}</Tabs.Tab>
          <Tabs.Tab value="actions" data-testid="deal-tab-actions">{t('deals.tabs.actions')}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="overview" pt="sm">
          <Stack gap="xs">
            <CommitText label={t('deals.col.name')} value={deal.name} onCommit={(name) => update({ name })} testId="deal-name" />
            <SimpleGrid cols={3}>
              <CommitNumber label={t('deals.col.value')} value={deal.value} min={0} onCommit={(v) => update({ value: v ?? 0 })} testId="deal-value" />
              <Select label={t('deals.currency')} data={CURRENCIES} value={deal.currency} allowDeselect={false} onChange={(v) => v && update({ currency: v })} />
              <TextInput type="date" label={t('deals.col.close')} value={deal.expectedCloseDate ?? ''} onChange={(e) => update({ expectedCloseDate: e.currentTarget.value || null })} data-testid="deal-close" />
              <Select
                label={t('deals.col.stage')}
                data={DEAL_STAGES.map((s) => ({ value: s, label: bilingual(`vocab.stages.${s}`) }))}
                value={deal.stage}
                allowDeselect={false}
                onChange={(v) => v && update({ stage: v as Deal['stage'] }, 'undo.deal.move')}
                data-testid="deal-stage"
              />
              <CommitNumber
                label={t('deals.probability')}
                value={deal.probability}
                min={0}
                max={100}
                allowEmpty
                suffix="%"
                placeholder={t('deals.stageDefault', { value: STAGE_PROBABILITY[deal.stage] })}
                onCommit={(probability) => update({ probability })}
                testId="deal-probability"
              />
              <CommitText label={t('deals.col.owner')} value={deal.owner} onCommit={(owner) => update({ owner })} testId="deal-owner" />
            </SimpleGrid>
            <DealPlacementFields account={account} deal={deal} onChange={(patch) => update(patch)} />
            <Select
              label={t('deals.col.saleType')}
              data={[{ value: '', label: t('common.none') }, ...options(SALE_TYPES, 'vocab.saleTypes')]}
              value={deal.saleType ?? ''}
              allowDeselect={false}
              onChange={(v) => update({ saleType: v ? (v as Deal['saleType']) : null })}
              data-testid="deal-sale-type"
            />
            {deal.saleType && (
              <Alert color="blue" title={t('deals.keyToSuccess')} data-testid="key-to-success">
                {t(`deals.keys.${deal.saleType}`)}
              </Alert>
            )}
            <CommitText label={t('deals.winStrategy')} value={deal.winStrategy} onCommit={(winStrategy) => update({ winStrategy })} multiline testId="deal-strategy" />
            <CommitText label={t('map.notes')} value={deal.notes} onCommit={(notes) => update({ notes })} multiline />
            <Group justify="flex-end">
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={14} />}
                data-testid="delete-deal"
                onClick={() => {
                  if (edit(account.id, { type: 'removeDeal', id: deal.id }, 'undo.deal.delete')) onClose();
                }}
              >
                {t('deals.delete')}
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="people" pt="sm">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('deals.peopleHint')}
            </Text>
            {BUYER_ROLES.map((role) => (
              <MultiSelect
                key={role}
                label={bilingual(`vocab.roles.${role}`)}
                data={contactOptions}
                value={seatsFor(role)}
                onChange={(ids) => setSeats(role, ids)}
                searchable
                data-testid={`deal-role-${role}`}
                placeholder={seatsFor(role).length ? undefined : t('map.nobody')}
              />
            ))}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="criteria" pt="sm">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('deals.criteriaHint')}
            </Text>
            <Table data-testid="criteria-table" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deals.rank')}</Table.Th>
                  <Table.Th>{t('deals.criterion')}</Table.Th>
                  <Table.Th>{t('deals.importance')}</Table.Th>
                  <Table.Th>{t('deals.ourFit')}</Table.Th>
                  <Table.Th>{t('deals.competitorFit')}</Table.Th>
                  <Table.Th>{t('deals.move')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rankedCriteria(deal.criteria).map((c) => (
                  <Table.Tr key={c.id} data-testid="criterion-row">
                    <Table.Td w={70}>
                      <CommitNumber label="" value={c.rank} min={1} max={999} onCommit={(v) => v !== null && setCriterion(c.id, { rank: v })} />
                    </Table.Td>
                    <Table.Td>
                      <CommitText label="" value={c.name} onCommit={(name) => setCriterion(c.id, { name })} testId="criterion-name" />
                    </Table.Td>
                    {(['importance', 'ourFit', 'competitorFit'] as const).map((k) => (
                      <Table.Td key={k} w={72}>
                        <Select data={SCORES} value={String(c[k])} allowDeselect={false} onChange={(v) => v && setCriterion(c.id, { [k]: Number(v) })} data-testid={`criterion-${k}`} />
                      </Table.Td>
                    ))}
                    <Table.Td w={170}>
                      <Select
                        data={[
                          { value: '', label: t('deals.suggested', { move: t(`deals.moves.${suggestedMove(c)}`) }) },
                          ...CRITERION_MOVES.map((m) => ({ value: m, label: t(`deals.moves.${m}`) })),
                        ]}
                        value={c.move ?? ''}
                        allowDeselect={false}
                        onChange={(v) => setCriterion(c.id, { move: v ? (v as DecisionCriterion['move']) : null })}
                        data-testid="criterion-move"
                        data-move={effectiveMove(c)}
                      />
                    </Table.Td>
                    <Table.Td w={36}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => setCriteria(deal.criteria.filter((x) => x.id !== c.id))}>
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                data-testid="add-criterion"
                onClick={() =>
                  setCriteria([
                    ...deal.criteria,
                    { ...stamp(), name: '', rank: deal.criteria.length + 1, importance: 3, ourFit: 3, competitorFit: 3, move: null, notes: '' },
                  ])
                }
              >
                {t('deals.addCriterion')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('deals.movesHint')}
            </Text>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="competitors" pt="sm">
          <Stack gap="xs">
            {deal.competitors.map((c) => (
              <Paper key={c.id} withBorder p="xs" data-testid="competitor">
                <Group align="flex-end" wrap="nowrap">
                  <CommitText label={t('deals.competitor')} value={c.name} onCommit={(name) => setCompetitor(c.id, { name })} testId="competitor-name" />
                  <Select
                    label={t('deals.threat')}
                    w={140}
                    data={THREAT_LEVELS.map((l) => ({ value: l, label: t(`vocab.influenceShort.${l}`) }))}
                    value={c.threat}
                    allowDeselect={false}
                    onChange={(v) => v && setCompetitor(c.id, { threat: v as Competitor['threat'] })}
                    data-testid="competitor-threat"
                  />
                  <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => update({ competitors: deal.competitors.filter((x) => x.id !== c.id) }, 'undo.deal.competitors')}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={3} mt={4}>
                  <CommitText label={t('deals.offer')} value={c.offer} onCommit={(offer) => setCompetitor(c.id, { offer })} multiline />
                  <CommitText label={t('deals.strengths')} value={c.strengths} onCommit={(strengths) => setCompetitor(c.id, { strengths })} multiline />
                  <CommitText label={t('deals.weaknesses')} value={c.weaknesses} onCommit={(weaknesses) => setCompetitor(c.id, { weaknesses })} multiline />
                </SimpleGrid>
              </Paper>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                data-testid="add-competitor"
                onClick={() => update({ competitors: [...deal.competitors, { ...stamp(), name: '', offer: '', strengths: '', weaknesses: '', threat: 'medium' }] }, 'undo.deal.competitors')}
              >
                {t('deals.addCompetitor')}
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="spin" pt="sm">
          <Stack gap="xs">
            {(['situation', 'problem', 'implication', 'needPayoff'] as const).map((k) => (
              <CommitText key={k} label={t(`deals.spin.${k}`)} value={deal.spin[k]} onCommit={(v) => update({ spin: { ...deal.spin, [k]: v } })} multiline />
            ))}
            <Group mt="sm" align="center">
              <RingProgress size={70} thickness={7} sections={[{ value: completeness.percent, color: 'teal' }]} label={<Text ta="center" size="xs" fw={700}>{completeness.percent}%</Text>} />
              <Text fw={600} data-testid="nine-knows-percent" data-percent={completeness.percent}>
                {t('deals.nineKnows', { known: completeness.known, total: completeness.total })}
              </Text>
            </Group>
            <SimpleGrid cols={3}>
              {NINE_KNOWS.map((k) => (
                <Checkbox key={k} label={bilingual(`vocab.nineKnows.${k}`)} checked={deal.nineKnows[k]} onChange={(e) => update({ nineKnows: { ...deal.nineKnows, [k]: e.currentTarget.checked } })} data-testid={`know-${k}`} />
              ))}
            </SimpleGrid>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="meetings" pt="sm">
          <Stack gap="xs">
            <Group>
              {(['advance', 'continuation', 'order', 'noSale'] as const).map((outcome) => (
                <Button
                  key={outcome}
                  size="xs"
                  variant="light"
                  color={outcome === 'continuation' ? 'orange' : outcome === 'noSale' ? 'red' : 'teal'}
                  leftSection={<IconPlus size={14} />}
                  data-testid={`log-${outcome}`}
                  onClick={() => update({ meetings: [...deal.meetings, { ...stamp(), date: today(), outcome, notes: '' }] }, 'undo.deal.meeting')}
                >
                  {bilingual(`vocab.outcomes.${outcome}`)}
                </Button>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t('deals.outcomesHint')}
            </Text>
            {[...deal.meetings]
              .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
              .map((m) => (
                <Paper key={m.id} withBorder p="xs" data-testid="meeting" data-outcome={m.outcome}>
                  <Group align="flex-end" wrap="nowrap">
                    <TextInput type="date" label={t('deals.date')} value={m.date} onChange={(e) => e.currentTarget.value && update({ meetings: deal.meetings.map((x) => (x.id === m.id ? { ...x, date: e.currentTarget.value } : x)) }, 'undo.deal.meeting')} />
                    <Select
                      label={t('deals.outcome')}
                      data={MEETING_OUTCOMES.map((o) => ({ value: o, label: bilingual(`vocab.outcomes.${o}`) }))}
                      value={m.outcome}
                      allowDeselect={false}
                      onChange={(v) => v && update({ meetings: deal.meetings.map((x) => (x.id === m.id ? { ...x, outcome: v as typeof m.outcome } : x)) }, 'undo.deal.meeting')}
                    />
                    <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => update({ meetings: deal.meetings.filter((x) => x.id !== m.id) }, 'undo.deal.meeting')}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                  <CommitText label={t('map.notes')} value={m.notes} onCommit={(notes) => update({ meetings: deal.meetings.map((x) => (x.id === m.id ? { ...x, notes } : x)) }, 'undo.deal.meeting')} />
                </Paper>
              ))}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="actions" pt="sm">
          <Stack gap="xs">
            {actions.map((a) => (
              <Paper key={a.id} withBorder p="xs" data-testid="action" data-done={a.done}>
                <Group align="flex-end" wrap="nowrap">
                  <Checkbox checked={a.done} onChange={(e) => updateAction(a, { done: e.currentTarget.checked })} aria-label={t('deals.done')} mb={8} data-testid="action-done" />
                  <CommitText label={t('deals.w.what')} value={a.what} onCommit={(what) => updateAction(a, { what })} testId="action-what" />
                  <TextInput type="date" label={t('deals.w.when')} value={a.when ?? ''} onChange={(e) => updateAction(a, { when: e.currentTarget.value || null })} data-testid="action-when" />
                  <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => edit(account.id, { type: 'removeActions', ids: [a.id] }, 'undo.deal.action')}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={3} mt={4}>
                  <CommitText label={t('deals.w.who')} value={a.who} onCommit={(who) => updateAction(a, { who })} />
                  <CommitText label={t('deals.w.where')} value={a.where} onCommit={(where) => updateAction(a, { where })} />
                  <CommitText label={t('deals.w.howMuch')} value={a.howMuch} onCommit={(howMuch) => updateAction(a, { howMuch })} />
                  <CommitText label={t('deals.w.why')} value={a.why} onCommit={(why) => updateAction(a, { why })} />
                  <CommitText label={t('deals.w.how')} value={a.how} onCommit={(how) => updateAction(a, { how })} />
                </SimpleGrid>
              </Paper>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                data-testid="add-action"
                onClick={() =>
                  edit(
                    account.id,
                    {
                      type: 'addActions',
                      actions: [{ ...stamp(), what: '', who: '', where: '', when: today(), why: '', how: '', howMuch: '', done: false, doneAt: null, dealId: deal.id, contactIds: [] }],
                    },
                    'undo.deal.action',
                  )
                }
              >
                {t('deals.addAction')}
              </Button>
              <Badge variant="light">{t('deals.actionsCount', { count: actions.filter((a) => !a.done).length })}</Badge>
            </Group>
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
