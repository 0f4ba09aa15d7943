import { z } from 'zod';

type Unwrapped<T> =
  T extends z.ZodDefault<infer I extends z.core.SomeType>
    ? Unwrapped<I>
    : T extends z.ZodPrefault<infer I extends z.core.SomeType>
      ? Unwrapped<I>
      : T;

function unwrapDefault(schema: z.core.SomeType): z.core.SomeType {
  return schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? unwrapDefault(schema.unwrap() as z.core.SomeType) : schema;
}

/**
 * The fields of an object schema as a patch: every key optional and without its default.
 * `.partial()` is not enough: zod 4 still fills the default of a key that was not sent, and the
 * merge would then overwrite what the user had entered with that default.
 */
export function patchShape<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, z.optional(unwrapDefault(field))])) as {
    [K in keyof Shape]: z.ZodOptional<Unwrapped<Shape[K]>>;
  };
}
