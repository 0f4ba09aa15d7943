import { describe, expect, it } from 'vitest';
import { BUYER_ROLES } from '@shared/model/vocabulary';
import { accountSchema } from '@shared/model/account';
import { contactSchema } from '@shared/model/contact';
import { databaseSchema, emptyDatabase, restoreDatabase } from '@shared/model/database';
import { buildSampleAccount } from '@shared/sample/hemei';
import { FIXED_NOW, makeCtx } from '../../helpers/factories';

const stampOnly = (id: string) => ({ id, createdAt: FIXED_NOW, updatedAt: FIXED_NOW });

/** A v1 database with one account holding the given contact, before restore. */
const dbWithContact = (contact: Record<string, unknown>) => ({
  accounts: [{ ...stampOnly('a1'), name: 'Acme', contacts: [{ ...stampOnly('c1'), ...contact }] }],
});

describe('restoreDatabase', () => {
  it('turns an empty object into an empty database with default settings', () => {
    const db = restoreDatabase({});
    expect(db.accounts).toEqual([]);
    expect(db.settings).toMatchObject({ locale: null, colorScheme: 'auto' });
    expect(emptyDatabase()).toEqual(restoreDatabase({}));
  });

  it('fills every default of a contact that has only an id and timestamps', () => {
    const db = restoreDatabase(dbWithContact({}));
    const contact = db.accounts[0]?.contacts[0];
    expect(contact).toMatchObject({
      id: 'c1',
      name: '',
      role: null,
      isCoach: false,
      attitude: 'unknown',
      influence: 'medium',
      stars: 0,
      reportsToId: null,
      isPlaceholder: false,
      leftOn: null,
      needs: [],
      position: null,
      confirmedAt: { attitude: null, influence: null, stars: null },
    });
    expect(contact?.profile.age).toBeNull();
    expect(contact?.profile.hobbies).toBe('');
  });

  it('fills the nested sections of an account that has only a name', () => {
    const account = restoreDatabase({ accounts: [{ ...stampOnly('a1'), name: 'Acme' }] }).accounts[0];
    expect(account).toMatchObject({
      kind: 'direct',
      grade: null,
      deletedAt: null,
      contacts: [],
      deals: [],
      giftPolicy: { rule: 'unknown', notes: '' },
      profile: { industry: '', owner: '' },
    });
    expect(account?.valueFactors.annualPurchases).toBeNull();
  });

  it('keeps keys it does not know at every level, so a newer file loses nothing', () => {
    const raw = {
      fromTheFuture: 1,
      settings: { theme: 'sepia' },
      accounts: [
        {
          ...stampOnly('a1'),
          name: 'Acme',
          crmId: 'X-42',
          profile: { employees: 300 },
          contacts: [{ ...stampOnly('c1'), wechat: 'acme-li', profile: { pet: 'cat' } }],
          deals: [{ ...stampOnly('d1'), tender: { id: 'T-1' } }],
        },
      ],
    };
    const db = restoreDatabase(raw) as Record<string, unknown> & ReturnType<typeof restoreDatabase>;
    expect(db.fromTheFuture).toBe(1);
    expect(db.settings).toMatchObject({ theme: 'sepia', colorScheme: 'auto' });
    const account = db.accounts[0] as Record<string, unknown>;
    expect(account.crmId).toBe('X-42');
    expect(account.profile).toMatchObject({ employees: 300, industry: '' });
    expect(account.contacts).toEqual([expect.objectContaining({ wechat: 'acme-li', profile: expect.objectContaining({ pet: 'cat' }) })]);
    expect(account.deals).toEqual([expect.objectContaining({ tender: { id: 'T-1' }, stage: 'discover' })]);
  });

  it('is idempotent: restoring restored data changes nothing', () => {
    const once = restoreDatabase(dbWithContact({ name: '  Li  ', stars: 4 }));
    expect(restoreDatabase(JSON.parse(JSON.stringify(once)))).toEqual(once);
    expect(once.accounts[0]?.contacts[0]?.name).toBe('Li');
  });

  it.each([
    ['stars 6', { stars: 6 }, 'stars'],
    ['fractional stars', { stars: 2.5 }, 'stars'],
    ['an unknown role', { role: 'boss' }, 'role'],
    ['a Chinese role label (only the v0 migration maps those)', { role: '决策者' }, 'role'],
    ['an unknown attitude', { attitude: 'hostile' }, 'attitude'],
    ['a leftOn date that is not YYYY-MM-DD', { leftOn: '01/02/2024' }, 'leftOn'],
    ['a leftOn date that does not exist', { leftOn: '2024-02-30' }, 'leftOn'],
    ['a timestamp without time', { createdAt: '2024-05-01' }, 'createdAt'],
  ])('rejects a contact with %s', (_label, contact, field) => {
    const result = databaseSchema.safeParse(dbWithContact(contact));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['accounts', 0, 'contacts', 0, field]);
  });

  it('rejects an account without a name and one whose name is only spaces', () => {
    expect(() => restoreDatabase({ accounts: [stampOnly('a1')] })).toThrow();
    expect(() => restoreDatabase({ accounts: [{ ...stampOnly('a1'), name: '   ' }] })).toThrow();
  });

  it('rejects a deal with a bad currency, stage or close date', () => {
    const withDeal = (deal: Record<string, unknown>) => ({
      accounts: [{ ...stampOnly('a1'), name: 'Acme', deals: [{ ...stampOnly('d1'), ...deal }] }],
    });
    expect(databaseSchema.safeParse(withDeal({})).success).toBe(true);
    expect(databaseSchema.safeParse(withDeal({ currency: 'yuan' })).success).toBe(false);
    expect(databaseSchema.safeParse(withDeal({ stage: 'closed' })).success).toBe(false);
    expect(databaseSchema.safeParse(withDeal({ expectedCloseDate: 'next week' })).success).toBe(false);
  });

  it('accepts every boundary value of stars', () => {
    for (const stars of [0, 5]) expect(contactSchema.parse({ ...stampOnly('c'), stars }).stars).toBe(stars);
    expect(contactSchema.safeParse({ ...stampOnly('c'), stars: -1 }).success).toBe(false);
  });
});

