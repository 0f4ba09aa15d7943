import {
  Accordion,
  ActionIcon,
  Button,
  Divider,
  Group,
  NumberInput,
  Rating,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconPlus, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { seatHistory } from '@shared/buying-centre/successor';
import { newContact } from '@shared/buying-centre/template';
import type { ContactPatch, PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import type { Contact, Need, PersonalProfile } from '@shared/model/contact';
import { ATTITUDES, BUYER_ROLES, CONTACT_LEVELS, INFLUENCE_LEVELS, NEED_KINDS, NEED_VISIBILITY } from '@shared/model/vocabulary';
import { bilingual } from '../../i18n';
import { formatDate } from '../../app/format';
import { CommitText } from '../../app/CommitText';
import { edit } from '../../app/plan-store';
import { ContactTimeline } from '../activity/ContactTimeline';

const PROFILE_FIELDS = [
  'hometown',
  'almaMater',
  'family',
  'familyBirthdays',
  'hobbies',
  'favouriteFood',
  'books',
  'lastHoliday',
  'nextHoliday',
  'careerGoals',
  'workGoals',
  'colleagueRelations',
] as const satisfies readonly (keyof PersonalProfile)[];

const today = () => new Date().toISOString().slice(0, 10);

/** Every field of one contact, each change one undoable step. */
export const ContactPanel = memo(function ContactPanel({ account, contact, onSelect }: { account: Account; contact: Contact; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  const c = contact;
  const update = (patch: ContactPatch, label = 'undo.map.edit') => edit(account.id, { type: 'updateContact', id: c.id, patch }, label);
  const options = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: bilingual(`${prefix}.${k}`) }));
  // Anyone but the contact and the people under them (one walk down the tree, not a loop check each).
  const bosses = useMemo(() => {
    const reports = new Map<string, string[]>();
    for (const o of account.contacts) if (o.reportsToId) reports.set(o.reportsToId, [...(reports.get(o.reportsToId) ?? []), o.id]);
    const below = new Set<string>([c.id]);
    const queue = [c.id];
    while (queue.length > 0) {
      for (const r of reports.get(queue.pop() as string) ?? []) {
        if (below.has(r)) continue;
        below.add(r);
        queue.push(r);
      }
    }
    return account.contacts
      .filter((o) => !below.has(o.id) && !o.leftOn)
      .map((o) => ({ value: o.id, label: o.name || `${t('map.placeholder')} — ${o.department}` }));
  }, [account.contacts, c.id, t]);
  const history = seatHistory(account.contacts, c.id);

  const setNeeds = (needs: Need[]) => update({ needs });
  const confirmAll = () => {
    const now = new Date().toISOString();
    update({ confirmedAt: { attitude: now, influence: now, stars: now } }, 'undo.map.confirm');
  };

  const addSuccessor = () => {
    const successor = newContact(crypto.randomUUID(), new Date().toISOString(), {
      role: c.role,
      level: c.level,
      title: c.title,
      department: c.department,
      reportsToId: c.reportsToId,
      successorOfId: c.id,
      position: c.position,
    });
    const commands: PlanCommand[] = [
      ...(c.leftOn ? [] : [{ type: 'updateContact' as const, id: c.id, patch: { leftOn: today() } }]),
      { type: 'addContacts', contacts: [successor] },
      ...account.contacts
        .filter((o) => o.reportsToId === c.id)
        .map((o) => ({ type: 'updateContact' as const, id: o.id, patch: { reportsToId: successor.id } })),
    ];
    if (edit(account.id, { type: 'batch', commands }, 'undo.map.successor')) onSelect(successor.id);
  };

  return (
    <Stack gap="xs" data-testid="contact-panel">
      <Group justify="space-between">
        <Title order={5}>{t('map.details')}</Title>
        <ActionIcon
          color="red"
          variant="subtle"
          aria-label={t('map.deleteContact')}
          data-testid="panel-delete"
          onClick={() => edit(account.id, { type: 'removeContacts', ids: [c.id] }, 'undo.map.delete') && onSelect(null)}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Group>
      <CommitText label={t('map.name')} value={c.name} onCommit={(name) => update({ name, isPlaceholder: name.trim() === '' && c.isPlaceholder })} testId="panel-name" />
      <Group grow>
        <CommitText label={t('map.title')} value={c.title} onCommit={(title) => update({ title })} testId="panel-title" />
        <CommitText label={t('map.department')} value={c.department} onCommit={(department) => update({ department })} testId="panel-department" />
      </Group>
      <Select
        label={t('map.role')}
        data={[{ value: '', label: t('map.noRole') }, ...options(BUYER_ROLES, 'vocab.roles')]}
        value={c.role ?? ''}
        allowDeselect={false}
        onChange={(v) => update({ role: v ? (v as Contact['role']) : null })}
        data-testid="panel-role"
      />
      <Group grow>
        <Select
          label={t('map.level')}
          data={[{ value: '', label: t('common.none') }, ...options(CONTACT_LEVELS, 'vocab.levels')]}
          value={c.level ?? ''}
          allowDeselect={false}
          onChange={(v) => update({ level: v ? (v as Contact['level']) : null })}
          data-testid="panel-level"
        />
        <Select
          label={t('map.reportsTo')}
          data={[{ value: '', label: t('common.none') }, ...bosses]}
          value={c.reportsToId ?? ''}
          searchable
          allowDeselect={false}
          onChange={(v) => update({ reportsToId: v || null }, 'undo.map.reparent')}
          data-testid="panel-reports-to"
        />
      </Group>
      <Switch label={bilingual('map.coachLong')} checked={c.isCoach} onChange={(e) => update({ isCoach: e.currentTarget.checked })} data-testid="panel-coach" />
      <div>
        <Text size="sm" fw={500}>
          {t('map.attitude')}
        </Text>
        <SegmentedControl
          fullWidth
          size="xs"
          data={ATTITUDES.map((a) => ({ value: a, label: t(`vocab.attitudes.${a}`) }))}
          value={c.attitude}
          onChange={(v) => update({ attitude: v as Contact['attitude'] })}
          data-testid="panel-attitude"
        />
      </div>
      <div>
        <Text size="sm" fw={500}>
          {t('map.influence')}
        </Text>
        <SegmentedControl
          fullWidth
          size="xs"
          data={INFLUENCE_LEVELS.map((a) => ({ value: a, label: t(`vocab.influenceShort.${a}`) }))}
          value={c.influence}
          onChange={(v) => update({ influence: v as Contact['influence'] })}
          data-testid="panel-influence"
        />
      </div>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500}>
            {t('map.relationship')}
          </Text>
          <Group gap="xs">
            <Rating value={c.stars} count={5} onChange={(stars) => update({ stars })} data-testid="panel-stars" />
            <ActionIcon size="sm" variant="subtle" aria-label={t('map.clearStars')} onClick={() => update({ stars: 0 })} disabled={c.stars === 0}>
              ×
            </ActionIcon>
          </Group>
          <Text size="xs" c="dimmed">
            {c.stars > 0 ? t(`map.starMeaning.${c.stars}`) : t('map.starMeaning.0')}
          </Text>
        </div>
        <Button size="compact-xs" variant="light" leftSection={<IconCheck size={14} />} onClick={confirmAll} data-testid="confirm-judgements">
          {t('map.confirmJudgements')}
        </Button>
      </Group>

      <Accordion multiple variant="separated" defaultValue={[]}>
        <Accordion.Item value="needs">
          <Accordion.Control>{t('map.needs', { count: c.needs.length })}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              {c.needs.map((n, i) => (
                <Stack key={n.id} gap={4}>
                  <Group gap={4} grow>
                    <Select size="xs" data={options(NEED_KINDS, 'vocab.needKinds')} value={n.kind} allowDeselect={false} onChange={(v) => setNeeds(c.needs.map((m, j) => (j === i ? { ...m, kind: v as Need['kind'] } : m)))} />
                    <Select size="xs" data={options(NEED_VISIBILITY, 'vocab.needVisibility')} value={n.visibility} allowDeselect={false} onChange={(v) => setNeeds(c.needs.map((m, j) => (j === i ? { ...m, visibility: v as Need['visibility'] } : m)))} />
                    <ActionIcon style={{ flexGrow: 0 }} color="red" variant="subtle" aria-label={t('common.delete')} onClick={() => setNeeds(c.needs.filter((_, j) => j !== i))}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                  <CommitText label="" value={n.text} onCommit={(text) => setNeeds(c.needs.map((m, j) => (j === i ? { ...m, text } : m)))} />
                </Stack>
              ))}
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setNeeds([...c.needs, { id: crypto.randomUUID(), kind: 'organisational', visibility: 'explicit', text: '' }])} data-testid="add-need">
                {t('map.addNeed')}
              </Button>
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="profile">
          <Accordion.Control>{t('map.personalProfile')}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              <NumberInput
                label={t('map.profile.age')}
                min={0}
                max={130}
                value={c.profile.age ?? ''}
                onBlur={(e) => {
                  const v = e.currentTarget.value === '' ? null : Number(e.currentTarget.value);
                  if (v !== c.profile.age && (v === null || (Number.isInteger(v) && v >= 0 && v <= 130))) update({ profile: { ...c.profile, age: v } });
                }}
              />
              {PROFILE_FIELDS.map((f) => (
                <CommitText key={f} label={t(`map.profile.${f}`)} value={c.profile[f]} onCommit={(v) => update({ profile: { ...c.profile, [f]: v } })} />
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="contact">
          <Accordion.Control>{t('map.contactAndNotes')}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              <CommitText label={t('map.email')} value={c.email} onCommit={(email) => update({ email })} />
              <CommitText label={t('map.phone')} value={c.phone} onCommit={(phone) => update({ phone })} />
              <CommitText label={t('map.notes')} value={c.notes} onCommit={(notes) => update({ notes })} multiline testId="panel-notes" />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="seat">
          <Accordion.Control>{t('map.seat')}</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={6}>
              <Switch label={t('map.isPlaceholder')} checked={c.isPlaceholder} onChange={(e) => update({ isPlaceholder: e.currentTarget.checked })} />
              <TextInput
                type="date"
                label={t('map.leftOn')}
                value={c.leftOn ?? ''}
                onChange={(e) => update({ leftOn: e.currentTarget.value || null })}
                data-testid="panel-left-on"
              />
              <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={addSuccessor} data-testid="add-successor">
                {t('map.addSuccessor')}
              </Button>
              {history.length > 0 && (
                <>
                  <Divider label={t('map.seatHistory')} />
                  {history.map((h) => (
                    <Text key={h.contactId} size="sm">
                      {h.name || t('map.unnamed')} {h.title && `· ${h.title}`} {h.leftOn && `· ${t('map.leftOnDate', { date: formatDate(h.leftOn) })}`}
                    </Text>
                  ))}
                </>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Divider />
      <ContactTimeline account={account} contactId={c.id} />
    </Stack>
  );
});
