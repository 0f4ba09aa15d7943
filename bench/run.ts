/**
 * `npm run bench`: the performance figures of the issue, each the median of several runs and each
 * next to a baseline measured in the same run. Prints a Markdown table and writes the same figures
 * to bench/results/latest.json. A missed target is reported, never an exit code: only a figure
 * that could not be measured at all makes the command fail.
 *
 *   npm run bench                 every figure (about 4 minutes on 2 cores)
 *   npm run bench -- --only 1,5   some figures (ids 1–9)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@shared/model/database';
import { generatePortfolio, generatePortfolioOf } from '../test/helpers/generate';
import { browserFigures } from './figures/browser';
import { exportedWorkbook, exportFigure, importFigure } from './figures/excel';
import { layoutFigure } from './figures/layout';
import { portfolioFigure } from './figures/portfolio';
import { memoryFigure } from './figures/memory';
import { ackFigure, envelopeText, openFigures, saveFigure } from './figures/store';
import { ensureBuilt, ROOT } from './lib/host';
import { machineInfo, markdownTable, type Figure, type FigureError, type Report } from './lib/report';

/** Runs per figure: 7 for the fast ones, 5 for the browser, 3 for L in Excel and for host memory. */
const RUNS = { fast: 7, browser: 5, slow: 3 };

function parseOnly(argv: string[]): Set<string> | null {
  const i = argv.indexOf('--only');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return value ? new Set(value.split(',').map((s) => s.trim())) : null;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const only = parseOnly(process.argv.slice(2));
  const wanted = (id: string) => only === null || only.has(id);
  const started = Date.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'account-planner-bench-'));
  const figures: Figure[] = [];
  const errors: FigureError[] = [];
  const extra: Record<string, unknown> = {};
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (npm run bench does) for steadier figures');

  const step = async (id: string, name: string, work: () => Promise<Figure | Figure[]>) => {
    if (!wanted(id)) return;
    const t = Date.now();
    log(`figure ${id}: ${name}…`);
    try {
      const out = await work();
      figures.push(...(Array.isArray(out) ? out : [out]));
      log(`figure ${id}: done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    } catch (e) {
      errors.push({ id, name, error: e instanceof Error ? e.message : String(e) });
      log(`figure ${id} could not be measured: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  try {
    // Small workloads first, while the heap is small: a forced GC per run is cheap then.
    await step('5', 'auto-layout of 1,000 contacts', () => {
      const one = generatePortfolioOf({ accounts: 1, contacts: 1000, deals: 0, activities: 0 }, 5);
      return layoutFigure(one.accounts[0]!.contacts, 21);
    });

    await step('8', 'portfolio figures, M', () => portfolioFigure('8', 'M', generatePortfolio('M'), RUNS.fast));

    const lFile = path.join(dir, 'portfolio-L.json');
    if (['1', '2', '3', '4', '7', '9'].some(wanted)) {
      log('generating portfolio L…');
      await fs.writeFile(lFile, envelopeText(generatePortfolio('L')));
      extra.portfolioL = { bytes: (await fs.stat(lFile)).size };
    }
    // The store figures read the file; the generated objects are not kept alive meanwhile.
    await step('1', 'save after one edit, L', () => saveFigure(dir, lFile, RUNS.fast));
    await step('2', 'open, L', () => openFigures(dir, lFile, RUNS.fast));
    await step('9', 'acknowledge one edit, L', () => ackFigure(dir, lFile, RUNS.fast));

    if (['3', '4'].some(wanted)) {
      // Only what the app would hold stays alive: the portfolio being exported, then the file
      // being imported. A bigger live heap makes every garbage collection slower, for the app's
      // path more than for the baseline, which allocates less.
      const exported: Record<'M' | 'L', Buffer | null> = { M: null, L: null };
      for (const size of ['M', 'L'] as const) {
        log(`generating portfolio ${size}…`);
        const db = size === 'M' ? generatePortfolio('M') : (JSON.parse(await fs.readFile(lFile, 'utf8')) as { data: Database }).data;
        await step('3', `Excel export, ${size}`, async () => {
          // L takes seconds per run; M has warmed up the same code.
          const out = await exportFigure(`3${size}`, size, db, size === 'M' ? RUNS.fast : RUNS.slow, size === 'M' ? { maxMs: 2000 } : { warmup: 0 });
          exported[size] = out.bytes;
          return out.figure;
        });
        // The file figure 3 exported; written here when figure 3 was not run.
        if (wanted('4')) exported[size] ??= await exportedWorkbook(db);
      }
      for (const size of ['M', 'L'] as const) {
        const bytes = exported[size];
        if (bytes) {
          await step('4', `Excel import, ${size}`, () => importFigure(`4${size}`, size, bytes, size === 'M' ? RUNS.fast : RUNS.slow, size === 'M' ? {} : { warmup: 0 }));
        }
      }
    }

    if (wanted('6') || wanted('7')) ensureBuilt(log);
    await step('6', 'map in Chromium', async () => {
      const map = generatePortfolioOf({ accounts: 1, contacts: 500, deals: 100, activities: 500 }, 6);
      const out = await browserFigures(dir, map, RUNS.browser);
      extra.chromium = out.chromium;
      return out.figures;
    });
    await step('7', 'host memory with L open', () => memoryFigure(dir, lFile, RUNS.slow));
  } finally {
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }

  const report: Report = {
    date: new Date().toISOString(),
    command: 'npm run bench',
    machine: machineInfo({ ...extra, loadAverage1mAtStart: Math.round(loadAtStart * 100) / 100, benchSeconds: Math.round((Date.now() - started) / 1000) }),
    // In the issue's order; the stable sort keeps M before L and 2 before 2a.
    figures: [...figures].sort((a, b) => Number.parseInt(a.id, 10) - Number.parseInt(b.id, 10)),
    errors,
  };
  const table = markdownTable(report);
  process.stdout.write(`\n${table}\n\n`);
  for (const f of report.figures) {
    const parts = f.parts ? ` Parts (median ms): ${Object.entries(f.parts).map(([k, v]) => `${k} ${v}`).join(', ')}.` : '';
    process.stdout.write(`${f.id}: ${f.measures}.${parts}${f.note ? ` ${f.note}.` : ''}\n`);
  }
  const m = report.machine;
  process.stdout.write(
    `\n${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}${extra.chromium ? `, Chromium ${extra.chromium}` : ''}; load average ${m.loadAverage1mAtStart} at start, ${m.loadAverage1m} at end; ${m.benchSeconds} s in all.\n`,
  );

  if (only === null) {
    const out = path.join(ROOT, 'bench', 'results', 'latest.json');
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`Written to ${path.relative(process.cwd(), out)}\n`);
  } else {
    process.stdout.write('A partial run (--only) does not overwrite bench/results/latest.json.\n');
  }
  return errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
