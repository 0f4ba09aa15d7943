import path from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { storeCommandEnvelopeSchema, type StoreCommand } from '@shared/commands/store-commands';
import type { StoreFileHandle, StoreFs } from './store-fs';

/** The journal format this build writes; a record of another version is not replayed. */
export const JOURNAL_VERSION = 1;

/**
 * One accepted command as the journal keeps it. Everything replay needs is here: the command, the
 * time and the ids it was given. `device` and `schema` are there for what builds on the journal
 * later (plan history, a team server's outbox): who made the edit and in which data format.
 */
export interface JournalRecord {
  v: typeof JOURNAL_VERSION;
  /** 1, 2, 3 … over the life of the data file; the snapshot says up to which one it holds. */
  seq: number;
  /** When the command was accepted (ISO instant); also the `now` it ran with. */
  at: string;
  /** The data file's own random id (`journal.device` in the snapshot), the same on every record. */
  device: string;
  /** The data file's schema version when the command ran. */
  schema: number;
  /** Ids of the accounts the command touched. */
  accounts: string[];
  cmd: StoreCommand;
  /** The ids the command generated, in order, so that a replay generates the same. */
  ids: string[];
}

const recordSchema = z.looseObject({
  v: z.literal(JOURNAL_VERSION),
  seq: z.number().int().positive(),
  at: z.string(),
  device: z.string(),
  schema: z.number().int().min(0),
  accounts: z.array(z.string()),
  cmd: storeCommandEnvelopeSchema,
  ids: z.array(z.string()),
});

