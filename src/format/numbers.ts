import type { EnergyMillijoules } from '../predict/units.js';

/**
 * Number formatting for everything a user reads (reports, budget reasons, terminal output).
 * Deterministic (no locale): ASCII signs, `,` thousands separators, three significant figures for
 * measured quantities.
 */

/** `x` rounded to `digits` significant figures, as text with at most `digits` figures and no exponent. */
export function significant(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(digits));
  if (rounded === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const text = rounded.toFixed(decimals);
  return decimals === 0 ? groupThousands(text) : text;
}

/** "1234567" -> "1,234,567"; keeps a leading sign and any decimals. */
export function groupThousands(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign = '', int = '', frac = ''] = match;
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac}`;
}

function signOf(x: number, text: string): string {
  if (text === '0' || /^-?0(\.0+)?$/.test(text)) return text.replace(/^-/, '');
  return x > 0 ? `+${text}` : text;
}

/** 41.234 -> "41.2 mJ"; 0.01234 -> "0.0123 mJ". */
export function formatMj(mj: EnergyMillijoules): string {
  return `${significant(mj)} mJ`;
}

/** 5.1 -> "+5.1 mJ"; -0.02 -> "-0.02 mJ". */
export function formatDeltaMj(mj: EnergyMillijoules): string {
  return `${signOf(mj, significant(mj))} mJ`;
}

/** Percentages: two decimals under 1%, one under 100%, none above. */
export function formatPct(pct: number, signed = false): string {
  const abs = Math.abs(pct);
  const decimals = abs < 1 ? 2 : abs < 100 ? 1 : 0;
  const text = decimals === 0 ? groupThousands(pct.toFixed(0)) : pct.toFixed(decimals);
  return `${signed ? signOf(pct, text) : text.replace(/^-(0(\.0+)?)$/, '$1')}%`;
}

/** The half-width of an energy range relative to the energy, as "±12%" (the larger side when asymmetric). */
export function formatRangePct(mj: EnergyMillijoules, range: readonly [number, number]): string {
  if (mj <= 0) return '±0%';
  const half = Math.max(range[1] - mj, mj - range[0], 0);
  const pct = (100 * half) / mj;
  return `±${pct < 10 ? significant(pct, 2) : pct.toFixed(0)}%`;
}

/** "41.2 mJ (±12%)". */
export function formatEnergyWithRange(mj: EnergyMillijoules, range: readonly [number, number]): string {
  return `${formatMj(mj)} (${formatRangePct(mj, range)})`;
}

/** "[36.1, 47.0] mJ". */
export function formatRange(range: readonly [number, number]): string {
  return `[${significant(range[0])}, ${significant(range[1])}] mJ`;
}

const PREFIXES: readonly (readonly [number, string])[] = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Counts with SI prefixes and three significant figures: 1234567 -> "1.23M", 14.8e6 with "B" -> "14.8 MB". */
export function formatCount(n: number, unit = ''): string {
  const abs = Math.abs(n);
  const space = unit === '' ? '' : ' ';
  for (const [scale, prefix] of PREFIXES) {
    // Compare after rounding so 999,999 prints as "1.00M", not "1,000k".
    if (Number(abs.toPrecision(3)) >= scale) return `${significant(n / scale)}${space}${prefix}${unit}`;
  }
  return `${Number.isInteger(n) ? String(n) : significant(n)}${space}${unit}`;
}

/** Signed count: "+1.2M", "-300". */
export function formatDeltaCount(n: number, unit = ''): string {
  const text = formatCount(n, unit);
  return n > 0 ? `+${text}` : text;
}

/** Whole numbers for readers: 12345 -> "12,345"; above ten million with a prefix ("12.3M"). */
export function formatInteger(n: number): string {
  if (Math.abs(n) >= 1e7) return formatCount(n);
  return groupThousands(Math.round(n).toFixed(0));
}

/** The abbreviated commit id GitHub shows. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
