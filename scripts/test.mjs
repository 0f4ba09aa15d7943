// `npm test`: type-checks and lints, builds the app, runs every Vitest test (unit, integration,
// renderer) and every Playwright end-to-end test against the built browser host, then prints one
// summary line. Everything runs even when something before it fails, so one run shows everything
// that is broken; the typecheck and the lint count as one test each in that line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CHECKS, summarize } from './test-summary.mjs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

fs.rmSync('test-results', { recursive: true, force: true });
fs.mkdirSync('test-results', { recursive: true });

// Exit codes by name, written before the suites run so that test-summary.mjs finds them.
const checks = Object.fromEntries(CHECKS.map((name) => [name, run('npm', ['run', name])]));
fs.writeFileSync('test-results/checks.json', JSON.stringify(checks, null, 2) + '\n');

const build = run('npm', ['run', 'build']);
const unit = run('npx', ['vitest', 'run']);
const e2e = build === 0 ? run('npx', ['playwright', 'test']) : 1;

const { passed, failed, notes } = summarize();
if (build !== 0) notes.push('The build failed, so the end-to-end tests did not run');
for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed`);
const checked = Object.values(checks).every((status) => status === 0);
process.exit(checked && build === 0 && unit === 0 && e2e === 0 && failed === 0 ? 0 : 1);
