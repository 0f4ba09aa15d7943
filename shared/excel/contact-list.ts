import type { z } from 'zod';
import type { contactSchema } from '../model/contact';
import { fieldAliases, SHEET_FIELDS, type FieldDef } from './columns';
import { readPlanSheets } from './from-sheets';
import { normalizeKey, type Locale } from './labels';
import type { CellValue, ImportProblem, RawSheet } from './types';

export type ContactInput = z.input<typeof contactSchema>;

/** The contact fields a column of a hand-made list can be mapped to. */
export const CONTACT_FIELD_KEYS = [
  'name',
  'title',
  'department',
  'level',
  'reportsTo',
  'role',
  'isCoach',
  'attitude',
  'influence',
  'stars',
  'email',
  'phone',
  'needs',
  'profile.age',
  'profile.hometown',
  'profile.almaMater',
  'profile.family',
  'profile.familyBirthdays',
  'profile.hobbies',
  'profile.favouriteFood',
  'profile.books',
  'profile.lastHoliday',
  'profile.nextHoliday',
  'profile.careerGoals',
  'profile.workGoals',
  'profile.colleagueRelations',
  'notes',
] as const;
export type ContactField = (typeof CONTACT_FIELD_KEYS)[number];

export interface ContactFieldInfo {
  key: ContactField;
  label: Record<Locale, string>;
  required: boolean;
}

const defOf = (key: ContactField): FieldDef => SHEET_FIELDS.contacts.find((f) => f.key === key)!;

/** The fields offered in the mapping UI, in this order, with their labels in both languages. */
export const CONTACT_FIELDS: readonly ContactFieldInfo[] = CONTACT_FIELD_KEYS.map((key) => {
  const f = defOf(key);
  return { key, label: { en: f.en, 'zh-CN': f.zh }, required: f.required === true };
});

/**
 * Guesses which contact field each column of a hand-made list holds, from its header (any
 * header or alias of the Buying centre sheet, in either language, ignoring case, spaces and
 * punctuation). Each field is given to its first column only; other columns get null.
 */
export function guessMapping(header: CellValue[]): (ContactField | null)[] {
  const lookup = new Map<string, ContactField>();
  for (const key of CONTACT_FIELD_KEYS) for (const alias of fieldAliases(defOf(key))) if (!lookup.has(alias)) lookup.set(alias, key);
  const taken = new Set<ContactField>();
  return header.map((cell) => {
    if (cell === null || cell === '') return null;
    const key = lookup.get(normalizeKey(String(cell)));
    if (key === undefined || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}

export interface RowsToContactsOptions {
  newId: () => string;
  now: string;
  /** Language of the problem messages; English by default. */
  locale?: Locale;
}

/**
 * Reads a hand-made contact list with the user's column mapping (`mapping[i]` is the field of
 * column i, null to skip it). Values are read and checked as in the Buying centre sheet; reports-to
 * is matched by name within the list. A list without a Name column yields no contacts and a
 * problem; a row with a blank name is reported and skipped. Problems name the list's own sheet and headers.
 */
export function rowsToContacts(
  sheet: RawSheet,
  mapping: (ContactField | null)[],
  opts: RowsToContactsOptions,
): { contacts: ContactInput[]; problems: ImportProblem[] } {
  const locale = opts.locale ?? 'en';
  // The list is read as the Buying centre sheet of a one-account workbook, with the user's mapping.
  const { accounts, problems } = readPlanSheets(
    [
      // An ID of its own, so the caller's newId() is spent on contacts only.
      { name: 'Account', header: ['ID', 'Account'], rows: [{ excelRow: 1, cells: ['contact-list', 'list'] }] },
      sheet,
    ],
    { newId: opts.newId, now: opts.now, locale },
    true,
    { sheet, keys: mapping },
  );
  return { contacts: (accounts[0]?.contacts ?? []) as ContactInput[], problems };
}
