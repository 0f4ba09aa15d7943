import nodeFs, { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '@shared/errors';

export interface FileLock {
  release(): Promise<void>;
}

/** Who holds a lock: written beside proper-lockfile's lock folder, read by the next opener. */
interface LockOwner {
  pid: number;
  /** The process's start time as the kernel counts it (Linux), so a reused pid is told apart. */
  started: string | null;
  host: string;
  at: string;
}

export interface LockResult {
  lock: FileLock;
  /** Set when a lock left behind (by a crash, or by an unrelated process with a reused pid) was taken over. */
  tookOver: string | null;
}

/** Linux: field 22 of /proc/<pid>/stat, the start time in clock ticks since boot. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the recorded owner is this very process still running, not a new one with its pid. */
function ownerIsRunning(owner: LockOwner | null): boolean {
  if (!owner || !Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  if (owner.host !== os.hostname()) return true; // Another machine (a shared folder): trust the lock's freshness.
  if (owner.pid === process.pid && owner.started === processStart(process.pid)) return true;
  if (!isAlive(owner.pid)) return false;
  const started = processStart(owner.pid);
  return started === null || owner.started === null || started === owner.started;
}

const readOwner = async (file: string): Promise<LockOwner | null> => {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
};

const locked = (file: string, owner: LockOwner | null) =>
  new AppError(
    'DB_LOCKED',
    `The database is open in another running Account Planner${owner ? ` (process ${owner.pid})` : ''}. Close it first, or use --data to open another file. (${file})`,
  );

/**
 * A lock not refreshed for this long is stale. Long, because a busy process (a large workbook being
 * read) may not refresh in time; a crashed owner is recognised at once through its owner record.
 */
export const STALE_MS = 60_000;

/**
 * proper-lockfile's file system, except that removing a lock folder removes what is inside it:
 * our owner record lives there, so that it goes with the lock (a stale record outside could be
 * read by the next opener as the owner of a fresh lock).
 */
const lockFs = {
  ...nodeFs,
  rmdir: (dir: string, cb: (err: NodeJS.ErrnoException | null) => void) => {
    fs.rm(dir, { recursive: true, force: true }).then(
      () => cb(null),
      (e: NodeJS.ErrnoException) => cb(e),
    );
  },
};

/**
 * Makes this process the only writer of `file` (a real path: symlinks resolved by the caller).
 * proper-lockfile holds `<file>.lock` (a folder whose time it keeps fresh every 5 s, so a lock
 * whose owner died goes stale after {@link STALE_MS} on any system); `<file>.lock/owner.json` names the owner with its
 * process start time, so that a lock left by a crash is taken over at once and a reused pid does
 * not block. A lock file of the older format (`<file>.lock` holding a pid) is replaced.
 */
export async function acquireLock(file: string, onCompromised: (e: Error) => void): Promise<LockResult> {
  let released = false;
  const lockPath = `${file}.lock`;
  const ownerPath = path.join(lockPath, 'owner.json');
  let tookOver: string | null = null;
  const old = await fs.lstat(lockPath).catch(() => null);
  if (old?.isFile()) {
    await fs.rm(lockPath, { force: true });
    tookOver = `${lockPath} (a lock file of an older version)`;
  } else if (old) {
    // Taken over below, or by proper-lockfile itself once stale: either way the user is told.
    const owner = await readOwner(ownerPath);
    tookOver = `${lockPath} (left by ${owner ? `process ${owner.pid}, which is no longer running` : 'a process that did not close it'})`;
  }
  let release: () => Promise<void> = () => Promise.resolve();
  const me: LockOwner = { pid: process.pid, started: processStart(process.pid), host: os.hostname(), at: new Date().toISOString() };
  /**
   * Writes the owner record into the lock folder, then puts the folder's time back: proper-lockfile
   * takes a changed time as the sign that another process took the lock.
   */
  const nameMe = async () => {
    const { atime, mtime } = await fs.stat(lockPath);
    await fs.writeFile(ownerPath, JSON.stringify(me), { mode: 0o600 });
    await fs.utimes(lockPath, atime, mtime);
  };
  /**
   * proper-lockfile also calls a lock lost when this process was too busy to refresh it in time (a
   * long synchronous stretch). If the folder still names us, nobody else took it: lock it again.
   */
  const compromised = (e: Error) => {
    void (async () => {
      const owner = released ? null : await readOwner(ownerPath);
      if (owner && owner.pid === me.pid && owner.started === me.started && owner.at === me.at) {
        try {
          // Ours: the folder can go, and be made again with a fresh time.
          await fs.rm(lockPath, { recursive: true, force: true });
          release = await lockfile.lock(file, options);
          await nameMe();
          return;
        } catch {
          // Taken by another program after all.
        }
      }
      if (!released) onCompromised(e);
    })();
  };
  const options = { realpath: false, stale: STALE_MS, update: 5_000, retries: 0, onCompromised: compromised, fs: lockFs };
  try {
    release = await lockfile.lock(file, options);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    const owner = await readOwner(ownerPath);
    // No owner yet: another opener is between taking the lock and naming itself. A crash in that
    // moment leaves a lock that proper-lockfile calls stale once its time is STALE_MS old.
    if (owner === null || ownerIsRunning(owner)) throw locked(file, owner);
    // The owner is gone (or its pid now belongs to another program): the lock is ours to take.
    await fs.rm(lockPath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(file, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw locked(file, await readOwner(ownerPath));
      throw again;
    }
  }
  await nameMe();
  return {
    tookOver,
    lock: {
      async release() {
        if (released) return;
        released = true;
        await release().catch(() => undefined);
      },
    },
  };
}
