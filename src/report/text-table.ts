/**
 * Plain-text tables and prose for terminals, measured in display columns (a CJK character takes two,
 * a combining mark none) and fitted to a width: long cells are shortened in the middle, columns shrink
 * in their priority order and optional ones are left out, prose is word-wrapped.
 */

import { chainLines, linesOf } from './lines.js';

type Align = 'l' | 'r' | 'c';

/**
 * One column of a table: everything about it in one entry. The same spec renders a terminal table
 * (`renderTable`) and a Markdown one (blocks.ts `table`, which uses header, alignment and value only).
 */
export interface Column<R> {
  readonly header: string;
  /** Left (default), right or centred. */
  readonly align?: Align;
  /** The cell of `row` in this column. */
  readonly value: (row: R) => string;
  /** A shrinking column is never narrower than this (default: its header's width, at most 8). */
  readonly min?: number;
  /** Never wider than this. */
  readonly max?: number;
  /** Columns shrink toward `min` in descending order of this (default 0: keeps its natural width). */
  readonly shrink?: number;
  /** Left out, lowest first, when the table does not fit even with every column at its `min`. */
  readonly optional?: number;
  /** Colour etc. applied after padding, so escape codes never count toward the width. */
  readonly paint?: (row: R, padded: string) => string;
}

export interface TableLayout {
  /** Lines of the table, none wider than the width. */
  readonly lines: string[];
  /** Headers of the optional columns that did not fit. */
  readonly leftOut: string[];
}

const GAP = 2;

/** The table for `rows`, fitted to `width` display columns. */
export function layoutTable<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  width: number,
): TableLayout {
  const { lines, leftOut } = streamTable(columns, rows, width);
  // Row lines come in blocks (`streamTable`); the header and the rule are lines of their own.
  return { lines: Array.from(lines).flatMap((text, i) => (i < 2 ? [text] : text.split('\n'))), leftOut };
}

/**
 * `layoutTable` with its lines made as they are reached: a table of 10^6 rows is measured in one pass
 * and written in a second, its cells never all held at once. After the header and the rule, an item
 * of `lines` holds the lines of up to ROWS_PER_BLOCK rows, joined by newlines: written or joined with
 * newlines, the items make the same text as one line each.
 */
export function streamTable<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  width: number,
): { readonly lines: Iterable<string>; readonly leftOut: string[] } {
  // Plain loops, not Math.max(...) or a closure per cell: this runs for every cell of 10^6 rows. The
  // value functions are read from an array of their own: from the columns, objects of several
  // shapes, each read would be a slower (megamorphic) property load.
  const values = columns.map((c) => c.value);
  const natural = columns.map((c) => displayWidth(c.header));
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < values.length; i++) {
      const w = cellWidth(values[i]!(rows[j]!));
      if (w > natural[i]!) natural[i] = w;
    }
  }
  columns.forEach((c, i) => {
    if (c.max !== undefined) natural[i] = Math.min(c.max, natural[i]!);
  });
  // A column that does not shrink keeps its natural width.
  const minOf = (i: number): number =>
    (columns[i]!.shrink ?? 0) > 0
      ? Math.min(natural[i]!, columns[i]!.min ?? Math.min(8, displayWidth(columns[i]!.header)))
      : natural[i]!;
  let shown = columns.map((_, i) => i);
  const total = (idx: readonly number[], w: readonly number[]): number =>
    idx.reduce((s, i) => s + w[i]!, 0) + GAP * Math.max(0, idx.length - 1);
  const optional = columns
    .map((c, i) => ({ i, p: c.optional }))
    .filter((o): o is { i: number; p: number } => o.p !== undefined)
    .sort((a, b) => a.p - b.p);
  const mins = columns.map((_, i) => minOf(i));
  while (total(shown, mins) > width && optional.length > 0) {
    const drop = optional.shift()!;
    shown = shown.filter((i) => i !== drop.i);
  }
  const widths = [...natural];
  const order = shown
    .filter((i) => (columns[i]!.shrink ?? 0) > 0)
    .sort((a, b) => (columns[b]!.shrink ?? 0) - (columns[a]!.shrink ?? 0));
  for (const i of order) {
    const over = total(shown, widths) - width;
    if (over <= 0) break;
    widths[i] = Math.max(minOf(i), widths[i]! - over);
  }
  // Cells are cut to their column's width, so lines of columns that fit need no measuring (unless
  // a paint adds to them).
  const fits = total(shown, widths) <= width && shown.every((i) => !columns[i]!.paint);
  // Entries of one shape, for the same reason as `values` above.
  const shownColumns = shown.map((i) => {
    const { header, value, align = 'l', paint } = columns[i]!;
    return { header, value, align, paint, width: widths[i]! };
  });
  const pieces = new LinePieces(shownColumns);
  const line = (): string => {
    const text = pieces.line();
    return fits ? text : fitLine(text, width);
  };
  const header = (): string => {
    shownColumns.forEach((c, k) => pieces.setText(k, c.header));
    return line();
  };
  const rule = (): string =>
    fitLine(shownColumns.map((c) => '-'.repeat(c.width)).join(' '.repeat(GAP)), width);
  // Rows come in blocks of lines, one join each: no string and no join per row, which for a table of
  // 10^6 rows saved about a tenth of the time and a quarter of the memory.
  const block: string[] = [];
  const rowBlock = (first: number): string => {
    let n = 0;
    for (let j = first; j < Math.min(rows.length, first + ROWS_PER_BLOCK); j++) {
      if (j > first) block[n++] = '\n';
      const r = rows[j]!;
      // Only the cells shown are made.
      for (let k = 0; k < shownColumns.length; k++) {
        const { value, paint } = shownColumns[k]!;
        // No closure over the row here: it would cost an allocation per cell of every row.
        if (paint) pieces.setPadded(k, paint(r, pieces.padded(k, oneLine(value(r)))));
        else pieces.setCell(k, value(r));
      }
      if (fits) n = pieces.putInto(block, n);
      else block[n++] = fitLine(pieces.line(), width);
    }
    // Written by index and cut to length, not emptied and pushed to: its storage is kept.
    block.length = n;
    return block.join('');
  };
  return {
    lines: linesOf(2 + Math.ceil(rows.length / ROWS_PER_BLOCK), (i) =>
      i === 0 ? header() : i === 1 ? rule() : rowBlock((i - 2) * ROWS_PER_BLOCK),
    ),
    leftOut: columns.filter((_, i) => !shown.includes(i)).map((c) => c.header),
  };
}

