import type { EnergyMillijoules } from '../compare/types.js';
import type { KernelType } from '../kernels/types.js';

type EnergyByType = Readonly<Partial<Record<KernelType, EnergyMillijoules>>>;

/**
 * Mermaid text is parsed by Mermaid, not by Markdown: labels keep to a small ASCII set so nothing
 * can end a quoted label, a statement or the code fence around the chart.
 */
export function mermaidLabel(text: string, max = 60): string {
  const safe = text
    .replace(/[^A-Za-z0-9 +.,:/()_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return safe.length <= max ? safe : `${safe.slice(0, max - 3)}...`;
}

function value(mj: number): string {
  if (!Number.isFinite(mj) || mj === 0) return '0';
  return String(Number(mj.toPrecision(4)));
}

/**
 * Energy by kernel type as a horizontal `xychart-beta`: bars for the head version, a line for the base
 * (or bars alone for a new or removed model). Kernel types are ordered by their larger energy. Returns
 * undefined when neither side has energy to show.
 */
export function energyByTypeChart(input: {
  readonly title: string;
  readonly base?: EnergyByType | undefined;
  readonly head?: EnergyByType | undefined;
}): string | undefined {
  const { base, head } = input;
  const types = new Set<KernelType>();
  for (const side of [base, head]) {
    for (const [type, mj] of Object.entries(side ?? {}) as [KernelType, number][])
      if (mj > 0) types.add(type);
  }
  if (types.size === 0) return undefined;
  const energy = (side: EnergyByType | undefined, type: KernelType): number => side?.[type] ?? 0;
  const ordered = [...types].sort(
    (a, b) =>
      Math.max(energy(head, b), energy(base, b)) - Math.max(energy(head, a), energy(base, a)) ||
      a.localeCompare(b),
  );
  const bars = head ?? base;
  const lines = [
    'xychart-beta horizontal',
    `  title "${mermaidLabel(input.title)}"`,
    `  x-axis [${ordered.map((t) => `"${mermaidLabel(t)}"`).join(', ')}]`,
    '  y-axis "mJ"',
    `  bar [${ordered.map((t) => value(energy(bars, t))).join(', ')}]`,
  ];
  if (head && base) lines.push(`  line [${ordered.map((t) => value(energy(base, t))).join(', ')}]`);
  return ['```mermaid', ...lines, '```'].join('\n');
}
