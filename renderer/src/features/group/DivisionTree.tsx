import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCornerDownRight, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { divisionSchema, type Account, type Division } from '@shared/model/account';
import { stamp } from '@shared/model/common';
import type { DivisionRow, Figures } from '@shared/portfolio/types';
import { DIVISION_KINDS } from '@shared/model/vocabulary';
import { dataChanged } from '../../app/data-version';
import { formatMoney } from '../../app/format';
import { i18n } from '../../i18n';
import { edit } from '../../app/plan-store';
import { showUndoNotice } from '../../app/undo-notice';
import { bilingual } from '../../i18n';
import { InlineText } from './InlineText';
import { divisionTree } from '@shared/portfolio/divisions';
import { subtreeOf } from './tree';
import classes from './DivisionTree.module.css';

type Kind = Division['kind'];
const FIGURES: { key: keyof Figures; money: boolean }[] = [
  { key: 'purchases12', money: true },
  { key: 'openPipeline', money: true },
  { key: 'weightedPipeline', money: true },
  { key: 'openDeals', money: false },
  { key: 'wonDeals', money: false },
];
const INDENT = 16;

/** Money in three significant figures ("CN¥1.45M", "¥145万"), so that the table fits beside the navigation. */
function compactMoney(value: number): string {
  return new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY', notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

interface Props {
  account: Account;
  rows: DivisionRow[];
}

/** The customer's group structure (明家族体系关系) as a tree table, with each part's figures rolled up. */
export function DivisionTree({ account, rows }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<{ parentId: string | null } | null>(null);
  const byId = new Map(account.divisions.map((d) => [d.id, d]));
  const tree = divisionTree(account.divisions);
  const kinds = DIVISION_KINDS.map((k) => ({ value: k, label: bilingual(`group.kinds.${k}`) }));
  const hasChildren = (id: string | null) => (id === null ? account.divisions.length > 0 : account.divisions.some((d) => d.parentId === id));
  const isMoney = (key: keyof Figures) => FIGURES.find((f) => f.key === key)?.money ?? false;
  const fmt = (key: keyof Figures, v: number) => (isMoney(key) ? compactMoney(v) : String(v));
  /** The exact amount, on hover, where the cell shows it rounded. */
  const exact = (key: keyof Figures, v: number) => (isMoney(key) ? formatMoney(v) : undefined);
  const groupRow = rows.find((r) => r.divisionId === null);

  const update = (d: Division, patch: Partial<Pick<Division, 'name' | 'kind' | 'parentId' | 'region'>>, label = 'group.undo.editDivision') =>
    edit(account.id, { type: 'updateDivision', id: d.id, patch }, label);

  /** Where a division could be moved: the group, or any division not inside it (no loops). */
  const parentOptions = (d: Division) => {
    const inside = subtreeOf(account.divisions, d.id);
    return [
      { value: '', label: account.name },
      ...tree.map((e) => ({ value: e.division.id, label: e.division.name, disabled: inside.has(e.division.id) })),
    ];
  };

  const confirmDelete = (d: Division) => {
    const children = account.divisions.filter((x) => x.parentId === d.id).length;
    const parent = (d.parentId && byId.get(d.parentId)?.name) || account.name;
    modals.openConfirmModal({
      title: t('group.deleteDivision.title', { name: d.name }),
      children: (
        <Stack gap={4} data-testid="delete-division-body">
          {children > 0 && <Text size="sm">{t('group.deleteDivision.children', { count: children, parent })}</Text>}
          <Text size="sm">{t('group.deleteDivision.body', { parent })}</Text>
          <Text size="sm" c="dimmed">
            {t('group.deleteDivision.undoHint')}
          </Text>
        </Stack>
      ),
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'confirm-delete-division' } as never,
      onConfirm: () => {
        if (!edit(account.id, { type: 'removeDivisions', ids: [d.id] }, 'group.undo.deleteDivision')) return;
        showUndoNotice({
          message: t('group.deleteDivision.deleted', { name: d.name }),
          testId: 'undo-delete-division',
          onUndone: () => {
            dataChanged();
            notifications.show({ color: 'green', message: t('group.deleteDivision.restored', { name: d.name }) });
          },
        });
      },
    });
  };

  const figureCells = (row: DivisionRow) =>
    FIGURES.map(({ key }) => (
      <Table.Td key={key} ta="right" className={classes.figure} data-testid={`fig-${key}`} data-own={row.own[key]} data-total={row.total[key]}>
        <Text size="sm" fw={hasChildren(row.divisionId) ? 700 : 400} title={exact(key, row.total[key])}>
          {fmt(key, row.total[key])}
        </Text>
        {hasChildren(row.divisionId) && (
          <Text size="xs" c="dimmed" title={exact(key, row.own[key])}>
            {t('group.structure.own', { value: fmt(key, row.own[key]) })}
          </Text>
        )}
      </Table.Td>
    ));

  const addSubButton = (parentId: string | null, name: string) => (
    <Tooltip label={t('group.structure.addSub')}>
      <ActionIcon variant="subtle" size="sm" aria-label={`${t('group.structure.addSub')}: ${name}`} onClick={() => setAdding({ parentId })} data-testid="add-subdivision">
        <IconPlus size={14} />
      </ActionIcon>
    </Tooltip>
  );

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={4}>{t('group.structure.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('group.structure.term')} · {t('group.structure.hint')}
          </Text>
        </div>
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding({ parentId: null })} data-testid="add-division">
          {t('group.structure.add')}
        </Button>
      </Group>
      {/* Fits beside the navigation from about 1400 px; narrower, it scrolls with a visible bar while
          the actions and the names stay put on the left. */}
      <Table.ScrollContainer minWidth={1000} type="native" className={classes.scroll} data-testid="division-tree-scroll">
        <Table data-testid="division-tree" verticalSpacing={4} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th className={`${classes.sticky} ${classes.actions}`}>
                <span className={classes.hidden}>{t('group.structure.col.actions')}</span>
              </Table.Th>
              <Table.Th className={`${classes.sticky} ${classes.name}`}>{t('group.structure.col.name')}</Table.Th>
              <Table.Th>{t('group.structure.col.kind')}</Table.Th>
              <Table.Th>{t('group.structure.col.parent')}</Table.Th>
              <Table.Th>{t('group.structure.col.region')}</Table.Th>
              {FIGURES.map(({ key }) => (
                <Table.Th key={key} ta="right">
                  {t(`group.structure.col.${key}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              if (row.divisionId === null) {
                return (
                  <Table.Tr key="group" data-testid="division-row" data-division-id="group" data-depth={0}>
                    <Table.Td className={`${classes.sticky} ${classes.actions}`}>{addSubButton(null, account.name)}</Table.Td>
                    <Table.Td className={`${classes.sticky} ${classes.name}`}>
                      <Text fw={700} size="sm" data-testid="division-label">
                        {account.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t('group.structure.groupKind')}</Badge>
                    </Table.Td>
                    <Table.Td>{t('common.none')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{account.profile.region}</Text>
                    </Table.Td>
                    {figureCells(row)}
                  </Table.Tr>
                );
              }
              const d = byId.get(row.divisionId);
              if (!d) return null;
              const depth = Math.max(1, row.depth);
              return (
                <Table.Tr key={d.id} data-testid="division-row" data-division-id={d.id} data-depth={depth} data-name={d.name}>
                  <Table.Td className={`${classes.sticky} ${classes.actions}`}>
                    <Group gap={2} wrap="nowrap">
                      {addSubButton(d.id, d.name)}
                      <ActionIcon variant="subtle" size="sm" color="red" aria-label={t('group.structure.delete', { name: d.name })} onClick={() => confirmDelete(d)} data-testid="delete-division">
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                  <Table.Td className={`${classes.sticky} ${classes.name}`}>
                    <Group gap={4} wrap="nowrap" style={{ paddingLeft: (depth - 1) * INDENT }}>
                      <IconCornerDownRight size={14} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
                      <InlineText value={d.name} ariaLabel={t('group.structure.nameLabel', { name: d.name })} onCommit={(name) => update(d, { name })} testId="division-name" w={160} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={140}
                      data={kinds}
                      value={d.kind}
                      allowDeselect={false}
                      aria-label={t('group.structure.kindLabel', { name: d.name })}
                      onChange={(v) => v && v !== d.kind && update(d, { kind: v as Kind })}
                      data-testid="division-kind"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('group.structure.loopHint')} openDelay={600}>
                      <Select
                        size="xs"
                        w={150}
                        data={parentOptions(d)}
                        value={d.parentId ?? ''}
                        allowDeselect={false}
                        aria-label={t('group.structure.parentLabel', { name: d.name })}
                        onChange={(v) => v !== null && (v || null) !== d.parentId && update(d, { parentId: v || null }, 'group.undo.moveDivision')}
                        data-testid="division-parent"
                      />
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <InlineText w={100} value={d.region} allowEmpty ariaLabel={t('group.structure.regionLabel', { name: d.name })} onCommit={(region) => update(d, { region })} testId="division-region" />
                  </Table.Td>
                  {figureCells(row)}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {account.divisions.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="divisions-empty">
          {t('group.structure.empty')}
        </Text>
      )}
      {groupRow && (
        <Text
          size="sm"
          mt="xs"
          fw={600}
          data-testid="rollup-total"
          data-purchases={groupRow.total.purchases12}
          data-open-pipeline={groupRow.total.openPipeline}
          data-weighted-pipeline={groupRow.total.weightedPipeline}
          data-open-deals={groupRow.total.openDeals}
          data-won-deals={groupRow.total.wonDeals}
        >
          {t('group.structure.wholeGroup', {
            purchases: formatMoney(groupRow.total.purchases12),
            pipeline: formatMoney(groupRow.total.openPipeline),
            weighted: formatMoney(groupRow.total.weightedPipeline),
            open: t('group.structure.openDeals', { count: groupRow.total.openDeals }),
            won: t('group.structure.wonDeals', { count: groupRow.total.wonDeals }),
          })}
        </Text>
      )}
      <AddDivisionModal account={account} adding={adding} onClose={() => setAdding(null)} kinds={kinds} />
    </Paper>
  );
}

function AddDivisionModal({
  account,
  adding,
  onClose,
  kinds,
}: {
  account: Account;
  adding: { parentId: string | null } | null;
  onClose: () => void;
  kinds: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={adding !== null} onClose={onClose} title={t('group.addForm.title')}>
      {adding && <AddDivisionForm key={adding.parentId ?? ''} account={account} parentId={adding.parentId} onDone={onClose} kinds={kinds} />}
    </Modal>
  );
}

function AddDivisionForm({ account, parentId: initialParent, onDone, kinds }: { account: Account; parentId: string | null; onDone: () => void; kinds: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('division');
  const [parentId, setParentId] = useState(initialParent ?? '');
  const [region, setRegion] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tree = divisionTree(account.divisions);
  const depthOf = new Map(tree.map((e) => [e.division.id, e.depth]));

  const submit = () => {
    if (!name.trim()) {
      setError(t('group.addForm.nameRequired'));
      return;
    }
    const now = new Date().toISOString();
    const division = divisionSchema.parse({ ...stamp(crypto.randomUUID(), now), name: name.trim(), kind, parentId: parentId || null, region: region.trim() });
    if (edit(account.id, { type: 'addDivisions', records: [division] }, 'group.undo.addDivision')) onDone();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('group.addForm.name')}
          placeholder={t('group.addForm.namePlaceholder')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
          data-testid="division-name-input"
        />
        <Select label={t('group.addForm.kind')} data={kinds} value={kind} allowDeselect={false} onChange={(v) => v && setKind(v as Kind)} data-testid="division-kind-input" />
        <Select
          label={t('group.addForm.parent')}
          data={[{ value: '', label: account.name }, ...tree.map((e) => ({ value: e.division.id, label: e.division.name }))]}
          value={parentId}
          allowDeselect={false}
          renderOption={({ option }) => <span style={{ paddingLeft: (depthOf.get(option.value) ?? 0) * 12 }}>{option.label}</span>}
          onChange={(v) => v !== null && setParentId(v)}
          data-testid="division-parent-input"
        />
        <TextInput label={t('group.addForm.region')} value={region} onChange={(e) => setRegion(e.currentTarget.value)} data-testid="division-region-input" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="add-division-submit">
            {t('group.addForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
