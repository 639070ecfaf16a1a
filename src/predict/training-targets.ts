import { generatedKernelTypes } from '../kernels/catalog.js';
import { PredictorError, withArticle } from './errors.js';
import type { PredictionTarget } from './units.js';
import { TARGET_COLUMNS } from './units.js';
import { type KernelCsv, type KernelRow, MEASUREMENT_COLUMNS } from './csv.js';

/** Which rows and targets of a kernel CSV `train` can use, and a row's value for a target. */

/**
 * The rows `train` can build a kernel from (types with a generator: DeepEn2023's), and a warning naming
 * the rows of other types it leaves out: matmul, attention, layernorm and others are types the analysis
 * prices with the 'others' regressor, with no kernel builder for train. A file with no buildable row is
 * a PredictorError naming the first row.
 */
export function trainableRows(csv: KernelCsv): {
  readonly csv: KernelCsv;
  readonly warnings: readonly string[];
} {
  const generated = generatedKernelTypes();
  const buildable = new Set<string>(generated);
  const skipped = csv.rows.filter((r) => !buildable.has(r.type));
  if (skipped.length === 0) return { csv, warnings: [] };
  const types = [...new Set(skipped.map((r) => r.type))];
  const what =
    `kernel type${types.length === 1 ? '' : 's'} ${types.map((t) => `'${t}'`).join(', ')} ` +
    `(${skipped.length} row${skipped.length === 1 ? '' : 's'}, ${lines(skipped)}): ` +
    `train cannot build ${types.length === 1 ? 'this type' : 'these types'}; matmul, attention, layernorm and others are ` +
    "analysis-only types, priced by the bundle's 'others' regressor";
  const rows = csv.rows.filter((r) => buildable.has(r.type));
  if (rows.length === 0) {
    throw new PredictorError(`no row to train on: ${what}. train builds ${generated.join(', ')}`, {
      file: csv.file,
      line: skipped[0]!.source.line,
      field: 'kernel_type',
    });
  }
  return {
    csv: { ...csv, rows },
    warnings: [`${csv.file}: ${what}; those rows are left out, training on the other ${rows.length}`],
  };
}

/** The targets `train` fits from a file, and what the user should be told about the choice. */
export interface TargetChoice {
  readonly targets: readonly PredictionTarget[];
  /**
   * Per trained target, the rows without a value for it: left out of that target's fit (and of its
   * accuracy figures), kept for the other target. Empty lists when every row has every target.
   */
  readonly leftOut: Readonly<Partial<Record<PredictionTarget, readonly KernelRow[]>>>;
  /** Why each target the bundle does not predict is left out ("the file has no 'energy_mj' column"). */
  readonly untrained: Readonly<Partial<Record<PredictionTarget, string>>>;
  /**
   * Rows left out of a target ("FILE: 3 rows without energy_mj (...): trained energy on the other 21
   * rows") and targets not trained ("FILE: ..., so the bundle predicts latency only").
   */
  readonly warnings: readonly string[];
}

/** Rows with a value a target needs to be trained on the rows that have one (when not every row has). */
export const MIN_TARGET_ROWS = 5;

/** Whether a row gives a value for a target. */
export function hasTarget(row: KernelRow, target: PredictionTarget): boolean {
  return (target === 'energy' ? row.energyMj : row.latencyMs) !== undefined;
}

/**
 * Whether a target can be trained on these rows: with a value on every row, or on at least
 * MIN_TARGET_ROWS of them (the others are left out of that target's fit); undefined when it can, else why not.
 */
export function targetShortfall(
  rows: readonly KernelRow[],
  target: PredictionTarget,
): { readonly without: readonly KernelRow[]; readonly why: string } | undefined {
  const without = rows.filter((r) => !hasTarget(r, target));
  const kept = rows.length - without.length;
  const needed = Math.min(MIN_TARGET_ROWS, rows.length);
  if (without.length === 0 || kept >= needed) return undefined;
  const column = TARGET_COLUMNS[target];
  const few =
    kept === 0
      ? ''
      : `, and the ${kept} row${kept === 1 ? '' : 's'} with a value ${kept === 1 ? 'is' : 'are'} too few to train on ` +
        `(at least ${needed} are needed)`;
  return {
    without,
    why: `'${column}' is empty on ${without.length} of ${rows.length} rows (${lines(without)})${few}`,
  };
}

function lines(rows: readonly KernelRow[]): string {
  return `line${rows.length > 1 ? 's' : ''} ${rows
    .slice(0, 5)
    .map((r) => r.source.line)
    .join(', ')}${rows.length > 5 ? ', ...' : ''}`;
}

