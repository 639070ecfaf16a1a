import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runAction, type ActionIo } from '../src/action/run.js';
import { GitHubClient } from '../src/github/client.js';
import { FakeGitHub } from '../test/github/fake-github.js';
import { isolatedGitEnv } from '../test/git/temp-repo.js';
import { registerPull, type PrRepo } from '../test/action/scenario.js';
import { modelBytes } from '../test/helpers/fixtures.js';
import type { BenchRow } from './lib.js';

const TOKEN = 'ghs_bench';
/** Real torchvision exports (10-47 MB each unzipped), in the order the PR's models cycle through them. */
const ARCHS = [
  'squeezenet1_1',
  'mobilenet_v3_small',
  'shufflenet_v2_x1_0',
  'mobilenet_v2',
  'efficientnet_b0',
  'googlenet',
  'densenet121',
  'resnet18',
  'resnet18_bn',
] as const;

/**
 * A pull request that changes `count` models, each from one real export to the next one in ARCHS, half
 * of them as plain `.onnx` and half gzip'd, built with git plumbing (each distinct blob hashed once)
 * so that making a 50-model repository does not dominate the benchmark. HEAD is the PR's head.
 */
export function bigPr(
  dir: string,
  count: number,
  options: { config?: string; extra?: Readonly<Record<string, Uint8Array>> } = {},
): PrRepo & { bytes: number } {
  mkdirSync(dir, { recursive: true });
  const env = isolatedGitEnv();
  const git = (args: string[], input?: Buffer | string) =>
    execFileSync('git', args, { cwd: dir, env, input, maxBuffer: 1 << 20 })
      .toString('utf8')
      .trim();
  git(['init', '--quiet', '--initial-branch=main']);
  const blobs = new Map<string, { sha: string; size: number }>();
  const blob = (arch: string, gz: boolean) => {
    const key = `${arch}${gz ? '.gz' : ''}`;
    let b = blobs.get(key);
    if (!b) {
      const plain = modelBytes(arch);
      const content = gz ? gzipSync(plain, { level: 1 }) : plain;
      b = { sha: git(['hash-object', '-w', '--stdin'], content), size: content.length };
      blobs.set(key, b);
    }
    return b;
  };
  const commit = (message: string, parent: string | undefined, files: Record<string, string>) => {
    rmSync(join(dir, '.git', 'index'), { force: true });
    for (const [path, sha] of Object.entries(files))
      git(['update-index', '--add', '--cacheinfo', `100644,${sha},${path}`]);
    const tree = git(['write-tree']);
    return git(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]);
  };
  const config = git(
    ['hash-object', '-w', '--stdin'],
    options.config ?? 'budgets:\n  - models: "models/**"\n    max-increase-pct: { warn: 10, fail: 400 }\n',
  );
  const base: Record<string, string> = { '.github/model-energy.yml': config };
  const head: Record<string, string> = { '.github/model-energy.yml': config };
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const gz = i % 2 === 1;
    const path = `models/m${String(i).padStart(2, '0')}.onnx${gz ? '.gz' : ''}`;
    const before = blob(ARCHS[i % ARCHS.length]!, gz);
    const after = blob(ARCHS[(i + 1) % ARCHS.length]!, gz);
    base[path] = before.sha;
    head[path] = after.sha;
    bytes += before.size + after.size;
  }
  for (const [path, content] of Object.entries(options.extra ?? {}))
    head[path] = git(['hash-object', '-w', '--stdin'], Buffer.from(content));
  const forkPoint = commit('base', undefined, base);
  const headSha = commit('the pull request', forkPoint, head);
  git(['update-ref', 'refs/heads/main', forkPoint]);
  git(['update-ref', 'refs/heads/feature', headSha]);
  git(['update-ref', 'refs/pull/7/head', headSha]);
  return {
    repo: { dir } as PrRepo['repo'],
    number: 7,
    forkPoint,
    baseSha: forkPoint,
    headSha,
    mergeSha: headSha,
    bytes,
  };
}

const quietIo = (): ActionIo & { failed?: string } => {
  const io: ActionIo & { failed?: string } = {
    info: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    setOutput: () => undefined,
    writeSummary: () => Promise.resolve(),
    setFailed: (m) => {
      io.failed = m;
    },
  };
  return io;
};

