import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountPatchSchema, contract } from '@shared/api/contract';
import { exportInputSchema, previewInputSchema } from '@shared/api/excel';
import { INPUT_BOUNDS, strictInput } from '@shared/api/strict-input';
import { planCommandSchema, type PlanCommand } from '@shared/commands/plan-commands';
import { accountProfileSchema, accountSchema } from '@shared/model/account';
import { contactSchema } from '@shared/model/contact';
import { boardColumnsSchema, productLinesSchema, restoreDatabase, valueWeightsSchema } from '@shared/model/database';
import { DEAL_STAGES } from '@shared/model/vocabulary';
import { migrateToCurrent } from '@shared/migrations/index';
import { FIXED_NOW as T0, makeAccount, makeContact, makeDeal } from '../../helpers/factories';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues;
};
const unknownKeysAt = (schema: z.ZodType, input: unknown) =>
  issuesOf(schema, input)
    .filter((i) => i.code === 'unrecognized_keys')
    .map((i) => ({ path: i.path.join('.'), keys: (i as z.core.$ZodIssueUnrecognizedKeys).keys }));

const strictPlan = strictInput(planCommandSchema);
const keepPlan = strictInput(planCommandSchema, 'keepStored');
const apply = (commands: unknown[]) => ({ accountId: 'a', commands });

