import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelPath } from '../helpers/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * The package as a user installs it: `npm pack` of this checkout (its committed dist/, which CI checks
 * is what the build makes), installed globally into a scratch prefix with the network off, and the
 * installed `model-energy` command run. No dependency, no install script: nothing to download.
 */
describe('the packed package installs offline and runs', () => {
  let dir: string;
  let tarball: string;
  let bin: string;
  const npm = (args: string[], cwd: string) =>
    execFileSync(NPM, [...args, '--cache', join(dir, 'cache'), '--no-audit', '--no-fund', '--no-update-notifier'], {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, npm_config_offline: 'true' },
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mec-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(dir, packed[0]!.filename);
    const prefix = join(dir, 'prefix');
    npm(['install', '--global', '--offline', '--prefix', prefix, tarball], dir);
    bin = join(prefix, 'bin', 'model-energy');
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the runtime only: no sources, tests or data beyond the bundles', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/bin/model-energy.js');
    expect(files).toContain('package/LICENSE');
    expect(files.some((f) => f.startsWith('package/predictors/'))).toBe(true);
    expect(files.filter((f) => /^package\/(src|test|data|bench|scripts|node_modules)\//.test(f))).toEqual([]);
  });

  it('declares no dependencies and no install scripts', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    const scripts = manifest['scripts'] as Record<string, string>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook]).toBeUndefined();
  });

  it('runs `model-energy devices` from the global install', () => {
    const r = spawnSync(bin, ['devices'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/huawei-p40-pro-cpu/);
  });

  it('runs `model-energy compare` from the global install, away from the checkout', () => {
    const r = spawnSync(
      bin,
      ['compare', modelPath('mobilenet_v2'), modelPath('resnet18'), '--device', 'huawei-p40-pro', '--json'],
      { encoding: 'utf8', cwd: dir },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'comparison' });
    expect(readdirSync(join(dir, 'prefix', 'lib', 'node_modules'))).toEqual(['model-energy-check']);
  });
});
