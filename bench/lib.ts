import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export interface ProcessRun {
  /** Wall-clock time of the whole process, start-up included. */
  readonly ms: number;
  readonly maxRssBytes: number;
  /** CPU time of the process, all its threads, user and system. */
  readonly cpuMs: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args...` as a child process and reports its wall time, CPU time and peak RSS. */
export function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): ProcessRun {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'mec-bench-')), 'rss');
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'bench/max-rss.cjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, MEC_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let maxRssBytes = Number.NaN;
  let cpuMs = Number.NaN;
  try {
    [maxRssBytes, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number) as [number, number];
  } catch {
    // The process died before its exit handler ran: no figures.
  }
  return { ms, maxRssBytes, cpuMs, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Median of repeated timings of `fn` after `warmup` untimed runs. */
export async function medianMs(fn: () => unknown, runs: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export interface BenchRow {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  readonly pass: boolean;
}
