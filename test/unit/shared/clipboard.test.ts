import { beforeEach, describe, expect, it } from 'vitest';
import { pasteCommand } from '@shared/commands/clipboard';
import { planCommandSchema, performPlanCommand, type PlanCommand } from '@shared/commands/plan-commands';
import type { Account } from '@shared/model/account';
import { influenceLineSchema, type Contact, type InfluenceLine } from '@shared/model/contact';
import { FIXED_NOW, makeAccount, makeContact, resetIds, type ContactInput } from '../../helpers/factories';

const NOW = '2024-06-03T10:00:00.000Z';
const LATER = '2024-06-04T11:00:00.000Z';

beforeEach(() => resetIds());

const person = (id: string, reportsToId: string | null, extra: Partial<ContactInput> = {}): Contact =>
  makeContact({ id, name: id, reportsToId, ...extra });

const line = (id: string, fromId: string, toId: string, label: string): InfluenceLine =>
  influenceLineSchema.parse({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW, fromId, toId, label });

/**
 *   gm ─┬─ pm ──┬─ buyer
 *       │       └─ clerk
 *       └─ tech
 * buyer took over the seat of oldBuyer (left, under pm).
 */
function source(): Account {
  return makeAccount({
    id: 'hemei',
    contacts: [
      person('gm', null, { position: { x: 0, y: 0 } }),
      person('pm', 'gm', { role: 'executor', attitude: 'supporter', stars: 4, position: { x: 100, y: 150 } }),
      person('buyer', 'pm', { successorOfId: 'oldBuyer', position: { x: 60, y: 300 }, notes: 'Prefers WeChat' }),
      person('clerk', 'pm', { position: null }),
      person('oldBuyer', 'pm', { leftOn: '2023-10-01' }),
      person('tech', 'gm'),
    ],
    influenceLines: [
      line('l-inside', 'buyer', 'clerk', 'trusts'),
      line('l-inside-2', 'clerk', 'pm', 'gossips to'),
      line('l-out', 'buyer', 'gm', 'fears'),
      line('l-in', 'tech', 'pm', 'rival'),
      line('l-elsewhere', 'tech', 'gm', 'advises'),
    ],
  });
}

/** What the map editor copies: the selected contacts and the lines among them. */
function copy(account: Account, ids: readonly string[]) {
  const picked = new Set(ids);
  return {
    contacts: account.contacts.filter((c) => picked.has(c.id)),
    // More than the editor copies, on purpose: pasting must drop lines that leave the group.
    lines: account.influenceLines,
  };
}

