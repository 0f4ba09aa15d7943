import { describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import { whitespaceGrid } from '@shared/portfolio/whitespace';
import { makeAccount, makeDeal } from '../../../helpers/factories';
import { division, mark, order } from './records';

const TODAY = '2024-05-15';
const LINES = [
  { id: 'pA', name: 'Premix' },
  { id: 'pB', name: 'Enzymes' },
  { id: 'pC', name: 'Vitamins' },
];

function account(): Account {
  return makeAccount({
    name: 'Hemei Group',
    divisions: [division('feed', 'Feed'), division('north', 'Feed North', 'feed'), division('premix', 'Premix')],
    orders: [
      order('2024-04-01', 50, { divisionId: 'feed', productLineId: 'pA' }),
      order('2024-04-02', 25, { divisionId: 'feed', productLineId: 'pA' }),
      order('2023-01-01', 999, { productLineId: 'pA' }), // too old to count
      order('2024-04-01', 0, { divisionId: 'premix', productLineId: 'pB' }), // nothing sold
      order('2024-04-01', 70, { divisionId: 'ghost', productLineId: 'pC' }), // unknown division: the group
      order('2024-04-01', 500, { divisionId: 'north' }), // no product line: no cell
      order('2024-04-01', 500, { divisionId: 'north', productLineId: 'retired' }), // not a column
    ],
    deals: [
      makeDeal({ id: 'd-sold', stage: 'prove', divisionId: 'feed', productLineId: 'pA' }),
      makeDeal({ id: 'd-open', stage: 'discover', divisionId: 'feed', productLineId: 'pB' }),
      makeDeal({ id: 'd-open2', stage: 'commit', divisionId: 'feed', productLineId: 'pB' }),
      makeDeal({ id: 'd-won', stage: 'won', productLineId: 'pA' }),
      makeDeal({ id: 'd-lost', stage: 'lost', divisionId: 'north', productLineId: 'pA' }),
    ],
    whitespaceMarks: [
      mark('feed', 'pA', 'DSM', 'm-sold'),
      mark('feed', 'pB', 'Cargill', 'm-open'),
      mark('feed', 'pC', 'Nutreco', 'm-comp'),
      mark('north', 'pA', '', 'm-blank'),
    ],
  });
}

describe('whitespaceGrid', () => {
  it('has the group and its divisions in tree order as rows, our product lines as columns', () => {
    const g = whitespaceGrid(account(), LINES, TODAY);
    expect(g.rows).toEqual([
      { divisionId: null, name: 'Hemei Group', depth: 0 },
      { divisionId: 'feed', name: 'Feed', depth: 1 },
      { divisionId: 'north', name: 'Feed North', depth: 2 },
      { divisionId: 'premix', name: 'Premix', depth: 1 },
    ]);
    expect(g.productLines).toEqual(LINES);
    expect(g.cells.map((row) => row.map((c) => `${c.divisionId}/${c.productLineId}`))).toEqual([
      ['null/pA', 'null/pB', 'null/pC'],
      ['feed/pA', 'feed/pB', 'feed/pC'],
      ['north/pA', 'north/pB', 'north/pC'],
      ['premix/pA', 'premix/pB', 'premix/pC'],
    ]);
  });

  it('marks sold over open deal over competitor over whitespace, and names the competitor whatever the status', () => {
    const g = whitespaceGrid(account(), LINES, TODAY);
    const [group, feed, north, premix] = g.cells;
    expect(feed?.[0]).toEqual({
      divisionId: 'feed',
      productLineId: 'pA',
      status: 'sold',
      revenue: 75,
      dealIds: ['d-sold'],
      competitor: 'DSM',
      markId: 'm-sold',
    });
    expect(feed?.[1]).toEqual({
      divisionId: 'feed',
      productLineId: 'pB',
      status: 'openDeal',
      revenue: 0,
      dealIds: ['d-open', 'd-open2'],
      competitor: 'Cargill',
      markId: 'm-open',
    });
    expect(feed?.[2]).toMatchObject({ status: 'competitor', competitor: 'Nutreco', markId: 'm-comp', dealIds: [], revenue: 0 });
    // A won deal and an old order leave the cell open; a lost deal is no open deal.
    expect(group?.[0]).toMatchObject({ status: 'whitespace', revenue: 0, dealIds: [], competitor: null, markId: null });
    expect(north?.[0]).toMatchObject({ status: 'competitor', competitor: '', markId: 'm-blank', dealIds: [] });
    // An order of nothing is not a sale.
    expect(premix?.[1]).toMatchObject({ status: 'whitespace', revenue: 0 });
    // An order naming a division that is gone counts for the group.
    expect(group?.[2]).toMatchObject({ status: 'sold', revenue: 70 });
    // Orders with no product line, or one that is not a column, land in no cell.
    expect(north?.every((c) => c.revenue === 0)).toBe(true);
  });

  it('has rows but no cells without product lines', () => {
    const g = whitespaceGrid(account(), [], TODAY);
    expect(g.rows).toHaveLength(4);
    expect(g.cells).toEqual([[], [], [], []]);
  });
});
