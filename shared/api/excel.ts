import { z } from 'zod';
import { idSchema } from '../model/common';
import { LOCALES } from '../model/database';
import type { ImportProblem } from '../excel/types';

const locale = z.enum(LOCALES);

/** Steps of a long Excel job, in order, for the progress the user sees. */
export const EXCEL_STAGES = ['reading', 'mapping', 'comparing', 'writing', 'done'] as const;
export type ExcelStage = (typeof EXCEL_STAGES)[number];
export interface ExcelProgress {
  stage: ExcelStage;
  /** 0-1 of the whole job. */
  fraction: number;
}

/** Lets the renderer ask how far a job it started has got. */
const jobId = z.uuid().optional();

/** What to export: one account (with the map as a picture), the whole portfolio, or a blank template. */
export const exportInputSchema = z.discriminatedUnion('scope', [
  z.strictObject({
    scope: z.literal('account'),
    accountId: idSchema,
    locale,
    image: z.strictObject({ base64: z.base64().max(40_000_000), width: z.number().int().min(1).max(20_000), height: z.number().int().min(1).max(20_000) }).optional(),
    jobId,
  }),
  z.strictObject({ scope: z.literal('portfolio'), locale, jobId }),
  z.strictObject({ scope: z.literal('template'), locale, jobId }),
]);
export type ExportInput = z.infer<typeof exportInputSchema>;

/** A workbook to preview: into a new account (accountId null) or merged into one account. */
export const previewInputSchema = z.strictObject({
  fileName: z.string().min(1).max(300),
  /** A little over 50 MiB of file, so that the reader itself says "too large" with the file's name. */
  base64: z.base64().max(75_000_000, 'The file is over 50 MB, the most that can be imported'),
  accountId: idSchema.nullable(),
  /** For a plain contact list: the field of each column (null = ignore); omitted = the guess. */
  mapping: z.array(z.string().nullable()).max(500).optional(),
  /** The language problems are reported in. */
  locale: locale.optional(),
  jobId,
});
export type PreviewInput = z.infer<typeof previewInputSchema>;

/** What an import would do, shown before anything changes. */
export interface ImportPreview {
  /** Apply with this; null when there are problems (nothing may be applied then). */
  token: string | null;
  fileName: string;
  format: 'plan' | 'contactList';
  problems: ImportProblem[];
  accounts: {
    name: string;
    isNew: boolean;
    creates: { kind: string; name: string }[];
    updates: { kind: string; name: string; fields: string[] }[];
    unchanged: number;
  }[];
  /** For a plain contact list: the columns and how they were mapped, for the user to correct. */
  contactList: { sheet: string; header: string[]; mapping: (string | null)[]; fields: string[] } | null;
}