describe('strictInput: unknown keys', () => {
  it('refuses them at the top level and in nested loose objects, naming the path', () => {
    const patch = strictInput(accountPatchSchema);
    expect(unknownKeysAt(patch, { admin: true })).toEqual([{ path: '', keys: ['admin'] }]);
    expect(unknownKeysAt(patch, { profile: { industry: 'Feed', x: { y: 1 } } })).toEqual([{ path: 'profile', keys: ['x'] }]);
    expect(unknownKeysAt(patch, { valueFactors: { potential: 3, bonus: 1 } })).toEqual([{ path: 'valueFactors', keys: ['bonus'] }]);
    expect(unknownKeysAt(patch, { warningSigns: { ordersSpread: { present: true, colour: 'red' } } })).toEqual([
      { path: 'warningSigns.ordersSpread', keys: ['colour'] },
    ]);
    // The contract itself stays as it is: its profile patch is loose.
    expect(accountPatchSchema.safeParse({ profile: { x: 1 } }).success).toBe(true);
  });

  it('refuses them inside plan commands, at any depth of batches and records', () => {
    const contact = { id: 'c1', createdAt: T0, updatedAt: T0, profile: { pet: 'cat' } };
    const deal = { id: 'd1', createdAt: T0, updatedAt: T0, spin: { situation: 's', extra: 1 } };
    expect(unknownKeysAt(strictPlan, { type: 'addContacts', contacts: [contact] })).toEqual([{ path: 'contacts.0.profile', keys: ['pet'] }]);
    expect(unknownKeysAt(strictPlan, { type: 'batch', commands: [{ type: 'batch', commands: [{ type: 'addDeal', deal }] }] })).toEqual([
      { path: 'commands.0.commands.0.deal.spin', keys: ['extra'] },
    ]);
    const criterion = { id: 'k1', createdAt: T0, updatedAt: T0, name: 'price', weight: 3 };
    expect(unknownKeysAt(strictPlan, { type: 'updateDeal', id: 'd1', patch: { criteria: [criterion] } })).toEqual([
      { path: 'patch.criteria.0', keys: ['weight'] },
    ]);
    // Stripping objects (a position) refuse them too rather than dropping them silently.
    expect(unknownKeysAt(strictPlan, { type: 'moveContacts', moves: [{ id: 'c1', position: { x: 1, y: 2, z: 3 } }] })).toEqual([
      { path: 'moves.0.position', keys: ['z'] },
    ]);
  });

  it('with keepStored, lets the model’s loose records keep them, bounded, and refuses them everywhere else', () => {
    const contact = { id: 'c1', createdAt: T0, updatedAt: T0, wechat: 'kan-fangyu', profile: { pet: 'cat' } };
    const parsed = keepPlan.parse({ type: 'addContacts', contacts: [contact] }) as Extract<PlanCommand, { type: 'addContacts' }>;
    expect(parsed.contacts[0]).toMatchObject({ wechat: 'kan-fangyu', profile: { pet: 'cat', hobbies: '' } });
    // The commands and patches are the API's own: still strict.
    expect(unknownKeysAt(keepPlan, { type: 'removeContacts', ids: ['c1'], cascade: true })).toEqual([{ path: '', keys: ['cascade'] }]);
    expect(unknownKeysAt(keepPlan, { type: 'updateContact', id: 'c1', patch: { wechat: 'x' } })).toEqual([{ path: 'patch', keys: ['wechat'] }]);
    expect(unknownKeysAt(keepPlan, { type: 'moveContacts', moves: [{ id: 'c1', position: { x: 1, y: 2, z: 3 } }] })).toHaveLength(1);
    // What an unknown key holds is bounded like everything else.
    const long = 'x'.repeat(INPUT_BOUNDS.text + 1);
    expect(keepPlan.safeParse({ type: 'addContacts', contacts: [{ ...contact, wechat: long }] }).success).toBe(false);
    expect(keepPlan.safeParse({ type: 'addContacts', contacts: [{ ...contact, wechat: { deep: [[long]] } }] }).success).toBe(false);
    const many = Array.from({ length: INPUT_BOUNDS.items + 1 }, () => 0);
    expect(keepPlan.safeParse({ type: 'addContacts', contacts: [{ ...contact, tags: many }] }).success).toBe(false);
    expect(keepPlan.safeParse({ type: 'addContacts', contacts: [{ ...contact, tags: many.slice(1) }] }).success).toBe(true);
  });

  it('leaves the model tolerant: a file from another version keeps what this one does not know', () => {
    // Derive everything first: deriving must not change the schemas it reads.
    for (const entry of Object.values(contract)) strictInput(entry.input);
    strictInput(accountSchema);
    const raw = JSON.parse(readFileSync(new URL('../../fixtures/db/v0-prototype.json', import.meta.url), 'utf8')) as unknown;
    const db = restoreDatabase(migrateToCurrent(raw, { now: T0 }).data);
    expect(db.accounts[0]?.contacts.find((c) => c.id === 'c-buy')).toMatchObject({ wechat: 'kan-fangyu' });
    expect(contactSchema.parse({ id: 'c', createdAt: T0, updatedAt: T0, profile: { pet: 'cat' } }).profile).toMatchObject({ pet: 'cat' });
    expect(accountProfileSchema.parse({ x: 1 })).toMatchObject({ x: 1 });
  });
});

