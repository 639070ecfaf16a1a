// Builds dist/: the action (dist/index.js) and the CLI (dist/cli.js, which loads the bundle dist/cli-main.js),
// each one bundled CommonJS file,
// plus the onnxruntime-node native files for the platforms we ship (dist/ort/<platform>/<arch>/).
// The bundle never loads node_modules at run time: a runner fetches the action without installing it.
// CI runs this and fails when the committed dist/ differs.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/** Platforms whose onnxruntime binaries ship in dist/ (GitHub-hosted and common self-hosted Linux runners). */
const PLATFORMS = [
  ['linux', 'x64'],
  ['linux', 'arm64'],
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const ortBinding = {
  name: 'ort-binding',
  setup(b) {
    // onnxruntime-node requires its addon from ../bin/napi-v6/<platform>/<arch>/; in the bundle it lives
    // in dist/ort/<platform>/<arch>/ and other platforms get a clear error instead of a missing-module crash.
    b.onLoad({ filter: /onnxruntime-node[\\/]dist[\\/]binding\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern =
        /require\(`\.\.\/bin\/napi-v6\/\$\{process\.platform\}\/\$\{process\.arch\}\/onnxruntime_binding\.node`\)/;
      if (!pattern.test(source))
        throw new Error('onnxruntime-node binding.js changed: update scripts/build.mjs');
      const supported = JSON.stringify(PLATFORMS.map(([p, a]) => `${p}/${a}`));
      const replacement = `(() => {
        const where = process.platform + '/' + process.arch;
        if (!${supported}.includes(where)) {
          const error = new Error('model-energy-check ships onnxruntime for ' + ${supported}.join(', ') + ' only; this machine is ' + where + '. Use a Linux runner, or run the CLI from a checkout (npm ci installs onnxruntime for this platform).');
          error.name = 'PlatformError';
          throw error;
        }
        return require(require('node:path').join(__dirname, 'ort', where, 'onnxruntime_binding.node'));
      })()`;
      return { contents: source.replace(pattern, replacement), loader: 'js' };
    });
  },
};

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const versionOnly = {
  name: 'version-only',
  setup(b) {
    // src/version.ts imports package.json; the bundle needs its version, not the whole manifest.
    b.onLoad({ filter: /src[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION = ${JSON.stringify(version)};`,
      loader: 'ts',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [ortBinding, versionOnly],
  define: { 'import.meta.dirname': '__dirname' },
};

await build({ ...common, entryPoints: [join(root, 'src/main-entry.ts')], outfile: join(dist, 'index.js') });
await build({ ...common, entryPoints: [join(root, 'src/cli-entry.ts')], outfile: join(dist, 'cli-main.js') });
// dist/cli.js turns on V8's compile cache where Node has it (22.1 and later) before it loads the
// bundle, so later runs skip compiling it; older Node runs the bundle as it is.
writeFileSync(
  join(dist, 'cli.js'),
  `#!/usr/bin/env node
'use strict';
const { enableCompileCache } = require('node:module');
if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A cache that cannot be written (read-only temp folder) only costs speed.
  }
}
require('./cli-main.js');
`,
);
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

const ortBin = join(root, 'node_modules/onnxruntime-node/bin/napi-v6');
for (const [platform, arch] of PLATFORMS) {
  cpSync(join(ortBin, platform, arch), join(dist, 'ort', platform, arch), { recursive: true });
}
console.log(
  'built dist/index.js, dist/cli.js and onnxruntime for',
  PLATFORMS.map((p) => p.join('/')).join(', '),
);
