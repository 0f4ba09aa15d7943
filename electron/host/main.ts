/**
 * The browser host's command line: `node out/host/main.js [--data <file>] [--port <n>]
 * [--renderer <dir>]`. Opens the same database the Electron app would and serves the built
 * renderer and the API on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServices, type Services } from '../services/index';
import { defaultUserDataDir, isInAppFolder, resolveDataFile } from '../services/paths';
import { startHost, type RunningHost } from './server';
import { choosePort, detectOsLocale, parseHostArgs, type PortChoice } from './host-options';

/** Longest a shutdown may take before the process gives up and exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

// Built to out/host/main.js and run from source as electron/host/main.ts: both sit two folders
// below the project root, so the same relative paths work for either.
const here = path.dirname(fileURLToPath(import.meta.url));

let services: Services | null = null;
/** Set while the database is being opened, so that a signal then still waits to release it. */
let opening: Promise<Services> | null = null;
let host: RunningHost | null = null;
let shuttingDown = false;

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(here, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function listen(svc: Services, rendererDir: string, choice: PortChoice): Promise<RunningHost> {
  const start = (port: number) => startHost({ dispatch: svc.dispatch, rendererDir, port });
  try {
    return await start(choice.port);
  } catch (e) {
    if (choice.mayFallBack && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${choice.port} is in use; using a free port instead.`);
      return start(0);
    }
    throw e;
  }
}

/** Stops taking requests, then flushes and releases the database. Runs once, however often asked. */
async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => {
    console.error('Shutdown took too long; exiting without waiting further.');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  try {
    await host?.close();
  } catch (e) {
    console.error('Closing the browser host failed:', e);
  }
  try {
    await (services ?? (await opening?.catch(() => null)))?.close();
  } catch (e) {
    console.error('Saving the database on shutdown failed:', e);
    exitCode = 1;
  }
  process.exit(exitCode);
}

/** Last resort: get pending edits onto disk before the process dies. */
async function crash(label: string, error: unknown): Promise<void> {
  console.error(`${label}:`, error);
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await services?.flush();
  } catch (e) {
    console.error('Saving the database after the error failed:', e);
  }
  process.exit(1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let args: ReturnType<typeof parseHostArgs>;
  let portChoice: PortChoice;
  try {
    args = parseHostArgs(argv);
    portChoice = choosePort(args, process.env);
  } catch (e) {
    console.error(`Account Planner browser host: ${(e as Error).message}`);
    process.exit(2);
  }

  const userDataDir = defaultUserDataDir(process.platform, process.env, os.homedir());
  const dataFile = resolveDataFile({ argv, env: process.env, userDataDir, cwd: process.cwd() });
  const rendererDir = path.resolve(args.rendererDir ?? path.join(here, '..', 'renderer'));

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(0));
  }
  process.on('uncaughtException', (e) => void crash('Uncaught error', e));
  process.on('unhandledRejection', (e) => void crash('Unhandled rejection', e));

  opening = openServices({
    dataFile,
    inAppFolder: isInAppFolder(dataFile, userDataDir),
    host: 'browser',
    osLocale: detectOsLocale(process.env),
    version: readVersion(),
  });
  services = await opening;
  if (shuttingDown) return;
  try {
    host = await listen(services, rendererDir, portChoice);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(
      err.code === 'EADDRINUSE'
        ? `Account Planner browser host: port ${portChoice.port} is already in use; choose another with --port.`
        : `Account Planner browser host could not start: ${err.message}`,
    );
    await services.close().catch(() => undefined);
    process.exit(1);
  }

  // One line, so that whoever reads our stdout (a launcher, the tests) finds the address whole.
  console.log(`Account Planner browser host: ${host.signInUrl}`);
  console.log('This address signs one browser in, once. For another browser, restart the host for a new one.');
  console.log(`Data file: ${dataFile}`);
  const status = services.status();
  if (!status.ready && status.fatal) {
    // The UI shows this as well; saying it here helps whoever launched from a terminal.
    console.error(`The database could not be opened (${status.fatal.code}): ${status.fatal.message}`);
  }
  try {
    readFileSync(path.join(rendererDir, 'index.html'));
  } catch {
    console.error(`No built renderer at ${rendererDir}; run \`npm run build\` or pass --renderer <dir>.`);
  }
}

main().catch((e: unknown) => void crash('Account Planner browser host failed to start', e));
