import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, splitChannel, STORING_CHANNELS, type Channel } from '@shared/api/channels';
import { storeCommandEnvelopeSchema } from '@shared/commands/store-commands';
import { accountPatchSchema, contract } from '@shared/api/contract';
import { AppError, ERROR_CODES, type Result } from '@shared/errors';
import { createDispatcher, isChannel, type HandlerTable } from '../../../electron/api/dispatch';

type Calls = { channel: Channel; input: unknown }[];

/** A handler table that records what it was called with and answers `{ echoed: input }`. */
function recordingHandlers(calls: Calls, overrides: Partial<Record<Channel, (input: unknown) => unknown>> = {}): HandlerTable {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (input: unknown) => {
        calls.push({ channel, input });
        const override = overrides[channel];
        return override ? override(input) : { echoed: input };
      },
    ]),
  ) as unknown as HandlerTable;
}

const errorOf = (r: Result<unknown>) => ('error' in r ? r.error : undefined);

describe('the contract', () => {
  it('has an entry for every channel, and no entry that is not a channel', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('names every channel domain:verb', () => {
    for (const channel of CHANNELS) {
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
      const [domain, verb] = splitChannel(channel);
      expect(`${domain}:${verb}`).toBe(channel);
    }
  });

  it('lets channels that take nothing be called with undefined or {}, but nothing more', () => {
    for (const channel of ['app:status', 'settings:get', 'account:list'] as const) {
      expect(contract[channel].input.safeParse(undefined).success).toBe(true);
      expect(contract[channel].input.safeParse({}).success).toBe(true);
      expect(contract[channel].input.safeParse({ id: 'x' }).success).toBe(false);
    }
  });

  it('trims account names and refuses blank ones', () => {
    expect(contract['account:create'].input.parse({ name: '  Acme ' })).toEqual({ name: 'Acme' });
    expect(contract['account:create'].input.safeParse({ name: '   ' }).success).toBe(false);
    expect(contract['account:rename'].input.safeParse({ id: 'a', name: '' }).success).toBe(false);
  });

  describe('account:update patch', () => {
    // A patch of one field must not bring the defaults of the others along: they would overwrite
    // what the user had entered when the service merges the patch into the account.
    it('keeps only the keys that were sent in nested sections', () => {
      const parsed = accountPatchSchema.parse({
        profile: { industry: 'Feed' },
        valueFactors: { potential: 3 },
        giftPolicy: { notes: 'small gifts only' },
      });
      expect(parsed).toEqual({
        profile: { industry: 'Feed' },
        valueFactors: { potential: 3 },
        giftPolicy: { notes: 'small gifts only' },
      });
    });

    it('still checks the values of nested keys', () => {
      expect(accountPatchSchema.safeParse({ giftPolicy: { rule: 'sometimes' } }).success).toBe(false);
      expect(accountPatchSchema.safeParse({ valueFactors: { potential: 'high' } }).success).toBe(false);
      expect(accountPatchSchema.safeParse({ profile: { website: 'x'.repeat(501) } }).success).toBe(false);
      expect(accountPatchSchema.safeParse({ grade: 'Z9' }).success).toBe(false);
      expect(accountPatchSchema.safeParse({ name: 'renames go through account:rename' }).success).toBe(false);
    });

    it('allows clearing a value factor with null', () => {
      expect(accountPatchSchema.parse({ valueFactors: { potential: null } })).toEqual({ valueFactors: { potential: null } });
    });
  });
});

describe('createDispatcher', () => {
  it('calls the handler of the channel with the parsed input and returns its data', async () => {
    const calls: Calls = [];
    const dispatch = createDispatcher(recordingHandlers(calls));
    expect(await dispatch('account:create', { name: '  Acme  ' })).toEqual({ data: { echoed: { name: 'Acme' } } });
    expect(calls).toEqual([{ channel: 'account:create', input: { name: 'Acme' } }]);
  });

  it('awaits handlers that return a promise', async () => {
    const dispatch = createDispatcher(recordingHandlers([], { 'account:list': async () => ['a'] }));
    expect(await dispatch('account:list', undefined)).toEqual({ data: ['a'] });
  });

  it.each(['account:explode', 'constructor', '__proto__', 'toString', '', 'account', 'ACCOUNT:LIST'])(
    'answers UNKNOWN_CHANNEL for %j without calling any handler',
    async (channel) => {
      const calls: Calls = [];
      const result = await createDispatcher(recordingHandlers(calls))(channel, {});
      expect(errorOf(result)?.code).toBe('UNKNOWN_CHANNEL');
      expect(isChannel(channel)).toBe(false);
      expect(calls).toEqual([]);
    },
  );

  it.each<[string, Channel, unknown, RegExp]>([
    ['an empty name', 'account:create', { name: '' }, /name: must not be empty/],
    ['a blank name', 'account:create', { name: '   ' }, /name: must not be empty/],
    ['an extra key', 'account:create', { name: 'Acme', admin: true }, /admin/],
    ['a number instead of an object', 'account:create', 42, /input: .*object/],
    ['a name that is not text', 'account:create', { name: 7 }, /name: .*string/],
    ['a missing id', 'account:get', {}, /id: /],
    ['a bad nested patch value', 'account:update', { id: 'a', patch: { grade: 'Z9' } }, /patch\.grade: /],
    ['an unknown locale', 'settings:update', { locale: 'fr' }, /locale: /],
    ['input where none is taken', 'account:list', { page: 2 }, /page/],
  ])('answers VALIDATION naming the field for %s, without calling the handler', async (_label, channel, input, message) => {
    const calls: Calls = [];
    const result = await createDispatcher(recordingHandlers(calls))(channel, input);
    const error = errorOf(result);
    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toContain(channel);
    expect(error?.message).toMatch(message);
    expect(calls).toEqual([]);
  });

  it("returns an AppError's own code and message", async () => {
    const dispatch = createDispatcher(
      recordingHandlers([], {
        'account:get': () => {
          throw new AppError('NOT_FOUND', 'No account with id x');
        },
      }),
    );
    expect(await dispatch('account:get', { id: 'x' })).toEqual({ error: { code: 'NOT_FOUND', message: 'No account with id x' } });
  });

  it('turns a ZodError thrown by a service into VALIDATION', async () => {
    const dispatch = createDispatcher(
      recordingHandlers([], { 'account:create': () => z.strictObject({ stars: z.number().max(5) }).parse({ stars: 9 }) }),
    );
    const error = errorOf(await dispatch('account:create', { name: 'Acme' }));
    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toMatch(/^stars: /);
  });

  it('turns any other thrown error (also from async handlers) into INTERNAL and logs it', async () => {
    const logged: unknown[] = [];
    const boom = new TypeError('cannot read x of undefined');
    const dispatch = createDispatcher(
      recordingHandlers([], {
        'account:list': () => {
          throw boom;
        },
        'settings:get': async () => Promise.reject('a string, not an Error'),
      }),
      (e) => logged.push(e),
    );
    expect(await dispatch('account:list', undefined)).toEqual({ error: { code: 'INTERNAL', message: 'cannot read x of undefined' } });
    expect(await dispatch('settings:get', undefined)).toEqual({ error: { code: 'INTERNAL', message: 'a string, not an Error' } });
    expect(logged).toEqual([boom, 'a string, not an Error']);
  });

  it('only ever answers with codes from the catalogue', async () => {
    const dispatch = createDispatcher(recordingHandlers([]));
    const results = await Promise.all([
      dispatch('nope', {}),
      dispatch('account:create', {}),
      ...CHANNELS.map((c) => dispatch(c, Symbol('not serialisable'))),
    ]);
    for (const r of results) {
      const error = errorOf(r);
      if (error) expect(ERROR_CODES).toContain(error.code);
    }
  });
});

describe('the storing channels', () => {
  it('are exactly the channels of the store commands, with excel:apply for account:import', () => {
    const types = storeCommandEnvelopeSchema.shape.type.options.map((t) => (t === 'account:import' ? 'excel:apply' : t));
    expect([...STORING_CHANNELS].sort()).toEqual([...types].sort());
  });
});