describe('strictInput: bounds', () => {
  it('bounds a string without its own max at the model’s longText, and keeps the max a string has', () => {
    const preview = strictInput(previewInputSchema);
    const base = { fileName: 'a.xlsx', base64: 'AAAA', accountId: null };
    expect(preview.safeParse({ ...base, mapping: ['x'.repeat(INPUT_BOUNDS.text)] }).success).toBe(true);
    const [issue] = issuesOf(preview, { ...base, mapping: ['x'.repeat(INPUT_BOUNDS.text + 1)] });
    expect(issue).toMatchObject({ code: 'too_big', path: ['mapping', 0], maximum: INPUT_BOUNDS.text });
    expect(INPUT_BOUNDS.text).toBe(20_000);
    // The workbook's base64 keeps its own, much larger, bound.
    expect(preview.safeParse({ ...base, base64: 'A'.repeat(100_000) }).success).toBe(true);
    expect(issuesOf(strictInput(accountPatchSchema), { profile: { website: 'x'.repeat(501) } })).toMatchObject([{ maximum: 500 }]);
    // A format (a currency code) is bounded as well: its pattern alone would let a huge string be matched.
    expect(issuesOf(strictPlan, { type: 'updateDeal', id: 'd', patch: { currency: 'C'.repeat(INPUT_BOUNDS.text + 1) } })).toContainEqual(
      expect.objectContaining({ code: 'too_big', path: ['patch', 'currency'] }),
    );
  });

  it('bounds a list without its own max at 10,000 items, and keeps the max a list has', () => {
    const replace = strictInput(contract['account:replace'].input, 'keepStored');
    const contacts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, createdAt: T0, updatedAt: T0 }));
    const account = (n: number) => ({ account: { id: 'a', name: 'Acme', createdAt: T0, updatedAt: T0, contacts: contacts(n) } });
    expect(replace.safeParse(account(INPUT_BOUNDS.items)).success).toBe(true);
    expect(issuesOf(replace, account(INPUT_BOUNDS.items + 1))).toEqual([
      expect.objectContaining({ code: 'too_big', path: ['account', 'contacts'], maximum: INPUT_BOUNDS.items }),
    ]);
    const applyInput = strictInput(contract['plan:apply'].input, 'keepStored');
    const moves = (n: number) => Array.from({ length: n }, () => ({ type: 'moveContacts', moves: [{ id: 'c1', position: null }] }));
    expect(applyInput.safeParse(apply(moves(1000))).success).toBe(true);
    expect(issuesOf(applyInput, apply(moves(1001)))).toEqual([expect.objectContaining({ code: 'too_big', maximum: 1000 })]);
    // A batch's own 5,000.
    expect(keepPlan.safeParse({ type: 'batch', commands: moves(5001) }).success).toBe(false);
    expect(keepPlan.safeParse({ type: 'batch', commands: moves(5000) }).success).toBe(true);
  });
});

