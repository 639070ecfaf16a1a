import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, commandOf, runCached } from './cli/compile-cache.js';

// dist/cli.js: starts the bundled CLI (dist/cli-bundle.js, whose edge is cli-entry.ts) through the
// code cache of its command (cli/compile-cache.ts), and writes that cache when the process ends.
const run = runCached(join(import.meta.dirname, 'cli-bundle.js'), {
  dir: cacheDir(process.env, tmpdir(), process.getuid?.()),
  command: commandOf(process.argv.slice(2)),
});
process.once('exit', () => run.save());
