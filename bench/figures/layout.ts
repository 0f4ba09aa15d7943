import { stratify, tree } from 'd3-hierarchy';
import { autoLayout, CARD_HEIGHT, CARD_WIDTH } from '../../renderer/src/features/buying-center/layout';
import type { Contact } from '@shared/model/contact';
import { figure, type Figure } from '../lib/report';
import { timePair } from '../lib/measure';

/** d3's tidy tree on the same rows, without the app's loop and missing-boss checks. */
function plainTree(contacts: readonly Pick<Contact, 'id' | 'reportsToId'>[]): number {
  const rows = [{ id: '\u0000root', parent: null as string | null }, ...contacts.map((c) => ({ id: c.id, parent: c.reportsToId ?? '\u0000root' }))];
  const root = stratify<{ id: string; parent: string | null }>()
    .id((d) => d.id)
    .parentId((d) => d.parent)(rows);
  tree<{ id: string; parent: string | null }>().nodeSize([CARD_WIDTH + 36, CARD_HEIGHT + 80])(root);
  return root.descendants().length;
}

/** Figure 5: the map's automatic layout of 1,000 contacts. */
export async function layoutFigure(contacts: readonly Contact[], runs: number): Promise<Figure> {
  const result = await timePair({
    runs,
    warmup: 3,
    app: () => autoLayout(contacts),
    baseline: () => plainTree(contacts),
  });
  return figure(
    {
      id: '5',
      name: `Auto-layout, ${contacts.length} contacts`,
      unit: 'ms',
      target: '< 150 ms',
      measures: 'autoLayout (loop check + d3 stratify + tidy tree) vs d3 stratify + tidy tree alone',
    },
    result.app,
    result.baseline,
    (app) => app < 150,
  );
}
