import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import type { TerminalStyle } from '../report/terminal.js';

/** Where the CLI writes; tests pass buffers, the process entry passes the streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted on Ctrl-C by the process entry; long commands (measure) stop between kernels. */
  readonly signal?: AbortSignal;
  /** Width tables and prose are fitted to (default 80). */
  readonly columns?: number;
  /** Colour verdicts (the process entry: stdout is a TTY and NO_COLOR is unset). */
  readonly color?: boolean;
  /** stderr is a terminal: long commands redraw one progress line instead of printing lines. */
  readonly interactive?: boolean;
}

/**
 * What the process edge tells runCli about its terminal: a TTY's own width, else COLUMNS, else none
 * (80); colour only when stdout is a TTY and NO_COLOR is unset or empty (no-color.org); progress
 * redrawn in place when stderr is a TTY.
 */
export function terminalOf(
  env: Readonly<Record<string, string | undefined>>,
  stdout: { readonly isTTY?: boolean; readonly columns?: number },
  stderr: { readonly isTTY?: boolean },
): { columns?: number; color: boolean; interactive: boolean } {
  const fromEnv = Number(env['COLUMNS']);
  const columns =
    stdout.isTTY === true && stdout.columns !== undefined
      ? stdout.columns
      : Number.isFinite(fromEnv) && fromEnv > 0
        ? fromEnv
        : undefined;
  return {
    ...(columns !== undefined ? { columns } : {}),
    color: stdout.isTTY === true && (env['NO_COLOR'] ?? '') === '',
    interactive: stderr.isTTY === true,
  };
}

/** The terminal style of a run: the width (80 unless told) and colour (off unless told). */
export function styleOf(io: CliIo): TerminalStyle {
  const width = io.columns !== undefined && io.columns >= 20 ? Math.floor(io.columns) : 80;
  return { width, color: io.color === true };
}

export const EXIT_OK = 0;
/** An analysis, prediction or training error, or (compare) a failed budget. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A command stopped by Ctrl-C (128 + SIGINT, as a shell reports it). */
export const EXIT_INTERRUPTED = 130;

/** Shared state of one CLI run: the exit code commands raise. */
export interface CliRun {
  readonly io: CliIo;
  fail(code?: number): void;
}

export function parseDim(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([^=]+)=(\d+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected NAME=VALUE with a positive integer value, got '${value}'`);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`'${value}': the value must be a positive integer`);
  return { ...previous, [m[1]!]: n };
}

export function parseProcessors(value: string): ('cpu' | 'gpu')[] | undefined {
  if (value === 'all') return undefined;
  const list = value.split(',').map((s) => s.trim());
  for (const p of list)
    if (p !== 'cpu' && p !== 'gpu') throw new InvalidArgumentError(`'${p}' is not cpu, gpu or all`);
  return list as ('cpu' | 'gpu')[];
}

export function parseDevices(value: string): 'all' | string[] {
  if (value.trim() === 'all') return 'all';
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new InvalidArgumentError(
      'expected device id(s), comma-separated, or all (`model-energy devices` lists them)',
    );
  return ids;
}

/**
 * The options several commands share, each built with its one parser; the description is the
 * command's own (a dim of `compare` applies to both versions, `devices` only lists bundles).
 */
export const sharedOption = {
  device: (description: string): Option => new Option('--device <ids>', description).argParser(parseDevices),
  processor: (description: string): Option =>
    new Option('--processor <which>', description).argParser(parseProcessors),
  predictors: (description: string): Option =>
    new Option('--predictors <dir>', description).argParser(parsePredictorsDir),
  dim: (description: string): Option => new Option('--dim <name=value>', description).argParser(parseDim),
};

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  return n;
}

/** A bad command line or a selection that cannot run: message only, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `--predictors DIR`: a folder that is not there is a bad flag value (exit 2), not a failure. */
export function parsePredictorsDir(value: string): string {
  const stat = statSync(value, { throwIfNoEntry: false });
  if (!stat) throw new InvalidArgumentError(`'${value}': no such folder`);
  if (!stat.isDirectory()) throw new InvalidArgumentError(`'${value}' is a file, not a folder of bundles`);
  return value;
}

/**
 * Checks, before any long work, that `path` (a file or a folder to create) can be written: its nearest
 * existing ancestor must be a writable folder, and a file to write must not be a folder. A UsageError
 * `PATH: cannot write (why)` otherwise, so hours of measuring or training are never lost at the end.
 */
export function probeWritable(path: string, what: 'file' | 'folder', flag = '--out'): void {
  const full = resolve(path);
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${path}: cannot write (${why})`);
  };
  const own = statOrUndefined(full);
  if (own?.isDirectory() && what === 'file')
    fail(`it is a folder; name the file to create or resume, e.g. ${join(path, 'kernels.csv')}`);
  if (own && !own.isDirectory() && what === 'folder') fail('it is a file, not a folder');
  let ancestor = own ? (what === 'file' ? dirname(full) : full) : dirname(full);
  for (;;) {
    const stat = statOrUndefined(ancestor);
    if (stat) {
      if (!stat.isDirectory()) fail(`${ancestor} is a file, not a folder`);
      break;
    }
    const up = dirname(ancestor);
    if (up === ancestor) break;
    ancestor = up;
  }
  try {
    accessSync(ancestor, constants.W_OK);
    if (own && what === 'file') accessSync(full, constants.W_OK);
  } catch (error) {
    fail(
      `${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : messageOf(error)} on ${own && what === 'file' ? full : ancestor}`,
    );
  }
}

/** The stat of `path`, or undefined when it or a folder on the way is missing or a file. */
function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

const FILE_SYSTEM_CODES = new Set([
  'EACCES',
  'EPERM',
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
]);

/** A file-system error with its path (EACCES, ENOSPC...): `PATH: cannot write (CODE)`, never a stack trace. */
export function fileSystemMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as NodeJS.ErrnoException;
  if (e.code === undefined || !FILE_SYSTEM_CODES.has(e.code) || e.path === undefined) return undefined;
  const why =
    e.code === 'ENOSPC'
      ? 'no space left on the device'
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? 'permission denied'
        : e.code === 'EEXIST'
          ? 'a file is in the way'
          : e.code === 'ENOTDIR'
            ? 'a part of the path is a file'
            : e.code === 'EISDIR'
              ? 'it is a folder'
              : e.code === 'EROFS'
                ? 'read-only file system'
                : e.code;
  return `${e.path}: cannot write (${why})`;
}

/** Pieces of output up to about this many characters are written at once. */
const WRITE_CHARS = 1 << 16;

/** Writes the lines of each part, one line after another, each ending in a newline, in pieces. */
export function writeLines(io: CliIo, parts: readonly Iterable<string>[]): void {
  // A piece is one join of its lines: `piece += line + '\n'` made two concatenation nodes per line,
  // which for 10^6 lines came to about as many bytes as the text itself.
  const lines: string[] = [];
  let chars = 0;
  const flush = (): void => {
    lines.push(''); // the last line's newline
    io.stdout(lines.join('\n'));
    lines.length = 0;
    chars = 0;
  };
  for (const part of parts) {
    for (const line of part) {
      lines.push(line);
      chars += line.length + 1;
      if (chars >= WRITE_CHARS) flush();
    }
  }
  if (lines.length > 0) flush();
}
