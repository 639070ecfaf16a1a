import { InvalidArgumentError } from 'commander';

/** Where the CLI writes; tests pass buffers, the process entry passes the streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted on Ctrl-C by the process entry; long commands (measure) stop between kernels. */
  readonly signal?: AbortSignal;
}

export const EXIT_OK = 0;
/** An analysis, prediction or training error, or (compare) a failed budget. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

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
  if (value === 'all') return 'all';
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`'${value}' is not a positive integer`);
  return n;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors that are the user's input (a bad file, CSV, bundle, config): message only, exit 1. */
export function isKnownError(error: unknown): boolean {
  return (
    error instanceof Error &&
    [
      'ModelLoadError',
      'PredictorError',
      'ConfigError',
      'GitError',
      'MeasureError',
      'MeterError',
      'GitHubError',
      'ReportValidationError',
      'PlatformError',
    ].includes(error.name)
  );
}
