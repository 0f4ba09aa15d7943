import { ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { ContactNode } from '../buying-center/ContactCard';
// The editor's own cards and line look, so the picture looks like the map.
import { CARD_HANDLES, CARD_SIZE, INFLUENCE_EDGE_LOOK, nodeTypes } from '../buying-center/flow-style';
import { autoLayout, CARD_HEIGHT, CARD_WIDTH, treeKey } from '../buying-center/layout';

/** Room around the cards, in flow units. */
const PADDING = 24;

/**
 * The picture's width on paper and on screen alike (A4 less the page margins), so that the view
 * fitted on screen is the one printed: printing lays the page out again without running scripts.
 */
export const MAP_WIDTH_MM = 190;
const MIN_HEIGHT_MM = 38;
const MAX_HEIGHT_MM = 92;

interface Props {
  account: Account;
  /** Contacts whose judgements are due for review (the clock marker on their card). */
  staleIds: ReadonlySet<string>;
}

/** Fits the view again when the set of cards changes (the first fit is React Flow's own). */
function Refit({ fitKey }: { fitKey: string }) {
  const rf = useReactFlow();
  useEffect(() => {
    void rf.fitView({ padding: 0.04, maxZoom: 1 });
  }, [fitKey, rf]);
  return null;
}

/**
 * The account's buying-centre map as a still picture for the report: the editor's cards and
 * lines, fitted into a box of fixed size, with nothing to click, drag or zoom.
 */
export function ReportMap({ account, staleIds }: Props) {
  const { t } = useTranslation();
  const visible = useMemo(() => account.contacts.filter((c) => !c.leftOn), [account.contacts]);
  const key = treeKey(visible);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const auto = useMemo(() => autoLayout(visible), [key]);

  const nodes = useMemo<ContactNode[]>(
    () =>
      visible.map((c) => ({
        id: c.id,
        type: 'contact',
        position: c.position ?? auto.get(c.id) ?? { x: 0, y: 0 },
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        measured: CARD_SIZE,
        handles: CARD_HANDLES,
        draggable: false,
        selectable: false,
        connectable: false,
        focusable: false,
        data: { contact: c, accountId: account.id, stale: staleIds.has(c.id), onPath: false },
      })),
    [visible, auto, account.id, staleIds],
  );

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
          focusable: false,
          style: { strokeWidth: 2 },
        })),
      ...account.influenceLines
        .filter((l) => ids.has(l.fromId) && ids.has(l.toId))
        .map<Edge>((l) => ({
          id: l.id,
          source: l.fromId,
          target: l.toId,
          label: l.label,
          selectable: false,
          focusable: false,
          ...INFLUENCE_EDGE_LOOK,
        })),
    ];
  }, [visible, account.influenceLines]);

  // The box takes the shape of the map (within limits), so a wide, flat tree wastes no paper.
  const heightMm = useMemo(() => {
    if (nodes.length === 0) return MIN_HEIGHT_MM;
    const xs = nodes.map((n) => n.position.x);
    const ys = nodes.map((n) => n.position.y);
    const w = Math.max(...xs) - Math.min(...xs) + CARD_WIDTH + 2 * PADDING;
    const h = Math.max(...ys) - Math.min(...ys) + CARD_HEIGHT + 2 * PADDING;
    return Math.round(Math.min(MAX_HEIGHT_MM, Math.max(MIN_HEIGHT_MM, (MAP_WIDTH_MM * h) / w)));
  }, [nodes]);

  const fitKey = `${key}|${nodes.map((n) => `${n.position.x},${n.position.y}`).join(';')}`;

  return (
    <div className="ap-report-map" style={{ width: `${MAP_WIDTH_MM}mm`, height: `${heightMm}mm` }} data-testid="report-map">
      {nodes.length === 0 ? (
        <div className="ap-report-map-empty">{t('report.map.empty')}</div>
      ) : (
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            colorMode="light"
            fitView
            fitViewOptions={{ padding: 0.04, maxZoom: 1 }}
            minZoom={0.05}
            maxZoom={1}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            panOnDrag={false}
            panOnScroll={false}
            zoomOnScroll={false}
            zoomOnPinch={false}
            zoomOnDoubleClick={false}
            preventScrolling={false}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            panActivationKeyCode={null}
            zoomActivationKeyCode={null}
            proOptions={{ hideAttribution: true }}
          >
            <Refit fitKey={fitKey} />
          </ReactFlow>
        </ReactFlowProvider>
      )}
    </div>
  );
}
