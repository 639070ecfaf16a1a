import { seededRandom, shuffled } from './random.js';

/**
 * Seeded k-fold cross-validation: each row is predicted once by a model fitted without it. With fewer
 * rows than folds it becomes leave-one-out.
 */
export function kFoldAssignments(rows: number, folds: number, seed: number): number[][] {
  const k = Math.max(2, Math.min(folds, rows));
  const order = shuffled(
    Array.from({ length: rows }, (_, i) => i),
    seededRandom(seed),
  );
  const out: number[][] = Array.from({ length: k }, () => []);
  order.forEach((row, i) => out[i % k]!.push(row));
  return out.map((fold) => fold.sort((a, b) => a - b));
}

/** A function that fits on the given rows and returns a predictor for feature rows. */
export type Fitter = (
  rows: readonly (readonly number[])[],
  target: readonly number[],
) => (row: readonly number[]) => number;

/** Out-of-fold predictions, one per row, in row order. */
export function crossValidatedPredictions(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  fit: Fitter,
  folds: number,
  seed: number,
): number[] {
  const predictions = new Array<number>(rows.length).fill(Number.NaN);
  if (rows.length < 2) return predictions;
  for (const test of kFoldAssignments(rows.length, folds, seed)) {
    const inTest = new Set(test);
    const trainIdx = rows.map((_, i) => i).filter((i) => !inTest.has(i));
    const predict = fit(
      trainIdx.map((i) => rows[i]!),
      trainIdx.map((i) => target[i]!),
    );
    for (const i of test) predictions[i] = predict(rows[i]!);
  }
  return predictions;
}
