import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelLoadError } from '../onnx/types.js';
import type { GitRepo } from './repo.js';

/**
 * Git LFS pointer files: what a checkout without `lfs: true` leaves in place of a large file. They are
 * small text files whose first line names the spec version (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
 */
export interface LfsPointer {
  /** The spec version URL from the first line. */
  readonly version: string;
  /** `sha256:<hex>` of the real content, when the pointer carries one. */
  readonly oid?: string;
  /** Size in bytes of the real content, when the pointer carries one. */
  readonly size?: number;
}

/** Git LFS itself never treats a blob of this size or more as a pointer. */
export const LFS_POINTER_MAX_BYTES = 1024;

/** The current spec and the pre-release one that git-lfs still accepts. */
const VERSION_LINES = [
  'version https://git-lfs.github.com/spec/v1',
  'version https://hawser.github.com/spec/v1',
];

/** Reads an LFS pointer from bytes, or undefined when the bytes are something else (a real model). */
export function parseLfsPointer(bytes: Uint8Array): LfsPointer | undefined {
  if (bytes.length >= LFS_POINTER_MAX_BYTES) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const firstLine = text.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
  if (!VERSION_LINES.includes(firstLine)) return undefined;
  let oid: string | undefined;
  let size: number | undefined;
  for (const line of text.split('\n').slice(1)) {
    const [key, value] = splitOnce(line.replace(/\r$/, ''), ' ');
    if (key === 'oid' && /^sha256:[0-9a-f]{64}$/.test(value)) oid = value;
    if (key === 'size' && /^\d+$/.test(value)) size = Number(value);
  }
  return {
    version: firstLine.slice('version '.length),
    ...(oid !== undefined ? { oid } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}

export function isLfsPointer(bytes: Uint8Array): boolean {
  return parseLfsPointer(bytes) !== undefined;
}

/** Checks a file on disk, reading at most the first kilobyte of it. */
export function readLfsPointerFile(path: string): LfsPointer | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size >= LFS_POINTER_MAX_BYTES) return undefined;
    const bytes = Buffer.alloc(size);
    readSync(fd, bytes, 0, size, 0);
    return parseLfsPointer(bytes);
  } finally {
    closeSync(fd);
  }
}

/** The message for a model that is only a pointer: what happened and what to change. */
export function lfsPointerMessage(path: string, pointer: LfsPointer): string {
  const size = pointer.size !== undefined ? ` of ${pointer.size} bytes` : '';
  return (
    `${path} is a Git LFS pointer, not the model${size}: the checkout did not fetch LFS content. ` +
    'Set `lfs: true` on actions/checkout (with: { lfs: true }).'
  );
}

function splitOnce(line: string, separator: string): [string, string] {
  const at = line.indexOf(separator);
  return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
}

/** A model's bytes at a revision, or the LFS pointer that stands in for them. */
export type ModelBlob =
  | { readonly kind: 'content'; readonly bytes: Buffer }
  | { readonly kind: 'lfs-pointer'; readonly pointer: LfsPointer; readonly message: string };

/**
 * Reads a model from git without ever starting an LFS transfer: the blob is read raw (`git cat-file
 * blob` applies no filter, so a git-lfs installed system-wide, as on hosted runners, is never run and
 * spends no LFS bandwidth). A pointer is resolved from the local LFS store only (filled by a checkout
 * with `lfs: true`); otherwise the pointer comes back with the advice.
 */
export async function readModelBlob(repo: GitRepo, rev: string, path: string): Promise<ModelBlob> {
  const raw = await repo.readBlob(rev, path);
  const pointer = parseLfsPointer(raw);
  if (pointer === undefined) return { kind: 'content', bytes: raw };
  const stored = await localLfsObject(repo, pointer);
  if (stored !== undefined) return { kind: 'content', bytes: stored };
  return {
    kind: 'lfs-pointer',
    pointer,
    message: lfsPointerMessage(`${path} at ${rev.slice(0, 12)}`, pointer),
  };
}

/**
 * A model's bytes at a revision for the comparison: the content, or a ModelLoadError naming the file
 * that says it is an LFS pointer and what to change (never git's own error text).
 */
export async function readModelBytes(repo: GitRepo, rev: string, path: string): Promise<Buffer> {
  const blob = await readModelBlob(repo, rev, path);
  if (blob.kind === 'content') return blob.bytes;
  const message = blob.message.startsWith(`${path} `) ? blob.message.slice(path.length + 1) : blob.message;
  throw new ModelLoadError(path, message);
}

/** The object in `.git/lfs/objects/ab/cd/<oid>` when it is there and of the pointer's size. */
async function localLfsObject(repo: GitRepo, pointer: LfsPointer): Promise<Buffer | undefined> {
  if (pointer.oid === undefined) return undefined;
  const hex = pointer.oid.slice('sha256:'.length);
  const file = join(await repo.commonDir(), 'lfs', 'objects', hex.slice(0, 2), hex.slice(2, 4), hex);
  try {
    const bytes = await readFile(file);
    return pointer.size === undefined || bytes.length === pointer.size ? bytes : undefined;
  } catch {
    return undefined;
  }
}
