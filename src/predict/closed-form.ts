import { solve, weightedLeastSquares } from './linear.js';

/**
 * Closed-form regressors on raw counts: target = sum_j a_j * x_j + c with every coefficient >= 0 (a
 * kernel never gets cheaper with more work), fitted in log space (minimising the squared log ratio of
 * prediction to measurement, i.e. relative error) so that small and large kernels weigh alike.
 */
export interface ClosedFormModel {
  readonly kind: 'closed-form';
  /** Indices into the predictor feature vector. */
  readonly featureIndices: readonly number[];
  /** One coefficient per feature index, in target units per feature unit. */
  readonly coefficients: readonly number[];
  readonly intercept: number;
  /** The power each feature is raised to before its coefficient applies (1 where absent). */
  readonly exponents?: readonly number[];
}

export function predictClosedForm(model: ClosedFormModel, row: readonly number[]): number {
  let sum = model.intercept;
  model.featureIndices.forEach((f, j) => {
    sum += model.coefficients[j]! * Math.fround(row[f]!) ** (model.exponents?.[j] ?? 1);
  });
  return sum;
}

/** The exponents `fitPowerClosedForm` tries for activation traffic. */
export const ACTIVATION_EXPONENTS: readonly number[] = [1, 1.1, 1.2, 1.3, 1.4, 1.5];

/**
 * The closed form with the terms at `powered` (positions in featureIndices) raised to a power p from
 * `grid`, p fitted with the coefficients (lowest log-space loss). Memory-bound kernels cost more per
 * byte once their tensors leave the caches, which a power above 1 on activation bytes follows.
 */
export function fitPowerClosedForm(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  featureIndices: readonly number[],
  powered: readonly number[],
  grid: readonly number[] = ACTIVATION_EXPONENTS,
): ClosedFormModel {
  let best: { model: ClosedFormModel; loss: number } | undefined;
  for (const p of grid) {
    const exponents = featureIndices.map((_, j) => (powered.includes(j) ? p : 1));
    const model = fitClosedForm(rows, target, featureIndices, exponents);
    let loss = 0;
    rows.forEach((row, i) => {
      const pred = predictClosedForm(model, row);
      loss += pred > 0 ? (Math.log(pred) - Math.log(target[i]!)) ** 2 : Number.POSITIVE_INFINITY;
    });
    if (!best || loss < best.loss - 1e-12) best = { model, loss };
  }
  if (!best) throw new Error('fitPowerClosedForm: empty exponent grid');
  return best.model;
}

/**
 * Fits target = a . x[featureIndices] + c (a, c >= 0) minimising sum (ln prediction - ln target)^2.
 * Every subset of the terms is tried (the non-negative optimum lies on one of them) and refined by
 * Gauss-Newton; the best subset wins. Targets must be positive.
 */
export function fitClosedForm(
  rows: readonly (readonly number[])[],
  target: readonly number[],
  featureIndices: readonly number[],
  exponents?: readonly number[],
): ClosedFormModel {
  const k = featureIndices.length;
  const term = (r: readonly number[], j: number) =>
    Math.fround(r[featureIndices[j]!]!) ** (exponents?.[j] ?? 1);
  // Columns scaled to mean 1 keep the normal equations well conditioned.
  const scales = featureIndices.map((_, j) => {
    const mean = rows.reduce((s, r) => s + term(r, j), 0) / Math.max(1, rows.length);
    return mean > 0 ? mean : 1;
  });
  const design = rows.map((r) => [...featureIndices.map((_, j) => term(r, j) / scales[j]!), 1]);
  const logTarget = target.map((t) => Math.log(t));
  const terms = k + 1;
  let best: { theta: number[]; loss: number } | undefined;
  for (let mask = 1; mask < 1 << terms; mask += 1) {
    const active = Array.from({ length: terms }, (_, j) => j).filter((j) => (mask >> j) & 1);
    const fitted = fitSubset(design, target, logTarget, active);
    if (fitted && (!best || fitted.loss < best.loss - 1e-12)) best = fitted;
  }
  const theta = best?.theta ?? [...new Array<number>(k).fill(0), Math.exp(mean(logTarget))];
  return {
    kind: 'closed-form',
    featureIndices: [...featureIndices],
    coefficients: featureIndices.map((_, j) => theta[j]! / scales[j]!),
    intercept: theta[k]!,
    ...(exponents?.some((e) => e !== 1) ? { exponents: [...exponents] } : {}),
  };
}

function fitSubset(
  design: readonly (readonly number[])[],
  target: readonly number[],
  logTarget: readonly number[],
  active: readonly number[],
): { theta: number[]; loss: number } | undefined {
  const terms = design[0]!.length;
  const sub = design.map((row) => active.map((j) => row[j]!));
  // Start from relative-error least squares (weights 1/y^2), a close cousin of the log-space fit.
  const start = weightedLeastSquares(
    sub,
    target,
    target.map((t) => 1 / (t * t)),
  );
  if (!start || start.some((v) => !(v > 0))) return undefined;
  let theta = start;
  let loss = logLoss(sub, logTarget, theta);
  if (!Number.isFinite(loss)) return undefined;
  for (let iter = 0; iter < 50; iter += 1) {
    const p = theta.length;
    const jtj = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const jtr = new Array<number>(p).fill(0);
    sub.forEach((row, i) => {
      const pred = dot(row, theta);
      const r = Math.log(pred) - logTarget[i]!;
      for (let a = 0; a < p; a += 1) {
        const ja = row[a]! / pred;
        jtr[a]! += ja * r;
        for (let b = 0; b < p; b += 1) jtj[a]![b]! += ja * (row[b]! / pred);
      }
    });
    for (let a = 0; a < p; a += 1) jtj[a]![a]! *= 1 + 1e-9;
    const step = solve(
      jtj,
      jtr.map((v) => -v),
    );
    if (!step) break;
    let factor = 1;
    let improved = false;
    for (let tries = 0; tries < 30; tries += 1) {
      const candidate = theta.map((v, j) => v + factor * step[j]!);
      if (candidate.every((v) => v > 0)) {
        const candidateLoss = logLoss(sub, logTarget, candidate);
        if (candidateLoss < loss) {
          const gain = loss - candidateLoss;
          theta = candidate;
          loss = candidateLoss;
          improved = gain > 1e-12 * Math.max(1, loss);
          break;
        }
      }
      factor /= 2;
    }
    if (!improved) break;
  }
  const full = new Array<number>(terms).fill(0);
  active.forEach((j, i) => {
    full[j] = theta[i]!;
  });
  return { theta: full, loss };
}

function logLoss(
  rows: readonly (readonly number[])[],
  logTarget: readonly number[],
  theta: readonly number[],
): number {
  let loss = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const pred = dot(rows[i]!, theta);
    if (!(pred > 0)) return Number.POSITIVE_INFINITY;
    const r = Math.log(pred) - logTarget[i]!;
    loss += r * r;
  }
  return loss;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
