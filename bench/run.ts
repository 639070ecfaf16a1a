import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable } from 'markdown-table';
import { benchAnalysis } from './analysis.js';
import { benchPredict } from './predict.js';
import { benchAction } from './action.js';
import { benchTflite } from './tflite.js';
import { benchBigPr } from './big-pr.js';
import { benchReliability } from './reliability.js';
import { benchTrain } from './train.js';
import { ROOT, type BenchRow } from './lib.js';

/**
 * `npm run bench`: the speed and memory goals of the issues, measured on this machine and written to
 * docs/benchmarks.md. Uses dist/ (run `npm run build` first) for whole-process timings.
 */
const only = process.argv.slice(2);
const all: [string, () => Promise<BenchRow[]>][] = [
  ['Analysis engine (issue 3)', benchAnalysis],
  ['Predictors (issue 4)', benchPredict],
  ['The action (issue 5)', benchAction],
  ['TFLite and quantized models (issue 11)', benchTflite],
  ['Big pull requests (issue 12)', benchBigPr],
  ['Long work: train (issue 13)', benchTrain],
  ['Reliability under load and at scale, cold start (issue 15)', benchReliability],
];
const selected = (title: string): boolean =>
  only.length === 0 || only.some((o) => title.toLowerCase().includes(o.toLowerCase()));

const file = join(ROOT, 'docs', 'benchmarks.md');
// `npm run bench -- reliability` reruns one section; the others keep their last figures and dates.
const previous = existingSections(file);
const out: string[] = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts); rerun it to refresh (`npm run bench -- WORD` reruns the',
  'sections whose title contains WORD and keeps the others). Whole-process timings run the bundled',
  '`dist/` files with `node`, start-up included; in-process timings are medians after warm-up.',
  '',
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
  '',
];
let allPass = true;
for (const [title, run] of all) {
  if (!selected(title)) {
    const kept = previous.get(title);
    if (kept !== undefined) out.push(`## ${title}`, '', kept, '');
    continue;
  }
  process.stderr.write(`bench: ${title}...\n`);
  const rows = await run();
  out.push(`## ${title}`, '');
  out.push(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, commit ${gitHead()}.`, '');
  out.push(
    markdownTable([
      ['what', 'goal', 'measured', 'met'],
      ...rows.map((r) => [r.what, r.goal, r.measured, r.pass ? 'yes' : '**no**']),
    ]),
  );
  out.push('');
  allPass &&= rows.every((r) => r.pass);
}
writeFileSync(file, out.join('\n'));
process.stdout.write(out.join('\n') + '\n');
if (!allPass) process.stderr.write('bench: some goals are not met (see the table)\n');

/** The body of each `## ` section of the last benchmarks page, by title. */
function existingSections(path: string): Map<string, string> {
  const sections = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return sections;
  }
  for (const part of text.split(/^## /m).slice(1)) {
    const nl = part.indexOf('\n');
    sections.set(part.slice(0, nl).trim(), part.slice(nl + 1).trim());
  }
  return sections;
}

function gitHead(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'uncommitted';
  }
}
