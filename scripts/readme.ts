// `npm run readme`: rewrites the generated parts of README.md — the CLI block (every command with its
// examples, from src/cli/examples.ts) and the terminal excerpt of `npm run demo` (what `compare` prints
// at 80 columns). test/readme.test.ts checks that README.md is what this makes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli.js';
import { CLI_EXAMPLES } from '../src/cli/examples.js';

const ROOT = join(import.meta.dirname, '..');

export const DEMO_ARGS = [
  'compare',
  'examples/mobilenet_v2.onnx.gz',
  'examples/efficientnet_b0.onnx.gz',
  '--config',
  'examples/model-energy.yml',
];

/** The CLI block: each command's examples, a comment line saying what each does. */
export function cliBlock(): string {
  const lines = Object.values(CLI_EXAMPLES)
    .flat()
    .map((e) => `# ${e.what}\n${e.command}`);
  return `\`\`\`sh\n${lines.join('\n')}\n\`\`\``;
}

/** What the demo prints on an 80-column terminal, up to the notes on where the numbers come from. */
export async function demoExcerpt(): Promise<string> {
  let out = '';
  await runCli(DEMO_ARGS, { stdout: (s) => (out += s), stderr: () => undefined, columns: 80 });
  const cut = out.indexOf('\nWhere the numbers come from:');
  const shown = cut < 0 ? out.trimEnd() : `${out.slice(0, cut).trimEnd()}\n\n…`;
  return `\`\`\`text\n${shown}\n\`\`\``;
}

/** `readme` with the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` replaced. */
export function replaceGenerated(readme: string, name: string, body: string): string {
  const start = `<!-- generated:${name} (npm run readme) -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
  return `${readme.slice(0, from + start.length)}\n\n${body}\n\n${readme.slice(to)}`;
}

export async function renderReadme(readme: string): Promise<string> {
  return replaceGenerated(replaceGenerated(readme, 'cli', cliBlock()), 'demo', await demoExcerpt());
}

if (process.argv[1] === import.meta.filename) {
  const file = join(ROOT, 'README.md');
  writeFileSync(file, await renderReadme(readFileSync(file, 'utf8')));
  process.stderr.write('wrote README.md\n');
}
