import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir, commandOf, runCached } from '../../src/cli/compile-cache.js';
import { modelPath } from '../helpers/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'mec-compile-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A CommonJS file that records, on globalThis, that it ran and what the module wrapper gave it. */
function bundle(name: string, body = ''): string {
  const file = join(root, `${name}.js`);
  writeFileSync(
    file,
    `const { basename } = require('node:path');\n` +
      `globalThis.__mecRuns = (globalThis.__mecRuns ?? 0) + 1;\n` +
      `globalThis.__mecSeen = { file: basename(__filename), dir: __dirname, exportsIsThis: this === module.exports };\n` +
      body,
  );
  return file;
}

const seen = () => (globalThis as unknown as { __mecSeen: Record<string, unknown> }).__mecSeen;
const runs = () => (globalThis as unknown as { __mecRuns: number }).__mecRuns;

/** The cache file name of `file` for `command`: its text's CRC32, Node's version, the architecture. */
function cacheName(file: string, command: string): string {
  const crc = crc32(readFileSync(file)).toString(16).padStart(8, '0');
  return `${crc}-${process.version}-${process.arch}-${command}.bin`;
}

function freshDir(name: string): string {
  return join(mkdtempSync(join(root, `${name}-`)), 'cache');
}

describe('the CLI code cache', () => {
  it('runs the file as a CommonJS module, writes the cache once, then runs from it', () => {
    const file = bundle('a');
    const dir = freshDir('a');
    const options = { dir, command: 'analyze' };
    const before = runs() ?? 0;
    const first = runCached(file, options);
    expect(first.state).toBe('missing');
    expect(runs()).toBe(before + 1);
    expect(seen()).toEqual({ file: 'a.js', dir: root, exportsIsThis: true });
    first.save();
    const [written] = readdirSync(dir);
    expect(written).toBe(cacheName(file, 'analyze'));
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, written!)).mode & 0o777).toBe(0o600);
    }
    const second = runCached(file, options);
    expect(second.state).toBe('used');
    expect(runs()).toBe(before + 2);
    second.save();
    expect(readdirSync(dir)).toEqual([written]);
  });

  it('replaces a cache V8 rejects, and deletes the caches of other builds when it writes', () => {
    // A file this process never compiled: V8 would otherwise take the script from its own in-memory cache.
    const file = bundle('b');
    const dir = freshDir('b');
    const options = { dir, command: 'predict' };
    const name = cacheName(file, 'predict');
    // The same text under another name: the same bundle, whose other commands' caches stay.
    runCached(bundle('b-same'), { ...options, command: 'other' }).save();
    writeFileSync(join(dir, name), Buffer.from('not a code cache at all, just bytes'));
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    writeFileSync(join(dir, `old-${process.version}-${process.arch}-predict.bin`), 'stale');
    // Left by a run killed while it wrote its cache.
    writeFileSync(join(dir, `old-${process.version}-${process.arch}-predict.bin.4242.partial`), 'stale');
    const rejected = runCached(file, options);
    expect(rejected.state).toBe('rejected');
    expect(seen()).toMatchObject({ file: 'b.js' });
    rejected.save();
    expect(readdirSync(dir).sort()).toEqual([cacheName(file, 'other'), name, 'notes.txt'].sort());
    expect(statSync(join(dir, name)).size).toBeGreaterThan(100);
  });

  it('never runs a bundle edited in place from the cache of its old text', () => {
    // V8 checks a code cache against the source's length only: an edit that keeps the length (a digit
    // changed by hand in dist/cli-bundle.js) would run the old compiled code.
    const file = join(root, 'edited.js');
    const dir = freshDir('edited');
    const options = { dir, command: 'analyze' };
    writeFileSync(file, 'globalThis.__mecEdited = 1;\n');
    runCached(file, options).save();
    writeFileSync(file, 'globalThis.__mecEdited = 2;\n');
    const edited = runCached(file, options);
    expect(edited.state).not.toBe('used');
    expect((globalThis as unknown as { __mecEdited: number }).__mecEdited).toBe(2);
  });

  it.skipIf(process.platform === 'win32')('does not trust a folder others may write to', () => {
    const file = bundle('c');
    const dir = freshDir('c');
    const options = { dir, command: 'analyze' };
    runCached(file, options).save();
    chmodSync(dir, 0o777);
    const run = runCached(file, options);
    expect(run.state).toBe('off');
    expect(seen()).toMatchObject({ file: 'c.js' });
  });

  it('is off without a folder, and errors keep the file and line of the bundle', () => {
    const file = bundle('d', `\nthrow new Error('broken bundle');\n`);
    let error: unknown;
    try {
      runCached(file, { dir: undefined, command: 'other' });
    } catch (e) {
      error = e;
    }
    expect(String((error as Error).stack)).toContain(`${file}:5`);
  });

  it('takes its folder from the environment as Node does for its own compile cache', () => {
    expect(cacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' }, '/tmp', 1000)).toBeUndefined();
    expect(cacheDir({ NODE_COMPILE_CACHE: '/c' }, '/tmp', 1000)).toBe(join('/c', 'model-energy-check'));
    expect(cacheDir({}, '/tmp', 1000)).toBe(join('/tmp', 'model-energy-check-compile-cache-1000'));
    expect(cacheDir({}, 'C:\\Temp', undefined)).toBe(join('C:\\Temp', 'model-energy-check-compile-cache'));
  });

  it('keeps one cache per command, and one for everything else', () => {
    expect(commandOf(['analyze', 'm.onnx'])).toBe('analyze');
    expect(commandOf(['--no-color', 'compare', 'a', 'b'])).toBe('compare');
    expect(commandOf(['--version'])).toBe('other');
    expect(commandOf(['constructor'])).toBe('other');
    expect(commandOf([])).toBe('other');
  });

  it('the built CLI writes its cache on the first run, runs from it next, and replaces a bad one', () => {
    const dir = mkdtempSync(join(root, 'dist-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: dir };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
    const analyze = () =>
      spawnSync(process.execPath, [cli, 'analyze', modelPath('squeezenet1_1')], { encoding: 'utf8', env });
    const first = analyze();
    expect(first.status).toBe(0);
    const caches = readdirSync(join(dir, 'model-energy-check'));
    expect(caches).toHaveLength(1);
    expect(caches[0]).toMatch(new RegExp(`^[0-9a-f]{8}-${process.version}-${process.arch}-analyze\\.bin$`));
    const cache = join(dir, 'model-energy-check', caches[0]!);
    // A run that used the cache leaves it alone; one that had none or a bad one writes a new file.
    const written = statSync(cache).ino;
    const second = analyze();
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(cache).ino).toBe(written);
    writeFileSync(cache, 'corrupt');
    const third = analyze();
    expect(third.stdout).toBe(first.stdout);
    expect(statSync(cache).size).toBeGreaterThan(1000);
  });
});
