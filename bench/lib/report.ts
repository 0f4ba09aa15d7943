import os from 'node:os';
import { median, round } from './measure';

export type Unit = 'ms' | 'MB';

/** One row of the table: the app's median, the baseline's, their ratio and the target. */
export interface Figure {
  id: string;
  name: string;
  unit: Unit;
  app: number;
  baseline: number;
  ratio: number;
  /** The target in words, e.g. "ratio ≤ 1.2" or "< 150 ms"; "—" when there is none. */
  target: string;
  /** null when there is no target. */
  met: boolean | null;
  runs: number;
  appRuns: number[];
  baselineRuns: number[];
  /** What the app and the baseline each do, in one line. */
  measures: string;
  /** Medians of the parts of the app's run, where it has parts. */
  parts?: Record<string, number>;
  note?: string;
}

export interface FigureError {
  id: string;
  name: string;
  error: string;
}

export interface Report {
  date: string;
  command: string;
  machine: Record<string, unknown>;
  figures: Figure[];
  errors: FigureError[];
}

/** A figure from raw runs; `check` says whether the medians meet the target. */
export function figure(
  base: { id: string; name: string; unit: Unit; target: string; measures: string; note?: string },
  appRuns: number[],
  baselineRuns: number[],
  check: ((app: number, ratio: number) => boolean) | null,
  parts?: Record<string, number>,
): Figure {
  const app = median(appRuns);
  const baseline = median(baselineRuns);
  const ratio = app / baseline;
  return {
    ...base,
    app: round(app),
    baseline: round(baseline),
    ratio: round(ratio, 2),
    met: check ? check(app, ratio) : null,
    runs: appRuns.length,
    appRuns: appRuns.map((n) => round(n)),
    baselineRuns: baselineRuns.map((n) => round(n)),
    ...(parts && Object.keys(parts).length > 0 ? { parts } : {}),
  };
}

export function machineInfo(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    /** 1-minute load average when the figures were taken: other work on the machine shows here. */
    loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
    ...extra,
  };
}

function format(n: number, unit: Unit): string {
  if (!Number.isFinite(n)) return '—';
  if (unit === 'MB') return `${n.toFixed(0)} MB`;
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (n >= 100) return `${n.toFixed(0)} ms`;
  return `${n.toFixed(1)} ms`;
}

/** The table as Markdown, so the same text goes to the terminal and into the README. */
export function markdownTable(report: Report): string {
  const rows = [
    ['Figure', 'App (median)', 'Baseline (median)', 'Ratio', 'Target', 'Met?', 'Runs'],
    ...report.figures.map((f) => [
      `${f.id}. ${f.name}`,
      format(f.app, f.unit),
      format(f.baseline, f.unit),
      Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}×` : '—',
      f.target,
      f.met === null ? '—' : f.met ? 'yes' : '**no**',
      String(f.runs),
    ]),
    ...report.errors.map((e) => [`${e.id}. ${e.name}`, `error: ${e.error.split('\n')[0]}`, '', '', '', '', '']),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - [...cell].length)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
