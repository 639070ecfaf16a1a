// `npm run example`: renders the README's example comment (the demo comparison, `npm run demo`) as
// text (docs/example-comment.md) and as a picture (docs/example-comment.png) with headless Chromium
// (Debian package `chromium`; not needed by CI, which never runs this script).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli.js';
import { screenshot } from './picture.js';

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

screenshot(markdown, join(ROOT, 'docs', 'example-comment.png'));
process.stderr.write('wrote docs/example-comment.md and docs/example-comment.png\n');
