import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobBatch } from '../../src/git/batch.js';
import { GitError, GitRepo } from '../../src/git/index.js';
import { binaryBytes, isolatedGitEnv, makeTempDir, TempRepo } from './temp-repo.js';

describe('blobs read through one git cat-file --batch', () => {
  const tmp = makeTempDir();
  let origin: TempRepo;
  let sha: string;
  beforeAll(() => {
    origin = TempRepo.init(tmp.path);
    origin
      .write('models/big.onnx', binaryBytes(3 * 1024 * 1024 + 17, 4))
      .write('models/small.onnx', binaryBytes(5, 5))
      .write('models/empty.onnx', '');
    sha = origin.commit('models');
  });
  afterAll(() => tmp.cleanup());

  it('answers concurrent reads in order, byte for byte, large, small and empty', async () => {
    const batch = new BlobBatch({ cwd: origin.dir, env: isolatedGitEnv() });
    try {
      const [big, small, empty, again] = await Promise.all([
        batch.read(`${sha}:models/big.onnx`),
        batch.read(`${sha}:models/small.onnx`),
        batch.read(`${sha}:models/empty.onnx`),
        batch.read(`${sha}:models/small.onnx`),
      ]);
      expect(big.equals(Buffer.from(binaryBytes(3 * 1024 * 1024 + 17, 4)))).toBe(true);
      expect(small).toEqual(Buffer.from(binaryBytes(5, 5)));
      expect(empty.length).toBe(0);
      expect(again).toEqual(small);
    } finally {
      batch.close();
    }
  });

  it('refuses a missing path and a directory, and goes on answering', async () => {
    const batch = new BlobBatch({ cwd: origin.dir, env: isolatedGitEnv() });
    try {
      await expect(batch.read(`${sha}:models/none.onnx`)).rejects.toThrow(/does not exist/);
      await expect(batch.read(`${sha}:models`)).rejects.toThrow(/is a tree, not a file/);
      expect(await batch.read(`${sha}:models/small.onnx`)).toEqual(Buffer.from(binaryBytes(5, 5)));
    } finally {
      batch.close();
    }
  });

  it('GitRepo.readBlob gives git’s own error for a missing path', async () => {
    const repo = await GitRepo.open(origin.dir, { env: isolatedGitEnv() });
    try {
      await expect(repo.readBlob(sha, 'models/none.onnx')).rejects.toBeInstanceOf(GitError);
      await expect(repo.readBlob(sha, 'models/none.onnx')).rejects.toThrow(/cat-file blob/);
    } finally {
      repo.close();
    }
  });
});
