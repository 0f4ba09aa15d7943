import { z } from 'zod';

/** A stable identifier: generated once by the main process, never reused. */
export const idSchema = z.string().min(1).max(80);

/** An ISO-8601 instant, as written by `Date.prototype.toISOString()`. */
export const timestampSchema = z.iso.datetime({ offset: true });

/** A calendar date without a time zone, `YYYY-MM-DD`. */
export const dateSchema = z.iso.date();

/** Short single-line text (names, titles); trimmed. */
export const shortText = (max = 200) => z.string().trim().max(max);

/** Free text (notes, strategy); generous but bounded so one field cannot bloat the file. */
export const longText = z.string().max(20_000);

/** Fields every stored entity carries. */
export const entityFields = {
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
};

export interface EntityStamp {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Builds the stamp of a new entity. */
export function stamp(id: string, now: string): EntityStamp {
  return { id, createdAt: now, updatedAt: now };
}
