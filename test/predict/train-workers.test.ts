import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/predict/random.js';
import { runFitJob, type FitJob } from '../../src/predict/train-jobs.js';
import { FitWorkers } from '../../src/predict/train-workers.js';

describe('fit worker threads', () => {
  const random = seededRandom(2);
  const x = Array.from({ length: 60 }, () => Array.from({ length: 25 }, () => 1 + random.int(1000)));
  const y = x.map((row) => 0.01 * row[0]! ** 1.1 + 0.002 * row[3]!);
  const pool = (seed: number): FitJob => ({ kind: 'pool', x, y, linearFeatures: [7, 8], seed });

  it('answer each job with what running it here gives, whichever worker takes it', async () => {
    const workers = new FitWorkers(2);
    try {
      const jobs = [1, 2, 3].map(pool);
      const results = await Promise.all(jobs.map((job) => workers.run(job)));
      expect(results).toEqual(jobs.map(runFitJob));
    } finally {
      await workers.close();
    }
  });

  it('reject a job that fails with its error, and every job once stopped', async () => {
    const workers = new FitWorkers(1);
    try {
      // No targets: the worker's fit throws, and the pool answers the job with that error.
      const broken = { ...pool(1), y: undefined } as unknown as FitJob;
      await expect(workers.run(broken)).rejects.toThrow(/reading 'map'/);
      // The worker stays usable.
      expect(await workers.run(pool(2))).toEqual(runFitJob(pool(2)));
    } finally {
      await workers.close();
    }
    await expect(workers.run(pool(1))).rejects.toThrow(/worker threads were stopped/);
  });
});
