/**
 * Timing helpers. Every figure is a pair: the app's path and a baseline doing the least work that
 * gives the same result, run alternately in one process, so that a slow or noisy machine slows
 * both and the ratio stays meaningful.
 */

/** Time since the previous mark, for the parts of one timed run (e.g. mapping vs writing). */
export type Mark = (part: string) => void;
export type Task = (mark: Mark) => unknown;

export interface PairResult {
  app: number[];
  baseline: number[];
  /** Per part, the milliseconds of each app run. */
  parts: Record<string, number[]>;
}

/** Frees garbage from the previous run when node runs with --expose-gc, so it is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timeOnce(task: Task, parts?: Record<string, number[]>): Promise<number> {
  collectGarbage();
  const start = performance.now();
  let last = start;
  const mark: Mark = (part) => {
    const now = performance.now();
    if (parts) (parts[part] ??= []).push(now - last);
    last = now;
  };
  await task(mark);
  return performance.now() - start;
}

/**
 * Runs every task `runs` times, rotating which goes first, after `warmup` untimed runs of each.
 * Returns the milliseconds of each run per task, and per part for tasks that mark parts.
 */
export async function timeTasks<K extends string>(opts: {
  runs: number;
  warmup?: number;
  tasks: Record<K, Task>;
}): Promise<{ times: Record<K, number[]>; parts: Record<K, Record<string, number[]>> }> {
  const keys = Object.keys(opts.tasks) as K[];
  for (let i = 0; i < (opts.warmup ?? 1); i++) for (const k of keys) await timeOnce(opts.tasks[k]);
  const times = Object.fromEntries(keys.map((k) => [k, []])) as unknown as Record<K, number[]>;
  const parts = Object.fromEntries(keys.map((k) => [k, {}])) as Record<K, Record<string, number[]>>;
  for (let i = 0; i < opts.runs; i++) {
    const order = [...keys.slice(i % keys.length), ...keys.slice(0, i % keys.length)];
    for (const k of order) times[k].push(await timeOnce(opts.tasks[k], parts[k]));
  }
  return { times, parts };
}

/** {@link timeTasks} for the usual pair: the app's path and its baseline, alternately first. */
export async function timePair(opts: { runs: number; warmup?: number; app: Task; baseline: Task }): Promise<PairResult> {
  const { times, parts } = await timeTasks({
    runs: opts.runs,
    ...(opts.warmup !== undefined && { warmup: opts.warmup }),
    tasks: { app: opts.app, baseline: opts.baseline },
  });
  return { app: times.app, baseline: times.baseline, parts: parts.app };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] as number;
}

export function medians(parts: Record<string, number[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(median(v))]));
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
