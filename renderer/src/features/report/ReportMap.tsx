import { BaseEdge, ReactFlow, ReactFlowProvider, type Edge, type EdgeProps } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@shared/model/account';
import type { ContactNode } from '../buying-center/ContactCard';
// The editor's own cards and line look, so the picture looks like the map.
import { CARD_HANDLES, CARD_SIZE, INFLUENCE_EDGE_LOOK, nodeTypes } from '../buying-center/flow-style';
import { CARD_HEIGHT, CARD_WIDTH, treeKey } from '../buying-center/layout';
import { reportLayout, viewportFor } from './report-layout';

/**
 * The picture's width on paper and on screen alike (A4 less the page margins), so that the view
 * drawn on screen is the one printed: printing lays the page out again without running scripts.
 */
export const MAP_WIDTH_MM = 190;
/** The least room the picture gets, whatever else is on the page (the sheet shrinks instead). */
export const MIN_ROOM_MM = 60;
const MIN_HEIGHT_MM = 38;
const PX_PER_MM = 96 / 25.4;

type LineEdge = Edge<{ path: string }, 'line'>;

/** A reports-to line of the stacked layout, drawn along the path worked out with the layout. */
function LineEdgeView({ data, style }: EdgeProps<LineEdge>) {
  return <BaseEdge path={data?.path ?? ''} style={style} />;
}
const edgeTypes = { line: LineEdgeView };
const noop = () => undefined;

interface Props {
  account: Account;
  /** Contacts whose judgements are due for review (the clock marker on their card). */
  staleIds: ReadonlySet<string>;
  /** How high the picture may be: the room the rest of the page leaves, in mm. */
  roomMm: number;
}

/**
 * The account's buying-centre map as a still picture for the report: the editor's cards and
 * lines, as large as the room on the page allows, with nothing to click, drag or zoom.
 */
export function ReportMap({ account, staleIds, roomMm }: Props) {
  const { t } = useTranslation();
  const visible = useMemo(() => account.contacts.filter((c) => !c.leftOn), [account.contacts]);
  const key = treeKey(visible);
  const placedKey = visible.map((c) => (c.position ? `${c.position.x},${c.position.y}` : '')).join(';');
  const width = MAP_WIDTH_MM * PX_PER_MM;
  const maxHeight = Math.max(MIN_ROOM_MM, roomMm) * PX_PER_MM;
  const layout = useMemo(
    () => reportLayout(visible, { width, maxHeight, minHeight: MIN_HEIGHT_MM * PX_PER_MM }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the keys stand for `visible`: lay out again only when the tree or a placed position changes
    [key, placedKey, width, maxHeight],
  );

  const nodes = useMemo<ContactNode[]>(
    () =>
      visible.map((c) => ({
        id: c.id,
        type: 'contact',
        position: layout.positions.get(c.id) ?? { x: 0, y: 0 },
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
    [visible, layout, account.id, staleIds],
  );

  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(visible.map((c) => c.id));
    return [
      ...visible
        .filter((c) => c.reportsToId && ids.has(c.reportsToId))
        .map<Edge>((c) => {
          const path = layout.lines.get(c.id);
          const common = { id: `reports-${c.id}`, source: c.reportsToId as string, target: c.id, selectable: false, focusable: false, style: { strokeWidth: 2 } };
          return path ? ({ ...common, type: 'line', data: { path } } satisfies LineEdge) : { ...common, type: 'smoothstep' };
        }),
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
  }, [visible, layout, account.influenceLines]);

  const heightPx = nodes.length === 0 ? MIN_HEIGHT_MM * PX_PER_MM : layout.boxHeight;
  // Worked out here rather than by React Flow's fitting, so the box can take its height from it.
  const viewport = useMemo(() => viewportFor(layout, width, heightPx), [layout, width, heightPx]);
  const heightMm = Math.floor((heightPx / PX_PER_MM) * 10) / 10;

  return (
    <div
      className="ap-report-map"
      style={{ width: `${MAP_WIDTH_MM}mm`, height: `${heightMm}mm` }}
      data-testid="report-map"
      data-layout={nodes.length === 0 ? undefined : layout.kind}
      data-zoom={nodes.length === 0 ? undefined : Math.round(layout.zoom * 1000) / 1000}
    >
      {nodes.length === 0 ? (
        <div className="ap-report-map-empty">{t('report.map.empty')}</div>
      ) : (
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            colorMode="light"
            viewport={viewport}
            onViewportChange={noop}
            minZoom={0.01}
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
          />
        </ReactFlowProvider>
      )}
    </div>
  );
}
