import { unusedDims } from '../analysis/analyze.js';

/**
 * `--dim` values the model has no symbolic dim for would otherwise be ignored without a word: one
 * warning per file naming them (and the dims it has, if any).
 */
export function unusedDimWarnings(
  file: string,
  dims: Readonly<Record<string, number>> | undefined,
  analysis: { readonly boundDims: Readonly<Record<string, number>> },
): string[] {
  const { unused, has } = unusedDims(dims, analysis);
  if (unused.length === 0) return [];
  return [
    `${file}: --dim ${unused.map((d) => `${d}=${dims?.[d]}`).join(', --dim ')} ignored, the model has no such dim; ${has}`,
  ];
}