/** The action in process (runAction: git, analysis, pricing, comment on a loopback GitHub), one PR. */
async function timeAction(
  fake: FakeGitHub,
  pr: PrRepo,
  scratch: string,
): Promise<{ ms: number; cpuMs: number }> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const io = quietIo();
  await runAction(
    {
      workspace: pr.repo.dir,
      repository: fake.fullName,
      event: {
        kind: 'pull_request',
        number: pr.number,
        baseRef: 'main',
        baseSha: pr.baseSha,
        headSha: pr.headSha,
      },
      reportPath: join(scratch, 'report.json'),
    },
    {
      config: '.github/model-energy.yml',
      token: TOKEN,
      comment: 'always',
      commentKey: 'default',
      budgetsFrom: 'base',
      mode: 'check',
    },
    io,
    new GitHubClient({ token: TOKEN, repository: fake.fullName, baseUrl: fake.url }),
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const report = JSON.parse(readFileSync(join(scratch, 'report.json'), 'utf8')) as {
    models: { error?: string }[];
  };
  const errors = report.models.filter((m) => m.error !== undefined);
  if (errors.length > 0) throw new Error(`bench: ${errors.length} models not analysed: ${errors[0]!.error}`);
  return { ms, cpuMs };
}

/** Big pull requests (issue 12): time per model must fall, not rise, with the number of models. */
export async function benchBigPr(): Promise<BenchRow[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'mec-bench-big-'));
  const fake = await FakeGitHub.start({ owner: 'acme', repo: 'models', token: TOKEN });
  const env = {
    GIT_CONFIG_GLOBAL: process.env['GIT_CONFIG_GLOBAL'],
    GIT_CONFIG_NOSYSTEM: process.env['GIT_CONFIG_NOSYSTEM'],
  };
  process.env['GIT_CONFIG_GLOBAL'] = '/dev/null';
  process.env['GIT_CONFIG_NOSYSTEM'] = '1';
  try {
    const rows: BenchRow[] = [];
    const sizes = [3, 50];
    const results: { count: number; ms: number; cpuMs: number; bytes: number }[] = [];
    for (const count of sizes) {
      const pr = bigPr(join(scratch, `pr${count}`), count);
      await registerPull(fake, pr);
      // One warm-up run loads the bundles and onnxruntime, as every later run in the same process would have them.
      if (results.length === 0) await timeAction(fake, pr, join(scratch, `warm${count}`));
      const times: { ms: number; cpuMs: number }[] = [];
      for (let i = 0; i < 3; i++) times.push(await timeAction(fake, pr, join(scratch, `run${count}-${i}`)));
      times.sort((a, b) => a.ms - b.ms);
      results.push({ count, ...times[1]!, bytes: pr.bytes });
    }
    const [small, big] = results as [(typeof results)[0], (typeof results)[0]];
    const perSmall = small.ms / small.count;
    const perBig = big.ms / big.count;
    rows.push({
      what: `the action in process on a PR changing ${small.count} real exports (plain and gzip'd, ${(small.bytes / 1e6).toFixed(0)} MB of blobs), 16 targets, comment posted (median of 3)`,
      goal: 'for comparison',
      measured: `${(small.ms / 1000).toFixed(2)} s (${(perSmall / 1000).toFixed(2)} s per model; Node's own CPU time ${(small.cpuMs / 1000).toFixed(2)} s)`,
      pass: true,
    });
    rows.push({
      what: `the same with ${big.count} changed models (${(big.bytes / 1e6).toFixed(0)} MB of blobs), on ${cpus().length} cores (median of 3)`,
      goal: '< 10 s',
      measured: `${(big.ms / 1000).toFixed(2)} s (${(perBig / 1000).toFixed(2)} s per model; Node's own CPU time ${(big.cpuMs / 1000).toFixed(2)} s, load average ${loadavg()[0]!.toFixed(1)})`,
      pass: big.ms < 10_000,
    });
    rows.push({
      what: `time per model falls with the number of models: ${big.count} vs ${small.count} models`,
      goal: 'ratio ≤ 1',
      measured: `${(perBig / perSmall).toFixed(2)}x`,
      pass: perBig <= perSmall,
    });
    return rows;
  } finally {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('big-pr.ts')) {
  for (const r of await benchBigPr()) process.stdout.write(`${r.what}: ${r.measured} (goal ${r.goal})\n`);
}
