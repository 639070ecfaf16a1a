// `npm run pictures`: the PR comment for a 1-, 3- and 45-model pull request, each made by the real
// check (runCheck on a generated git repository of real exports, all 16 targets) and rendered by a
// GitHub-flavoured Markdown renderer, written as docs/comment-N-models.{md,png}. Needs headless
// Chromium (Debian package `chromium`); CI never runs this script.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/action/check.js';
import { renderComment } from '../src/report/markdown.js';
import { bigPr } from '../bench/big-pr.js';
import { convModel } from '../test/compare/symbolic-model.js';
import { screenshot } from './picture.js';

const ROOT = join(import.meta.dirname, '..');
const CONFIG = 'budgets:\n  - models: "models/**"\n    max-increase-pct: { warn: 10, fail: 150 }\n';

process.env['GIT_CONFIG_GLOBAL'] = '/dev/null';
process.env['GIT_CONFIG_NOSYSTEM'] = '1';
const scratch = mkdtempSync(join(tmpdir(), 'mec-pictures-'));
try {
  const cases: [number, number, Record<string, Uint8Array>][] = [
    [1, 1, {}],
    // Two changed exports and a new detector whose image size has no value in the config (set to 1).
    [3, 2, { 'models/detector.onnx': convModel(['N', 3, 'H', 'W']) }],
    [45, 45, {}],
  ];
  for (const [models, changed, extra] of cases) {
    const pr = bigPr(join(scratch, `pr${models}`), changed, { config: CONFIG, extra });
    const { report } = await runCheck({
      workspace: pr.repo.dir,
      repository: 'acme/models',
      event: { kind: 'pull_request', number: 7, baseRef: 'main', baseSha: pr.baseSha, headSha: pr.headSha },
      inputs: {
        config: '.github/model-energy.yml',
        token: '',
        comment: 'never',
        commentKey: 'default',
        budgetsFrom: 'base',
        mode: 'check',
      },
      log: () => undefined,
    });
    const { body } = renderComment(report, {
      key: 'default',
      runUrl: 'https://github.com/acme/models/actions/runs/4242',
    });
    const name = `comment-${models}-model${models === 1 ? '' : 's'}`;
    writeFileSync(join(ROOT, 'docs', `${name}.md`), body);
    // Tall enough for the summary table and the folded sections under it.
    screenshot(body, join(ROOT, 'docs', `${name}.png`), 760 + 34 * models);
    process.stderr.write(`wrote docs/${name}.md and docs/${name}.png (${body.length} characters)\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
