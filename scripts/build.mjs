// Builds dist/: the action (dist/index.js, one bundled CommonJS file), the CLI (dist/cli.js, which
// runs dist/cli-bundle.js through a per-command V8 code cache), the worker thread `train` fits on (dist/train-worker.js, found beside the
// bundle that starts it: src/predict/train-workers.ts), plus the onnxruntime-node native files for the
// platforms we ship (dist/ort/<platform>/<arch>/).
// The bundle never loads node_modules at run time: a runner fetches the action without installing it.
// CI runs this and fails when the committed dist/ differs. `node scripts/build.mjs DIR` builds into DIR
// instead (to try a bundle without touching dist/).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
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
          const error = new Error('model-energy-check ships onnxruntime for ' + ${supported}.join(', ') + ' only; this machine is ' + where + '. Use a Linux runner, or run the CLI from a checkout (npm ci --ignore-scripts, then npx tsx src/cli-entry.ts), where onnxruntime-node supplies darwin/arm64 and win32 binaries.');
          error.name = 'PlatformError';
          throw error;
        }
        return require(require('node:path').join(__dirname, 'ort', where, 'onnxruntime_binding.node'));
      })()`;
      return { contents: source.replace(pattern, replacement), loader: 'js' };
    });
  },
};

const ONNXRUNTIME_LICENSE = `MIT License

Copyright (c) Microsoft Corporation

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;
const ortVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/onnxruntime-node/package.json'), 'utf8'),
).version;
/** Licence texts of bundled packages that ship without a licence file. */
const KNOWN_LICENSES = {
  'onnxruntime-common': ONNXRUNTIME_LICENSE,
  'onnxruntime-node': `${ONNXRUNTIME_LICENSE}

The native library in dist/ort/ (libonnxruntime) includes third-party components under their own
licences, listed in ONNX Runtime's ThirdPartyNotices.txt:
https://github.com/microsoft/onnxruntime/blob/v${ortVersion}/ThirdPartyNotices.txt`,
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

const jsonParse = {
  name: 'json-parse',
  setup(b) {
    // A JSON import becomes JSON.parse of one string rather than an object literal: V8 scans a string
    // and parses JSON far faster than it parses and builds a literal of the same size (the ONNX and
    // TFLite schemas, the fusion rules, the devices are parsed at every start).
    b.onLoad({ filter: /[\\/]src[\\/].*\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    // commander requires node:child_process at load for stand-alone executable subcommands, which
    // model-energy has none of; loading it (with net, stream...) is a sixth of `analyze`'s start.
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error('commander changed: update scripts/build.mjs');
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

// Every output is CommonJS: required synchronously (no ES module loader at start), with
// import.meta.dirname as the folder of the file it is bundled into.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  define: { 'import.meta.dirname': '__dirname' },
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [ortBinding, versionOnly, jsonParse, lazyChildProcess],
  metafile: true,
};

// The action runs one long job: one CommonJS file is simplest for a runner to load.
const action = await build({
  ...common,
  entryPoints: [join(root, 'src/main-entry.ts')],
  outfile: join(dist, 'index.js'),
});
// The CLI starts once per command, and much of its start-up is compiling: one CommonJS bundle
// (dist/cli-bundle.js, required synchronously, no ES module loader) that dist/cli.js runs through a
// V8 code cache kept per command (src/cli/compile-cache.ts). What src/ imports with import() stays
// lazy: esbuild wraps such a module so that it runs when first imported. The bundle sits in dist/
// itself, so __dirname (predictors/ beside dist/, dist/ort/) is what it is in the action.
const cli = await build({
  ...common,
  // Less to read at every start. Identifiers are not minified, so names (in messages and stack traces) stay.
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: [join(root, 'src/cli-entry.ts')],
  outfile: join(dist, 'cli-bundle.js'),
});
const cliBundle = readFileSync(join(dist, 'cli-bundle.js'));
// vm.Script (the code cache) has no module loader for import(): every import must have been bundled.
if (/\bimport\(/.test(cliBundle.toString('utf8')))
  throw new Error('dist/cli-bundle.js calls import(): bundle that module (vm.Script cannot import)');
await build({
  ...common,
  banner: { js: '#!/usr/bin/env node' },
  entryPoints: [join(root, 'src/cli-start.ts')],
  outfile: join(dist, 'cli.js'),
});
const trainWorker = await build({
  ...common,
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: [join(root, 'src/predict/train-worker.ts')],
  outfile: join(dist, 'train-worker.js'),
});
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

const ortBin = join(root, 'node_modules/onnxruntime-node/bin/napi-v6');
for (const [platform, arch] of PLATFORMS) {
  cpSync(join(ortBin, platform, arch), join(dist, 'ort', platform, arch), { recursive: true });
}
writeFileSync(join(dist, 'licenses.txt'), licenses([action.metafile, cli.metafile, trainWorker.metafile]));

/**
 * dist/licenses.txt: the licence text of every package bundled into dist/ (found from esbuild's
 * metafiles), sorted by name. onnxruntime's npm packages carry no licence file: their MIT licence is
 * written out with Microsoft's copyright, and the notices of the native library's own third-party
 * components are pointed to.
 */
function licenses(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      // The innermost package: node_modules/a/node_modules/b/x.js is b's.
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) dirs.add(join(root, match[1]));
    }
  }
  const sections = [...dirs]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)/i.test(f));
      const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
      const known = KNOWN_LICENSES[manifest.name];
      if (texts.length === 0 && known) texts.push(known);
      if (texts.length === 0)
        texts.push(`(no licence file in the package; it declares: ${manifest.license})`);
      return {
        name: manifest.name,
        text: `${manifest.name}@${manifest.version} (${manifest.license})\n\n${texts.join('\n\n')}`,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rule = `\n\n${'='.repeat(78)}\n\n`;
  const head =
    'model-energy-check (MIT, see LICENSE) bundles the packages below into dist/index.js and dist/cli.js,\n' +
    "and copies onnxruntime's native library (onnxruntime-node) into dist/ort/. Generated by scripts/build.mjs.";
  return `${head}${rule}${sections.map((s) => s.text).join(rule)}\n`;
}

console.log(
  'built dist/index.js, dist/cli.js and onnxruntime for',
  PLATFORMS.map((p) => p.join('/')).join(', '),
);
