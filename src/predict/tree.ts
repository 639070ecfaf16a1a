import type { Random } from './random.js';

/**
 * CART regression trees (squared error), the building block of the gradient-boosted and random-forest
 * regressors. Features are float32 values (the ONNX runtime compares float32 inputs against float32
 * thresholds), so a tree decides every training row exactly as the exported model does.
 *
 * Training is the bulk of `train`'s time, so the grower works in place: per feature one buffer of row
 * indices in ascending feature order, each node a segment of it, partitioned stably at a split; no
 * allocation per node. Features that cannot split a node (one value throughout) are neither scanned
 * nor partitioned below it. The sums run in the same order as a plain per-node implementation, so the
 * trees are the same to the bit.
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
    columns.push(column);
    order.push(ascendingOrder(column));
  }
  return { rows: n, columns, order };
}

/** Row indices in ascending order of `column` (ties by row index; -0 ties with 0). */
function ascendingOrder(column: Float32Array): Int32Array {
  const n = column.length;
  // Sorting packed keys (the value's order-preserving 32-bit code, then the row) natively is several
  // times faster than a comparator; it needs the row index to fit in the 21 bits a double has left.
  if (n >= 1 << 21 || column.some(Number.isNaN)) {
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    return idx.sort((a, b) => column[a]! - column[b]! || a - b);
  }
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    asFloat[0] = column[i]! + 0; // -0 + 0 is +0
    const b = bits[0]!;
    // Negative floats order reversed by their bits: flip all; positive: set the sign bit.
    const code = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[i] = code * 2 ** 21 + i;
  }
  keys.sort();
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i += 1) idx[i] = keys[i]! % 2 ** 21;
  return idx;
}

/** Reusable buffers of the grower, one set per prepared feature matrix. */
interface Workspace {
  /** Per feature, the sampled rows in ascending feature order, partitioned in place node by node. */
  readonly sorted: readonly Int32Array[];
  readonly spill: Int32Array;
  readonly weightedTarget: Float64Array;
  readonly goesLeft: Uint8Array;
  /** Features with more than one value over all rows (the only ones that can ever split). */
  readonly varying: Int32Array;
  /**
   * The varying features less those that order and tie the rows exactly as a lower feature does (a
   * byte count and its logarithm): on any rows they offer the same splits with the same gains, and
   * the lower feature wins a tie, so when every feature is a candidate they need no scan.
   */
  readonly distinct: Int32Array;
}

const workspaces = new WeakMap<PreparedFeatures, Workspace>();

function workspaceOf(data: PreparedFeatures): Workspace {
  let ws = workspaces.get(data);
  if (!ws) {
    const n = data.rows;
    const varying = data.columns.flatMap((column, j) => {
      const order = data.order[j]!;
      return n > 0 && column[order[0]!] !== column[order[n - 1]!] ? [j] : [];
    });
    const distinct = varying.filter((j, at) => !varying.slice(0, at).some((i) => sameSplits(data, i, j)));
    ws = {
      sorted: data.columns.map(() => new Int32Array(n)),
      spill: new Int32Array(n),
      weightedTarget: new Float64Array(n),
      goesLeft: new Uint8Array(n),
      varying: Int32Array.from(varying),
      distinct: Int32Array.from(distinct),
    };
    workspaces.set(data, ws);
  }
  return ws;
}

