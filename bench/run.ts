import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable } from 'markdown-table';
import { benchAnalysis } from './analysis.js';
import { benchPredict } from './predict.js';
import { benchAction } from './action.js';
import { benchTflite } from './tflite.js';
import { benchBigPr } from './big-pr.js';
import { ROOT, type BenchRow } from './lib.js';

/**
 * `npm run bench`: the speed and memory goals of the issues, measured on this machine and written to
 * docs/benchmarks.md. Uses dist/ (run `npm run build` first) for whole-process timings.
 */
const only = process.argv.slice(2);
const sections: [string, () => Promise<BenchRow[]>][] = (
  [
    ['Analysis engine (issue 3)', benchAnalysis],
    ['Predictors (issue 4)', benchPredict],
    ['The action (issue 5)', benchAction],
    ['TFLite and quantized models (issue 11)', benchTflite],
    ['Big pull requests (issue 12)', benchBigPr],
  ] as [string, () => Promise<BenchRow[]>][]
).filter(([title]) => only.length === 0 || only.some((o) => title.toLowerCase().includes(o.toLowerCase())));

const out: string[] = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts); rerun it to refresh. Whole-process timings run the bundled',
  '`dist/` files with `node`, start-up included; in-process timings are medians after warm-up.',
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, commit ${gitHead()}.`,
  '',
];
let allPass = true;
for (const [title, run] of sections) {
  process.stderr.write(`bench: ${title}...\n`);
  const rows = await run();
  out.push(`## ${title}`, '');
  out.push(
    markdownTable([
      ['what', 'goal', 'measured', 'met'],
      ...rows.map((r) => [r.what, r.goal, r.measured, r.pass ? 'yes' : '**no**']),
    ]),
  );
  out.push('');
  allPass &&= rows.every((r) => r.pass);
}
writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), out.join('\n'));
process.stdout.write(out.join('\n') + '\n');
if (!allPass) process.stderr.write('bench: some goals are not met (see the table)\n');

function gitHead(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'uncommitted';
  }
}
