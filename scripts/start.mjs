// `npm start` after the build: the Electron app where Electron can run, else the browser host.
//
//   npm start                      Electron if possible, the browser host otherwise
//   npm start -- --host            the browser host, even where Electron works
//   npm start -- --data x.json     any other arguments go to whichever one starts
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST_ENTRY = path.join(ROOT, 'out', 'host', 'main.js');
const ELECTRON_ENTRY = path.join(ROOT, 'out', 'main', 'index.js');
const VERSION_CHECK_TIMEOUT_MS = 5_000;

/**
 * Where the Electron binary is, or why there is none. Mirrors `electron/index.js` minus its
 * fallback: `require('electron')` downloads the binary synchronously when it is missing, which
 * offline means hanging at start-up or failing after a long wait, so we read `path.txt` ourselves.
 *
 * @returns {{ ok: true, binary: string } | { ok: false, reason: string }}
 */
function findElectron() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  let executable;
  try {
    executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      return { ok: false, reason: 'its binary was never downloaded (node_modules/electron/path.txt is missing)' };
    }
  }
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : path.join(packageDir, 'dist', /** @type {string} */ (executable));
  if (!existsSync(binary)) return { ok: false, reason: `its binary is missing (${binary})` };
  return { ok: true, binary };
}

/**
 * Whether Electron can actually start here: the binary runs (`--version` loads its shared
 * libraries without opening a window) and, on Linux, there is a display to open one on.
 *
 * @returns {{ ok: true, binary: string } | { ok: false, reason: string }}
 */
function checkElectron() {
  const found = findElectron();
  if (!found.ok) return found;
  // As plain Node, `--version` would report Node's version and prove nothing about Electron.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const probe = spawnSync(found.binary, ['--version'], {
    timeout: VERSION_CHECK_TIMEOUT_MS,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  if (probe.error) {
    const code = /** @type {NodeJS.ErrnoException} */ (probe.error).code;
    return {
      ok: false,
      reason: code === 'ETIMEDOUT' ? `\`electron --version\` did not answer within ${VERSION_CHECK_TIMEOUT_MS / 1000} s` : `it cannot be run (${probe.error.message})`,
    };
  }
  if (probe.status !== 0) {
    const detail = (probe.stderr || probe.stdout || '').trim().split('\n')[0] || `exit code ${probe.status ?? probe.signal}`;
    return { ok: false, reason: `\`electron --version\` failed: ${detail}` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  if (!existsSync(ELECTRON_ENTRY)) return { ok: false, reason: `${path.relative(ROOT, ELECTRON_ENTRY)} has not been built` };
  return found;
}

/** Runs a child with our terminal, passes Ctrl+C and kill on to it, and exits as it exits. */
function runChild(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  // A terminal's Ctrl+C reaches the child too; the host treats the second signal as the same
  // shutdown, so forwarding is harmless there and needed when only we were signalled.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (e) => {
    console.error(`Could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  return new Promise((resolve) => {
    // Like a shell: a child killed by a signal exits 128 + its number.
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const forceHost = argv.includes('--host');
  const passThrough = argv.filter((a) => a !== '--host');

  if (!forceHost) {
    const electron = checkElectron();
    if (electron.ok) {
      const code = await runChild(electron.binary, ['.', ...passThrough]);
      if (code !== 0) console.error('Electron exited with an error. To use the app in a browser instead: npm start -- --host');
      process.exit(code);
    }
    console.error(`Electron is not available on this machine (${electron.reason}); starting the browser host instead.`);
  }

  if (!existsSync(HOST_ENTRY)) {
    console.error(`${path.relative(ROOT, HOST_ENTRY)} has not been built: run \`npm run build\` first.`);
    process.exit(1);
  }
  process.exit(await runChild(process.execPath, [HOST_ENTRY, ...passThrough]));
}

await main();
