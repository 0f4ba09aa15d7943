import { z } from 'zod';
import { longText } from '../model/common';

/**
 * Strict at the door, tolerant on disk. The model's schemas are `looseObject` so that a file from
 * another version keeps what this one does not know; the API's input schemas are built from the
 * same schemas, and would otherwise store whatever keys a caller adds, at any size. The dispatcher
 * therefore parses every input with a derivative of its contract schema made here: unknown keys
 * refused and every string and list bounded, while the contract and the model stay as they are.
 */

/**
 * Bounds for what a schema leaves unbounded, checked after the schema's own rules.
 * - text: the model's `longText` (20,000 characters), the longest free text the app stores; a
 *   string with its own `.max()` (ids, names, the base64 of a workbook or a picture) keeps it.
 * - items: 10,000, twice the largest list a command takes (5,000 contacts, lines or records) and
 *   five times a 2,000-contact map, the largest list an `account:replace` of a real account sends.
 *   A list with its own `.max()` (1,000 commands in `plan:apply`, 200 product lines) keeps it.
 */
export const INPUT_BOUNDS = Object.freeze({ text: maxLengthOf(longText), items: 10_000 });

/**
 * What an object that the model keeps unknown keys in (`looseObject`) does with them at the door:
 * - `refuse`: unknown keys are refused everywhere, in loose and stripping objects alike.
 * - `keepStored`: a loose object keeps taking unknown keys, their values bounded like the rest
 *   (text and lists; depth and size are the input guard's); every other object refuses them.
 *   For inputs that send back stored records, which may hold keys from another version's file.
 */
export type UnknownKeys = 'refuse' | 'keepStored';

type Schema = z.core.$ZodType;
const memo: Record<UnknownKeys, WeakMap<Schema, Schema>> = { refuse: new WeakMap(), keepStored: new WeakMap() };

/**
 * The same schema, with every object strict (unknown keys refused, see {@link UnknownKeys}) all the
 * way down and every string and list without a `.max()` bounded by {@link INPUT_BOUNDS}. Defaults,
 * prefaults, optionals, nullables, refinements and checks, enums, literals, unions (discriminated
 * ones too), arrays, tuples, records, intersections, pipes, transforms, catches and lazy (recursive)
 * schemas are kept; an object with a typed catchall keeps taking keys of that type, like a record. Memoized per schema, so deriving is paid once and a recursive schema ends.
 * Throws for a schema kind that no JSON input can hold (map, set, promise, function).
 */
export function strictInput<S extends z.core.$ZodType>(schema: S, unknownKeys: UnknownKeys = 'refuse'): S {
  return derive(schema, memo[unknownKeys], unknownKeys) as S;
}

/** A def with some of its properties replaced; getters (a default's value, a lazy shape) are kept. */
function withDef(def: z.core.$ZodTypeDef, changes: Record<string, unknown>): z.core.$ZodTypeDef {
  return Object.defineProperties({} as z.core.$ZodTypeDef, { ...Object.getOwnPropertyDescriptors(def), ...Object.getOwnPropertyDescriptors(changes) });
}

function rebuild(schema: Schema, changes: Record<string, unknown>): Schema {
  return (schema as z.ZodType).clone(withDef(schema._zod.def, changes) as never);
}

function maxLengthOf(schema: Schema): number {
  let max = Infinity;
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; maximum?: number; length?: number };
    if (def.check === 'max_length' && def.maximum !== undefined) max = Math.min(max, def.maximum);
    if (def.check === 'length_equals' && def.length !== undefined) max = Math.min(max, def.length);
  }
  return max;
}

const hasMaxLength = (schema: Schema) => maxLengthOf(schema) !== Infinity;

const refuseAll = z.never();

/** The value of an unknown key a stored record may carry: any plain data, with text and lists bounded. */
const storedUnknownValue = z.unknown().superRefine((value, ctx) => {
  // Iterative, and without spreading a big container into push(): neither may run out of stack.
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string' && v.length > INPUT_BOUNDS.text) {
      ctx.addIssue({ code: 'custom', message: `holds a text over ${INPUT_BOUNDS.text} characters, the most the API takes` });
      return;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v) && v.length > INPUT_BOUNDS.items) {
      ctx.addIssue({ code: 'custom', message: `holds a list of over ${INPUT_BOUNDS.items} items, the most the API takes` });
      return;
    }
    for (const child of Array.isArray(v) ? (v as unknown[]) : Object.values(v)) stack.push(child);
  }
});

