import { ActionIcon, Autocomplete, Box, Popover, Button, Group, Menu, Paper, ScrollArea, Stack, Switch, Tabs, Text, Tooltip, useComputedColorScheme } from '@mantine/core';
import {
  IconDownload,
  IconFileSpreadsheet,
  IconFocusCentered,
  IconHierarchy2,
  IconKeyboard,
  IconLayoutGrid,
  IconPhoto,
  IconPrinter,
  IconSearch,
  IconUserPlus,
  IconVectorBezier2,
} from '@tabler/icons-react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staleJudgements } from '@shared/buying-centre/freshness';
import { pathToPower } from '@shared/buying-centre/path-to-power';
import { redFlags } from '@shared/buying-centre/red-flags';
import { newContact, standardBuyingCentre } from '@shared/buying-centre/template';
import { pasteCommand } from '@shared/commands/clipboard';
import type { Account } from '@shared/model/account';
import type { Contact } from '@shared/model/contact';
import type { Locale } from '@shared/model/database';
import { showError } from '../../app/errors';
import { isTextEntry } from '../../app/text-entry';
import { useClockReading } from '../../app/useClockReading';
import { i18n } from '../../i18n';
import type { ContactNode } from './ContactCard';
import { ContactPanel } from './ContactPanel';
import { copyToClipboard, readClipboard, setEditing } from './editing-store';
import { download, mapImage, printImage } from './export-image';
import { exportAccountPlan, PLAN_EXPORT_EVENT, takePlanExport } from '../excel/excel-files';
import { InsightsPanel } from './InsightsPanel';
import { autoLayout, CARD_HEIGHT, CARD_WIDTH, treeKey } from './layout';
import { LinePanel } from './LinePanel';
import { edit, seedDocument, useDocument } from '../../app/plan-store';
import { ROLE_STYLE } from './role-style';
import { CARD_HANDLES, CARD_SIZE, INFLUENCE_EDGE_LOOK, nodeTypes } from './flow-style';



const displayName = (c: Contact, placeholder: string) => c.name || `${placeholder} — ${c.department}`;

interface Props {
  account: Account;
  staleAfterDays: number;
  onStaleAfterDays: (days: number) => void;
}

