import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { COMMAND_NAMES } from './command-names.js';

/**
 * Runs the bundled CLI (one CommonJS file) with a V8 code cache kept per command, so a process does
 * not parse and compile the code its command needs again: the CLI starts once per command, many times
 * a day, and compiling is most of its start (docs/benchmarks.md). Node's own `module.enableCompileCache`
 * exists only from Node 22.1 and caches a file's top level, not the functions a command runs; V8's
 * code cache through `vm.Script` works on every Node and is written after the command ran, so it holds
 * the compiled functions too.
 *
 * The cache is an optimisation only: a missing, rejected (another V8, other flags) or unreadable cache
 * runs the bundle compiled from source; a cache that cannot be written is skipped silently.
 */

/** Where a run's cache came from, for tests and `--debug`-style diagnostics. */
export type CacheState = 'off' | 'used' | 'rejected' | 'missing';

export interface CacheRun {
  readonly state: CacheState;
  /** Writes the cache when the run had none (or V8 rejected it); call when the command has ended. */
  save(): void;
}

export interface CacheOptions {
  /** The folder for cache files; undefined turns the cache off. */
  readonly dir: string | undefined;
  /** The command run (commandOf): each command compiles different functions. */
  readonly command: string;
}

/**
 * The cache folder: under NODE_COMPILE_CACHE when set (Node's own variable for its compile cache),
 * else in the temp folder, one per user; none when NODE_DISABLE_COMPILE_CACHE is set.
 */
export function cacheDir(env: NodeJS.ProcessEnv, tmp: string, uid: number | undefined): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.NODE_COMPILE_CACHE) return join(env.NODE_COMPILE_CACHE, 'model-energy-check');
  return join(tmp, `model-energy-check-compile-cache${uid === undefined ? '' : `-${uid}`}`);
}

/** The command a run's cache is kept for: a command's name, or 'other' (help, a typo, --version). */
export function commandOf(argv: readonly string[]): string {
  const first = argv.find((a) => !a.startsWith('-'));
  return COMMAND_NAMES.find((c) => c === first) ?? 'other';
}

/** Runs the CommonJS file `file` in this process, through the code cache when `options.dir` is set. */
export function runCached(file: string, options: CacheOptions): CacheRun {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const { dir } = options;
  // One cache per bundle text, Node version, architecture and command: a cache made by another V8
  // would be rejected anyway, but V8 checks only the length of the text a cache was made from, so a
  // bundle edited in place would run its old code (Node's own compile cache checks a CRC32 too).
  const bundleHash = contentHash(bytes);
  const cacheFile =
    dir !== undefined && bundleHash !== undefined && ownDir(dir)
      ? join(dir, `${bundleHash}-${process.version}-${process.arch}-${options.command}.bin`)
      : undefined;
  const cachedData = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  // The same wrapper Node puts around a CommonJS module, on the first line so that line numbers in
  // stack traces are the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const state: CacheState =
    cacheFile === undefined
      ? 'off'
      : !cachedData
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'used';
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    state,
    save: () => {
      if (cacheFile === undefined || bundleHash === undefined) return;
      if (state !== 'missing' && state !== 'rejected') return;
      writeAtomically(cacheFile, script.createCachedData());
      deleteOtherBuilds(dirname(cacheFile), bundleHash);
    },
  };
}

/** The CRC32 of the bundle's bytes (under 1 ms for the CLI); undefined on Node 22.0 and 22.1, which lack zlib.crc32. */
function contentHash(bytes: Buffer): string | undefined {
  const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  return crc32 === undefined ? undefined : crc32(bytes).toString(16).padStart(8, '0');
}

/**
 * Creates the folder (private to this user) and checks that it is a directory this user owns and no
 * one else may write to: code read from a cache runs in this process, so a folder in a shared temp
 * directory that someone else made or can write must not be trusted.
 */
function ownDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      // Only a plain file of this user's (the folder check covers the rest).
      const stat = fstatSync(fd);
      if (!stat.isFile() || stat.size === 0) return undefined;
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Caches of other bundles (an upgrade, a rebuilt checkout) would only take space, and so would the
 * partial files of runs killed while they wrote one.
 */
function deleteOtherBuilds(dir: string, bundleHash: string): void {
  try {
    for (const file of readdirSync(dir))
      if ((file.endsWith('.bin') || file.endsWith('.partial')) && !file.startsWith(`${bundleHash}-`))
        rmSync(join(dir, file), { force: true });
  } catch {
    // Left for the next run that writes.
  }
}

/** A whole file or none: written beside its name, then renamed (concurrent runs each write their own). */
function writeAtomically(file: string, data: Buffer): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const fd = openSync(partial, 'wx', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
  } catch {
    // A read-only or full temp folder only costs speed.
    rmSync(partial, { force: true });
  }
}
