import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_EXAMPLES } from '../../src/cli/examples.js';
import { readWindowLog } from '../../src/measure/csv.js';
import { cli } from './run.js';

const ROOT = join(import.meta.dirname, '..', '..');
const OFFSET_MS = 1_700_000_000_000;

/**
 * Every example of every command's --help (and so of the README's CLI block) runs as written, in a
 * scratch git checkout holding the repository's examples/ folder, in the order listed: measure writes
 * what attach reads. The monitor CSV attach needs is made here, from measure's window log.
 */
describe('the CLI examples run as written', () => {
  let dir: string;
  const cwd = process.cwd();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mec-examples-'));
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'examples');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    process.chdir(dir);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [command, examples] of Object.entries(CLI_EXAMPLES)) {
    for (const example of examples) {
      it(example.command, { timeout: 180_000 }, async () => {
        if (command === 'attach') writeMonitor(join(dir, 'windows.csv'), join(dir, 'monitor.csv'));
        const [program, ...args] = example.command.split(/\s+/);
        expect(program).toBe('model-energy');
        const result = await cli(args);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).not.toBe('');
      });
    }
  }
});

/** A monitor at 1 W idle and 3 W in blocks, 1 ms samples, its time 0 at OFFSET_MS (the example's --monitor-offset-ms). */
function writeMonitor(windows: string, monitor: string): void {
  const log = readWindowLog(windows);
  const blocks = log.filter((w) => w.phase === 'block');
  const lines = ['Time(ms),Power(W)'];
  // The log is in the order windows were written, not always by time (batches interleave): span them all.
  const start = log.reduce((m, w) => Math.min(m, w.startMs), Number.POSITIVE_INFINITY);
  const end = log.reduce((m, w) => Math.max(m, w.endMs), Number.NEGATIVE_INFINITY);
  for (let t = Math.floor(start) - 20; t <= end + 20; t += 1) {
    const busy = blocks.some((w) => t >= w.startMs && t <= w.endMs);
    lines.push(`${t - OFFSET_MS},${busy ? 3 : 1}`);
  }
  writeFileSync(monitor, `${lines.join('\n')}\n`);
  expect(readFileSync(monitor, 'utf8').length).toBeGreaterThan(0);
}
