import type { z } from 'zod';
import type { CommandContext } from '@shared/accounts';
import { accountSchema, type Account, type AccountInput } from '@shared/model/account';
import { contactSchema, type Contact } from '@shared/model/contact';
import { databaseSchema, type Database } from '@shared/model/database';
import { dealSchema, type Deal } from '@shared/model/deal';

/** The instant every factory stamps on what it builds, unless told otherwise. */
export const FIXED_NOW = '2024-05-01T08:00:00.000Z';

export type ContactInput = z.input<typeof contactSchema>;
export type DealInput = z.input<typeof dealSchema>;

let seq = 0;

/** Restarts the id sequence; call in `beforeEach` when ids must be the same on every run. */
export function resetIds(): void {
  seq = 0;
}

/** `account-0001`, `contact-0002`, …: one sequence for all kinds, so ids never collide. */
export function nextId(kind: string): string {
  seq += 1;
  return `${kind}-${String(seq).padStart(4, '0')}`;
}

/** A command context with a fixed clock and its own id sequence (`id-1`, `id-2`, …). */
export function makeCtx(now = FIXED_NOW, prefix = 'id'): CommandContext & { issued: string[] } {
  const issued: string[] = [];
  return {
    now,
    issued,
    newId: () => {
      const id = `${prefix}-${issued.length + 1}`;
      issued.push(id);
      return id;
    },
  };
}

export function makeContact(overrides: Partial<ContactInput> = {}): Contact {
  const id = overrides.id ?? nextId('contact');
  return contactSchema.parse({
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    name: `Contact ${id}`,
    ...overrides,
    id,
  });
}

export function makeDeal(overrides: Partial<DealInput> = {}): Deal {
  const id = overrides.id ?? nextId('deal');
  return dealSchema.parse({
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    name: `Deal ${id}`,
    ...overrides,
    id,
  });
}

export function makeAccount(overrides: Partial<AccountInput> = {}): Account {
  const id = overrides.id ?? nextId('account');
  return accountSchema.parse({
    createdAt: FIXED_NOW,
    updatedAt: FIXED_NOW,
    name: `Account ${id}`,
    ...overrides,
    id,
  });
}

export function makeDatabase(overrides: Partial<z.input<typeof databaseSchema>> = {}): Database {
  return databaseSchema.parse({ accounts: [], ...overrides });
}

/**
 * A database of realistic size: `accounts` accounts with `contactsPerAccount` contacts (an org
 * chart under the first) and one open deal each. 200 × 3 is about 750 KB of JSON.
 */
export function makeLargeDatabase({ accounts = 200, contactsPerAccount = 6 } = {}): Database {
  return makeDatabase({
    accounts: Array.from({ length: accounts }, (_, i) => {
      const contacts = Array.from({ length: contactsPerAccount }, (_, j) =>
        makeContact({
          title: `Title ${j}`,
          department: `Department ${j % 3}`,
          stars: j % 6,
          notes: `Notes about contact ${j} of account ${i}. `.repeat(3),
        }),
      );
      const boss = contacts[0];
      return makeAccount({
        name: `Customer ${String(i).padStart(3, '0')}`,
        profile: { industry: 'Animal feed', region: `Region ${i % 7}`, description: 'A customer. '.repeat(10) },
        contacts: contacts.map((c, j) => (j === 0 || !boss ? c : { ...c, reportsToId: boss.id })),
        deals: [makeDeal({ value: 1000 * (i + 1), stage: 'investigate' })],
      });
    }),
  });
}
