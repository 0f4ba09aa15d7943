import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';

/** The file handle operations the store uses. */
export interface StoreFileHandle {
  write(data: Buffer | string): Promise<unknown>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(len?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every file operation of the store, so that tests (and the e2e fault hook) can make the disk fail
 * the way real disks do: full, read-only, I/O errors.
 */
export interface StoreFs {
  open(file: string, flags: string, mode?: number): Promise<StoreFileHandle>;
  readFile(file: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, opts?: { force?: boolean; recursive?: boolean }): Promise<void>;
  mkdir(dir: string, opts: { recursive: true; mode?: number }): Promise<unknown>;
  readdir(dir: string): Promise<string[]>;
  copyFile(from: string, to: string): Promise<void>;
  chmod(file: string, mode: number): Promise<void>;
  realpath(file: string): Promise<string>;
  lstat(file: string): Promise<{ isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; size: number; mode: number }>;
}

export const nodeStoreFs: StoreFs = {
  open: (file, flags, mode) => fs.open(file, flags, mode),
  readFile: (file) => fs.readFile(file),
  rename: (from, to) => fs.rename(from, to),
  rm: (file, opts) => fs.rm(file, opts),
  mkdir: (dir, opts) => fs.mkdir(dir, opts),
  readdir: (dir) => fs.readdir(dir),
  copyFile: (from, to) => fs.copyFile(from, to),
  chmod: (file, mode) => fs.chmod(file, mode),
  realpath: (file) => fs.realpath(file),
  lstat: (file) => fs.lstat(file),
};

/** Which of the store's files a path is: the journal (and its temp), or anything else (the snapshot side). */
export type FaultTarget = 'journal' | 'snapshot';
/** errno codes to raise on writes, per target; a missing target works normally. */
export type Faults = Partial<Record<FaultTarget, string>>;

const MESSAGES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EIO: 'i/o error',
  EACCES: 'permission denied',
  EDQUOT: 'disk quota exceeded',
};

function fault(code: string, op: string, file: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: ${MESSAGES[code] ?? 'injected failure'}, ${op} '${file}'`);
  e.code = code;
  e.syscall = op;
  e.path = file;
  return e;
}

const targetOf = (file: string): FaultTarget => (/\.journal(\.tmp[^/\\]*)?$/.test(file) ? 'journal' : 'snapshot');

/**
 * The store's file system with injected write failures: every operation that writes (open for
 * writing, write, fsync, truncate, rename, copy, mkdir, chmod) of a target named in `faults()`
 * fails with that errno. Reads always work, as they do on a full or read-only disk.
 */
export function faultyStoreFs(base: StoreFs, faults: () => Faults): StoreFs {
  const check = (file: string, op: string) => {
    const code = faults()[targetOf(file)];
    if (code) throw fault(code, op, file);
  };
  return {
    ...base,
    async open(file, flags, mode) {
      if (flags !== 'r') check(file, 'open');
      const h = await base.open(file, flags, mode);
      if (flags === 'r') return h;
      return {
        write: async (d) => (check(file, 'write'), h.write(d)),
        datasync: async () => (check(file, 'fdatasync'), h.datasync()),
        sync: async () => (check(file, 'fsync'), h.sync()),
        truncate: async (n) => (check(file, 'ftruncate'), h.truncate(n)),
        close: () => h.close(),
      };
    },
    rename: async (from, to) => (check(to, 'rename'), base.rename(from, to)),
    copyFile: async (from, to) => (check(to, 'copyfile'), base.copyFile(from, to)),
    mkdir: async (dir, opts) => (check(dir, 'mkdir'), base.mkdir(dir, opts)),
    chmod: async (file, mode) => (check(file, 'chmod'), base.chmod(file, mode)),
  };
}

/**
 * The end-to-end tests' fault hook: with `ACCOUNT_PLANNER_FAULTS=<file>` set, the store reads that
 * JSON file (`{"journal":"ENOSPC"}`, `{"snapshot":"EIO"}`, `{}`) before each write. Only a test
 * sets the variable; without it the store uses the plain file system.
 */
export function storeFsFromEnv(env: NodeJS.ProcessEnv): StoreFs {
  const control = env.ACCOUNT_PLANNER_FAULTS;
  if (!control) return nodeStoreFs;
  return faultyStoreFs(nodeStoreFs, () => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(control, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Faults) : {};
    } catch {
      return {};
    }
  });
}
