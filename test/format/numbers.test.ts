import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDeltaCount,
  formatDeltaMj,
  formatEnergyWithRange,
  formatInteger,
  formatMj,
  formatPct,
  formatRange,
  formatRangePct,
  groupThousands,
  shortSha,
  significant,
} from '../../src/format/numbers.js';
import { energyByTypeChart, mermaidLabel } from '../../src/report/mermaid.js';

describe('number formatting', () => {
  it('rounds to three significant figures without exponents', () => {
    expect(significant(41.234)).toBe('41.2');
    expect(significant(0.012345)).toBe('0.0123');
    expect(significant(99.96)).toBe('100');
    expect(significant(1234.5)).toBe('1,230');
    expect(significant(0)).toBe('0');
    expect(significant(-0.000123456)).toBe('-0.000123');
  });

  it('formats energies and signed deltas', () => {
    expect(formatMj(41.234)).toBe('41.2 mJ');
    expect(formatDeltaMj(5.1)).toBe('+5.10 mJ');
    expect(formatDeltaMj(-0.02)).toBe('-0.0200 mJ');
    expect(formatDeltaMj(0)).toBe('0 mJ');
  });

  it('formats percentages with precision that fits their size', () => {
    expect(formatPct(12.345, true)).toBe('+12.3%');
    expect(formatPct(-0.456, true)).toBe('-0.46%');
    expect(formatPct(0.001, true)).toBe('0.00%');
    expect(formatPct(-0.001, true)).toBe('0.00%');
    expect(formatPct(1234.5, true)).toBe('+1,235%');
    expect(formatPct(3)).toBe('3.0%');
  });

  it('formats ranges', () => {
    expect(formatRangePct(41.2, [36.1, 47.0])).toBe('±14%');
    expect(formatRangePct(10, [9.5, 10.3])).toBe('±5.0%');
    expect(formatRangePct(10, [9.55, 10.3])).toBe('±4.5%');
    expect(formatEnergyWithRange(41.2, [36.256, 46.144])).toBe('41.2 mJ (±12%)');
    expect(formatRange([36.1, 47])).toBe('[36.1, 47.0] mJ');
  });

  it('formats counts with SI prefixes', () => {
    expect(formatCount(1_234_567)).toBe('1.23M');
    expect(formatCount(999_999)).toBe('1.00M');
    expect(formatCount(14.8e6, 'B')).toBe('14.8 MB');
    expect(formatCount(512, 'B')).toBe('512 B');
    expect(formatCount(3.2e9)).toBe('3.20G');
    expect(formatDeltaCount(1200)).toBe('+1.20k');
    expect(formatDeltaCount(-300)).toBe('-300');
  });

  it('formats whole numbers with separators', () => {
    expect(formatInteger(12345.6)).toBe('12,346');
    expect(formatInteger(123_456_789)).toBe('123M');
    expect(groupThousands('-1234567.89')).toBe('-1,234,567.89');
  });

  it('shortens commit ids', () => {
    expect(shortSha('deadbeefcafef00d1234567890abcdef12345678')).toBe('deadbee');
  });
});

describe('mermaid chart', () => {
  it('draws head as bars and base as a line, largest type first', () => {
    const chart = energyByTypeChart({
      title: 'mJ by kernel type, Huawei P40 Pro CPU',
      base: { fc: 1, 'conv-bn-relu': 5 },
      head: { fc: 1.5, 'conv-bn-relu': 6, add: 0.25 },
    });
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta horizontal',
        '  title "mJ by kernel type, Huawei P40 Pro CPU"',
        '  x-axis ["conv-bn-relu", "fc", "add"]',
        '  y-axis "mJ"',
        '  bar [6, 1.5, 0.25]',
        '  line [5, 1, 0]',
        '```',
      ].join('\n'),
    );
  });

  it('has nothing to draw without energy', () => {
    expect(energyByTypeChart({ title: 't', head: {} })).toBeUndefined();
  });

  it('keeps labels to characters that cannot end a label, a statement or the fence', () => {
    expect(mermaidLabel('a"b\n```\ntitle `x`; <script>')).toBe('a b title x script');
    expect(mermaidLabel('x'.repeat(100)).length).toBe(60);
  });
});
