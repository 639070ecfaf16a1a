import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GitError,
  GitRepo,
  isLfsPointer,
  lfsPointerMessage,
  parseLfsPointer,
  readModelBlob,
} from '../../src/git/index.js';
import { binaryBytes, isolatedGitEnv, makeTempDir, TempRepo } from './temp-repo.js';

const OID = 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393';
const POINTER = `version https://git-lfs.github.com/spec/v1\noid ${OID}\nsize 52\n`;

describe('Git LFS pointers', () => {
  it('parses the spec’s pointer, the legacy version line and CRLF endings', () => {
    expect(parseLfsPointer(Buffer.from(POINTER))).toEqual({
      version: 'https://git-lfs.github.com/spec/v1',
      oid: OID,
      size: 52,
    });
    expect(
      parseLfsPointer(Buffer.from(`version https://hawser.github.com/spec/v1\r\noid ${OID}\r\nsize 1\r\n`)),
    ).toEqual({
      version: 'https://hawser.github.com/spec/v1',
      oid: OID,
      size: 1,
    });
    expect(isLfsPointer(Buffer.from('version https://git-lfs.github.com/spec/v1\n'))).toBe(true);
  });

  it('does not take other files for pointers', () => {
    expect(isLfsPointer(Buffer.from('version https://example.com/spec/v1\n'))).toBe(false);
    expect(isLfsPointer(binaryBytes(64, 1))).toBe(false);
    expect(isLfsPointer(Buffer.from(POINTER + ' '.repeat(1024)))).toBe(false);
  });

  it('says what to change', () => {
    expect(lfsPointerMessage('models/a.onnx', { version: 'v1', size: 52 })).toBe(
      'models/a.onnx is a Git LFS pointer, not the model of 52 bytes: the checkout did not fetch LFS content. ' +
        'Set `lfs: true` on actions/checkout (with: { lfs: true }).',
    );
  });
});

describe('readModelBlob', () => {
  const tmp = makeTempDir();
  let origin: TempRepo;
  let sha: string;
  beforeAll(() => {
    origin = TempRepo.init(tmp.path);
    origin
      .write('.gitattributes', '*.onnx filter=lfs-test\n')
      .write('models/pointer.onnx', POINTER)
      .write('models/plain.onnx', binaryBytes(300, 2));
    sha = origin.commit('models');
  });
  afterAll(() => tmp.cleanup());

  it('returns plain models as they are', async () => {
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    expect(await readModelBlob(repo, sha, 'models/plain.onnx')).toEqual({
      kind: 'content',
      bytes: Buffer.from(binaryBytes(300, 2)),
    });
  });

  it('reports a pointer that no smudge filter resolves, with the message', async () => {
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    const blob = await readModelBlob(repo, sha, 'models/pointer.onnx');
    expect(blob).toMatchObject({ kind: 'lfs-pointer', pointer: { oid: OID, size: 52 } });
    if (blob.kind === 'lfs-pointer')
      expect(blob.message).toContain(`models/pointer.onnx at ${sha.slice(0, 12)} is a Git LFS pointer`);
  });

  it('never runs a smudge filter, even one configured system-wide as git-lfs packages do', async () => {
    const ran = join(tmp.path, 'smudge-ran');
    const script = join(tmp.path, 'smudge.sh');
    writeFileSync(
      script,
      `#!/bin/sh\ntouch ${ran}\necho "Downloading: batch request failed" >&2\nexit 128\n`,
      {
        mode: 0o755,
      },
    );
    const system = join(tmp.path, 'gitconfig-system');
    writeFileSync(
      system,
      `[filter "lfs-test"]\n\tsmudge = ${script}\n\tprocess = ${script}\n\trequired = true\n`,
    );
    const { GIT_CONFIG_NOSYSTEM: _, ...env } = isolatedGitEnv();
    const repo = await GitRepo.open(origin.dir, { env: { ...env, GIT_CONFIG_SYSTEM: system } });
    const blob = await readModelBlob(repo, sha, 'models/pointer.onnx');
    expect(blob).toMatchObject({ kind: 'lfs-pointer', pointer: { oid: OID } });
    if (blob.kind === 'lfs-pointer') expect(blob.message).toContain('`lfs: true`');
    expect(existsSync(ran)).toBe(false);
  });

  it('reads the real content from the local LFS store (checkout with lfs: true), without a transfer', async () => {
    const content = Buffer.from(binaryBytes(52, 9));
    const oid = createHash('sha256').update(content).digest('hex');
    const local = TempRepo.init(tmp.path, 'with-store');
    local.write('models/m.onnx', `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 52\n`);
    const at = local.commit('pointer');
    const dir = join(local.dir, '.git', 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, oid), content);
    const repo = await GitRepo.open(local.dir, { env: isolatedGitEnv() });
    expect(await readModelBlob(repo, at, 'models/m.onnx')).toEqual({ kind: 'content', bytes: content });
  });
});

describe('GitRepo errors', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('names the command when a directory is not a repository', async () => {
    const dir = join(tmp.path, 'not-a-repo');
    mkdirSync(dir);
    const error = await GitRepo.open(dir, {
      env: { ...isolatedGitEnv(), GIT_CEILING_DIRECTORIES: tmp.path },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(
      /^git rev-parse --show-toplevel: exited with code 128\n.*not a git repository/,
    );
  });

  it('leaves no partial file behind when an export fails', async () => {
    const origin = TempRepo.init(tmp.path, 'repo');
    const sha = origin.write('a.onnx', binaryBytes(10, 1)).commit('a');
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    const target = join(tmp.path, 'out', 'missing.onnx');
    await expect(repo.exportBlob(sha, 'missing.onnx', target)).rejects.toThrow(GitError);
    expect(existsSync(target)).toBe(false);
  });
});
