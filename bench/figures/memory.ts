import fs from 'node:fs/promises';
import path from 'node:path';
import { Host } from '../lib/host';
import { figure, type Figure } from '../lib/report';
import { median, round } from '../lib/measure';

interface Reading {
  rss: number;
  peak: number;
}

async function reading(dataFile: string): Promise<Reading> {
  const host = await Host.start(dataFile);
  try {
    const list = await host.call('account:list');
    if (!Array.isArray(list)) throw new Error('account:list did not answer a list');
    // Let the request's garbage settle a moment, as it would while the user reads the list.
    await new Promise((r) => setTimeout(r, 500));
    return { rss: host.memoryMB('VmRSS'), peak: host.memoryMB('VmHWM') };
  } finally {
    await host.stop();
  }
}

/** Figure 7: resident memory of the browser host with portfolio L open, after one account:list. */
export async function memoryFigure(dir: string, lFile: string, runs: number): Promise<Figure> {
  const app: Reading[] = [];
  const baseline: Reading[] = [];
  for (let i = 0; i < runs; i++) {
    const runDir = path.join(dir, `memory-${i}`);
    await fs.mkdir(runDir, { recursive: true });
    const file = path.join(runDir, 'planner.json');
    await fs.copyFile(lFile, file);
    app.push(await reading(file));
    baseline.push(await reading(path.join(runDir, 'empty.json')));
    await fs.rm(runDir, { recursive: true, force: true });
  }
  const size = (await fs.stat(lFile)).size / 1024 ** 2;
  return figure(
    {
      id: '7',
      name: 'Host memory (RSS), L open',
      unit: 'MB',
      target: '—',
      measures: `VmRSS of \`node out/host/main.js\` after opening L (${size.toFixed(0)} MB of JSON) and one account:list vs the same on an empty database`,
      note: `peak (VmHWM) median: ${round(median(app.map((r) => r.peak)), 0)} MB with L, ${round(median(baseline.map((r) => r.peak)), 0)} MB empty`,
    },
    app.map((r) => r.rss),
    baseline.map((r) => r.rss),
    null,
  );
}
