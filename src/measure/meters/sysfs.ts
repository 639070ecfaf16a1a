import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { MeterError } from './types.js';

/** Why a file could not be read, in words (the errno code kept in parentheses). */
export function readFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EISDIR':
      return 'is a directory, not a file (EISDIR)';
    case 'ENODATA':
    case 'EIO':
    case 'ENXIO':
      return `the driver returned no data (${code})`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function isPermissionError(error: MeterError): boolean {
  return error.reason.startsWith('permission denied');
}

/** Reads a sysfs attribute as text, throwing a MeterError that names the file and the reason. */
export function readText(meter: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new MeterError(meter, path, readFailureReason(error), { cause: error });
  }
}

/** Reads a sysfs attribute holding one integer or decimal number. */
export function readNumber(meter: string, path: string): number {
  const text = readText(meter, path);
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new MeterError(meter, path, `not a number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}

/** Entries of a directory whose names match `pattern`, sorted naturally; [] when it does not exist. */
export function listMatching(dir: string, pattern: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return names.filter((name) => pattern.test(name)).sort(naturalCompare);
}

/** Whether `path` is a directory; false when it does not exist (other failures are thrown). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** Real path (links resolved), used to drop a device found twice through different links. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if (isMissing(error)) return path;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
