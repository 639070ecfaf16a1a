// `npm run example`: renders the README's example comment (the demo comparison, `npm run demo`) as
// text (docs/example-comment.md) and as a picture (docs/example-comment.png) with headless Chromium
// (Debian package `chromium`; not needed by CI, which never runs this script).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { runCli } from '../src/cli.js';

const ROOT = join(import.meta.dirname, '..');
let markdown = '';
const code = await runCli(
  [
    'compare',
    'examples/mobilenet_v2.onnx.gz',
    'examples/efficientnet_b0.onnx.gz',
    '--config',
    'examples/model-energy.yml',
    '--format',
    'markdown',
  ],
  { stdout: (s) => (markdown += s), stderr: (s) => process.stderr.write(s) },
);
if (code !== 0) process.stderr.write(`note: the demo comparison exits ${code}\n`);
writeFileSync(join(ROOT, 'docs', 'example-comment.md'), markdown);

const body = new MarkdownIt({ html: true, linkify: false }).render(markdown);
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 1180px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 24px; }
table { border-collapse: collapse; margin: 8px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; font-size: 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: rgba(175,184,193,0.2); border-radius: 4px; padding: 0.1em 0.3em; font-size: 85%; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: 600; }
blockquote { color: #59636e; border-left: 3px solid #d0d7de; margin: 0; padding: 0 12px; }
</style></head><body><main>${body}</main></body></html>`;
const dir = mkdtempSync(join(tmpdir(), 'mec-example-'));
writeFileSync(join(dir, 'comment.html'), html);
execFileSync('chromium', [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--user-data-dir=${join(dir, 'profile')}`,
  '--hide-scrollbars',
  '--window-size=1240,900',
  `--screenshot=${join(ROOT, 'docs', 'example-comment.png')}`,
  `file://${join(dir, 'comment.html')}`,
]);
process.stderr.write('wrote docs/example-comment.md and docs/example-comment.png\n');