describe('strictInput: what the schema does is kept', () => {
  it('fills defaults and prefaults, trims, and keeps nullables and optionals', () => {
    const account = strictInput(accountSchema).parse({ id: 'a', name: '  Acme  ', createdAt: T0, updatedAt: T0 });
    expect(account).toEqual(makeAccount({ id: 'a', name: 'Acme' }));
    expect(account.profile.revenue).toBeNull();
    expect(account.warningSigns.ordersSpread).toEqual({ present: false, since: null, notes: '' });
    // A patch still sends only the keys it names (no defaults filled in).
    expect(strictInput(accountPatchSchema).parse({ profile: { industry: 'Feed' }, grade: null })).toEqual({ profile: { industry: 'Feed' }, grade: null });
  });

  it('keeps refinements and checks: board columns, product lines, value weights, ranges, formats, enums', () => {
    const columns = strictInput(boardColumnsSchema);
    const all = DEAL_STAGES.map((stage) => ({ stage, label: null }));
    expect(columns.safeParse(all).success).toBe(true);
    expect(columns.safeParse([...all.slice(1), all[1]]).success).toBe(false);
    const lines = strictInput(productLinesSchema, 'keepStored');
    expect(issuesOf(lines, [{ id: 'p', name: 'A' }, { id: 'p', name: 'B' }])).toMatchObject([{ message: 'product line ids must be unique' }]);
    const weights = strictInput(valueWeightsSchema);
    expect(issuesOf(weights, Object.fromEntries(Object.keys(valueWeightsSchema.shape).map((k) => [k, 0])))).toMatchObject([
      { message: 'at least one value factor needs a weight above 0' },
    ]);
    expect(weights.parse({})).toEqual(valueWeightsSchema.parse({}));
    expect(strictPlan.safeParse({ type: 'updateContact', id: 'c', patch: { stars: 6 } }).success).toBe(false);
    expect(strictPlan.safeParse({ type: 'updateContact', id: 'c', patch: { attitude: 'hostile' } }).success).toBe(false);
    expect(strictPlan.safeParse({ type: 'updateAction', id: 'a', patch: { when: '2024-13-01' } }).success).toBe(false);
    expect(strictPlan.safeParse({ type: 'updateAction', id: 'a', patch: { when: '2024-12-01' } }).success).toBe(true);
  });

  it('keeps discriminated unions, unions and the recursive batch', () => {
    const exportInput = strictInput(exportInputSchema);
    expect(exportInput.parse({ scope: 'portfolio', locale: 'en' })).toEqual({ scope: 'portfolio', locale: 'en' });
    expect(exportInput.safeParse({ scope: 'portfolio', locale: 'en', accountId: 'a' }).success).toBe(false);
    expect(exportInput.safeParse({ scope: 'galaxy', locale: 'en' }).success).toBe(false);
    let nested: PlanCommand = { type: 'removeContacts', ids: ['c1'] };
    for (let i = 0; i < 20; i++) nested = { type: 'batch', commands: [nested] };
    expect(strictPlan.parse(nested)).toEqual(nested);
    const deal = makeDeal({ id: 'd1' });
    expect(strictPlan.parse({ type: 'addDeal', deal })).toEqual({ type: 'addDeal', deal });
    const contact = makeContact({ id: 'c1' });
    expect(strictPlan.parse({ type: 'addContacts', contacts: [contact] })).toEqual({ type: 'addContacts', contacts: [contact] });
  });

  it('keeps transforms, pipes, catches, tuples, records and intersections', () => {
    const schema = z.strictObject({
      length: z.string().transform((s) => s.length),
      piped: z.string().pipe(z.coerce.number()),
      caught: z.number().catch(7),
      pair: z.tuple([z.string(), z.looseObject({ a: z.number() })]),
      byId: z.record(z.string(), z.looseObject({ n: z.number() })),
      both: z.intersection(z.object({ a: z.number() }), z.object({ b: z.number() })),
    });
    const derived = strictInput(schema);
    const good = { length: 'abc', piped: '12', caught: 'x', pair: ['p', { a: 1 }], byId: { k: { n: 1 } }, both: { a: 1, b: 2 } };
    expect(derived.parse(good)).toEqual({ length: 3, piped: 12, caught: 7, pair: ['p', { a: 1 }], byId: { k: { n: 1 } }, both: { a: 1, b: 2 } });
    expect(unknownKeysAt(derived, { ...good, pair: ['p', { a: 1, z: 1 }] })).toEqual([{ path: 'pair.1', keys: ['z'] }]);
    expect(unknownKeysAt(derived, { ...good, byId: { k: { n: 1, z: 1 } } })).toEqual([{ path: 'byId.k', keys: ['z'] }]);
    expect(derived.safeParse({ ...good, byId: { ['k'.repeat(INPUT_BOUNDS.text + 1)]: { n: 1 } } }).success).toBe(false);
    expect(derived.safeParse({ ...good, both: { a: 1, b: 2, c: 3 } }).success).toBe(false);
    expect(schema.safeParse({ ...good, pair: ['p', { a: 1, z: 1 }] }).success).toBe(true);
  });

  it('ends on a schema that reaches itself through a getter, and refuses unknown keys inside it', () => {
    const node = z.looseObject({
      name: z.string(),
      get children() {
        return z.array(node).optional();
      },
    });
    const derived = strictInput(node);
    expect(derived.parse({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] })).toEqual({
      name: 'a',
      children: [{ name: 'b', children: [{ name: 'c' }] }],
    });
    expect(unknownKeysAt(derived, { name: 'a', children: [{ name: 'b', x: 1 }] })).toEqual([{ path: 'children.0', keys: ['x'] }]);
  });

  it('derives each schema once, and refuses a kind no JSON input can hold', () => {
    expect(strictInput(planCommandSchema)).toBe(strictPlan);
    expect(strictInput(planCommandSchema, 'keepStored')).toBe(keepPlan);
    expect(strictPlan).not.toBe(keepPlan);
    expect(() => strictInput(z.strictObject({ m: z.map(z.string(), z.string()) }))).toThrow(/map/);
  });
});
