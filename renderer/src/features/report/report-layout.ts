import type { Contact } from '@shared/model/contact';
import { autoLayout, CARD_HEIGHT, CARD_WIDTH, parents, ROOT } from '../buying-center/layout';

/**
 * Where the report's picture of the buying centre puts the cards. Paper is 190 mm wide, so a
 * wide org chart (a boss with a dozen reports) shrinks until nobody can read it. When the map's
 * own layout would be that small, and nobody has been placed by hand, the people without reports
 * of their own are stacked in columns under their boss instead (an org chart's "stacked" form),
 * which trades width the page lacks for height it has.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ReportLayout {
  /** `map`: the editor's own positions; `stacked`: reports without reports stacked in columns. */
  kind: 'map' | 'stacked';
  /** Top-left corner of each card, in flow units. */
  positions: Map<string, Point>;
  /**
   * Stacked layout only: the reports-to line to each contact that has a boss on the map, as an
   * SVG path in flow units (down from the boss, along a trunk, into the card's side).
   */
  lines: Map<string, string>;
  /** The cards' extent, in flow units. */
  bounds: Bounds;
  /** The scale the picture is drawn at (at most 1). */
  zoom: number;
  /** The box the picture needs at that scale, in CSS pixels (never more than the room given). */
  boxHeight: number;
}

type TreeContact = Pick<Contact, 'id' | 'reportsToId' | 'position'>;

const W = CARD_WIDTH;
const H = CARD_HEIGHT;
// Tighter than the editor's spacing: on paper every millimetre goes to the cards.
const GAP_X = 28;
const GAP_Y = 56;
/** Room left of a stacked column for its trunk line. */
const INDENT = 24;
/** From a boss's bottom edge to the first stacked card. */
const STACK_TOP = 32;
const ROW_GAP = 12;
/** Margin around the cards inside the box, in CSS pixels. */
export const MARGIN_PX = 8;
/** Below this scale the map's own layout counts as hard to read (names under about 10 px). */
const READABLE_ZOOM = 0.4;
/** A stacked layout must be this much bigger to be worth departing from the map's own. */
const BETTER_BY = 1.15;
const MAX_ROWS = 12;

