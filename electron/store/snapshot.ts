import path from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { Adapter } from 'lowdb';
import { APP_ID, databaseSchema, restoreDatabase, type Database } from '@shared/model/database';
import { CURRENT_SCHEMA_VERSION, migrateToCurrent } from '@shared/migrations/index';
import { syncDir } from './journal';
import type { StoreFs } from './store-fs';

/**
 * The data file: the envelope users and our tools know (`schemaVersion`, `app`, `savedAt`,
 * `data`), plus what the journal needs (`journal.seq`: the last command it holds; `journal.device`:
 * the file's own id) and a checksum of the `data` text with the fingerprint of the schema that
 * wrote it, so that a file this build wrote can be opened without the full restore.
 */
export interface SnapshotEnvelope {
  schemaVersion: number;
  app: typeof APP_ID;
  savedAt: string;
  journal: { seq: number; device: string };
  /** Fingerprint of the schema the data was written with (see {@link schemaFingerprint}). */
  writer: string;
  /** crc32 (hex) of the exact bytes of `data`. */
  checksum: string;
  data: Database;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * Bump when what `restoreDatabase` does changes in a way the schema's JSON Schema does not show (a
 * refinement, a transform): files written before then take the full restore again.
 */
export const RESTORE_REVISION = 1;

let fingerprint: string | null = null;
/**
 * A short hash of the database schema as JSON Schema: two builds with the same fingerprint fill the
 * same defaults, so data one wrote is data the other's restore would leave as it is.
 */
export function schemaFingerprint(): string {
  if (fingerprint === null) {
    let text: string;
    try {
      text = JSON.stringify(z.toJSONSchema(databaseSchema, { unrepresentable: 'any', io: 'input' }));
    } catch {
      // A schema JSON Schema cannot express: no fingerprint, so every file takes the full restore.
      text = `unrepresentable-${Math.random()}`;
    }
    fingerprint = `${CURRENT_SCHEMA_VERSION}.${RESTORE_REVISION}-${hex(crc32(text))}`;
  }
  return fingerprint;
}

/** The header fields in the order they are written; `data` comes last. */
function headerText(h: Omit<SnapshotEnvelope, 'data'>): string {
  const header = { schemaVersion: h.schemaVersion, app: h.app, savedAt: h.savedAt, journal: h.journal, writer: h.writer, checksum: h.checksum };
  return `${JSON.stringify(header).slice(0, -1)},"data":`;
}

/**
 * The JSON of each account object, kept while the object lives: commands replace only the accounts
 * they touch, so a snapshot after one edit stringifies one account and reuses the others' bytes.
 */
const accountJson = new WeakMap<object, Buffer>();

const GROUP_BYTES = 1 << 20;
const COMMA = Buffer.from(',');
/** Work between two yields to the event loop while a snapshot is encoded in the background. */
const SLICE_MS = 4;

/**
 * The data's JSON in pieces of about 1 MiB, byte for byte `JSON.stringify(db)`: the keys in their
 * order, `accounts` one cached account at a time.
 */
function* dataPieces(db: Database): Generator<Buffer> {
  let first = true;
  let pending: Buffer[] = [];
  let size = 0;
  function* push(b: Buffer): Generator<Buffer> {
    pending.push(b);
    size += b.length;
    if (size >= GROUP_BYTES) {
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
    }
  }
  yield* push(Buffer.from('{'));
  for (const [key, value] of Object.entries(db)) {
    const text = key === 'accounts' && Array.isArray(value) ? null : (JSON.stringify(value) as string | undefined);
    if (text === undefined) continue; // JSON.stringify leaves out undefined and functions: so do we.
    yield* push(Buffer.from(`${first ? '' : ','}${JSON.stringify(key)}:${text ?? '['}`));
    first = false;
    if (text !== null) continue;
    const accounts = value as object[];
    for (let i = 0; i < accounts.length; i++) {
      const a = accounts[i] as object;
      let json = accountJson.get(a);
      if (!json) {
        json = Buffer.from(JSON.stringify(a), 'utf8');
        accountJson.set(a, json);
      }
      if (i > 0) yield* push(COMMA);
      yield* push(json);
    }
    yield* push(Buffer.from(']'));
  }
  yield* push(Buffer.from('}'));
  if (pending.length > 0) yield Buffer.concat(pending);
}

function header(meta: { savedAt: string; seq: number; device: string }, checksum: number): Buffer {
  return Buffer.from(
    headerText({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      app: APP_ID,
      savedAt: meta.savedAt,
      journal: { seq: meta.seq, device: meta.device },
      writer: schemaFingerprint(),
      checksum: hex(checksum),
    }),
    'utf8',
  );
}

