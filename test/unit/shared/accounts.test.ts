import { beforeEach, describe, expect, it } from 'vitest';
import {
  addAccount,
  createAccount,
  deleteAccount,
  findAccount,
  listAccounts,
  renameAccount,
  restoreDeletedAccount,
  summarizeAccount,
  updateAccount,
} from '@shared/accounts';
import { AppError } from '@shared/errors';
import { restoreDatabase, type Database } from '@shared/model/database';
import { FIXED_NOW, makeAccount, makeContact, makeCtx, makeDatabase, makeDeal, resetIds } from '../../helpers/factories';

const LATER = '2024-06-01T09:30:00.000Z';

/** Runs `fn` and returns the AppError code it threw. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return undefined;
}

beforeEach(() => resetIds());

describe('createAccount', () => {
  it('adds a restored account with a new id, the given time and a trimmed name', () => {
    const db = makeDatabase();
    const { db: next, account } = createAccount(db, '  Hemei Feed  ', makeCtx());
    expect(account).toMatchObject({ id: 'id-1', name: 'Hemei Feed', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, deletedAt: null, contacts: [] });
    expect(next.accounts).toEqual([account]);
    expect(restoreDatabase(next)).toEqual(next);
  });

  it('does not change the database it was given', () => {
    const db = makeDatabase({ accounts: [makeAccount()] });
    const before = structuredClone(db);
    createAccount(db, 'New', makeCtx());
    expect(db).toEqual(before);
  });

  it('refuses an empty name', () => {
    expect(() => createAccount(makeDatabase(), '   ', makeCtx())).toThrow();
  });
});

describe('addAccount', () => {
  it('restores the input and adds it', () => {
    const { db, account } = addAccount(makeDatabase(), { id: 'x', createdAt: FIXED_NOW, updatedAt: FIXED_NOW, name: 'X' });
    expect(account.kind).toBe('direct');
    expect(db.accounts).toEqual([account]);
  });

  it('refuses an id that is already taken, with VALIDATION', () => {
    const db = makeDatabase({ accounts: [makeAccount({ id: 'x' })] });
    expect(codeOf(() => addAccount(db, makeAccount({ id: 'x', name: 'Other' })))).toBe('VALIDATION');
  });

  it('refuses input that is not an account', () => {
    expect(() => addAccount(makeDatabase(), { id: 'x', name: 'no timestamps' })).toThrow();
  });
});

describe('renameAccount', () => {
  it('renames, trims and stamps the change; other accounts are untouched', () => {
    const a = makeAccount({ name: 'Old' });
    const b = makeAccount({ name: 'Other' });
    const { db, account } = renameAccount(makeDatabase({ accounts: [a, b] }), a.id, ' New ', LATER);
    expect(account).toMatchObject({ id: a.id, name: 'New', updatedAt: LATER, createdAt: FIXED_NOW });
    expect(db.accounts).toEqual([account, b]);
  });

  it('answers NOT_FOUND for an unknown id and for a deleted account', () => {
    const gone = makeAccount({ deletedAt: FIXED_NOW });
    const db = makeDatabase({ accounts: [gone] });
    expect(codeOf(() => renameAccount(db, 'nope', 'X', LATER))).toBe('NOT_FOUND');
    expect(codeOf(() => renameAccount(db, gone.id, 'X', LATER))).toBe('NOT_FOUND');
  });
});

describe('deleteAccount and restoreDeletedAccount', () => {
  let db: Database;
  let id: string;
  beforeEach(() => {
    const account = makeAccount({ contacts: [makeContact()] });
    id = account.id;
    db = makeDatabase({ accounts: [account, makeAccount()] });
  });

  it('soft-deletes: the account is kept with deletedAt, but hidden from the list and from find', () => {
    const { db: next, account } = deleteAccount(db, id, LATER);
    expect(account.deletedAt).toBe(LATER);
    expect(next.accounts).toHaveLength(2);
    expect(next.accounts.find((a) => a.id === id)?.contacts).toHaveLength(1);
    expect(listAccounts(next).map((s) => s.id)).not.toContain(id);
    expect(codeOf(() => findAccount(next, id))).toBe('NOT_FOUND');
    expect(findAccount(next, id, true).deletedAt).toBe(LATER);
  });

  it('restore brings the account back, whole, into the list', () => {
    const deleted = deleteAccount(db, id, LATER).db;
    const { db: back, account } = restoreDeletedAccount(deleted, id);
    expect(account.deletedAt).toBeNull();
    expect(listAccounts(back).map((s) => s.id)).toContain(id);
    expect(back.accounts.find((a) => a.id === id)).toEqual(db.accounts.find((a) => a.id === id));
  });

  it('cannot delete twice, nor delete or restore an unknown id', () => {
    const deleted = deleteAccount(db, id, LATER).db;
    expect(codeOf(() => deleteAccount(deleted, id, LATER))).toBe('NOT_FOUND');
    expect(codeOf(() => deleteAccount(db, 'nope', LATER))).toBe('NOT_FOUND');
    expect(codeOf(() => restoreDeletedAccount(db, 'nope'))).toBe('NOT_FOUND');
  });
});

describe('updateAccount', () => {
  const base = () =>
    makeAccount({
      profile: { industry: 'Feed', region: 'Shandong', owner: 'Me' },
      valueFactors: { annualPurchases: 500, potential: 3 },
      giftPolicy: { rule: 'restricted', notes: 'small gifts' },
      grade: 'B1',
      notes: 'keep me',
    });

  it('merges nested sections key by key and stamps the change', () => {
    const account = base();
    const { account: next } = updateAccount(
      makeDatabase({ accounts: [account] }),
      account.id,
      { profile: { region: 'Jiangsu' }, valueFactors: { potential: 5 }, giftPolicy: { notes: 'none' } },
      LATER,
    );
    expect(next.profile).toEqual({ ...account.profile, region: 'Jiangsu' });
    expect(next.profile.industry).toBe('Feed');
    expect(next.valueFactors).toEqual({ ...account.valueFactors, potential: 5 });
    expect(next.valueFactors.annualPurchases).toBe(500);
    expect(next.giftPolicy).toEqual({ rule: 'restricted', notes: 'none' });
    expect(next.grade).toBe('B1');
    expect(next.notes).toBe('keep me');
    expect(next.updatedAt).toBe(LATER);
  });

  it('sets top-level fields, and null clears a grade', () => {
    const account = base();
    const { account: next } = updateAccount(
      makeDatabase({ accounts: [account] }),
      account.id,
      { kind: 'channel', grade: null, relationshipType: 'partner', notes: '' },
      LATER,
    );
    expect(next).toMatchObject({ kind: 'channel', grade: null, relationshipType: 'partner', notes: '' });
  });

  it('keeps contacts, deals and unknown keys of the account', () => {
    const account = makeAccount({ contacts: [makeContact()], deals: [makeDeal()], crmId: 'X-1' });
    const { account: next } = updateAccount(makeDatabase({ accounts: [account] }), account.id, { notes: 'n' }, LATER);
    expect(next.contacts).toEqual(account.contacts);
    expect(next.deals).toEqual(account.deals);
    expect((next as Record<string, unknown>).crmId).toBe('X-1');
  });

  it('refuses a patch that would make the account invalid', () => {
    const account = base();
    const db = makeDatabase({ accounts: [account] });
    expect(() => updateAccount(db, account.id, { profile: { website: 'x'.repeat(501) } }, LATER)).toThrow();
  });

  it('answers NOT_FOUND for an unknown or deleted account', () => {
    const gone = makeAccount({ deletedAt: FIXED_NOW });
    const db = makeDatabase({ accounts: [gone] });
    expect(codeOf(() => updateAccount(db, 'nope', {}, LATER))).toBe('NOT_FOUND');
    expect(codeOf(() => updateAccount(db, gone.id, {}, LATER))).toBe('NOT_FOUND');
  });
});

describe('listAccounts', () => {
  it('hides deleted accounts and puts the most recently changed first, then by name', () => {
    const db = makeDatabase({
      accounts: [
        makeAccount({ name: 'Old', updatedAt: '2024-01-01T00:00:00.000Z' }),
        makeAccount({ name: 'Beta', updatedAt: '2024-03-01T00:00:00.000Z' }),
        makeAccount({ name: 'Deleted', updatedAt: '2024-12-01T00:00:00.000Z', deletedAt: '2024-12-01T00:00:00.000Z' }),
        makeAccount({ name: 'Alpha', updatedAt: '2024-03-01T00:00:00.000Z' }),
        makeAccount({ name: 'Newest', updatedAt: '2024-04-01T00:00:00.000Z' }),
      ],
    });
    expect(listAccounts(db).map((s) => s.name)).toEqual(['Newest', 'Alpha', 'Beta', 'Old']);
  });

  it('is empty for an empty database', () => {
    expect(listAccounts(makeDatabase())).toEqual([]);
  });

  it('moves a renamed account to the top', () => {
    const a = makeAccount({ name: 'A', updatedAt: '2024-01-01T00:00:00.000Z' });
    const b = makeAccount({ name: 'B', updatedAt: '2024-02-01T00:00:00.000Z' });
    const db = renameAccount(makeDatabase({ accounts: [a, b] }), a.id, 'A2', LATER).db;
    expect(listAccounts(db).map((s) => s.name)).toEqual(['A2', 'B']);
  });
});

describe('summarizeAccount', () => {
  it('counts only open deals in the pipeline, and only contacts who have not left', () => {
    const account = makeAccount({
      grade: 'A1',
      profile: { industry: 'Feed', owner: 'Me' },
      contacts: [makeContact(), makeContact(), makeContact({ leftOn: '2024-02-01' })],
      deals: [
        makeDeal({ stage: 'discover', value: 100 }),
        makeDeal({ stage: 'commit', value: 250.5 }),
        makeDeal({ stage: 'won', value: 10_000 }),
        makeDeal({ stage: 'lost', value: 20_000 }),
      ],
    });
    expect(summarizeAccount(account)).toEqual({
      id: account.id,
      name: account.name,
      kind: 'direct',
      grade: 'A1',
      industry: 'Feed',
      owner: 'Me',
      contactCount: 2,
      openDealCount: 2,
      openPipeline: 350.5,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
      deletedAt: null,
    });
  });

  it('is zero for an account whose deals are all closed', () => {
    const account = makeAccount({ deals: [makeDeal({ stage: 'won', value: 5 })] });
    expect(summarizeAccount(account)).toMatchObject({ openDealCount: 0, openPipeline: 0 });
  });
});
