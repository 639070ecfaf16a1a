import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the CPUs: a single worker, so one file at a time, on a
    // 2-core CI machine, where many files wait on child processes (git, npm, node dist/...) and leave
    // the second core idle.
    maxWorkers: Math.max(availableParallelism(), 2),
  },
});
