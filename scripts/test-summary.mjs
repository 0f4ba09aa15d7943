// Reads the JSON reports of Vitest and Playwright and prints the one closing line CI reads:
// "N passed, N failed". A suite that left no report counts as one failure: it did not run.
// The typecheck and lint count as one test each, from the exit codes that scripts/test.mjs wrote
// to checks.json, so that repeating the line after `npm test` (as .ci/run does) still counts them.
import fs from 'node:fs';

/** The checks `npm test` runs before the suites, as named in checks.json. */
export const CHECKS = ['typecheck', 'lint'];

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

export function summarize(dir = 'test-results') {
  let passed = 0;
  let failed = 0;
  const notes = [];
  const checks = read(`${dir}/checks.json`) ?? {};
  for (const name of CHECKS) {
    const status = checks[name];
    if (status === 0) passed += 1;
    else {
      failed += 1;
      notes.push(typeof status === 'number' ? `npm run ${name} failed` : `npm run ${name} left no result`);
    }
  }
  const vitest = read(`${dir}/vitest.json`);
  if (vitest) {
    passed += vitest.numPassedTests ?? 0;
    failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
    // A test file that fails to load has no tests in it but is a failure all the same.
    failed += (vitest.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  } else {
    failed += 1;
    notes.push('Vitest left no report');
  }
  const pw = read(`${dir}/playwright.json`);
  if (pw) {
    passed += (pw.stats?.expected ?? 0) + (pw.stats?.flaky ?? 0);
    failed += pw.stats?.unexpected ?? 0;
    failed += (pw.errors ?? []).length;
  } else {
    failed += 1;
    notes.push('Playwright left no report');
  }
  return { passed, failed, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed, notes } = summarize(process.argv[2]);
  for (const n of notes) console.log(n);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
