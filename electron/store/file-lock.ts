import fs from 'node:fs/promises';
import { AppError } from '@shared/errors';

export interface FileLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes this process the only writer of a database: a lock file holding our pid. A lock left by
 * a process that is gone (a crash) is taken over; one held by a live process is refused.
 */
export async function acquireLock(lockFile: string): Promise<FileLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          const owner = await fs.readFile(lockFile, 'utf8').catch(() => '');
          if (owner.trim() === String(process.pid)) await fs.rm(lockFile, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(await fs.readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new AppError(
          'DB_LOCKED',
          `The database is open in another running Account Planner (process ${pid}). Close it first, or use --data to open another file.`,
        );
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new AppError('DB_LOCKED', `Could not lock ${lockFile}`);
}
