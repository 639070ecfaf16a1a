import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

describe('publishable as an action', () => {
  it('has a Marketplace-sized description (under 125 characters) and runs on node24', () => {
    const action = parse(read('action.yml')) as { description: string; runs: { using: string } };
    expect(action.description.length).toBeLessThan(125);
    expect(action.runs.using).toBe('node24');
  });

  it('has the MIT LICENSE package.json declares, and a CHANGELOG section for its version', () => {
    const manifest = JSON.parse(read('package.json')) as {
      license: string;
      version: string;
      engines: { node: string };
    };
    expect(manifest.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(read('CHANGELOG.md')).toMatch(
      new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}( |$)`, 'm'),
    );
    expect(manifest.engines.node).toBe('>=22');
  });

  it('has a release workflow (tags vX.Y.Z, moves the major tag) and a self-test on pull requests touching a model', () => {
    expect(existsSync(join(ROOT, '.github/workflows/release.yml'))).toBe(true);
    const release = read('.github/workflows/release.yml');
    expect(release).toMatch(/git tag -fa "\$MAJOR"/);
    const selfTest = parse(read('.github/workflows/model-energy.yml')) as {
      on: { pull_request: { paths: string[] } };
      jobs: Record<string, { steps: { uses?: string }[] }>;
    };
    expect(selfTest.on.pull_request.paths).toContain('**/*.onnx');
    expect(Object.values(selfTest.jobs).flatMap((j) => j.steps.map((s) => s.uses))).toContain('./');
  });
});
