import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGitHub } from '../test/github/fake-github.js';
import { copyAction, runStep } from '../test/action/harness.js';
import { CONFIG_PATH, makePr, model, pullRequestPayload, registerPull } from '../test/action/scenario.js';
import { median, type BenchRow } from './lib.js';

const TOKEN = 'ghs_bench';

/**
 * The whole action, as a runner starts it (`node dist/index.js` from a copy without node_modules,
 * cold: a new process each run), on a pull request that changes 3 real models, against a loopback
 * GitHub API and a real git repository.
 */
export async function benchAction(): Promise<BenchRow[]> {
  const copy = copyAction();
  const scratch = mkdtempSync(join(tmpdir(), 'mec-bench-action-'));
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'models', token: TOKEN });
  try {
    const config = 'budgets:\n  - models: "models/**"\n    max-increase-pct: { warn: 10, fail: 400 }\n';
    const pr = makePr(scratch, 'repo', {
      base: {
        [CONFIG_PATH]: config,
        'models/a.onnx': model('squeezenet1_1'),
        'models/b.onnx': model('mobilenet_v3_small'),
        'models/c.onnx': model('shufflenet_v2_x1_0'),
      },
      head: {
        'models/a.onnx': model('mobilenet_v2'),
        'models/b.onnx': model('shufflenet_v2_x1_0'),
        'models/c.onnx': model('mobilenet_v3_small'),
      },
    });
    await registerPull(fake, pr);
    const times: number[] = [];
    let kernels = '';
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      const r = await runStep({
        copy,
        workspace: pr.repo.dir,
        eventName: 'pull_request',
        payload: pullRequestPayload(fake, pr),
        repository: fake.fullName,
        apiUrl: fake.url,
        sha: pr.mergeSha,
        token: TOKEN,
        scratch: join(scratch, `run${i}`),
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.exitCode !== 0) throw new Error(`the action failed (${r.exitCode}): ${r.stdout}\n${r.stderr}`);
      kernels = r.outputs['total-energy-mj'] ?? '';
    }
    const ms = median(times);
    return [
      {
        what: `the whole action on a PR changing 3 real models, 16 targets, comment posted (node dist/index.js, cold process each run, median of 5; total ${kernels} mJ)`,
        goal: '< 5 s',
        measured: `${(ms / 1000).toFixed(2)} s (min ${(Math.min(...times) / 1000).toFixed(2)} s, max ${(Math.max(...times) / 1000).toFixed(2)} s)`,
        pass: ms < 5000,
      },
    ];
  } finally {
    await fake.close();
    copy.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
}
