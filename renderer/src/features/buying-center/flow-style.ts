import { MarkerType, Position, type Edge, type NodeHandle } from '@xyflow/react';
import { ContactCard } from './ContactCard';
import { CARD_HEIGHT, CARD_WIDTH } from './layout';

/** The map's one node type: the contact card. Shared by the editor and the report's picture. */
export const nodeTypes = { contact: ContactCard };

/** Cards have a fixed size, given up front so React Flow never has to measure them. */
export const CARD_SIZE = { width: CARD_WIDTH, height: CARD_HEIGHT };
const HANDLE = 12;
/** Reports-to lines leave a card at the bottom and arrive at the top. */
export const CARD_HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Top, x: CARD_WIDTH / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE },
  { type: 'source', position: Position.Bottom, x: CARD_WIDTH / 2 - HANDLE / 2, y: CARD_HEIGHT - HANDLE / 2, width: HANDLE, height: HANDLE },
];

const INFLUENCE_COLOR = 'var(--mantine-color-orange-6)';
/** How an informal influence line looks: a dashed orange arrow with its label. */
export const INFLUENCE_EDGE_LOOK: Pick<Edge, 'style' | 'labelStyle' | 'labelBgPadding' | 'markerEnd'> = {
  style: { strokeDasharray: '8 5', stroke: INFLUENCE_COLOR, strokeWidth: 2 },
  labelStyle: { fontSize: 14, fontWeight: 600 },
  labelBgPadding: [6, 3],
  markerEnd: { type: MarkerType.ArrowClosed, color: INFLUENCE_COLOR, width: 18, height: 18 },
};