function derive(schema: Schema, seen: WeakMap<Schema, Schema>, unknownKeys: UnknownKeys): Schema {
  const known = seen.get(schema);
  if (known) return known;
  const next = (s: Schema) => derive(s, seen, unknownKeys);
  const def = schema._zod.def;
  let out: Schema;
  switch (def.type) {
    case 'object': {
      const d = def as z.core.$ZodObjectDef;
      const isLoose = d.catchall?._zod.def.type === 'unknown';
      const catchall =
        d.catchall === undefined || d.catchall._zod.def.type === 'never' || (isLoose && unknownKeys === 'refuse')
          ? refuseAll
          : isLoose
            ? storedUnknownValue
            : next(d.catchall);
      // Fields are derived on first read, after the memo holds this object, so that an object
      // reaching itself through its own fields (zod 4's recursive getters) ends like a lazy does.
      const source = d.shape;
      const shape: Record<string, Schema> = {};
      for (const key of Object.keys(source)) {
        Object.defineProperty(shape, key, {
          enumerable: true,
          configurable: true,
          get: () => {
            const field = next(source[key] as Schema);
            Object.defineProperty(shape, key, { value: field, enumerable: true, configurable: true, writable: false });
            return field;
          },
        });
      }
      out = rebuild(schema, { shape, catchall });
      seen.set(schema, out);
      // Reading the shape derives every field now, so that an unsupported schema fails here, not mid-parse.
      void (out._zod.def as z.core.$ZodObjectDef).shape;
      return out;
    }
    case 'array': {
      const rebuilt = rebuild(schema, { element: next((def as z.core.$ZodArrayDef).element) }) as z.ZodType;
      out = hasMaxLength(schema) ? rebuilt : rebuilt.check(z.maxLength(INPUT_BOUNDS.items, `a list of at most ${INPUT_BOUNDS.items} items`));
      break;
    }
    case 'string':
      out = hasMaxLength(schema) ? schema : (schema as z.ZodType).check(z.maxLength(INPUT_BOUNDS.text, `at most ${INPUT_BOUNDS.text} characters`));
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      out = rebuild(schema, { innerType: next((def as z.core.$ZodOptionalDef).innerType) });
      break;
    case 'union':
      // Discriminated unions are unions with a `discriminator`, which withDef keeps.
      out = rebuild(schema, { options: (def as z.core.$ZodUnionDef).options.map(next) });
      break;
    case 'intersection': {
      const d = def as z.core.$ZodIntersectionDef;
      out = rebuild(schema, { left: next(d.left), right: next(d.right) });
      break;
    }
    case 'tuple': {
      const d = def as z.core.$ZodTupleDef;
      out = rebuild(schema, { items: d.items.map(next), rest: d.rest ? next(d.rest) : d.rest });
      break;
    }
    case 'record': {
      const d = def as z.core.$ZodRecordDef;
      out = rebuild(schema, { keyType: next(d.keyType), valueType: next(d.valueType) });
      break;
    }
    case 'pipe': {
      const d = def as z.core.$ZodPipeDef;
      out = rebuild(schema, { in: next(d.in), out: next(d.out) });
      break;
    }
    case 'lazy': {
      const getter = (def as z.core.$ZodLazyDef).getter;
      // The lazy's own result is derived when first parsed; the memo entry set below ends recursion.
      out = rebuild(schema, { getter: () => next(getter()) });
      break;
    }
    case 'map':
    case 'set':
    case 'promise':
    case 'function':
      throw new Error(`strictInput: a ${def.type} schema cannot be an API input`);
    default:
      // Leaves with nothing to bound or refuse: numbers, booleans, enums, literals, dates, unknown,
      // transforms (a function of the value), custom checks, template literals.
      out = schema;
  }
  seen.set(schema, out);
  return out;
}
