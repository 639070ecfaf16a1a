/** A plain-text table for terminals: columns padded to width, numbers right-aligned. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  // A loop, not Math.max(...rows): a model's kernels can be more than a call's arguments may be.
  const widths = header.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (r[i] ?? '').length);
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => ((align?.[i] ?? 'l') === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 1234567 -> "1.23M"; for counts (MACs, params, bytes) in tables. */
export function compact(n: number, unit = ''): string {
  const abs = Math.abs(n);
  const fmt = (v: number, s: string) =>
    `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${s}${unit}`;
  if (abs >= 1e12) return fmt(n / 1e12, 'T');
  if (abs >= 1e9) return fmt(n / 1e9, 'G');
  if (abs >= 1e6) return fmt(n / 1e6, 'M');
  if (abs >= 1e3) return fmt(n / 1e3, 'k');
  return `${Number.isInteger(n) ? n : n.toFixed(2)}${unit}`;
}
