import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = (file: string) => JSON.stringify(pathToFileURL(resolve('src', file)).href);

/**
 * A model the runtime shape fallback cannot run (a Reshape to a zero-filled target, as a data-dependent
 * shape meets zero-filled feeds): the analysis is run in a child process, whose stderr is what a
 * terminal shows.
 */
const SCRIPT = `
import { analyzeBytes } from ${src('analysis/analyze.ts')};
import { ModelBuilder } from ${src('onnx/builder.ts')};
import { DataType } from ${src('onnx/types.ts')};
const m = new ModelBuilder();
const x = m.input('x', DataType.FLOAT, [2, 2]);
const target = m.input('target', DataType.INT64, [1]);
m.output(m.node('Reshape', [x, target]));
try {
  await analyzeBytes(m.encode(), 'reshape.onnx');
  console.log('analysed');
} catch (error) {
  console.log(error.message);
}
`;

describe('runtime shape fallback: what the terminal shows', () => {
  it("prints onnxruntime's failure once, in our one-line error, and none of its own log lines", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mec-ortlog-'));
    const script = join(dir, 'run.mts');
    writeFileSync(script, SCRIPT);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^reshape\.onnx: cannot decide the shapes of Reshape node 'reshape_1'.*onnxruntime could not run the model/,
    );
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/onnxruntime|ExecuteKernel/);
  });
});
