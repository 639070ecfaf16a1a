import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelPath } from '../helpers/fixtures.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** Runs the bundled CLI with process.platform / arch replaced before anything loads. */
function runAs(platform: string, arch: string, args: string[]) {
  const preload = join(mkdtempSync(join(tmpdir(), 'mec-platform-')), 'as.cjs');
  writeFileSync(
    preload,
    `Object.defineProperty(process, 'platform', { value: ${JSON.stringify(platform)} });\n` +
      `Object.defineProperty(process, 'arch', { value: ${JSON.stringify(arch)} });\n`,
  );
  return spawnSync(process.execPath, ['-r', preload, CLI, ...args], { encoding: 'utf8' });
}

describe('the bundled CLI on platforms dist/ does not ship onnxruntime for', () => {
  it('analysis needs no onnxruntime and still works', () => {
    const r = runAs('darwin', 'arm64', ['analyze', modelPath('squeezenet1_1')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kernels/);
  });

  it('prediction stops with a clear message naming the platform, not a missing-module crash', () => {
    const r = runAs('darwin', 'arm64', ['predict', modelPath('squeezenet1_1'), '--device', 'huawei-p40-pro', '--processor', 'cpu']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ships onnxruntime for linux\/x64, linux\/arm64 only; this machine is darwin\/arm64/);
    expect(r.stderr).not.toMatch(/internal error|Cannot find module/);
  });
});