/** Strings of 0..256 spaces, made once: padding a cell takes one of them rather than a new string. */
const SPACES = Array.from({ length: 257 }, (_, n) => ' '.repeat(n));

function spaces(n: number): string {
  return SPACES[n] ?? ' '.repeat(n);
}

const GAP_SPACES = spaces(GAP);

/** Rows whose lines `streamTable` makes at once. */
const ROWS_PER_BLOCK = 256;

/** How many distinct values a column keeps the padded cells of (a column of names stops there). */
const KNOWN_CELLS = 1024;

/**
 * One table line, cell by cell: a piece per column, reused from line to line, and the line one join
 * of them. Most columns of a long table repeat a few values, so each column keeps the piece of each
 * value it has seen: a row then mostly looks its cells up. (A padded string per cell, an array per
 * line and a join of those made about 1 GB of short-lived strings for a table of 10^6 rows.)
 */
class LinePieces {
  /** Per column: the gap before it (none before the first), then its cell padded to its width. */
  private readonly pieces: string[];
  /** Per column: the piece of each value seen, up to KNOWN_CELLS of them. */
  private readonly known: Map<string, string>[];

  constructor(private readonly columns: readonly { readonly width: number; readonly align: Align }[]) {
    this.pieces = columns.map(() => '');
    this.known = columns.map(() => new Map<string, string>());
  }

  /** Column `k`: the cell of a value, made one line, cut and padded. */
  setCell(k: number, value: string): void {
    const known = this.known[k]!;
    let piece = known.get(value);
    if (piece === undefined) {
      piece = this.piece(k, this.padded(k, oneLine(value)));
      if (known.size < KNOWN_CELLS) known.set(value, piece);
    }
    this.pieces[k] = piece;
  }

  /** Column `k`: `text` as it is (a header), cut and padded. */
  setText(k: number, text: string): void {
    this.pieces[k] = this.piece(k, this.padded(k, text));
  }

  /** Column `k`: `padded`, already cut and padded to the column's width (and painted). */
  setPadded(k: number, padded: string): void {
    this.pieces[k] = this.piece(k, padded);
  }

  /** `text` cut and padded to column `k`'s width. */
  padded(k: number, text: string): string {
    const { width, align } = this.columns[k]!;
    // Measured once: most cells fit, and shortenMiddle would measure them again.
    const textWidth = displayWidth(text);
    if (textWidth <= width) return pad(text, textWidth, width, align);
    const cut = shortenMiddle(text, width);
    return pad(cut, displayWidth(cut), width, align);
  }

  private piece(k: number, padded: string): string {
    return k > 0 ? GAP_SPACES + padded : padded;
  }

  /**
   * Puts the line's pieces into `out` from index `n`, to be joined (the line itself where it has
   * spaces to trim); returns the index after them.
   */
  putInto(out: string[], n: number): number {
    const last = this.pieces[this.pieces.length - 1]!;
    const end = last.charCodeAt(last.length - 1);
    if (!(end > 0x20 && end < 0x7f)) out[n++] = this.line();
    else for (const piece of this.pieces) out[n++] = piece;
    return n;
  }

