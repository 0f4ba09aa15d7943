import { describe, expect, it } from 'vitest';
import { seatHistory } from '@shared/buying-centre/successor';
import { makeContact } from '../../../helpers/factories';

describe('seatHistory', () => {
  const first = makeContact({ id: 'a', name: '王一', title: '财务部部长', leftOn: '2021-06-30' });
  const second = makeContact({ id: 'b', name: '李二', title: '财务部部长', leftOn: '2023-03-31', successorOfId: 'a' });
  const current = makeContact({ id: 'c', name: '刘部长', title: '财务部部长', successorOfId: 'b' });
  const contacts = [current, first, second];

  it('lists the earlier holders of the seat, oldest first, with when they left', () => {
    expect(seatHistory(contacts, 'c')).toEqual([
      { contactId: 'a', name: '王一', title: '财务部部长', leftOn: '2021-06-30' },
      { contactId: 'b', name: '李二', title: '财务部部长', leftOn: '2023-03-31' },
    ]);
  });

  it('starts from any point in the chain and never includes the contact itself', () => {
    expect(seatHistory(contacts, 'b').map((p) => p.contactId)).toEqual(['a']);
    expect(seatHistory(contacts, 'a')).toEqual([]);
  });

  it('is empty for a contact nobody preceded, and for an unknown id', () => {
    expect(seatHistory([makeContact({ id: 'x' })], 'x')).toEqual([]);
    expect(seatHistory(contacts, 'nobody')).toEqual([]);
  });

  it('stops at a predecessor no longer on file', () => {
    const orphan = makeContact({ id: 'o', successorOfId: 'deleted', leftOn: '2022-01-01' });
    const now = makeContact({ id: 'n', successorOfId: 'o' });
    expect(seatHistory([orphan, now], 'n').map((p) => p.contactId)).toEqual(['o']);
  });

  it('ends on a loop in bad data', () => {
    const x = makeContact({ id: 'x', successorOfId: 'y' });
    const y = makeContact({ id: 'y', successorOfId: 'x', leftOn: '2022-01-01' });
    expect(seatHistory([x, y], 'x').map((p) => p.contactId)).toEqual(['y']);
    const self = makeContact({ id: 's', successorOfId: 's' });
    expect(seatHistory([self], 's')).toEqual([]);
  });

  it('shows a predecessor never marked as left with a null date', () => {
    const before = makeContact({ id: 'p' });
    const after = makeContact({ id: 'q', successorOfId: 'p' });
    expect(seatHistory([before, after], 'q')).toEqual([{ contactId: 'p', name: before.name, title: '', leftOn: null }]);
  });
});