/** Whether features a and b sort the rows the same way with the same ties (so split them alike). */
function sameSplits(data: PreparedFeatures, a: number, b: number): boolean {
  const orderA = data.order[a]!;
  const orderB = data.order[b]!;
  const columnA = data.columns[a]!;
  const columnB = data.columns[b]!;
  for (let k = 0; k < data.rows; k += 1) {
    if (orderA[k] !== orderB[k]) return false;
    if (k > 0) {
      const row = orderA[k]!;
      const before = orderA[k - 1]!;
      if ((columnA[row] === columnA[before]) !== (columnB[row] === columnB[before])) return false;
    }
  }
  return true;
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
  if (featureCount === 0) return { feature: [0], threshold: [0], left: [-1], right: [-1], value: [0] };
  const ws = workspaceOf(data);
  const { sorted, spill, weightedTarget: wy, goesLeft } = ws;
  const n = data.rows;
  for (let i = 0; i < n; i += 1) wy[i] = weights[i]! * target[i]!;
  const all = options.maxFeatures >= featureCount;
  const splitting = all ? ws.distinct : ws.varying;
  // Feature 0's order is kept for the node sums (their rounding depends on the order), the others
  // for the splits.
  const tracked = splitting[0] === 0 ? splitting : Int32Array.from([0, ...splitting]);
  let sampled = 0;
  for (const j of tracked) {
    const order = data.order[j]!;
    const out = sorted[j]!;
    let k = 0;
    for (let i = 0; i < n; i += 1) {
      const row = order[i]!;
      if (weights[row]! > 0) out[k++] = row;
    }
    sampled = k;
  }
  const { maxDepth, minSamplesLeaf, minSamplesSplit } = options;
  const byRow0 = sorted[0]!;

  const grow = (start: number, end: number, depth: number, live: Int32Array): number => {
    const id = tree.feature.length;
    tree.feature.push(0);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    let count = 0;
    let sum = 0;
    for (let k = start; k < end; k += 1) {
      const row = byRow0[k]!;
      count += weights[row]!;
      sum += wy[row]!;
    }
    tree.value.push(count > 0 ? sum / count : 0);
    if (depth >= maxDepth || count < minSamplesSplit || count < 2 * minSamplesLeaf) return id;

    // The features that still take more than one value here: only they can split this node or below.
    const first = start;
    const last = end - 1;
    let liveCount = 0;
    const here = new Int32Array(live.length);
    for (let c = 0; c < live.length; c += 1) {
      const j = live[c]!;
      const column = data.columns[j]!;
      const order = sorted[j]!;
      if (column[order[first]!] !== column[order[last]!]) here[liveCount++] = j;
    }
    const liveHere = here.subarray(0, liveCount);
    // The random draws happen at every node that looks for a split, as they always have.
    const candidates = all ? liveHere : randomCandidates(featureCount, options, liveHere);

    const parentScore = (sum * sum) / count;
    let bestGain = 1e-12 * Math.max(1, Math.abs(parentScore));
    let bestFeature = -1;
    let bestK = 0;
    let bestX = 0;
    let bestNext = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      const j = candidates[c]!;
      const column = data.columns[j]!;
      const order = sorted[j]!;
      let leftCount = 0;
      let leftSum = 0;
      let x = column[order[start]!]!;
      for (let k = start; k < last; k += 1) {
        const row = order[k]!;
        leftCount += weights[row]!;
        leftSum += wy[row]!;
        const nextX = column[order[k + 1]!]!;
        if (x === nextX) continue;
        const rightCount = count - leftCount;
        if (rightCount < minSamplesLeaf) break; // only shrinks from here
        if (leftCount >= minSamplesLeaf) {
          const rightSum = sum - leftSum;
          const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = j;
            bestK = k;
            bestX = x;
            bestNext = nextX;
          }
        }
        x = nextX;
      }
    }
    if (bestFeature < 0) return id;

    // Rows up to bestK in the split feature's order go left (x <= threshold < next).
    const mid = bestK + 1;
    const chosen = sorted[bestFeature]!;
    for (let k = start; k < mid; k += 1) goesLeft[chosen[k]!] = 1;
    for (let k = mid; k < end; k += 1) goesLeft[chosen[k]!] = 0;
    // Children at the depth limit are leaves: they need only their sums, in feature 0's order.
    const leaves = depth + 1 >= maxDepth;
    if (leaves || liveHere[0] !== 0) partition(byRow0, start, end, goesLeft, spill);
    if (!leaves) {
      for (let c = 0; c < liveCount; c += 1) partition(sorted[liveHere[c]!]!, start, end, goesLeft, spill);
    }
    tree.feature[id] = bestFeature;
    tree.threshold[id] = splitThreshold(bestX, bestNext);
    tree.left[id] = grow(start, mid, depth + 1, liveHere);
    tree.right[id] = grow(mid, end, depth + 1, liveHere);
    return id;
  };
  grow(0, sampled, 0, splitting);
  return tree;
}

/** Moves the segment's rows that go left to its front and the others behind them, each in its order. */
function partition(
  order: Int32Array,
  start: number,
  end: number,
  goesLeft: Uint8Array,
  spill: Int32Array,
): void {
  let l = start;
  let r = 0;
  // Without a branch (which way a row goes is unpredictable): each row is written to both places and
  // only the right cursor moves; order[l] is a slot already read, as l <= k.
  for (let k = start; k < end; k += 1) {
    const row = order[k]!;
    const left = goesLeft[row]!;
    order[l] = row;
    spill[r] = row;
    l += left;
    r += 1 - left;
  }
  order.set(spill.subarray(0, r), l);
}

/** A float32 threshold t with x <= t < next: the midpoint where float32 can hold it, else x. */
function splitThreshold(x: number, next: number): number {
  const mid = Math.fround(x + (next - x) / 2);
  return mid >= x && mid < next ? mid : x;
}

/**
 * maxFeatures features drawn at random from all of them (a partial Fisher-Yates shuffle of every
 * index, as many draws as features less one), kept where they can split the node, in ascending order.
 */
function randomCandidates(featureCount: number, options: TreeOptions, liveHere: Int32Array): number[] {
  const all = Array.from({ length: featureCount }, (_, j) => j);
  for (let i = featureCount - 1; i > 0; i -= 1) {
    const j = options.random.int(i + 1);
    const tmp = all[i]!;
    all[i] = all[j]!;
    all[j] = tmp;
  }
  const live = new Uint8Array(featureCount);
  for (const j of liveHere) live[j] = 1;
  return all
    .slice(0, options.maxFeatures)
    .filter((j) => live[j] === 1)
    .sort((a, b) => a - b);
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

/** evaluateTree on row `row` of prepared features (their columns hold the float32 values). */
export function evaluatePrepared(tree: RegressionTree, data: PreparedFeatures, row: number): number {
  let node = 0;
  while (tree.left[node]! !== -1) {
    node =
      data.columns[tree.feature[node]!]![row]! <= tree.threshold[node]!
        ? tree.left[node]!
        : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** A copy of the tree with every leaf value multiplied by `factor` (the boosting learning rate). */
export function scaleLeaves(tree: RegressionTree, factor: number): RegressionTree {
  return { ...tree, value: tree.value.map((v, i) => (tree.left[i] === -1 ? v * factor : 0)) };
}
