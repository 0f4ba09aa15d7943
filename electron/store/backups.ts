import fs from 'node:fs/promises';
import path from 'node:path';

/** A file-system-safe timestamp that sorts in time order. */
export const fileTimestamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/** `<timestamp>[-n].json` after the base name, as written by {@link BackupRotation.add}. */
const BACKUP_SUFFIX = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(?:-\d+)?\.json$/;

/** Copies of the database file in one folder, newest kept, oldest pruned. */
export class BackupRotation {
  constructor(
    readonly dir: string,
    private readonly baseName: string,
    private readonly keep: number,
  ) {}

  /**
   * Only names `add` writes: a looser match would take the backups of `planner-2023.json` for
   * those of `planner.json` when both live in one folder, prune them and restore from them.
   */
  private matches(name: string): boolean {
    return name.startsWith(`${this.baseName}-`) && BACKUP_SUFFIX.test(name.slice(this.baseName.length + 1));
  }

  /**
   * `[timestamp, n]` of a backup name: `add` appends `-n` when a backup of the same instant exists.
   * Plain name order would put `…Z-1.json` before `…Z.json` and `-10` before `-2`.
   */
  private age(name: string): [string, number] {
    const stem = name.slice(this.baseName.length + 1, -'.json'.length);
    const m = /^(.*Z)-(\d+)$/.exec(stem);
    return m ? [m[1] as string, Number(m[2])] : [stem, 0];
  }

  /** Backup files, newest first. */
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
      .map((n) => ({ n, age: this.age(n) }))
      .sort((a, b) => (a.age[0] === b.age[0] ? b.age[1] - a.age[1] : a.age[0] < b.age[0] ? 1 : -1))
      .map(({ n }) => path.join(this.dir, n));
  }

  /** Copies `file` into the rotation and prunes the oldest beyond `keep`. Returns the copy's path. */
  async add(file: string, now: Date): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // A folder made by an older version may be wider; tightening it is best effort (not ours on some mounts).
    await fs.chmod(this.dir, 0o700).catch(() => undefined);
    const stamp = fileTimestamp(now);
    // Numbered after every kept backup of the same instant (a pruned one's name may be free again),
    // so that the new copy is the newest in `list()` and not the one pruned.
    const same = (await this.list()).map((f) => this.age(path.basename(f))).filter(([t]) => t === stamp);
    let n = same.length === 0 ? 0 : Math.max(...same.map(([, k]) => k)) + 1;
    const nameOf = (k: number) => path.join(this.dir, `${this.baseName}-${stamp}${k === 0 ? '' : `-${k}`}.json`);
    while (await fs.access(nameOf(n)).then(() => true, () => false)) n++;
    const target = nameOf(n);
    // Copy to a temporary name first, so a crash never leaves a half backup that looks whole.
    const tmp = `${target}.tmp`;
    await fs.copyFile(file, tmp);
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, target);
    const all = await this.list();
    await Promise.all(all.slice(this.keep).map((f) => fs.rm(f, { force: true })));
    return target;
  }
}
