import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** Creates an empty folder under the OS temp folder. */
export async function makeTempDir(prefix = 'account-planner-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/**
 * Registers an `afterEach` that removes every folder the returned function made during the test.
 * Call it at the top of a test file or `describe`.
 */
export function useTempDirs(prefix?: string): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map(removeDir));
  });
  return async () => {
    const dir = await makeTempDir(prefix);
    made.push(dir);
    return dir;
  };
}
