import path from 'node:path';

export const APP_DIR_NAME = 'Account Planner';
export const DATA_FILE_NAME = 'account-planner.json';
/** Environment variable that overrides where the database lives. */
export const DATA_ENV = 'ACCOUNT_PLANNER_DATA';

/**
 * The OS user-data folder Electron would use for this app (`app.getPath('userData')`), computed
 * without Electron so that the browser host opens the very same file.
 */
export function defaultUserDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
}

/** `--data <file>` or `--data=<file>` from a command line, if given. */
export function dataArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--data') return argv[i + 1];
    if (a.startsWith('--data=')) return a.slice('--data='.length);
  }
  return undefined;
}

/** Where the database file is: `--data`, else the environment variable, else the user-data folder. */
export function resolveDataFile(opts: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  cwd: string;
}): string {
  const chosen = dataArg(opts.argv) ?? opts.env[DATA_ENV];
  if (chosen) return path.resolve(opts.cwd, chosen);
  return path.join(opts.userDataDir, DATA_FILE_NAME);
}

/** Whether the data file is in the app's own user-data folder (not one the user chose): that folder is ours to keep private. */
export function isInAppFolder(dataFile: string, userDataDir: string): boolean {
  return path.resolve(path.dirname(dataFile)) === path.resolve(userDataDir);
}
