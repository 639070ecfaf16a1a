import type { Random } from './random.js';

/**
 * CART regression trees (squared error), the building block of the gradient-boosted and random-forest
 * regressors. Features are float32 values (the ONNX runtime compares float32 inputs against float32
 * thresholds), so a tree decides every training row exactly as the exported model does.
 */

/** A tree as flat arrays, the layout of ONNX's TreeEnsembleRegressor. `left[i] === -1` marks a leaf. */
export interface RegressionTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

export interface TreeOptions {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minSamplesSplit: number;
  /** Features considered at each split (all when >= the feature count). */
  readonly maxFeatures: number;
  readonly random: Random;
}

/** Column-major float32 view of a feature matrix with each column's row order presorted. */
export interface PreparedFeatures {
  readonly rows: number;
  readonly columns: readonly Float32Array[];
  /** Per feature, row indices in ascending order of the feature's value (ties by row index). */
  readonly order: readonly Int32Array[];
}

export function prepareFeatures(rows: readonly (readonly number[])[]): PreparedFeatures {
  const n = rows.length;
  const f = rows[0]?.length ?? 0;
  const columns: Float32Array[] = [];
  const order: Int32Array[] = [];
  for (let j = 0; j < f; j += 1) {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i += 1) column[i] = rows[i]![j]!;
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => column[a]! - column[b]! || a - b);
    columns.push(column);
    order.push(idx);
  }
  return { rows: n, columns, order };
}

/**
 * Fits a tree to `target` on the rows given by `weights` (a per-row multiplicity: 0 = not in the sample,
 * 2 = drawn twice by a bootstrap). Leaf values are weighted means.
 */
export function fitTree(
  data: PreparedFeatures,
  target: Float64Array,
  weights: Float64Array,
  options: TreeOptions,
): RegressionTree {
  const tree = {
    feature: [] as number[],
    threshold: [] as number[],
    left: [] as number[],
    right: [] as number[],
    value: [] as number[],
  };
  const featureCount = data.columns.length;
  // Per feature, the sampled rows in ascending feature order; partitioned stably at every split.
  const rootOrder = data.order.map((order) => {
    const kept = new Int32Array(order.length);
    let k = 0;
    for (const row of order) if (weights[row]! > 0) kept[k++] = row;
    return kept.subarray(0, k);
  });
  const goesLeft = new Uint8Array(data.rows);

  const grow = (orders: Int32Array[], depth: number): number => {
    const id = tree.feature.length;
    tree.feature.push(0);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    const rowsHere = orders[0] ?? new Int32Array(0);
    let count = 0;
    let sum = 0;
    for (const row of rowsHere) {
      const w = weights[row]!;
      count += w;
      sum += w * target[row]!;
    }
    tree.value[id] = count > 0 ? sum / count : 0;
    if (depth >= options.maxDepth || count < options.minSamplesSplit || count < 2 * options.minSamplesLeaf)
      return id;

    const split = bestSplit(data, target, weights, orders, count, sum, featureCount, options);
    if (!split) return id;
    const column = data.columns[split.feature]!;
    for (const row of rowsHere) goesLeft[row] = column[row]! <= split.threshold ? 1 : 0;
    const leftOrders: Int32Array[] = [];
    const rightOrders: Int32Array[] = [];
    for (const order of orders) {
      const l = new Int32Array(split.leftRows);
      const r = new Int32Array(order.length - split.leftRows);
      let li = 0;
      let ri = 0;
      for (const row of order) {
        if (goesLeft[row] === 1) l[li++] = row;
        else r[ri++] = row;
      }
      leftOrders.push(l);
      rightOrders.push(r);
    }
    tree.feature[id] = split.feature;
    tree.threshold[id] = split.threshold;
    tree.left[id] = grow(leftOrders, depth + 1);
    tree.right[id] = grow(rightOrders, depth + 1);
    return id;
  };
  grow(rootOrder, 0);
  return tree;
}

interface Split {
  readonly feature: number;
  readonly threshold: number;
  /** Distinct rows (not weighted) going left. */
  readonly leftRows: number;
}

function bestSplit(
  data: PreparedFeatures,
  target: Float64Array,
  weights: Float64Array,
  orders: readonly Int32Array[],
  count: number,
  sum: number,
  featureCount: number,
  options: TreeOptions,
): Split | undefined {
  const candidates = candidateFeatures(featureCount, options);
  const parentScore = (sum * sum) / count;
  let bestGain = 1e-12 * Math.max(1, Math.abs(parentScore));
  let best: Split | undefined;
  for (const feature of candidates) {
    const order = orders[feature]!;
    const column = data.columns[feature]!;
    let leftCount = 0;
    let leftSum = 0;
    for (let k = 0; k < order.length - 1; k += 1) {
      const row = order[k]!;
      const w = weights[row]!;
      leftCount += w;
      leftSum += w * target[row]!;
      const x = column[row]!;
      const nextX = column[order[k + 1]!]!;
      if (x === nextX) continue;
      const rightCount = count - leftCount;
      if (leftCount < options.minSamplesLeaf || rightCount < options.minSamplesLeaf) continue;
      const rightSum = sum - leftSum;
      const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature, threshold: splitThreshold(x, nextX), leftRows: k + 1 };
      }
    }
  }
  return best;
}

/** A float32 threshold t with x <= t < next: the midpoint where float32 can hold it, else x. */
function splitThreshold(x: number, next: number): number {
  const mid = Math.fround(x + (next - x) / 2);
  return mid >= x && mid < next ? mid : x;
}

function candidateFeatures(featureCount: number, options: TreeOptions): number[] {
  const all = Array.from({ length: featureCount }, (_, j) => j);
  if (options.maxFeatures >= featureCount) return all;
  for (let i = featureCount - 1; i > 0; i -= 1) {
    const j = options.random.int(i + 1);
    const tmp = all[i]!;
    all[i] = all[j]!;
    all[j] = tmp;
  }
  return all.slice(0, options.maxFeatures).sort((a, b) => a - b);
}

/** The leaf value a row of float32 features reaches. */
export function evaluateTree(tree: RegressionTree, row: readonly number[] | Float32Array): number {
  let node = 0;
  while (tree.left[node]! !== -1) {
    node =
      Math.fround(row[tree.feature[node]!]!) <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** A copy of the tree with every leaf value multiplied by `factor` (the boosting learning rate). */
export function scaleLeaves(tree: RegressionTree, factor: number): RegressionTree {
  return { ...tree, value: tree.value.map((v, i) => (tree.left[i] === -1 ? v * factor : 0)) };
}
