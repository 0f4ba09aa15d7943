import { Alert, Anchor, Badge, Button, Group, Menu, Modal, Stack, Table, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { IconBan, IconFlag, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whitespaceMarkSchema, type Account } from '@shared/model/account';
import { stamp } from '@shared/model/common';
import type { Settings } from '@shared/model/database';
import { dealSchema } from '@shared/model/deal';
import type { WhitespaceCell, WhitespaceGrid, WhitespaceStatus } from '@shared/portfolio/types';
import { formatMoney } from '../../app/format';
import { edit } from '../../app/plan-store';

/** The colour of each status, in the cells and the legend. */
const COLOUR: Record<WhitespaceStatus, string> = {
  sold: 'teal',
  openDeal: 'blue',
  competitor: 'red',
  whitespace: 'gray',
};
const STATUSES: WhitespaceStatus[] = ['sold', 'openDeal', 'competitor', 'whitespace'];
const INDENT = 16;

interface Marking {
  divisionId: string | null;
  productLineId: string;
  markId: string | null;
  title: string;
  competitor: string;
  notes: string;
}

interface Props {
  account: Account;
  settings: Settings;
  grid: WhitespaceGrid;
  onOpenDeal: (dealId: string) => void;
}

/** The whitespace map: the parts of the customer's group × our product lines, and what each cell holds. */
export function WhitespaceMap({ account, settings, grid, onOpenDeal }: Props) {
  const { t } = useTranslation();
  const [marking, setMarking] = useState<Marking | null>(null);
  const dealName = (id: string) => account.deals.find((d) => d.id === id)?.name || t('deals.unnamed');
  const rowName = (row: WhitespaceGrid['rows'][number]) => (row.divisionId === null ? account.name : row.name);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<WhitespaceStatus, number>;
  for (const row of grid.cells) for (const cell of row) counts[cell.status]++;

  if (grid.productLines.length === 0) {
    return (
      <Alert color="blue" data-testid="ws-no-lines">
        {t('group.ws.noLines')}
      </Alert>
    );
  }

  const startDeal = (division: string, divisionId: string | null, line: { id: string; name: string }) => {
    const id = crypto.randomUUID();
    const deal = dealSchema.parse({
      ...stamp(id, new Date().toISOString()),
      name: `${line.name} · ${division}`.slice(0, 200),
      stage: settings.boardColumns[0]?.stage ?? 'discover',
      divisionId,
      productLineId: line.id,
    });
    if (edit(account.id, { type: 'addDeal', deal }, 'group.undo.startDeal')) onOpenDeal(id);
  };

  const saveMark = (m: Marking) => {
    const competitor = m.competitor.trim();
    const notes = m.notes.trim();
    const ok = m.markId
      ? edit(account.id, { type: 'updateWhitespaceMark', id: m.markId, patch: { competitor, notes } }, 'group.undo.mark')
      : edit(
          account.id,
          {
            type: 'addWhitespaceMarks',
            records: [whitespaceMarkSchema.parse({ ...stamp(crypto.randomUUID(), new Date().toISOString()), divisionId: m.divisionId, productLineId: m.productLineId, competitor, notes })],
          },
          'group.undo.mark',
        );
    if (ok) setMarking(null);
  };

  const cellContent = (cell: WhitespaceCell) => (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" data-testid="ws-status">
        {t(`group.ws.status.${cell.status}`)}
      </Text>
      {cell.revenue > 0 && (
        <Text size="sm" fw={600} data-testid="ws-revenue">
          {formatMoney(cell.revenue)}
        </Text>
      )}
      {cell.competitor && (
        <Text size="sm" fw={cell.status === 'competitor' ? 600 : 400} data-testid="ws-competitor">
          {cell.competitor}
        </Text>
      )}
    </Stack>
  );

  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="ws-legend">
        {STATUSES.map((s) => (
          <Badge key={s} color={COLOUR[s]} variant="light" data-status={s}>
            {t(`group.ws.status.${s}`)}
          </Badge>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={200 + grid.productLines.length * 150}>
        <Table data-testid="whitespace-grid" withTableBorder withColumnBorders verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('group.ws.corner')}</Table.Th>
              {grid.productLines.map((l) => (
                <Table.Th key={l.id} data-product-line-id={l.id}>
                  {l.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.rows.map((row, r) => {
              const division = rowName(row);
              return (
                <Table.Tr key={row.divisionId ?? 'group'} data-testid="ws-row" data-division-id={row.divisionId ?? 'group'}>
                  <Table.Td>
                    <Text size="sm" fw={row.divisionId === null ? 700 : 400} style={{ paddingLeft: Math.max(0, row.depth) * INDENT }}>
                      {division}
                    </Text>
                  </Table.Td>
                  {grid.productLines.map((line, c) => {
                    const cell = grid.cells[r]?.[c];
                    if (!cell) return <Table.Td key={line.id} />;
                    const colour = COLOUR[cell.status];
                    const label = t('group.ws.cellLabel', { line: line.name, division, status: t(`group.ws.status.${cell.status}`) });
                    const open = cell.status === 'whitespace' || cell.status === 'competitor';
                    return (
                      <Table.Td
                        key={line.id}
                        data-testid="ws-cell"
                        data-division-id={row.divisionId ?? 'group'}
                        data-product-line-id={line.id}
                        data-status={cell.status}
                        style={{
                          background: `var(--mantine-color-${colour}-light)`,
                          outline: cell.status === 'whitespace' ? '1px dashed var(--mantine-color-gray-5)' : undefined,
                          outlineOffset: -4,
                          minWidth: 140,
                          verticalAlign: 'top',
                        }}
                      >
                        {open ? (
                          <Menu position="bottom-start" withinPortal>
                            <Menu.Target>
                              <UnstyledButton w="100%" aria-label={label} data-testid="ws-cell-button">
                                {cellContent(cell)}
                              </UnstyledButton>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item leftSection={<IconPlus size={14} />} onClick={() => startDeal(division, row.divisionId, line)} data-testid="ws-start-deal">
                                {t('group.ws.startDeal')}
                              </Menu.Item>
                              <Menu.Item
                                leftSection={<IconFlag size={14} />}
                                data-testid="ws-mark-competitor"
                                onClick={() => {
                                  const mark = cell.markId ? account.whitespaceMarks.find((m) => m.id === cell.markId) : undefined;
                                  setMarking({
                                    divisionId: row.divisionId,
                                    productLineId: line.id,
                                    markId: cell.markId,
                                    title: t('group.ws.markTitle', { line: line.name, division }),
                                    competitor: mark?.competitor ?? '',
                                    notes: mark?.notes ?? '',
                                  });
                                }}
                              >
                                {cell.markId ? t('group.ws.editMark') : t('group.ws.markCompetitor')}
                              </Menu.Item>
                              {cell.markId && (
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconBan size={14} />}
                                  data-testid="ws-clear-mark"
                                  onClick={() => edit(account.id, { type: 'removeWhitespaceMarks', ids: [cell.markId as string] }, 'group.undo.clearMark')}
                                >
                                  {t('group.ws.clearMark')}
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        ) : (
                          <Stack gap={2} aria-label={label}>
                            {cellContent(cell)}
                            {cell.dealIds.map((id) => (
                              <Anchor key={id} component="button" type="button" size="sm" ta="left" onClick={() => onOpenDeal(id)} data-testid="ws-deal" data-deal-id={id}>
                                {dealName(id)}
                              </Anchor>
                            ))}
                          </Stack>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" data-testid="ws-summary" data-sold={counts.sold} data-open={counts.openDeal} data-competitor={counts.competitor} data-whitespace={counts.whitespace}>
        {t('group.ws.summary', { sold: counts.sold, open: counts.openDeal, competitor: counts.competitor, whitespace: counts.whitespace })}
      </Text>
      <Modal opened={marking !== null} onClose={() => setMarking(null)} title={marking?.title}>
        {marking && <MarkForm marking={marking} onSave={saveMark} onCancel={() => setMarking(null)} />}
      </Modal>
    </Stack>
  );
}

function MarkForm({ marking, onSave, onCancel }: { marking: Marking; onSave: (m: Marking) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [competitor, setCompetitor] = useState(marking.competitor);
  const [notes, setNotes] = useState(marking.notes);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!competitor.trim()) {
          setError(t('group.ws.competitorRequired'));
          return;
        }
        onSave({ ...marking, competitor, notes });
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('group.ws.competitor')}
          value={competitor}
          error={error}
          data-autofocus
          onChange={(e) => {
            setCompetitor(e.currentTarget.value);
            setError(null);
          }}
          data-testid="ws-competitor-name"
        />
        <Textarea label={t('group.ws.notes')} value={notes} autosize minRows={2} onChange={(e) => setNotes(e.currentTarget.value)} data-testid="ws-competitor-notes" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="ws-competitor-save">
            {t('group.ws.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
