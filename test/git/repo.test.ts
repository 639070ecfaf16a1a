import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, GitRepo, parseLfsPointer, readLfsPointerFile } from '../../src/git/index.js';
import { binaryBytes, isolatedGitEnv, makeTempDir, TempRepo } from './temp-repo.js';

const LFS_POINTER =
  'version https://git-lfs.github.com/spec/v1\n' +
  'oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n' +
  'size 12345\n';

describe('GitRepo on a real repository', () => {
  const tmp = makeTempDir();
  let origin: TempRepo;
  let repo: GitRepo;
  let base: string;
  let head: string;
  const weightsA = binaryBytes(4096, 1);
  const weightsB = binaryBytes(8192, 2);
  const big = binaryBytes(3 * 1024 * 1024 + 17, 3);

  beforeAll(async () => {
    origin = TempRepo.init(tmp.path);
    origin
      .write('models/a.onnx', weightsA)
      .write('models/b.onnx', weightsB)
      .write('models/c.onnx', binaryBytes(2048, 4))
      .write('models/big.onnx', big)
      .write('models/with space é.onnx', binaryBytes(100, 5))
      .write('models/lfs.onnx', LFS_POINTER)
      .write('docs/readme.md', '# docs\n');
    base = origin.commit('base');
    const modifiedA = Uint8Array.from(weightsA);
    modifiedA[100] = (modifiedA[100]! + 1) & 0xff;
    origin
      .write('models/a.onnx', modifiedA)
      .remove('models/b.onnx')
      .write('models/renamed/b2.onnx', weightsB)
      .remove('models/c.onnx')
      .write('models/new.onnx', binaryBytes(1000, 6))
      .remove('models/with space é.onnx')
      .write('models/with space é 2.onnx', binaryBytes(100, 5));
    head = origin.commit('head');
    repo = await GitRepo.open(join(origin.dir, 'models'), { env: isolatedGitEnv() });
  });
  afterAll(() => tmp.cleanup());

  it('opens at the top level from a subdirectory', () => {
    expect(repo.root).toBe(origin.dir);
  });

  it('parses git diff --name-status -M into added, modified, renamed and deleted paths', async () => {
    const changes = await repo.diff(base, head);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    expect(byPath.get('models/a.onnx')).toEqual({ status: 'modified', path: 'models/a.onnx' });
    expect(byPath.get('models/renamed/b2.onnx')).toEqual({
      status: 'renamed',
      path: 'models/renamed/b2.onnx',
      previousPath: 'models/b.onnx',
      similarity: 100,
    });
    expect(byPath.get('models/c.onnx')).toEqual({ status: 'deleted', path: 'models/c.onnx' });
    expect(byPath.get('models/new.onnx')).toEqual({ status: 'added', path: 'models/new.onnx' });
    expect(byPath.get('models/with space é 2.onnx')).toMatchObject({
      status: 'renamed',
      previousPath: 'models/with space é.onnx',
    });
    expect(changes).toHaveLength(5);
  });

  it('reads binary blobs byte for byte, large ones included', async () => {
    expect(new Uint8Array(await repo.readBlob(base, 'models/b.onnx'))).toEqual(weightsB);
    const bigBack = await repo.readBlob(base, './models/big.onnx');
    expect(bigBack.length).toBe(big.length);
    expect(Buffer.compare(bigBack, Buffer.from(big))).toBe(0);
    expect(await repo.blobSize(base, 'models/big.onnx')).toBe(big.length);
  });

  it('exports files of a revision at their repository paths', async () => {
    const out = makeTempDir();
    try {
      const written = await repo.exportFiles(base, ['models/b.onnx', 'models/big.onnx'], out.path);
      expect(written).toEqual([join(out.path, 'models', 'b.onnx'), join(out.path, 'models', 'big.onnx')]);
      expect(new Uint8Array(readFileSync(written[0]!))).toEqual(weightsB);
      expect(readFileSync(written[1]!).length).toBe(big.length);
      await expect(repo.exportFiles(base, ['../escape.onnx'], out.path)).rejects.toThrow(GitError);
    } finally {
      out.cleanup();
    }
  });

  it('tells whether a path exists at a revision and what it is', async () => {
    expect(await repo.fileExists(base, 'models/c.onnx')).toBe(true);
    expect(await repo.fileExists(head, 'models/c.onnx')).toBe(false);
    expect(await repo.entryKind(head, 'models')).toBe('directory');
    expect(await repo.fileExists(head, 'models')).toBe(false);
    expect(await repo.entryKind(head, 'models/*.onnx')).toBeUndefined();
  });

  it('lists the files of a revision', async () => {
    const files = await repo.listFiles(head);
    expect(files).toContain('models/renamed/b2.onnx');
    expect(files).toContain('models/with space é 2.onnx');
    expect(files).not.toContain('models/b.onnx');
  });

  it('raises a GitError naming the command and what git said for a missing file', async () => {
    const error = await repo.readBlob(head, 'models/b.onnx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toContain(`git cat-file blob ${head}:models/b.onnx`);
    expect((error as GitError).stderr).toMatch(/does not exist|exists on disk, but not in/);
  });

  it('resolves commits and refuses revisions that could be options, ranges or object paths', async () => {
    expect(await repo.resolveCommit('HEAD')).toBe(head);
    expect(await repo.resolveCommit('HEAD~1')).toBe(base);
    expect(await repo.tryResolveCommit('0'.repeat(40))).toBeUndefined();
    await expect(repo.resolveCommit('no-such-branch')).rejects.toThrow(/does not name a commit/);
    for (const bad of ['--output=/tmp/x', 'a..b', 'HEAD:models', 'a b', '']) {
      await expect(repo.resolveCommit(bad)).rejects.toThrow(/not an acceptable revision/);
    }
  });

  it('recognises a committed Git LFS pointer and leaves real models alone', async () => {
    const pointer = parseLfsPointer(await repo.readBlob(base, 'models/lfs.onnx'));
    expect(pointer).toEqual({
      version: 'https://git-lfs.github.com/spec/v1',
      oid: 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393',
      size: 12345,
    });
    expect(readLfsPointerFile(join(origin.dir, 'models/lfs.onnx'))).toEqual(pointer);
    expect(parseLfsPointer(await repo.readBlob(base, 'models/a.onnx'))).toBeUndefined();
    expect(readLfsPointerFile(join(origin.dir, 'models/big.onnx'))).toBeUndefined();
  });

  it('reports a full clone as not shallow', async () => {
    expect(await repo.isShallow()).toBe(false);
  });
});
