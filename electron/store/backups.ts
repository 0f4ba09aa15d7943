import fs from 'node:fs/promises';
import path from 'node:path';

/** A file-system-safe timestamp that sorts in time order. */
export const fileTimestamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/** Copies of the database file in one folder, newest kept, oldest pruned. */
export class BackupRotation {
  constructor(
    readonly dir: string,
    private readonly baseName: string,
    private readonly keep: number,
  ) {}

  private matches(name: string): boolean {
    return name.startsWith(`${this.baseName}-`) && name.endsWith('.json');
  }

  /** Backup files, newest first (names sort by time). */
  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => this.matches(n))
      .sort()
      .reverse()
      .map((n) => path.join(this.dir, n));
  }

  /** Copies `file` into the rotation and prunes the oldest beyond `keep`. Returns the copy's path. */
  async add(file: string, now: Date): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    let target = path.join(this.dir, `${this.baseName}-${fileTimestamp(now)}.json`);
    for (let n = 1; await fs.access(target).then(() => true, () => false); n++) {
      target = path.join(this.dir, `${this.baseName}-${fileTimestamp(now)}-${n}.json`);
    }
    // Copy to a temporary name first, so a crash never leaves a half backup that looks whole.
    const tmp = `${target}.tmp`;
    await fs.copyFile(file, tmp);
    await fs.rename(tmp, target);
    const all = await this.list();
    await Promise.all(all.slice(this.keep).map((f) => fs.rm(f, { force: true })));
    return target;
  }
}
