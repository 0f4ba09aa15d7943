import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_ENV, isInAppFolder, resolveDataFile } from '../../../electron/services/paths';

const userDataDir = path.resolve('/home/kam/.config/Account Planner');
const resolve = (argv: string[], env: NodeJS.ProcessEnv = {}) => resolveDataFile({ argv, env, userDataDir, cwd: '/work' });

describe('where the data file is', () => {
  it('is the app’s own folder by default, kept private; a file the user chose is not', () => {
    expect(isInAppFolder(resolve([]), userDataDir)).toBe(true);
    expect(isInAppFolder(resolve(['--data', 'plans.json']), userDataDir)).toBe(false);
    expect(isInAppFolder(resolve([], { [DATA_ENV]: '/shared/team/plans.json' }), userDataDir)).toBe(false);
    // Chosen, but inside the app's folder all the same: still the app's folder.
    expect(isInAppFolder(resolve(['--data', path.join(userDataDir, 'other.json')]), userDataDir)).toBe(true);
  });
});