export function boundsOf(positions: ReadonlyMap<string, Point>): Bounds {
  if (positions.size === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + W);
    maxY = Math.max(maxY, p.y + H);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The stacked org chart: each boss's reports without reports in columns of at most `rows` cards. */
export function stackedLayout(contacts: readonly TreeContact[], rows: number): { positions: Map<string, Point>; lines: Map<string, string> } {
  const parentOf = parents(contacts);
  const children = new Map<string, string[]>();
  for (const c of contacts) {
    const p = parentOf.get(c.id) ?? ROOT;
    const list = children.get(p);
    if (list) list.push(c.id);
    else children.set(p, [c.id]);
  }
  const hasReports = (id: string) => (children.get(id)?.length ?? 0) > 0;
  const positions = new Map<string, Point>();
  const lines = new Map<string, string>();

  /** Lays out `id`'s subtree with its left edge at x0 and the card's top at y; returns its width. */
  const place = (id: string, x0: number, y: number): number => {
    const isRoot = id === ROOT;
    const kids = children.get(id) ?? [];
    const leaves = kids.filter((k) => !hasReports(k));
    const stack = leaves.length >= 2;
    const branches = stack ? kids.filter(hasReports) : kids;
    const indent = isRoot ? 0 : INDENT;
    const columnWidth = indent + W;
    let cols = 0;
    let cursor = x0;
    if (stack) {
      cols = Math.ceil(leaves.length / rows);
      const top = isRoot ? 0 : y + H + STACK_TOP;
      leaves.forEach((k, i) => {
        const col = Math.floor(i / rows);
        positions.set(k, { x: x0 + col * (columnWidth + GAP_X) + indent, y: top + (i % rows) * (H + ROW_GAP) });
      });
      cursor = x0 + cols * columnWidth + (cols - 1) * GAP_X + GAP_X;
    }
    const branchY = isRoot ? 0 : y + H + GAP_Y;
    for (const k of branches) cursor += place(k, cursor, branchY) + GAP_X;
    const used = kids.length > 0 ? cursor - GAP_X - x0 : 0;
    if (isRoot) return used;

    const width = Math.max(W, used);
    // A boss over one stacked column stands at its left, the trunk running down under the card.
    const px = stack && cols === 1 && branches.length === 0 ? x0 : x0 + (width - W) / 2;
    positions.set(id, { x: px, y });
    const bottom = y + H;
    const centre = px + W / 2;
    const bus = bottom + STACK_TOP / 2;
    if (stack) {
      leaves.forEach((k, i) => {
        const p = positions.get(k) as Point;
        const trunk = x0 + Math.floor(i / rows) * (columnWidth + GAP_X) + INDENT / 2;
        const mid = p.y + H / 2;
        lines.set(k, trunk >= px + 12 && trunk <= px + W - 12 ? `M ${trunk} ${bottom} V ${mid} H ${p.x}` : `M ${centre} ${bottom} V ${bus} H ${trunk} V ${mid} H ${p.x}`);
      });
    }
    for (const k of branches) {
      const p = positions.get(k) as Point;
      const kc = p.x + W / 2;
      lines.set(k, kc === centre ? `M ${centre} ${bottom} V ${p.y}` : `M ${centre} ${bottom} V ${bus} H ${kc} V ${p.y}`);
    }
    return width;
  };
  place(ROOT, 0, 0);
  return { positions, lines };
}

/** The scale at which `bounds` fits a box `width` wide and at most `maxHeight` high (both CSS px). */
export function fitZoom(bounds: Bounds, width: number, maxHeight: number): number {
  if (bounds.width <= 0 || bounds.height <= 0) return 1;
  return Math.min(1, (width - 2 * MARGIN_PX) / bounds.width, (maxHeight - 2 * MARGIN_PX) / bounds.height);
}

/**
 * The layout of the report's picture for a box `width` wide with at most `maxHeight` of room
 * (CSS px), and the height the box then needs (at least `minHeight`).
 */
export function reportLayout(contacts: readonly TreeContact[], box: { width: number; maxHeight: number; minHeight: number }): ReportLayout {
  const finish = (kind: ReportLayout['kind'], positions: Map<string, Point>, lines: Map<string, string>): ReportLayout => {
    const bounds = boundsOf(positions);
    const zoom = fitZoom(bounds, box.width, box.maxHeight);
    const boxHeight = Math.min(box.maxHeight, Math.max(box.minHeight, Math.ceil(bounds.height * zoom + 2 * MARGIN_PX)));
    return { kind, positions, lines, bounds, zoom, boxHeight };
  };

  const auto = autoLayout(contacts);
  const own = finish('map', new Map(contacts.map((c) => [c.id, c.position ?? auto.get(c.id) ?? { x: 0, y: 0 }])), new Map());
  // Cards placed by hand are the user's picture: keep it.
  if (own.zoom >= READABLE_ZOOM || contacts.some((c) => c.position)) return own;

  let best: ReportLayout | null = null;
  for (let rows = 1; rows <= MAX_ROWS; rows++) {
    const { positions, lines } = stackedLayout(contacts, rows);
    const candidate = finish('stacked', positions, lines);
    if (!best || candidate.zoom > best.zoom + 1e-6 || (Math.abs(candidate.zoom - best.zoom) <= 1e-6 && candidate.boxHeight < best.boxHeight)) best = candidate;
  }
  return best && best.zoom > own.zoom * BETTER_BY ? best : own;
}

/** The viewport that centres the layout's cards in a box of the given size (CSS px). */
export function viewportFor(layout: Pick<ReportLayout, 'bounds' | 'zoom'>, width: number, height: number): { x: number; y: number; zoom: number } {
  const { bounds: b, zoom } = layout;
  return { x: (width - b.width * zoom) / 2 - b.x * zoom, y: (height - b.height * zoom) / 2 - b.y * zoom, zoom };
}
