import { describe, expect, it } from 'vitest';
import type { Account } from '@shared/model/account';
import { divisionRollUp, divisionTree } from '@shared/portfolio/divisions';
import type { Figures } from '@shared/portfolio/types';
import { makeAccount, makeDeal } from '../../../helpers/factories';
import { division, order } from './records';

const TODAY = '2024-05-15';
const fig = (purchases12: number, openPipeline = 0, weightedPipeline = 0, openDeals = 0, wonDeals = 0): Figures => ({
  purchases12,
  openPipeline,
  weightedPipeline,
  openDeals,
  wonDeals,
});

/**
 * Hemei Group: Feed (Feed North (North Mill), Feed South), Premix, and Trading whose parent is
 * gone. Listed out of tree order on purpose.
 */
function group(): Account {
  return makeAccount({
    name: 'Hemei Group',
    divisions: [
      division('north', 'Feed North', 'feed'),
      division('feed', 'Feed'),
      division('premix', 'Premix'),
      division('mill', 'North Mill', 'north'),
      division('south', 'Feed South', 'feed'),
      division('trading', 'Trading', 'sold-off'),
    ],
    orders: [
      order('2024-05-01', 10),
      order('2024-04-01', 20, { divisionId: 'feed' }),
      order('2024-03-01', 40, { divisionId: 'north' }),
      order('2023-06-01', 80, { divisionId: 'mill' }),
      order('2023-05-15', 5000, { divisionId: 'mill' }), // before the window: (2023-05-15, 2024-05-15]
      order('2024-05-16', 5000, { divisionId: 'mill' }), // after today
      order('2024-02-01', 160, { divisionId: 'south' }),
      order('2024-01-01', 320, { divisionId: 'premix' }),
      order('2024-01-01', 640, { divisionId: 'trading' }),
      order('2024-01-01', 1280, { divisionId: 'ghost' }), // a division that does not exist: the group's own
    ],
    deals: [
      makeDeal({ stage: 'discover', value: 100 }), // group, 10 %
      makeDeal({ stage: 'investigate', value: 200, probability: 10, divisionId: 'north' }),
      makeDeal({ stage: 'prove', value: 1000, divisionId: 'mill' }), // 50 %
      makeDeal({ stage: 'won', value: 7000, divisionId: 'feed' }),
      makeDeal({ stage: 'won', value: 7000, divisionId: 'mill' }),
      makeDeal({ stage: 'lost', value: 9000, divisionId: 'premix' }),
    ],
  });
}

describe('divisionTree', () => {
  it('walks depth-first, children in list order, orphans as roots', () => {
    expect(divisionTree(group().divisions).map((n) => [n.division.id, n.parentId, n.depth])).toEqual([
      ['feed', null, 1],
      ['north', 'feed', 2],
      ['mill', 'north', 3],
      ['south', 'feed', 2],
      ['premix', null, 1],
      ['trading', null, 1],
    ]);
  });

  it('still lists every division when parents form a loop', () => {
    const looped = [division('a', 'A', 'b'), division('b', 'B', 'a'), division('self', 'Self', 'self')];
    expect(divisionTree(looped).map((n) => [n.division.id, n.depth])).toEqual([
      ['self', 1],
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('divisionRollUp', () => {
  it('lists the group then the divisions in tree order', () => {
    expect(divisionRollUp(group(), TODAY).map((r) => [r.divisionId, r.name, r.parentId, r.depth])).toEqual([
      [null, 'Hemei Group', null, 0],
      ['feed', 'Feed', null, 1],
      ['north', 'Feed North', 'feed', 2],
      ['mill', 'North Mill', 'north', 3],
      ['south', 'Feed South', 'feed', 2],
      ['premix', 'Premix', null, 1],
      ['trading', 'Trading', null, 1],
    ]);
  });

  it('counts each division’s own orders and deals, and rolls them up the tree', () => {
    const rows = new Map(divisionRollUp(group(), TODAY).map((r) => [r.divisionId, r]));
    expect(rows.get('mill')?.own).toEqual(fig(80, 1000, 500, 1, 1));
    expect(rows.get('mill')?.total).toEqual(fig(80, 1000, 500, 1, 1));
    expect(rows.get('north')?.own).toEqual(fig(40, 200, 20, 1));
    expect(rows.get('north')?.total).toEqual(fig(120, 1200, 520, 2, 1));
    expect(rows.get('south')?.total).toEqual(fig(160));
    expect(rows.get('feed')?.own).toEqual(fig(20, 0, 0, 0, 1));
    expect(rows.get('feed')?.total).toEqual(fig(300, 1200, 520, 2, 2));
    expect(rows.get('premix')?.total).toEqual(fig(320));
    expect(rows.get('trading')?.total).toEqual(fig(640));
    expect(rows.get(null)?.own).toEqual(fig(10 + 1280, 100, 10, 1));
    expect(rows.get(null)?.total).toEqual(fig(2550, 1300, 530, 3, 2));
  });

  it('has just the group row without divisions, with everything in it', () => {
    const a = makeAccount({ name: 'Solo', orders: [order('2024-05-01', 7)], deals: [makeDeal({ stage: 'commit', value: 100 })] });
    expect(divisionRollUp(a, TODAY)).toEqual([
      { divisionId: null, name: 'Solo', parentId: null, depth: 0, own: fig(7, 100, 75, 1), total: fig(7, 100, 75, 1) },
    ]);
  });
});