  /** The line, without trailing spaces. */
  line(): string {
    return this.pieces.join('').trimEnd();
  }
}

/** `layoutTable` as text, with a line naming the columns left out when there are any. */
export function renderTable<R>(columns: readonly Column<R>[], rows: readonly R[], width: number): string {
  return Array.from(tableLines(columns, rows, width)).join('\n');
}

/** The lines of `renderTable`, one at a time. */
export function tableLines<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  width: number,
): Iterable<string> {
  const { lines, leftOut } = streamTable(columns, rows, width);
  if (leftOut.length === 0) return lines;
  const note = `(left out at ${width} columns: ${leftOut.join(', ')}; a wider terminal shows them)`;
  return chainLines([lines, wrap(note, width)]);
}

/** `text`, `textWidth` columns wide, padded with spaces to `width` on the side its alignment says. */
function pad(text: string, textWidth: number, width: number, align: Align): string {
  const space = Math.max(0, width - textWidth);
  const before = spaceBefore(space, align);
  return spaces(before) + text + spaces(space - before);
}

/** Of `space` columns of padding, those before the text. */
function spaceBefore(space: number, align: Align): number {
  return align === 'r' ? space : align === 'c' ? Math.floor(space / 2) : 0;
}

/** Display width of `text` as a cell shows it (`oneLine`). */
function cellWidth(text: string): number {
  const ascii = asciiWidth(text);
  return ascii >= 0 ? ascii : displayWidth(oneLine(text));
}

/**
 * The width of `text` when it is printable ASCII (most cells): one column per character, no control
 * character to replace. -1 otherwise. One pass, where `oneLine` and `displayWidth` would make two.
 */
function asciiWidth(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) return -1;
  }
  return text.length;
}

/** Newlines and tabs inside a cell would break the table: spaces. */
function oneLine(text: string): string {
  // Most cells have no control character: no regex run and no copy for them.
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) {
      plain = false;
      break;
    }
  }
  // eslint-disable-next-line no-control-regex
  return plain ? text : text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** A line that can still be too wide (a table whose fixed columns alone exceed the width) is cut. */
function fitLine(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Display width of one code point: 0 for combining marks and joiners, 2 for East Asian wide and emoji. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (cp >= 0x20d0 && cp <= 0x20ff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f680 && cp <= 0x1f6ff) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1fa70 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Columns `text` takes in a terminal (ANSI colour codes excluded). */
export function displayWidth(text: string): number {
  const ascii = asciiWidth(text);
  if (ascii >= 0) return ascii;
  let w = 0;
  // eslint-disable-next-line no-control-regex
  for (const ch of text.replace(/\u001b\[[0-9;]*m/g, '')) w += charWidth(ch);
  return w;
}

/** `text` within `width` columns, its middle replaced by "…" (a path keeps its folder and file name). */
export function shortenMiddle(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  const chars = Array.from(text);
  const keep = width - 1;
  const headCols = Math.ceil(keep / 2);
  let head = '';
  let hw = 0;
  for (const ch of chars) {
    if (hw + charWidth(ch) > headCols) break;
    head += ch;
    hw += charWidth(ch);
  }
  let tail = '';
  let tw = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i]!;
    if (hw + tw + charWidth(ch) > keep) break;
    tail = ch + tail;
    tw += charWidth(ch);
  }
  return `${head}…${tail}`;
}

/** Prose wrapped at word boundaries to `width` columns; `indent` starts each paragraph's later lines. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  const fit = (s: string): string => (displayWidth(s) <= width ? s : shortenMiddle(s, width));
  for (const paragraph of text.split('\n')) {
    const lead = /^ */.exec(paragraph)?.[0] ?? '';
    let line = '';
    let first = true;
    const flush = (): void => {
      lines.push(fit((first ? lead : indent) + line));
      first = false;
    };
    for (const word of paragraph.slice(lead.length).split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line === '' || displayWidth((first ? lead : indent) + candidate) <= width) {
        line = candidate;
        continue;
      }
      flush();
      line = word;
    }
    flush();
  }
  return lines;
}

/** 1234567 -> "1.23M"; for counts (MACs, params, bytes) in tables. */
// Module-level rather than a closure per call: this runs for every cell of a million-row table.
function scaled(v: number, suffix: string, unit: string): string {
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${suffix}${unit}`;
}

export function compact(n: number, unit = ''): string {
  const abs = Math.abs(n);
  if (abs >= 1e12) return scaled(n / 1e12, 'T', unit);
  if (abs >= 1e9) return scaled(n / 1e9, 'G', unit);
  if (abs >= 1e6) return scaled(n / 1e6, 'M', unit);
  if (abs >= 1e3) return scaled(n / 1e3, 'k', unit);
  return `${Number.isInteger(n) ? n : n.toFixed(2)}${unit}`;
}