function Editor({ account: loaded, staleAfterDays, onStaleAfterDays }: Props) {
  const { t } = useTranslation();
  const rf = useReactFlow<ContactNode>();
  const scheme = useComputedColorScheme('light');
  useEffect(() => seedDocument(loaded), [loaded]);
  const doc = useDocument(loaded.id) ?? loaded;
  const accountId = doc.id;

  const [showLeft, setShowLeft] = useState(false);
  const [highlightPath, setHighlightPath] = useState(false);
  const [panel, setPanel] = useState<string>('insights');
  const [nodes, setNodes] = useState<ContactNode[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<string[]>([]);
  const [rebuild, setRebuild] = useState(0);
  const [search, setSearch] = useState('');
  // Off-screen cards are not drawn (a big map stays fast); an export draws them all for a moment.
  const [drawAll, setDrawAll] = useState(false);
  const pendingSelect = useRef<string[] | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => (showLeft ? doc.contacts : doc.contacts.filter((c) => !c.leftOn)), [doc.contacts, showLeft]);
  const key = treeKey(visible);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `visible`: lay out again only when the tree changes
  const auto = useMemo(() => autoLayout(visible), [key]);

  const now = useClockReading(doc, () => new Date().toISOString());
  const stale = useMemo(() => staleJudgements(doc.contacts, now, staleAfterDays), [doc.contacts, now, staleAfterDays]);
  const flags = useMemo(() => redFlags(doc, { now, maxAgeDays: staleAfterDays }), [doc, now, staleAfterDays]);
  const paths = useMemo(() => pathToPower(doc), [doc]);
  const staleIds = useMemo(() => new Set(stale.map((s) => s.contactId)), [stale]);
  const pathIds = useMemo(() => new Set(highlightPath ? paths.flatMap((p) => p.path) : []), [paths, highlightPath]);

  // Nodes are rebuilt from the document, reusing every node whose contact, place and marks are
  // unchanged, so a change to one card re-renders that card only.
  useEffect(() => {
    const select = pendingSelect.current;
    pendingSelect.current = null;
    setNodes((prev) => {
      const before = new Map(prev.map((n) => [n.id, n]));
      return visible.map((c) => {
        const position = c.position ?? auto.get(c.id) ?? { x: 0, y: 0 };
        const isStale = staleIds.has(c.id);
        const onPath = pathIds.has(c.id);
        const old = before.get(c.id);
        const selected = select ? select.includes(c.id) : (old?.selected ?? false);
        if (
          old &&
          old.data.contact === c &&
          old.data.stale === isStale &&
          old.data.onPath === onPath &&
          old.position.x === position.x &&
          old.position.y === position.y &&
          (old.selected ?? false) === selected
        ) {
          return old;
        }
        // Known size and handles up front: React Flow can fit and cull on its first render
        // instead of mounting hundreds of cards just to measure them.
        return {
          id: c.id,
          type: 'contact',
          position,
          selected,
          width: CARD_WIDTH,
          height: CARD_HEIGHT,
          measured: CARD_SIZE,
          handles: CARD_HANDLES,
          data: { contact: c, accountId, stale: isStale, onPath },
        };
      });
    });
    if (select?.length === 1) {
      const c = visible.find((x) => x.id === select[0]);
      const p = c && (c.position ?? auto.get(c.id));
      if (p) void rf.setCenter(p.x + CARD_WIDTH / 2, p.y + CARD_HEIGHT / 2, { zoom: Math.min(Math.max(rf.getZoom(), 0.8), 1.2), duration: 200 });
    }
  }, [visible, auto, staleIds, pathIds, accountId, rebuild, rf]);

  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(visible.map((c) => c.id));
    return [
      ...visible
        .filter((c) => c.reportsToId && ids.has(c.reportsToId))
        .map<Edge>((c) => ({
          id: `reports-${c.id}`,
          source: c.reportsToId as string,
          target: c.id,
          type: 'smoothstep',
          selectable: false,
          style: { strokeWidth: 2 },
          animated: pathIds.has(c.id) && pathIds.has(c.reportsToId as string),
        })),
      ...doc.influenceLines
        .filter((l) => ids.has(l.fromId) && ids.has(l.toId))
        .map<Edge>((l) => ({
          id: l.id,
          source: l.fromId,
          target: l.toId,
          label: l.label,
          selected: selectedEdges.includes(l.id),
          data: { kind: 'influence' },
          ...INFLUENCE_EDGE_LOOK,
          animated: pathIds.has(l.fromId) && pathIds.has(l.toId),
        })),
    ];
  }, [visible, doc.influenceLines, selectedEdges, pathIds]);

  const selectedIds = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const single = selectedIds.length === 1 ? doc.contacts.find((c) => c.id === selectedIds[0]) : undefined;
  const line = selectedEdges.length === 1 ? doc.influenceLines.find((l) => l.id === selectedEdges[0]) : undefined;

  useEffect(() => {
    if (single || line) setPanel('details');
  }, [single, line]);

  const select = useCallback((ids: string[]) => {
    setSelectedEdges([]);
    setNodes((ns) => ns.map((n) => (ids.includes(n.id) === (n.selected ?? false) ? n : { ...n, selected: ids.includes(n.id) })));
  }, []);

  const focusContact = useCallback(
    (id: string) => {
      const c = doc.contacts.find((x) => x.id === id);
      if (!c) return;
      if (c.leftOn && !showLeft) setShowLeft(true);
      pendingSelect.current = [id];
      setRebuild((n) => n + 1);
    },
    [doc.contacts, showLeft],
  );

  const selectFromPanel = useCallback((id: string | null) => (id ? focusContact(id) : select([])), [focusContact, select]);

  const add = useCallback(
    (fields: Partial<Contact>) => {
      const c = newContact(crypto.randomUUID(), new Date().toISOString(), fields);
      if (edit(accountId, { type: 'addContacts', contacts: [c] }, 'undo.map.add')) {
        pendingSelect.current = [c.id];
        setEditing(c.id);
      }
    },
    [accountId],
  );

  const removeSelection = useCallback(() => {
    if (selectedIds.length) {
      if (edit(accountId, { type: 'removeContacts', ids: selectedIds }, 'undo.map.delete')) setEditing(null);
    } else if (selectedEdges.length) {
      if (edit(accountId, { type: 'removeLines', ids: selectedEdges }, 'undo.map.deleteLine')) setSelectedEdges([]);
    }
  }, [accountId, selectedIds, selectedEdges]);

  const copy = useCallback(() => {
    const ids = new Set(selectedIds);
    if (ids.size === 0) return;
    copyToClipboard({
      contacts: doc.contacts.filter((c) => ids.has(c.id)),
      lines: doc.influenceLines.filter((l) => ids.has(l.fromId) && ids.has(l.toId)),
    });
  }, [doc, selectedIds]);

  const paste = useCallback(() => {
    const clip = readClipboard();
    if (!clip) return;
    const made = pasteCommand(clip, doc, () => crypto.randomUUID(), new Date().toISOString());
    if (made && edit(accountId, made.command, 'undo.map.paste')) pendingSelect.current = made.ids;
  }, [accountId, doc]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Map keys act on the canvas (or when nothing has focus), never inside the side panel's fields.
      const onCanvas = e.target === document.body || (e.target instanceof Node && canvasRef.current?.contains(e.target));
      if (!onCanvas || isTextEntry(e.target) || document.querySelector('[role="dialog"]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === 'Tab' && single) {
        e.preventDefault();
        add({ reportsToId: single.id, department: single.department });
      } else if (e.key === 'Enter' && single) {
        e.preventDefault();
        add({ reportsToId: single.reportsToId, level: single.level });
      } else if (e.key === 'F2' && single) {
        e.preventDefault();
        setEditing(single.id);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        e.preventDefault();
        removeSelection();
      } else if (mod && e.key.toLowerCase() === 'c') {
        copy();
      } else if (mod && e.key.toLowerCase() === 'v') {
        e.preventDefault();
        paste();
      } else if (mod && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        select(visible.map((c) => c.id));
      } else if (e.key === 'Escape') {
        select([]);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [single, add, removeSelection, copy, paste, select, visible]);

  const onNodesChange = useCallback((changes: NodeChange<ContactNode>[]) => {
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.some((c) => c.type === 'select' && c.selected)) setSelectedEdges([]);
    setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setSelectedEdges((sel) => {
      let next = sel;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        next = c.selected ? [...next.filter((id) => id !== c.id), c.id] : next.filter((id) => id !== c.id);
      }
      return next;
    });
  }, []);

  const onNodeDragStop: OnNodeDrag<ContactNode> = useCallback(
    (_e, node, dragged) => {
      if (dragged.length === 1) {
        const hits = rf.getIntersectingNodes(node).filter((n) => n.id !== node.id);
        if (hits.length > 0) {
          const cx = node.position.x + CARD_WIDTH / 2;
          const cy = node.position.y + CARD_HEIGHT / 2;
          const target = hits.reduce((best, n) =>
            Math.hypot(n.position.x - cx, n.position.y - cy) < Math.hypot(best.position.x - cx, best.position.y - cy) ? n : best,
          );
          // Dropping a card on another makes it report to that one, and puts it back in the tree.
          if (!edit(accountId, { type: 'updateContact', id: node.id, patch: { reportsToId: target.id, position: null } }, 'undo.map.reparent')) {
            setRebuild((n) => n + 1);
          }
          return;
        }
      }
      edit(
        accountId,
        { type: 'moveContacts', moves: dragged.map((n) => ({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })) },
        'undo.map.move',
      );
    },
    [accountId, rf],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return;
      const now = new Date().toISOString();
      const id = crypto.randomUUID();
      if (edit(accountId, { type: 'addLines', lines: [{ id, createdAt: now, updatedAt: now, fromId: c.source, toId: c.target, label: '' }] }, 'undo.map.line')) {
        select([]);
        setSelectedEdges([id]);
      }
    },
    [accountId, select],
  );

  const tidyUp = () => {
    const moved = doc.contacts.filter((c) => c.position !== null);
    if (moved.length) edit(accountId, { type: 'moveContacts', moves: moved.map((c) => ({ id: c.id, position: null })) }, 'undo.map.tidy');
    window.setTimeout(() => void rf.fitView({ duration: 200, maxZoom: 1 }), 50);
  };

  const startFromTemplate = () => {
    const contacts = standardBuyingCentre(() => crypto.randomUUID(), new Date().toISOString(), i18n.language as Locale);
    edit(accountId, { type: 'addContacts', contacts }, 'undo.map.template');
    window.setTimeout(() => void rf.fitView({ duration: 200, maxZoom: 1 }), 50);
  };

  const exportImage = async (kind: 'png' | 'svg' | 'print' | 'xlsx') => {
    try {
      if (!canvasRef.current) return;
      // The picture is always light: it goes into documents and onto paper.
      const background = kind === 'xlsx' || kind === 'print' || scheme !== 'dark' ? '#ffffff' : '#1a1b1e';
      setDrawAll(true);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const picture =
        doc.contacts.length === 0
          ? null
          : await mapImage(kind === 'svg' ? 'svg' : 'png', rf.getNodes(), canvasRef.current, background).finally(() => setDrawAll(false));
      setDrawAll(false);
      if (kind === 'xlsx') await exportAccountPlan(accountId, i18n.language as Locale, picture ?? undefined);
      else if (!picture) return;
      else if (kind === 'print') printImage(picture.dataUrl, doc.name);
      else download(picture.dataUrl, `${doc.name} - ${t('workspace.tabs.map')}.${kind}`);
    } catch (e) {
      setDrawAll(false);
      showError(e);
    }
  };

  // "Export to Excel" from another tab comes here, where the map can be drawn for the picture.
  const exportRef = useRef(exportImage);
  exportRef.current = exportImage;
  useEffect(() => {
    let timer = 0;
    const run = () => {
      if (takePlanExport(accountId)) timer = window.setTimeout(() => void exportRef.current('xlsx'), 300);
    };
    run();
    window.addEventListener(PLAN_EXPORT_EVENT, run);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener(PLAN_EXPORT_EVENT, run);
    };
  }, [accountId]);

  const searchData = useMemo(
    () =>
      doc.contacts.map((c) => ({
        value: c.id,
        label: `${displayName(c, t('map.placeholder'))}${c.title ? ` · ${c.title}` : ''}${c.department ? ` · ${c.department}` : ''}`,
      })),
    [doc.contacts, t],
  );

  return (
    <Group align="stretch" gap="sm" wrap="nowrap" h="calc(100vh - 190px)" mih={520}>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          <Button size="xs" leftSection={<IconUserPlus size={16} />} onClick={() => add(single ? { reportsToId: single.id } : {})} data-testid="add-contact">
            {single ? t('map.addReport') : t('map.addContact')}
          </Button>
          <Tooltip label={t('map.tidyHint')}>
            <Button size="xs" variant="default" leftSection={<IconLayoutGrid size={16} />} onClick={tidyUp} data-testid="tidy-up">
              {t('map.tidyUp')}
            </Button>
          </Tooltip>
          <Button size="xs" variant="default" leftSection={<IconFocusCentered size={16} />} onClick={() => void rf.fitView({ duration: 200, maxZoom: 1 })} data-testid="fit-view">
            {t('map.fit')}
          </Button>
          <Autocomplete
            size="xs"
            w={220}
            leftSection={<IconSearch size={14} />}
            placeholder={t('map.search')}
            aria-label={t('map.search')}
            data={searchData}
            value={search}
            onChange={setSearch}
            onOptionSubmit={(id) => {
              focusContact(id);
              setSearch('');
            }}
            data-testid="map-search"
            limit={20}
          />
          <Popover width={420} position="bottom" withArrow shadow="md">
            <Popover.Target>
              <ActionIcon variant="default" size="md" aria-label={t('map.keysTitle')} data-testid="keys-help">
                <IconKeyboard size={16} />
              </ActionIcon>
            </Popover.Target>
            <Popover.Dropdown>
              <Text size="sm">{t('map.keysHint')}</Text>
            </Popover.Dropdown>
          </Popover>
          <Switch size="xs" label={t('map.showLeft')} checked={showLeft} onChange={(e) => setShowLeft(e.currentTarget.checked)} />
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<IconDownload size={16} />} data-testid="export-menu" >
                {t('map.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPhoto size={16} />} onClick={() => void exportImage('png')} data-testid="export-png">
                PNG
              </Menu.Item>
              <Menu.Item leftSection={<IconVectorBezier2 size={16} />} onClick={() => void exportImage('svg')} data-testid="export-svg">
                SVG
              </Menu.Item>
              <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportImage('xlsx')} data-testid="export-xlsx">
                {t('excel.excelPlan')}
              </Menu.Item>
              <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => void exportImage('print')} data-testid="print-map">
                {t('map.print')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <Paper withBorder radius="md" style={{ flex: 1, position: 'relative', overflow: 'hidden' }}>
          <Box ref={canvasRef} h="100%" data-testid="buying-centre-map">
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              onNodeDoubleClick={(_e, n) => setEditing(n.id)}
              onPaneClick={() => setEditing(null)}
              colorMode={scheme}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={['Meta', 'Control']}
              fitView
              fitViewOptions={{ maxZoom: 1 }}
              onlyRenderVisibleElements={!drawAll}
              minZoom={0.1}
              maxZoom={2}
              proOptions={{ hideAttribution: true }}
            >
              <Background />
              <MiniMap
                style={{ width: 150, height: 100 }}
                pannable
                zoomable
                nodeColor={(n) => {
                  const role = (n as ContactNode).data.contact.role;
                  return `var(--mantine-color-${role ? ROLE_STYLE[role].color : 'gray'}-5)`;
                }}
              />
              <Controls showInteractive={false} />
            </ReactFlow>
          </Box>
          {doc.contacts.length === 0 && (
            <Stack align="center" justify="center" gap="sm" pos="absolute" inset={0} style={{ pointerEvents: 'none' }} data-testid="map-empty">
              <Text c="dimmed">{t('map.empty')}</Text>
              <Group style={{ pointerEvents: 'auto' }}>
                <Button leftSection={<IconHierarchy2 size={16} />} onClick={startFromTemplate} data-testid="start-template">
                  {t('map.startTemplate')}
                </Button>
                <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={() => add({})} data-testid="start-empty">
                  {t('map.startEmpty')}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      </Stack>
      <Paper withBorder radius="md" w={380} style={{ flexShrink: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs value={panel} onChange={(v) => setPanel(v ?? 'insights')} style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
          <Tabs.List grow>
            <Tabs.Tab value="details" data-testid="panel-tab-details">
              {t('map.details')}
            </Tabs.Tab>
            <Tabs.Tab value="insights" data-testid="panel-tab-insights">
              {t('map.insights')}
              {flags.length > 0 && ` (${flags.length})`}
            </Tabs.Tab>
          </Tabs.List>
          <ScrollArea style={{ flex: 1 }} p="sm">
            <Tabs.Panel value="details">
              {single ? (
                <ContactPanel key={single.id} account={doc} contact={single} onSelect={selectFromPanel} />
              ) : line ? (
                <LinePanel key={line.id} account={doc} line={line} onDone={() => setSelectedEdges([])} />
              ) : (
                <Text size="sm" c="dimmed">
                  {selectedIds.length > 1 ? t('map.manySelected', { count: selectedIds.length }) : t('map.nothingSelected')}
                </Text>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="insights">
              <InsightsPanel
                account={doc}
                flags={flags}
                paths={paths}
                stale={stale}
                staleAfterDays={staleAfterDays}
                onStaleAfterDays={onStaleAfterDays}
                onFocus={focusContact}
                highlightPath={highlightPath}
                onHighlightPath={setHighlightPath}
              />
            </Tabs.Panel>
          </ScrollArea>
        </Tabs>
      </Paper>
    </Group>
  );
}

/** The buying-centre map editor of one account. */
export function MapEditor(props: Props) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}
