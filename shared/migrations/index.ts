import { APP_ID } from '../model/database';
import { m0001 } from './0001-v0-contact-list';
import type { Migration, MigrationContext } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m0001];

/** The version this build writes. */
export const CURRENT_SCHEMA_VERSION = MIGRATIONS.length;

export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
}
export class NewerVersionError extends Error {
  override name = 'NewerVersionError';
  constructor(readonly fileVersion: number) {
    super(`written by a newer version of Account Planner (schema ${fileVersion}, this build reads up to ${CURRENT_SCHEMA_VERSION})`);
  }
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Which schema version a parsed file is in; throws UnknownFormatError when it is not ours. */
export function detectSchemaVersion(raw: unknown): number {
  if (!isObject(raw)) throw new UnknownFormatError('not a JSON object');
  if ('schemaVersion' in raw) {
    if (raw.app !== APP_ID) throw new UnknownFormatError('not an Account Planner file');
    const v = raw.schemaVersion;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new UnknownFormatError('bad schemaVersion');
    return v;
  }
  if (Array.isArray(raw.accounts)) return 0;
  throw new UnknownFormatError('no accounts and no schemaVersion');
}

export interface MigrationResult {
  fromVersion: number;
  /** The data in the current version, not yet restored (defaults not filled). */
  data: unknown;
  applied: string[];
}

/**
 * Brings a parsed file (envelope or v0 bare object) to {@link CURRENT_SCHEMA_VERSION}.
 * Throws NewerVersionError for files from a newer build: those must never be rewritten by us.
 */
export function migrateToCurrent(raw: unknown, ctx: MigrationContext): MigrationResult {
  const fromVersion = detectSchemaVersion(raw);
  if (fromVersion > CURRENT_SCHEMA_VERSION) throw new NewerVersionError(fromVersion);
  let data: unknown = fromVersion === 0 ? raw : (raw as Loose).data;
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= fromVersion) continue;
    data = m.up(data, ctx);
    applied.push(m.name);
  }
  return { fromVersion, data, applied };
}
