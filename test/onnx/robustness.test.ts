import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeFile } from '../../src/analysis/analyze.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType, ModelLoadError } from '../../src/onnx/types.js';
import { renderAnalysisText } from '../../src/report/analysis-text.js';
import { residualChainModel } from '../helpers/scale-model.js';
import { modelBytes } from '../helpers/fixtures.js';

/**
 * Bad input gets a clear ModelLoadError naming the file and the problem, or a result with warnings;
 * never a crash (another error type) or a hang.
 */
async function outcome(bytes: Uint8Array, path = 'bad.onnx'): Promise<string> {
  try {
    await analyzeBytes(bytes, path, { runtimeFallback: false });
    return 'ok';
  } catch (error) {
    if (!(error instanceof ModelLoadError)) throw error;
    expect(error.message.startsWith(`${path}: `)).toBe(true);
    return error.message;
  }
}

function tmpFile(name: string, bytes: Uint8Array | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mec-bad-')), name);
  writeFileSync(path, bytes);
  return path;
}

describe('bad models', () => {
  const good = modelBytes('squeezenet1_1');

  it('a truncated file', async () => {
    for (const cut of [1, 2, 10, 100, 1000, good.length >> 1, good.length - 1]) {
      expect(await outcome(good.subarray(0, cut))).toMatch(
        /truncated|not a valid ONNX model|corrupt|no graph/,
      );
    }
  });

  it('random bytes', async () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 20; i++) {
      const bytes = Uint8Array.from({ length: 64 + i * 97 }, rand);
      expect(await outcome(bytes)).not.toBe('ok');
    }
  });

  it('an empty file, a text file and a Git LFS pointer', async () => {
    await expect(analyzeFile(tmpFile('empty.onnx', ''))).rejects.toThrow(/empty\.onnx: the file is empty/);
    await expect(analyzeFile(tmpFile('t.onnx', '{"not": "onnx"}\n'))).rejects.toThrow(/text file/);
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n';
    await expect(analyzeFile(tmpFile('lfs.onnx', pointer))).rejects.toThrow(/Git LFS pointer.*lfs: true/);
  });

  it('truncated or corrupt gzip data, from a file and from memory', async () => {
    const gz = gzipSync(good);
    const cut = gz.subarray(0, 100);
    await expect(analyzeFile(tmpFile('cut.onnx.gz', cut))).rejects.toThrow(
      /cut\.onnx\.gz: corrupt or truncated gzip data \(unexpected end of file\)/,
    );
    expect(await outcome(cut, 'blob.onnx.gz')).toMatch(/^blob\.onnx\.gz: corrupt or truncated gzip data/);
    const flipped = Uint8Array.from(gz);
    flipped[gz.length >> 1] = flipped[gz.length >> 1]! ^ 0xff;
    await expect(analyzeFile(tmpFile('flipped.onnx.gz', flipped))).rejects.toThrow(
      /flipped\.onnx\.gz: corrupt or truncated gzip data/,
    );
  });

  it('a missing file', async () => {
    await expect(analyzeFile('/nonexistent/model.onnx')).rejects.toThrow(
      /\/nonexistent\/model\.onnx: cannot read the file/,
    );
  });

  it('a cycle', async () => {
    const b = new ModelBuilder();
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    b.node('Add', [x, 'c'], {}, { name: 'a', outputNames: ['b'] });
    b.node('Relu', ['b'], {}, { name: 'r', outputNames: ['c'] });
    b.output('c');
    expect(await outcome(b.encode())).toMatch(/cycle through 'a', 'r'/);
  });

  it('a missing input', async () => {
    const b = new ModelBuilder();
    b.input('x', DataType.FLOAT, [1, 4]);
    b.output(b.node('Add', ['x', 'ghost'], {}, { name: 'add' }));
    expect(await outcome(b.encode())).toMatch(/node 'add' \(Add\) reads 'ghost', which nothing defines/);
  });

  it('dims that overflow', async () => {
    const b = new ModelBuilder();
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    b.externalInitializer('huge', DataType.FLOAT, [2 ** 40, 2 ** 40], { location: 'w.bin' });
    b.output(b.node('Add', [x, 'huge']));
    expect(await outcome(b.encode())).toMatch(/'huge' has dims .* whose size overflows/);
    const c = new ModelBuilder();
    const y = c.input('y', DataType.FLOAT, [2 ** 30, 2 ** 30, 2 ** 30]);
    c.output(c.node('Relu', [y]));
    expect(await outcome(c.encode())).toMatch(/overflow/);
  });

  it('a model from an unknown domain: a result, with the node as `others` and a warning', async () => {
    const b = new ModelBuilder({ opset: 13, opsets: { 'com.example': 1 } });
    const x = b.input('x', DataType.FLOAT, [1, 8]);
    const y = b.node('Mystery', [x], {}, { domain: 'com.example', name: 'mystery' });
    b.output(b.node('Relu', [y]));
    const a = await analyzeBytes(b.encode(), 'custom.onnx', { runtimeFallback: false });
    expect(a.kernels.find((k) => k.nodes.includes('mystery'))?.type).toBe('others');
    expect(a.warnings.join('\n')).toMatch(/mystery/);
  });

  it('a path-traversing external-data location', async () => {
    const b = new ModelBuilder();
    const x = b.input('x', DataType.FLOAT, [1, 4]);
    b.externalInitializer('w', DataType.FLOAT, [1, 4], { location: '../../etc/passwd' });
    b.output(b.node('Add', [x, 'w']));
    await expect(analyzeFile(tmpFile('m.onnx', b.encode()))).rejects.toThrow(
      /refused.*outside the model's folder/,
    );
  });

  it('a Conv whose weight does not fit its input, naming the node and both shapes', async () => {
    const b = new ModelBuilder();
    const x = b.input('x', DataType.FLOAT, [1, 8, 16, 16]);
    b.output(b.node('Conv', [x, b.weight('w', [4, 3, 3, 3])], {}, { name: 'stem' }));
    expect(await outcome(b.encode())).toBe(
      "bad.onnx: Conv 'stem': weight [4, 3, 3, 3] does not fit input [1, 8, 16, 16]: the weight takes 3 input channel(s), the input has 8",
    );
    const g = new ModelBuilder();
    const y = g.input('y', DataType.FLOAT, [1, 8, 16, 16]);
    g.output(g.node('Conv', [y, g.weight('w', [6, 2, 3, 3])], { group: 4 }, { name: 'grouped' }));
    expect(await outcome(g.encode())).toMatch(
      /Conv 'grouped': weight \[6, 2, 3, 3\] does not fit input \[1, 8, 16, 16\]: .*6 output channels are not a multiple of group 4/,
    );
  });

  it('10^5 nodes: analysed and printed (no array spread into a call), every node accounted for', async () => {
    const a = await analyzeBytes(residualChainModel(100_000), 'big.onnx', { runtimeFallback: false });
    const nodes = a.kernels.reduce((s, k) => s + k.nodes.length, 0) + a.folded.length;
    expect(nodes).toBe(99_999);
    const text = renderAnalysisText(a);
    expect(text.split('\n').length).toBeGreaterThan(a.kernels.length);
    expect(text).toContain(`total: ${a.kernels.length} kernels`);
  }, 120_000);

  it('fuzz: 300 mutated copies of a real export', async () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed % n;
    };
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(good);
      const flips = 1 + rand(8);
      for (let f = 0; f < flips; f++) bytes[rand(bytes.length)] = rand(256);
      const result = await outcome(bytes, `fuzz-${i}.onnx`);
      counts[result === 'ok' ? 'ok' : 'error'] += 1;
    }
    // Both outcomes occur: most single-byte flips land in weights (still a valid model).
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.error).toBeGreaterThan(0);
  }, 120_000);
});