describe('the sample account (和美饲料)', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    describe(locale, () => {
      const ctx = makeCtx();
      const account = accountSchema.parse(buildSampleAccount(ctx, locale));

      it('passes the account schema with the ids and time from the context', () => {
        expect(account.createdAt).toBe(ctx.now);
        expect(account.name).toContain('和美饲料');
        // Every id the builder used came from the context, and none twice.
        expect(new Set(ctx.issued).size).toBe(ctx.issued.length);
        expect(ctx.issued).toContain(account.id);
      });

      it('has the six roles of the buying centre, each exactly once', () => {
        expect(account.contacts.map((c) => c.role).sort()).toEqual([...BUYER_ROLES].sort());
        expect(account.contacts).toHaveLength(6);
      });

      it('has exactly one coach', () => {
        expect(account.contacts.filter((c) => c.isCoach)).toHaveLength(1);
      });

      it('has one top of the org chart and every reports-to pointing at a contact of the account', () => {
        const ids = new Set(account.contacts.map((c) => c.id));
        expect(account.contacts.filter((c) => c.reportsToId === null)).toHaveLength(1);
        for (const c of account.contacts) {
          if (c.reportsToId !== null) {
            expect(ids).toContain(c.reportsToId);
            expect(c.reportsToId).not.toBe(c.id);
          }
        }
      });

      it('only refers to contacts and deals that exist', () => {
        const contactIds = new Set(account.contacts.map((c) => c.id));
        const dealIds = new Set(account.deals.map((d) => d.id));
        const referenced = [
          ...account.influenceLines.flatMap((l) => [l.fromId, l.toId]),
          ...account.deals.flatMap((d) => d.buyingCentre.map((b) => b.contactId)),
          ...account.actions.flatMap((a) => a.contactIds),
          ...account.activities.flatMap((a) => a.contactIds),
        ];
        for (const id of referenced) expect(contactIds).toContain(id);
        for (const a of [...account.actions, ...account.activities]) {
          if (a.dealId !== null) expect(dealIds).toContain(a.dealId);
        }
      });
    });
  }

  it('is written in the language asked for', () => {
    const zh = accountSchema.parse(buildSampleAccount(makeCtx(), 'zh-CN'));
    const en = accountSchema.parse(buildSampleAccount(makeCtx(), 'en'));
    expect(zh.contacts.find((c) => c.role === 'payer')?.department).toBe('财务部');
    expect(en.contacts.find((c) => c.role === 'payer')?.department).toBe('Finance dept.');
  });
});
