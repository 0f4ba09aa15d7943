import { describe, expect, it } from 'vitest';
import { autoLayout, CARD_HEIGHT, CARD_WIDTH } from '../../renderer/src/features/buying-center/layout';
import { boundsOf, fitZoom, reportLayout, stackedLayout, viewportFor, type Point } from '../../renderer/src/features/report/report-layout';

type Person = { id: string; reportsToId: string | null; position: Point | null };
const person = (id: string, reportsToId: string | null = null, position: Point | null = null): Person => ({ id, reportsToId, position });

/** A boss, `managers` managers under them, and `staff` people spread over the managers. */
function org(managers: number, staff: number): Person[] {
  const out = [person('boss')];
  for (let m = 0; m < managers; m++) out.push(person(`m${m}`, 'boss'));
  for (let s = 0; s < staff; s++) out.push(person(`s${s}`, `m${s % managers}`));
  return out;
}

// A4 less the margins, in CSS px; room as on a full report page.
const BOX = { width: (190 * 96) / 25.4, maxHeight: (130 * 96) / 25.4, minHeight: (38 * 96) / 25.4 };

function overlaps(positions: Map<string, Point>): [string, string][] {
  const list = [...positions];
  const out: [string, string][] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, p] = list[i]!;
      const [b, q] = list[j]!;
      if (p.x < q.x + CARD_WIDTH && q.x < p.x + CARD_WIDTH && p.y < q.y + CARD_HEIGHT && q.y < p.y + CARD_HEIGHT) out.push([a, b]);
    }
  return out;
}

describe('the report map layout', () => {
  it('keeps the map’s own layout when it is readable at the page’s width', () => {
    const layout = reportLayout(org(5, 0), BOX);
    expect(layout.kind).toBe('map');
    expect(layout.zoom).toBeGreaterThanOrEqual(0.4);
    expect(layout.lines.size).toBe(0);
    // The box is as high as the picture needs, no more.
    expect(layout.boxHeight).toBeLessThan(BOX.maxHeight);
    expect(layout.boxHeight).toBeGreaterThanOrEqual(BOX.minHeight);
  });

  it('stacks the people without reports under their boss when a wide tree would be too small to read', () => {
    const people = org(4, 12);
    const layout = reportLayout(people, BOX);
    // Side by side, as on the map tab, the cards would be drawn at under a quarter of their size.
    const sideBySide = fitZoom(boundsOf(autoLayout(people)), BOX.width, BOX.maxHeight);
    expect(sideBySide).toBeLessThan(0.25);
    expect(layout.kind).toBe('stacked');
    expect(layout.zoom).toBeGreaterThan(2 * sideBySide);
    expect(layout.positions.size).toBe(people.length);
    expect(overlaps(layout.positions)).toEqual([]);
    expect(layout.boxHeight).toBeLessThanOrEqual(BOX.maxHeight);
    // Everyone with a boss on the map has a line to them.
    expect([...layout.lines.keys()].sort()).toEqual(people.filter((p) => p.reportsToId).map((p) => p.id).sort());
    // Staff sit below their manager, to the right of the trunk.
    for (let s = 0; s < 12; s++) {
      const me = layout.positions.get(`s${s}`)!;
      const boss = layout.positions.get(`m${s % 4}`)!;
      expect(me.y).toBeGreaterThan(boss.y + CARD_HEIGHT);
      expect(me.x).toBeGreaterThan(boss.x);
    }
  });

  it('keeps cards placed by hand where the user put them', () => {
    const people = org(4, 12).map((p, i) => (i === 3 ? { ...p, position: { x: 5000, y: 40 } } : p));
    const layout = reportLayout(people, BOX);
    expect(layout.kind).toBe('map');
    expect(layout.positions.get(people[3]!.id)).toEqual({ x: 5000, y: 40 });
  });

  it('lays out people without any boss in a grid, and survives a reports-to loop', () => {
    const loners = Array.from({ length: 20 }, (_, i) => person(`p${i}`));
    const grid = reportLayout(loners, BOX);
    expect(grid.kind).toBe('stacked');
    expect(overlaps(grid.positions)).toEqual([]);
    expect(grid.lines.size).toBe(0);

    const loop = stackedLayout([person('a', 'b'), person('b', 'a'), person('c', 'a')], 3);
    expect(loop.positions.size).toBe(3);
    expect(overlaps(loop.positions)).toEqual([]);
  });

  it('centres the picture in its box', () => {
    const layout = reportLayout(org(2, 0), BOX);
    const v = viewportFor(layout, BOX.width, layout.boxHeight);
    const left = layout.bounds.x * v.zoom + v.x;
    const right = BOX.width - ((layout.bounds.x + layout.bounds.width) * v.zoom + v.x);
    expect(Math.abs(left - right)).toBeLessThan(0.01);
    const top = layout.bounds.y * v.zoom + v.y;
    const bottom = layout.boxHeight - ((layout.bounds.y + layout.bounds.height) * v.zoom + v.y);
    expect(Math.abs(top - bottom)).toBeLessThan(0.01);
  });
});