/** The file's bytes, in one go (for a copy; the store's own snapshots use {@link encodeSnapshotInSlices}). */
export function encodeSnapshot(db: Database, meta: { savedAt: string; seq: number; device: string }): Buffer {
  const pieces = [...dataPieces(db)];
  const crc = pieces.reduce((c, p) => crc32(p, c), 0);
  return Buffer.concat([header(meta, crc), ...pieces, Buffer.from('}')]);
}

/**
 * The file's bytes as pieces, encoded in slices of a few milliseconds with the event loop free in
 * between: a snapshot of a large portfolio must not hold up the edits being acknowledged meanwhile.
 * `db` is immutable (commands make new objects), so edits during the encoding do not affect it.
 */
export async function encodeSnapshotInSlices(db: Database, meta: { savedAt: string; seq: number; device: string }): Promise<Buffer[]> {
  const pieces: Buffer[] = [];
  let crc = 0;
  let sliceStart = performance.now();
  // Each account is stringified on its own, so a slice ends between two accounts.
  const accounts = Array.isArray(db.accounts) ? db.accounts : [];
  for (const a of accounts) {
    if (!accountJson.has(a)) accountJson.set(a, Buffer.from(JSON.stringify(a), 'utf8'));
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  for (const p of dataPieces(db)) {
    crc = crc32(p, crc);
    pieces.push(p);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return [header(meta, crc), ...pieces, Buffer.from('}')];
}

export interface SnapshotRead {
  db: Database;
  /** The schema version the file was in. */
  fromVersion: number;
  /** The last journal record the file holds; 0 for a file without a journal. */
  seq: number;
  device: string | null;
  /** Whether the cheap path was taken (this build's checksummed file). */
  trusted: boolean;
}

type Loose = Record<string, unknown>;

/**
 * Reads a data file's bytes. A file this build wrote and checksummed is taken as it is; any other
 * (older, foreign, hand-edited) is migrated and restored in full. Throws when it cannot be used.
 */
export function readSnapshot(bytes: Buffer, now: Date): SnapshotRead {
  const text = bytes.toString('utf8');
  const raw: unknown = JSON.parse(text);
  const env = (raw && typeof raw === 'object' ? raw : {}) as Loose;
  const journal = env.journal as Loose | undefined;
  const seq = typeof journal?.seq === 'number' && Number.isInteger(journal.seq) && journal.seq >= 0 ? journal.seq : 0;
  const device = typeof journal?.device === 'string' ? journal.device : null;
  if (env.schemaVersion === CURRENT_SCHEMA_VERSION && env.app === APP_ID && env.writer === schemaFingerprint() && typeof env.checksum === 'string') {
    const head = Buffer.from(headerText(env as unknown as SnapshotEnvelope), 'utf8');
    const body = bytes.subarray(head.length, bytes.length - 1);
    if (bytes.subarray(0, head.length).equals(head) && bytes[bytes.length - 1] === 0x7d && hex(crc32(body)) === env.checksum) {
      return { db: env.data as Database, fromVersion: CURRENT_SCHEMA_VERSION, seq, device, trusted: true };
    }
  }
  const { data, fromVersion } = migrateToCurrent(raw, { now: now.toISOString() });
  return { db: restoreDatabase(data), fromVersion, seq, device, trusted: false };
}

/**
 * Writes `bytes` to `file` so that a crash or power cut leaves either the old or the new file:
 * a temporary file (0600) written and fsynced, renamed over the file, and the folder fsynced.
 */
export async function writeFileDurably(fs: StoreFs, file: string, bytes: Buffer | Buffer[]): Promise<void> {
  const tmp = tempFileOf(file);
  try {
    const h = await fs.open(tmp, 'w', 0o600);
    try {
      for (const piece of Array.isArray(bytes) ? bytes : [bytes]) await h.write(piece);
      await h.sync();
    } finally {
      await h.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    // A half-written copy would take the disk space the journal needs on a nearly full disk.
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await syncDir(fs, path.dirname(file));
}

/** The temporary name a durable write of `file` uses (removed at open when a crash left it). */
export const tempFileOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.tmp`);

/** lowdb's adapter for the data file: the envelope above, written durably. */
export class SnapshotFile implements Adapter<{ db: Database; savedAt: string; seq: number; device: string }> {
  constructor(
    private readonly fs: StoreFs,
    readonly file: string,
  ) {}

  /** The store reads the file itself (with recovery from backups); lowdb never needs to. */
  read(): Promise<null> {
    return Promise.resolve(null);
  }

  async write(snapshot: { db: Database; savedAt: string; seq: number; device: string }): Promise<void> {
    await writeFileDurably(this.fs, this.file, await encodeSnapshotInSlices(snapshot.db, snapshot));
  }
}