/**
 * Which targets to train on a kernel CSV. A target is trained on the rows that have a value for it:
 * every row, or (rows below a meter's resolution have no energy) at least MIN_TARGET_ROWS of them, the
 * others left out of that target's fit with a warning naming how many, where and why. A requested
 * target (or 'both') that cannot be trained is a PredictorError saying which column is missing or
 * which rows are empty. By default every target that can be trained is, and one left out is warned
 * about, so a CSV without energy never turns into a latency-only bundle unnoticed. A file without
 * rows is an error naming it.
 */
export function trainingTargets(csv: KernelCsv, requested?: PredictionTarget | 'both'): TargetChoice {
  if (csv.rows.length === 0) {
    throw new PredictorError('no kernel rows to train on: the file has a header but no data rows', {
      file: csv.file,
    });
  }
  const all = ['energy', 'latency'] as const;
  const problem = (target: PredictionTarget): string | undefined => {
    const column = TARGET_COLUMNS[target];
    if (!csv.columns.includes(column)) return `the file has no '${column}' column`;
    return targetShortfall(csv.rows, target)?.why;
  };
  let targets: PredictionTarget[];
  if (requested !== undefined) {
    targets = requested === 'both' ? [...all] : [requested];
    for (const target of targets) {
      const why = problem(target);
      if (why === undefined) continue;
      const column = TARGET_COLUMNS[target];
      const firstEmpty = csv.columns.includes(column)
        ? csv.rows.find((r) => !hasTarget(r, target))
        : undefined;
      throw new PredictorError(
        `cannot train ${withArticle(target)} predictor: ${why}; ` +
          (firstEmpty
            ? `give those rows a value or delete them${target === 'energy' ? ', or train latency only' : ''}`
            : `the file's measurement columns are ${measurementColumns(csv)}`),
        {
          file: csv.file,
          ...(firstEmpty ? { line: firstEmpty.source.line } : { line: 1 }),
          field: column,
        },
      );
    }
  } else {
    targets = all.filter((t) => problem(t) === undefined);
    if (targets.length === 0) {
      throw new PredictorError(
        `no target can be trained: ${all.map((t) => problem(t)!).join('; ')}; ` +
          'complete those rows or delete them',
        { file: csv.file },
      );
    }
  }
  const leftOut: Partial<Record<PredictionTarget, readonly KernelRow[]>> = {};
  const untrained: Partial<Record<PredictionTarget, string>> = {};
  const warnings: string[] = [];
  for (const target of targets) {
    const without = csv.rows.filter((r) => !hasTarget(r, target));
    leftOut[target] = without;
    if (without.length === 0) continue;
    const noted = without.find((r) => r.notes !== undefined);
    const note = noted ? `; line ${noted.source.line}'s note: ${noted.notes}` : '';
    warnings.push(
      `${csv.file}: ${without.length} row${without.length === 1 ? '' : 's'} without ${TARGET_COLUMNS[target]} ` +
        `(${lines(without)}${note}): trained ${target} on the other ${csv.rows.length - without.length} rows`,
    );
  }
  for (const target of all) {
    if (targets.includes(target)) continue;
    const why = requested !== undefined ? `not requested (--target ${requested})` : problem(target)!;
    untrained[target] = why;
    if (requested !== undefined) continue;
    warnings.push(
      `${csv.file}: ${why}, so the bundle predicts ${targets.join(' and ')} only` +
        (csv.columns.includes(TARGET_COLUMNS[target])
          ? `; give those rows ${withArticle(target)} value or delete them to train ${target} too`
          : ''),
    );
  }
  return { targets, leftOut, untrained, warnings };
}

function measurementColumns(csv: KernelCsv): string {
  const present = csv.columns.filter((c) => (MEASUREMENT_COLUMNS as readonly string[]).includes(c));
  return present.length > 0 ? present.map((c) => `'${c}'`).join(', ') : 'none';
}

/** The value a row gives for a target, or a PredictorError naming the row when it has none usable. */
export function rowTarget(row: KernelRow, target: PredictionTarget): number {
  const value = target === 'energy' ? row.energyMj : row.latencyMs;
  const column = TARGET_COLUMNS[target];
  if (value === undefined) {
    throw new PredictorError(`no ${column} value (needed to train a ${target} predictor)`, {
      file: row.source.file,
      line: row.source.line,
      field: column,
    });
  }
  if (!(value > 0)) {
    throw new PredictorError(
      `${column} is ${value}; predictors are fitted on log(${column}) and need a positive value`,
      {
        file: row.source.file,
        line: row.source.line,
        field: column,
      },
    );
  }
  return value;
}