/** `{"crc":"<8 hex>","rec":` — the checksum covers the exact bytes of the record that follow. */
const PREFIX_LENGTH = '{"crc":"00000000","rec":'.length;
const LINE = /^\{"crc":"([0-9a-f]{8})","rec":/;

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** One record as a journal line, newline included. Throws when the command cannot be serialised. */
export function encodeRecord(record: JournalRecord): string {
  const body = JSON.stringify(record);
  return `{"crc":"${hex(crc32(body))}","rec":${body}}\n`;
}

/** A record read back, or null when the line is not a whole record of ours. */
export function decodeRecord(line: string): JournalRecord | null {
  const m = LINE.exec(line);
  if (!m || !line.endsWith('}')) return null;
  const body = line.slice(PREFIX_LENGTH, -1);
  if (hex(crc32(body)) !== m[1]) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const ok = recordSchema.safeParse(parsed);
  return ok.success ? (parsed as JournalRecord) : null;
}

export interface JournalRead {
  records: { record: JournalRecord; line: string }[];
  /** Bytes of the file that hold whole, checked records. */
  goodBytes: number;
  /**
   * `clean`: every byte is a good record. `torn`: the last record is incomplete or fails its
   * checksum (a crash during the append that was never acknowledged); it is dropped. `damaged`: a
   * bad record is followed by more data, so something other than a crash broke the file.
   */
  state: 'clean' | 'torn' | 'damaged';
  /** How many lines after the good part could not be used. */
  droppedLines: number;
}

/** Splits journal bytes into checked records up to the first bad one. */
export function parseJournal(bytes: Buffer): JournalRead {
  const records: JournalRead['records'] = [];
  let at = 0;
  while (at < bytes.length) {
    const nl = bytes.indexOf(0x0a, at);
    if (nl === -1) break;
    const line = bytes.subarray(at, nl).toString('utf8');
    const record = decodeRecord(line);
    if (!record) break;
    records.push({ record, line: `${line}\n` });
    at = nl + 1;
  }
  if (at === bytes.length) return { records, goodBytes: at, state: 'clean', droppedLines: 0 };
  const rest = bytes.subarray(at).toString('utf8').split('\n').filter((l) => l.length > 0);
  // Only the last line bad: a torn append. A bad line with whole records after it is damage.
  const laterGood = rest.slice(1).some((l) => decodeRecord(l) !== null);
  return { records, goodBytes: at, state: laterGood ? 'damaged' : 'torn', droppedLines: rest.length };
}

/**
 * The append-only journal beside the data file. `append` returns once the bytes are on disk
 * (`fdatasync`); a failed append is cut off again, so a later good one never follows half a record.
 */
export class Journal {
  private handle: StoreFileHandle | null = null;
  /** Length of the file's good part: where the next record starts. */
  private size: number;

  private constructor(
    private readonly fs: StoreFs,
    readonly file: string,
    size: number,
  ) {
    this.size = size;
  }

  /** Opens the journal for appending at `goodBytes`, cutting off anything after it. */
  static async open(fs: StoreFs, file: string, goodBytes: number): Promise<Journal> {
    const journal = new Journal(fs, file, goodBytes);
    await journal.reopen();
    return journal;
  }

  /** Reads a journal file; none yet reads as empty. A journal that is not a plain file is refused. */
  static async read(fs: StoreFs, file: string): Promise<JournalRead & { exists: boolean }> {
    let stat;
    try {
      stat = await fs.lstat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], goodBytes: 0, state: 'clean', droppedLines: 0, exists: false };
      throw e;
    }
    if (!stat.isFile()) throw new Error(`${file} is not a regular file`);
    return { ...parseJournal(await fs.readFile(file)), exists: true };
  }

  private async reopen(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    // Never cut to more than the file holds: truncate would pad it with zero bytes, and a record
    // after them would read as a torn tail.
    const actual = await this.fs.lstat(this.file).then(
      (st) => st.size,
      () => 0,
    );
    this.size = Math.min(this.size, actual);
    const h = await this.fs.open(this.file, 'a', 0o600);
    try {
      // Whatever lies past the good part (a torn record, a failed append) goes before we add to it.
      await h.truncate(this.size);
      await h.datasync();
    } catch (e) {
      await h.close().catch(() => undefined);
      throw e;
    }
    await this.fs.chmod(this.file, 0o600).catch(() => undefined);
    this.handle = h;
  }

  /**
   * Checks that the journal can take bytes again (after a failure): writes and flushes a block of
   * empty lines, then cuts it off. Empty lines are never a record, so a crash in between leaves a
   * tail that the next open drops. A zero-byte write would succeed on a full disk.
   */
  async probe(): Promise<void> {
    if (!this.handle) await this.reopen();
    const h = this.handle as StoreFileHandle;
    try {
      await h.write(Buffer.alloc(4096, 0x0a));
      await h.datasync();
    } finally {
      await h.truncate(this.size).catch(async () => {
        await h.close().catch(() => undefined);
        this.handle = null;
      });
    }
    await h.datasync();
  }

  /** Appends lines (whole records) and flushes them to disk. Throws the file system's error. */
  async append(text: string): Promise<void> {
    if (!this.handle) await this.reopen();
    const bytes = Buffer.from(text, 'utf8');
    const h = this.handle as StoreFileHandle;
    try {
      await h.write(bytes);
      await h.datasync();
      this.size += bytes.length;
    } catch (e) {
      // Cut the failed bytes off; if even that fails the handle is dropped, and the next append
      // reopens the file and cuts there first.
      try {
        await h.truncate(this.size);
      } catch {
        await h.close().catch(() => undefined);
        this.handle = null;
      }
      throw e;
    }
  }

  /**
   * Replaces the journal with `lines` (the records the snapshot does not hold yet). With none, the
   * file is cut to empty in place; otherwise it is rewritten through a temporary file.
   */
  async rewrite(lines: string[]): Promise<void> {
    if (lines.length === 0) {
      if (!this.handle) await this.reopen();
      await (this.handle as StoreFileHandle).truncate(0);
      this.size = 0;
      await (this.handle as StoreFileHandle).datasync();
      return;
    }
    const text = lines.join('');
    const tmp = `${this.file}.tmp`;
    const h = await this.fs.open(tmp, 'w', 0o600);
    try {
      await h.write(text);
      await h.sync();
    } finally {
      await h.close();
    }
    await this.fs.rename(tmp, this.file);
    // From here the open handle points at the replaced file: it must never take another record.
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    this.size = Buffer.byteLength(text);
    await syncDir(this.fs, path.dirname(this.file));
    await this.reopen();
  }

  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }
}

/** fsync of a folder, so that a rename in it survives a power cut. Not possible on Windows: skipped. */
export async function syncDir(fs: StoreFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await fs.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
