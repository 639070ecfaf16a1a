/** Small dense least-squares solvers for the closed-form regressors and the boosting base line. */

/**
 * Solves min_w sum_i s_i (x_i . w - y_i)^2 + ridge * |w|^2 (the last column unpenalised when
 * `interceptLast`). Returns undefined when the system is singular.
 */
export function weightedLeastSquares(
  x: readonly (readonly number[])[],
  y: readonly number[],
  sampleWeights: readonly number[] | undefined,
  ridge = 0,
  interceptLast = false,
): number[] | undefined {
  const p = x[0]?.length ?? 0;
  const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  x.forEach((row, i) => {
    const s = sampleWeights?.[i] ?? 1;
    for (let j = 0; j < p; j += 1) {
      b[j]! += s * row[j]! * y[i]!;
      for (let k = 0; k < p; k += 1) a[j]![k]! += s * row[j]! * row[k]!;
    }
  });
  for (let j = 0; j < p; j += 1) {
    if (!(interceptLast && j === p - 1)) a[j]![j]! += ridge;
  }
  return solve(a, b);
}

/** Gaussian elimination with partial pivoting on a small square system. */
export function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] | undefined {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  const scale = Math.max(1e-300, ...a.flatMap((row) => row.slice(0, n).map(Math.abs)));
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) <= 1e-12 * scale) return undefined;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}