function idSource(prefix = 'new') {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

function paste(copied: ReturnType<typeof copy>, target: Account, offset?: { x: number; y: number }) {
  const made = pasteCommand(copied, target, idSource(), NOW, offset);
  if (!made) throw new Error('pasteCommand made nothing');
  return made;
}

function commandsOf(cmd: PlanCommand): PlanCommand[] {
  if (cmd.type !== 'batch') throw new Error(`Expected a batch, got ${cmd.type}`);
  return cmd.commands;
}

function pastedContacts(cmd: PlanCommand): Contact[] {
  const add = commandsOf(cmd).find((c) => c.type === 'addContacts');
  return add?.type === 'addContacts' ? add.contacts : [];
}

function pastedLines(cmd: PlanCommand): InfluenceLine[] {
  const add = commandsOf(cmd).find((c) => c.type === 'addLines');
  return add?.type === 'addLines' ? add.lines : [];
}

/** The pasted copy of the contact with original id `id` (pasted contacts keep their names). */
function copyOf(cmd: PlanCommand, id: string): Contact {
  const c = pastedContacts(cmd).find((x) => x.name === id);
  if (!c) throw new Error(`${id} was not pasted`);
  return c;
}

describe('pasteCommand', () => {
  it('gives pasted contacts fresh ids, returned in order, and stamps them with the paste time', () => {
    const from = source();
    const { command, ids } = paste(copy(from, ['pm', 'buyer', 'clerk']), from);
    const contacts = pastedContacts(command);
    expect(contacts.map((c) => c.name)).toEqual(['pm', 'buyer', 'clerk']);
    expect(ids).toEqual(contacts.map((c) => c.id));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(from.contacts.map((c) => c.id)).not.toContain(id);
    for (const c of contacts) expect(c).toMatchObject({ createdAt: NOW, updatedAt: NOW });
    // Everything a user filled in comes along.
    expect(copyOf(command, 'pm')).toMatchObject({ role: 'executor', attitude: 'supporter', stars: 4 });
    expect(copyOf(command, 'buyer').notes).toBe('Prefers WeChat');
  });

  it('remaps reports-to inside the copied group to the new ids', () => {
    const from = source();
    const { command } = paste(copy(from, ['pm', 'buyer', 'clerk']), from);
    const pm = copyOf(command, 'pm');
    expect(copyOf(command, 'buyer').reportsToId).toBe(pm.id);
    expect(copyOf(command, 'clerk').reportsToId).toBe(pm.id);
  });

  it('keeps a boss outside the group when the target account has it (paste in the same account)', () => {
    const from = source();
    const { command } = paste(copy(from, ['pm', 'buyer']), from);
    expect(copyOf(command, 'pm').reportsToId).toBe('gm');
  });

  it('drops a boss outside the group that the target account does not have (paste in another account)', () => {
    const from = source();
    const other = makeAccount({ id: 'other', contacts: [person('someone', null)] });
    const { command } = paste(copy(from, ['pm', 'buyer']), other);
    expect(copyOf(command, 'pm').reportsToId).toBeNull();
    expect(copyOf(command, 'buyer').reportsToId).toBe(copyOf(command, 'pm').id);
  });

  it('pastes only the lines between copied contacts, with both ends remapped and fresh ids', () => {
    const from = source();
    const { command } = paste(copy(from, ['pm', 'buyer', 'clerk']), from);
    const byName = (id: string) => copyOf(command, id).id;
    const lines = pastedLines(command);
    expect(lines.map(({ fromId, toId, label }) => ({ fromId, toId, label }))).toEqual([
      { fromId: byName('buyer'), toId: byName('clerk'), label: 'trusts' },
      { fromId: byName('clerk'), toId: byName('pm'), label: 'gossips to' },
    ]);
    const taken = new Set([...from.influenceLines.map((l) => l.id), ...pastedContacts(command).map((c) => c.id)]);
    for (const l of lines) {
      expect(taken.has(l.id)).toBe(false);
      expect(l).toMatchObject({ createdAt: NOW, updatedAt: NOW });
    }
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  });

  it('adds no addLines command when no line joins two copied contacts', () => {
    const from = source();
    const { command } = paste(copy(from, ['gm', 'clerk']), from);
    expect(commandsOf(command).map((c) => c.type)).toEqual(['addContacts']);
  });

  it('shifts positions by the offset (40, 40 unless told) and leaves unplaced contacts unplaced', () => {
    const from = source();
    const copied = copy(from, ['pm', 'buyer', 'clerk']);
    const byDefault = paste(copied, from).command;
    expect(copyOf(byDefault, 'pm').position).toEqual({ x: 140, y: 190 });
    expect(copyOf(byDefault, 'buyer').position).toEqual({ x: 100, y: 340 });
    expect(copyOf(byDefault, 'clerk').position).toBeNull();
    const shifted = paste(copied, from, { x: -300, y: 25 }).command;
    expect(copyOf(shifted, 'pm').position).toEqual({ x: -200, y: 175 });
  });

  it('clears successorOfId: the seat history stays with the original', () => {
    const from = source();
    const { command } = paste(copy(from, ['buyer', 'oldBuyer']), from);
    expect(copyOf(command, 'buyer').successorOfId).toBeNull();
  });

  it('makes nothing from an empty selection', () => {
    expect(pasteCommand({ contacts: [], lines: [] }, source(), idSource(), NOW)).toBeNull();
  });

  it('does not change what was copied', () => {
    const from = source();
    const copied = structuredClone(copy(from, ['pm', 'buyer', 'clerk']));
    const before = structuredClone(copied);
    paste(copied, from);
    expect(copied).toEqual(before);
  });
});

describe('a pasted command', () => {
  it('passes the command schema unchanged, so it can be sent over plan:apply', () => {
    const from = source();
    const { command } = paste(copy(from, ['pm', 'buyer', 'clerk']), from);
    expect(planCommandSchema.parse(command)).toEqual(command);
  });

  it('applies cleanly in the same account, and its undo removes everything pasted', () => {
    const from = source();
    const { command, ids } = paste(copy(from, ['pm', 'buyer', 'clerk']), from);
    const { account, undo } = performPlanCommand(from, command, NOW);
    expect(account.contacts).toEqual([...from.contacts, ...pastedContacts(command)]);
    expect(account.influenceLines).toEqual([...from.influenceLines, ...pastedLines(command)]);
    expect(account.contacts.filter((c) => ids.includes(c.id))).toHaveLength(3);

    const undone = performPlanCommand(account, undo, LATER).account;
    expect({ ...undone, updatedAt: from.updatedAt }).toEqual(from);
  });

  it('applies cleanly in another account, and its undo removes everything pasted', () => {
    const from = source();
    const other = makeAccount({ id: 'other', contacts: [person('someone', null)], influenceLines: [] });
    const { command } = paste(copy(from, ['gm', 'pm', 'buyer', 'clerk', 'tech']), other);
    const { account, undo } = performPlanCommand(other, command, NOW);
    expect(account.contacts).toHaveLength(6);
    expect(account.influenceLines).toHaveLength(5);
    const undone = performPlanCommand(account, undo, LATER).account;
    expect({ ...undone, updatedAt: other.updatedAt }).toEqual(other);
  });

  it('can be pasted twice into the same account without clashing', () => {
    const from = source();
    const copied = copy(from, ['pm', 'buyer']);
    const newId = idSource('twice');
    const first = pasteCommand(copied, from, newId, NOW);
    if (!first) throw new Error('nothing pasted');
    const once = performPlanCommand(from, first.command, NOW).account;
    const second = pasteCommand(copied, once, newId, NOW);
    if (!second) throw new Error('nothing pasted');
    const twice = performPlanCommand(once, second.command, NOW).account;
    expect(twice.contacts).toHaveLength(from.contacts.length + 4);
    expect(new Set(twice.contacts.map((c) => c.id)).size).toBe(twice.contacts.length);
  });
});
