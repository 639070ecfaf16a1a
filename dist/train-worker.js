"use strict";

// src/predict/train-worker.ts
var import_node_worker_threads = require("node:worker_threads");

// src/predict/linear.ts
function weightedLeastSquares(x, y, sampleWeights, ridge = 0, interceptLast = false) {
  const p = x[0]?.length ?? 0;
  const a = Array.from({ length: p }, () => new Array(p).fill(0));
  const b = new Array(p).fill(0);
  x.forEach((row, i) => {
    const s = sampleWeights?.[i] ?? 1;
    for (let j = 0; j < p; j += 1) {
      b[j] += s * row[j] * y[i];
      for (let k = 0; k < p; k += 1) a[j][k] += s * row[j] * row[k];
    }
  });
  for (let j = 0; j < p; j += 1) {
    if (!(interceptLast && j === p - 1)) a[j][j] += ridge;
  }
  return solve(a, b);
}
function solve(matrix, rhs) {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  const scale = Math.max(1e-300, ...a.flatMap((row) => row.slice(0, n).map(Math.abs)));
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) <= 1e-12 * scale) return void 0;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

// src/predict/closed-form.ts
function predictClosedForm(model, row) {
  let sum = model.intercept;
  model.featureIndices.forEach((f, j) => {
    sum += model.coefficients[j] * Math.fround(row[f]) ** (model.exponents?.[j] ?? 1);
  });
  return sum;
}
var ACTIVATION_EXPONENTS = [1, 1.1, 1.2, 1.3, 1.4, 1.5];
function fitPowerClosedForm(rows, target, featureIndices, powered, grid = ACTIVATION_EXPONENTS) {
  let best;
  for (const p of grid) {
    const exponents = featureIndices.map((_, j) => powered.includes(j) ? p : 1);
    const model = fitClosedForm(rows, target, featureIndices, exponents);
    let loss = 0;
    rows.forEach((row, i) => {
      const pred = predictClosedForm(model, row);
      loss += pred > 0 ? (Math.log(pred) - Math.log(target[i])) ** 2 : Number.POSITIVE_INFINITY;
    });
    if (!best || loss < best.loss - 1e-12) best = { model, loss };
  }
  if (!best) throw new Error("fitPowerClosedForm: empty exponent grid");
  return best.model;
}
function fitClosedForm(rows, target, featureIndices, exponents) {
  const k = featureIndices.length;
  const term = (r, j) => Math.fround(r[featureIndices[j]]) ** (exponents?.[j] ?? 1);
  const scales = featureIndices.map((_, j) => {
    const mean2 = rows.reduce((s, r) => s + term(r, j), 0) / Math.max(1, rows.length);
    return mean2 > 0 ? mean2 : 1;
  });
  const design = rows.map((r) => [...featureIndices.map((_, j) => term(r, j) / scales[j]), 1]);
  const logTarget = target.map((t) => Math.log(t));
  const terms = k + 1;
  let best;
  for (let mask = 1; mask < 1 << terms; mask += 1) {
    const active = Array.from({ length: terms }, (_, j) => j).filter((j) => mask >> j & 1);
    const fitted = fitSubset(design, target, logTarget, active);
    if (fitted && (!best || fitted.loss < best.loss - 1e-12)) best = fitted;
  }
  const theta = best?.theta ?? [...new Array(k).fill(0), Math.exp(mean(logTarget))];
  return {
    kind: "closed-form",
    featureIndices: [...featureIndices],
    coefficients: featureIndices.map((_, j) => theta[j] / scales[j]),
    intercept: theta[k],
    ...exponents?.some((e) => e !== 1) ? { exponents: [...exponents] } : {}
  };
}
function fitSubset(design, target, logTarget, active) {
  const terms = design[0].length;
  const sub = design.map((row) => active.map((j) => row[j]));
  const start = weightedLeastSquares(
    sub,
    target,
    target.map((t) => 1 / (t * t))
  );
  if (!start || start.some((v) => !(v > 0))) return void 0;
  let theta = start;
  let loss = logLoss(sub, logTarget, theta);
  if (!Number.isFinite(loss)) return void 0;
  for (let iter = 0; iter < 50; iter += 1) {
    const p = theta.length;
    const jtj = Array.from({ length: p }, () => new Array(p).fill(0));
    const jtr = new Array(p).fill(0);
    sub.forEach((row, i) => {
      const pred = dot(row, theta);
      const r = Math.log(pred) - logTarget[i];
      for (let a = 0; a < p; a += 1) {
        const ja = row[a] / pred;
        jtr[a] += ja * r;
        for (let b = 0; b < p; b += 1) jtj[a][b] += ja * (row[b] / pred);
      }
    });
    for (let a = 0; a < p; a += 1) jtj[a][a] *= 1 + 1e-9;
    const step = solve(
      jtj,
      jtr.map((v) => -v)
    );
    if (!step) break;
    let factor = 1;
    let improved = false;
    for (let tries = 0; tries < 30; tries += 1) {
      const candidate = theta.map((v, j) => v + factor * step[j]);
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
  const full = new Array(terms).fill(0);
  active.forEach((j, i) => {
    full[j] = theta[i];
  });
  return { theta: full, loss };
}
function logLoss(rows, logTarget, theta) {
  let loss = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const pred = dot(rows[i], theta);
    if (!(pred > 0)) return Number.POSITIVE_INFINITY;
    const r = Math.log(pred) - logTarget[i];
    loss += r * r;
  }
  return loss;
}
function dot(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i] * b[i];
  return s;
}
function mean(values) {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

// src/predict/tree.ts
function prepareFeatures(rows) {
  const n = rows.length;
  const f = rows[0]?.length ?? 0;
  const columns = [];
  const order = [];
  for (let j = 0; j < f; j += 1) {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i += 1) column[i] = rows[i][j];
    columns.push(column);
    order.push(ascendingOrder(column));
  }
  return { rows: n, columns, order };
}
function ascendingOrder(column) {
  const n = column.length;
  if (n >= 1 << 21 || column.some(Number.isNaN)) {
    const idx2 = Int32Array.from({ length: n }, (_, i) => i);
    return idx2.sort((a, b) => column[a] - column[b] || a - b);
  }
  const bits = new Uint32Array(1);
  const asFloat = new Float32Array(bits.buffer);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    asFloat[0] = column[i] + 0;
    const b = bits[0];
    const code = b & 2147483648 ? ~b >>> 0 : (b | 2147483648) >>> 0;
    keys[i] = code * 2 ** 21 + i;
  }
  keys.sort();
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i += 1) idx[i] = keys[i] % 2 ** 21;
  return idx;
}
var workspaces = /* @__PURE__ */ new WeakMap();
function workspaceOf(data) {
  let ws = workspaces.get(data);
  if (!ws) {
    const n = data.rows;
    const varying = data.columns.flatMap((column, j) => {
      const order = data.order[j];
      return n > 0 && column[order[0]] !== column[order[n - 1]] ? [j] : [];
    });
    const distinct = varying.filter((j, at) => !varying.slice(0, at).some((i) => sameSplits(data, i, j)));
    ws = {
      sorted: data.columns.map(() => new Int32Array(n)),
      spill: new Int32Array(n),
      weightedTarget: new Float64Array(n),
      goesLeft: new Uint8Array(n),
      varying: Int32Array.from(varying),
      distinct: Int32Array.from(distinct)
    };
    workspaces.set(data, ws);
  }
  return ws;
}
function sameSplits(data, a, b) {
  const orderA = data.order[a];
  const orderB = data.order[b];
  const columnA = data.columns[a];
  const columnB = data.columns[b];
  for (let k = 0; k < data.rows; k += 1) {
    if (orderA[k] !== orderB[k]) return false;
    if (k > 0) {
      const row = orderA[k];
      const before = orderA[k - 1];
      if (columnA[row] === columnA[before] !== (columnB[row] === columnB[before])) return false;
    }
  }
  return true;
}
function fitTree(data, target, weights, options) {
  const tree = {
    feature: [],
    threshold: [],
    left: [],
    right: [],
    value: []
  };
  const featureCount = data.columns.length;
  if (featureCount === 0) return { feature: [0], threshold: [0], left: [-1], right: [-1], value: [0] };
  const ws = workspaceOf(data);
  const { sorted, spill, weightedTarget: wy, goesLeft } = ws;
  const n = data.rows;
  for (let i = 0; i < n; i += 1) wy[i] = weights[i] * target[i];
  const all = options.maxFeatures >= featureCount;
  const splitting = all ? ws.distinct : ws.varying;
  const tracked = splitting[0] === 0 ? splitting : Int32Array.from([0, ...splitting]);
  let sampled = 0;
  for (const j of tracked) {
    const order = data.order[j];
    const out = sorted[j];
    let k = 0;
    for (let i = 0; i < n; i += 1) {
      const row = order[i];
      if (weights[row] > 0) out[k++] = row;
    }
    sampled = k;
  }
  const { maxDepth, minSamplesLeaf, minSamplesSplit } = options;
  const byRow0 = sorted[0];
  const grow = (start, end, depth, live) => {
    const id = tree.feature.length;
    tree.feature.push(0);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    let count = 0;
    let sum = 0;
    for (let k = start; k < end; k += 1) {
      const row = byRow0[k];
      count += weights[row];
      sum += wy[row];
    }
    tree.value.push(count > 0 ? sum / count : 0);
    if (depth >= maxDepth || count < minSamplesSplit || count < 2 * minSamplesLeaf) return id;
    const first = start;
    const last = end - 1;
    let liveCount = 0;
    const here = new Int32Array(live.length);
    for (let c = 0; c < live.length; c += 1) {
      const j = live[c];
      const column = data.columns[j];
      const order = sorted[j];
      if (column[order[first]] !== column[order[last]]) here[liveCount++] = j;
    }
    const liveHere = here.subarray(0, liveCount);
    const candidates = all ? liveHere : randomCandidates(featureCount, options, liveHere);
    const parentScore = sum * sum / count;
    let bestGain = 1e-12 * Math.max(1, Math.abs(parentScore));
    let bestFeature = -1;
    let bestK = 0;
    let bestX = 0;
    let bestNext = 0;
    for (let c = 0; c < candidates.length; c += 1) {
      const j = candidates[c];
      const column = data.columns[j];
      const order = sorted[j];
      let leftCount = 0;
      let leftSum = 0;
      let x = column[order[start]];
      for (let k = start; k < last; k += 1) {
        const row = order[k];
        leftCount += weights[row];
        leftSum += wy[row];
        const nextX = column[order[k + 1]];
        if (x === nextX) continue;
        const rightCount = count - leftCount;
        if (rightCount < minSamplesLeaf) break;
        if (leftCount >= minSamplesLeaf) {
          const rightSum = sum - leftSum;
          const gain = leftSum * leftSum / leftCount + rightSum * rightSum / rightCount - parentScore;
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
    const mid = bestK + 1;
    const chosen = sorted[bestFeature];
    for (let k = start; k < mid; k += 1) goesLeft[chosen[k]] = 1;
    for (let k = mid; k < end; k += 1) goesLeft[chosen[k]] = 0;
    const leaves = depth + 1 >= maxDepth;
    if (leaves || liveHere[0] !== 0) partition(byRow0, start, end, goesLeft, spill);
    if (!leaves) {
      for (let c = 0; c < liveCount; c += 1) partition(sorted[liveHere[c]], start, end, goesLeft, spill);
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
function partition(order, start, end, goesLeft, spill) {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k += 1) {
    const row = order[k];
    const left = goesLeft[row];
    order[l] = row;
    spill[r] = row;
    l += left;
    r += 1 - left;
  }
  order.set(spill.subarray(0, r), l);
}
function splitThreshold(x, next) {
  const mid = Math.fround(x + (next - x) / 2);
  return mid >= x && mid < next ? mid : x;
}
function randomCandidates(featureCount, options, liveHere) {
  const all = Array.from({ length: featureCount }, (_, j) => j);
  for (let i = featureCount - 1; i > 0; i -= 1) {
    const j = options.random.int(i + 1);
    const tmp = all[i];
    all[i] = all[j];
    all[j] = tmp;
  }
  const live = new Uint8Array(featureCount);
  for (const j of liveHere) live[j] = 1;
  return all.slice(0, options.maxFeatures).filter((j) => live[j] === 1).sort((a, b) => a - b);
}
function evaluateTree(tree, row) {
  let node = 0;
  while (tree.left[node] !== -1) {
    node = Math.fround(row[tree.feature[node]]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}
function evaluatePrepared(tree, data, row) {
  let node = 0;
  while (tree.left[node] !== -1) {
    node = data.columns[tree.feature[node]][row] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}
function scaleLeaves(tree, factor) {
  return { ...tree, value: tree.value.map((v, i) => tree.left[i] === -1 ? v * factor : 0) };
}

// src/predict/ensemble.ts
function predictEnsemble(model, row) {
  let sum = 0;
  for (const tree of model.trees) sum += evaluateTree(tree, row);
  if (model.aggregate === "AVERAGE" && model.trees.length > 0) sum /= model.trees.length;
  let raw = model.baseValue + sum;
  if (model.linear) {
    model.linear.featureIndices.forEach((f, j) => {
      raw += model.linear.coefficients[j] * Math.fround(row[f]);
    });
  }
  return model.logTarget ? Math.exp(raw) : raw;
}

// src/predict/models.ts
function predictModel(model, row) {
  return model.kind === "tree-ensemble" ? predictEnsemble(model, row) : predictClosedForm(model, row);
}

// src/predict/random.ts
function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}
function shuffled(items, random) {
  return shuffleInPlace([...items], random);
}
function shuffleInPlace(items, random) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}
function shuffledIndices(out, random) {
  for (let i = 0; i < out.length; i += 1) out[i] = i;
  return shuffleInPlace(out, random);
}
function deriveSeed(seed, label) {
  let h = (seed ^ 2654435769) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
  }
  return h;
}

// src/predict/gbdt.ts
var DEFAULT_GBDT_SETTINGS = {
  nEstimators: 300,
  learningRate: 0.05,
  maxDepth: 4,
  minSamplesLeaf: 3,
  subsample: 0.8,
  ridge: 1e-3,
  huberDelta: 0.2
};
var GBDT_GRID = [
  { maxDepth: 3, minSamplesLeaf: 2 },
  { maxDepth: 3, minSamplesLeaf: 4 },
  { maxDepth: 4, minSamplesLeaf: 2 },
  { maxDepth: 4, minSamplesLeaf: 4 },
  { maxDepth: 5, minSamplesLeaf: 2 },
  { maxDepth: 5, minSamplesLeaf: 4 },
  { maxDepth: 4, minSamplesLeaf: 3, learningRate: 0.1, nEstimators: 150 },
  { maxDepth: 4, minSamplesLeaf: 3, subsample: 0.6, nEstimators: 400 }
];
function fitGbdt(rows, target, options) {
  const n = rows.length;
  const logTarget = target.map((t) => Math.log(t));
  const random = seededRandom(options.seed);
  const { baseValue, linear } = startingFit(rows, logTarget, options);
  const current = Float64Array.from(rows, (row) => {
    let v = baseValue;
    if (linear)
      linear.featureIndices.forEach((f, j) => v += linear.coefficients[j] * Math.fround(row[f]));
    return v;
  });
  const data = prepareFeatures(rows);
  const residual = new Float64Array(n);
  const weights = new Float64Array(n);
  const sampleSize = Math.max(1, Math.min(n, Math.round(options.subsample * n)));
  const sample = new Int32Array(n);
  const trees = [];
  for (let m = 0; m < options.nEstimators; m += 1) {
    const delta = options.huberDelta > 0 ? options.huberDelta : Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i += 1)
      residual[i] = Math.max(-delta, Math.min(delta, logTarget[i] - current[i]));
    weights.fill(sampleSize === n ? 1 : 0);
    if (sampleSize < n) {
      shuffledIndices(sample, random);
      for (let k = 0; k < sampleSize; k += 1) weights[sample[k]] = 1;
    }
    const tree = scaleLeaves(
      fitTree(data, residual, weights, {
        maxDepth: options.maxDepth,
        minSamplesLeaf: options.minSamplesLeaf,
        minSamplesSplit: 2 * options.minSamplesLeaf,
        maxFeatures: Number.POSITIVE_INFINITY,
        random
      }),
      options.learningRate
    );
    if (tree.left.length === 1 && Math.abs(tree.value[0]) < 1e-15) break;
    trees.push(tree);
    for (let i = 0; i < n; i += 1) current[i] += evaluatePrepared(tree, data, i);
  }
  return {
    kind: "tree-ensemble",
    trees,
    aggregate: "SUM",
    baseValue,
    ...linear ? { linear } : {},
    logTarget: true
  };
}
function startingFit(rows, logTarget, options) {
  const mean2 = logTarget.reduce((a, b) => a + b, 0) / Math.max(1, logTarget.length);
  const features = options.linearFeatures;
  if (features.length === 0 || rows.length < features.length + 2) return { baseValue: mean2 };
  const design = rows.map((row) => [...features.map((f) => Math.fround(row[f])), 1]);
  const w = weightedLeastSquares(design, logTarget, void 0, options.ridge * rows.length, true);
  if (!w || w.some((v) => !Number.isFinite(v))) return { baseValue: mean2 };
  return {
    baseValue: w[features.length],
    linear: { featureIndices: [...features], coefficients: w.slice(0, features.length) }
  };
}

// src/predict/pooled.ts
function fitPoolModel(rows, target, linearFeatures, seed) {
  return fitGbdt(rows, target, { ...DEFAULT_GBDT_SETTINGS, seed, linearFeatures });
}
function scalePoolModel(pool, rows, target) {
  if (!pool.logTarget) throw new Error("pooled: the pool model must be fitted on log(target)");
  if (rows.length === 0) throw new Error("pooled: no rows to scale the pool model to");
  let offset = 0;
  rows.forEach((row, i) => {
    offset += Math.log(target[i]) - Math.log(predictEnsemble(pool, row));
  });
  return { ...pool, baseValue: pool.baseValue + offset / rows.length };
}

// src/predict/features.ts
var PREDICTOR_FEATURES = [
  { name: "flops", unit: "FLOP", description: "floating-point operations (2 x MACs + elementwise work)" },
  { name: "macs", unit: "MAC", description: "multiply-accumulates" },
  { name: "params", unit: "elements", description: "weight elements read" },
  { name: "input_bytes", unit: "B", description: "activation bytes read" },
  { name: "output_bytes", unit: "B", description: "activation bytes written" },
  { name: "weight_bytes", unit: "B", description: "weight bytes read" },
  { name: "bytes", unit: "B", description: "memory traffic: input + output + weight bytes" },
  { name: "ln_flops", unit: "ln(FLOP)", description: "ln(1 + flops)" },
  { name: "ln_bytes", unit: "ln(B)", description: "ln(1 + bytes)" },
  { name: "ln_input_bytes", unit: "ln(B)", description: "ln(1 + input_bytes)" },
  { name: "ln_output_bytes", unit: "ln(B)", description: "ln(1 + output_bytes)" },
  { name: "ln_weight_bytes", unit: "ln(B)", description: "ln(1 + weight_bytes)" },
  { name: "flops_per_byte", unit: "FLOP/B", description: "arithmetic intensity: flops / bytes" },
  { name: "hw_in", unit: "px", description: "input height = width (HW; sqrt(H x W) when not square)" },
  { name: "hw_out", unit: "px", description: "output height = width (sqrt(H x W) of the first output)" },
  { name: "cin", unit: "channels", description: "CIN" },
  { name: "cout", unit: "channels", description: "COUT (CIN where the type has no COUT)" },
  { name: "kernel_size", unit: "px", description: "KERNEL_SIZE" },
  { name: "strides", unit: "px", description: "STRIDES" },
  { name: "pool_strides", unit: "px", description: "POOL_STRIDES" },
  { name: "cin1", unit: "channels", description: "CIN1 (concat inputs)" },
  { name: "cin2", unit: "channels", description: "CIN2" },
  { name: "cin3", unit: "channels", description: "CIN3" },
  { name: "cin4", unit: "channels", description: "CIN4" },
  { name: "inputs", unit: "tensors", description: "activation inputs" }
];
var FEATURE_NAMES = PREDICTOR_FEATURES.map((f) => f.name);
var FEATURE_COUNT = FEATURE_NAMES.length;
function featureIndex(name) {
  const i = FEATURE_NAMES.indexOf(name);
  if (i < 0) throw new Error(`no predictor feature '${name}'`);
  return i;
}

// src/predict/kfold.ts
function kFoldAssignments(rows, folds, seed) {
  const k = Math.max(2, Math.min(folds, rows));
  const order = shuffled(
    Array.from({ length: rows }, (_, i) => i),
    seededRandom(seed)
  );
  const out = Array.from({ length: k }, () => []);
  order.forEach((row, i) => out[i % k].push(row));
  return out.map((fold) => fold.sort((a, b) => a - b));
}
function crossValidatedPredictions(rows, target, fit, folds, seed) {
  const predictions = new Array(rows.length).fill(Number.NaN);
  if (rows.length < 2) return predictions;
  for (const test of kFoldAssignments(rows.length, folds, seed)) {
    const inTest = new Set(test);
    const trainIdx = rows.map((_, i) => i).filter((i) => !inTest.has(i));
    const predict = fit(
      trainIdx.map((i) => rows[i]),
      trainIdx.map((i) => target[i])
    );
    for (const i of test) predictions[i] = predict(rows[i]);
  }
  return predictions;
}

// src/predict/metrics.ts
function accuracyFigures(actual, predicted) {
  if (actual.length !== predicted.length) throw new Error("accuracyFigures: length mismatch");
  const ape = actual.map((a, i) => Math.abs(predicted[i] - a) / a * 100);
  const n = ape.length;
  return {
    kernels: n,
    within10Pct: n === 0 ? 0 : 100 * ape.filter((e) => e <= 10).length / n,
    within20Pct: n === 0 ? 0 : 100 * ape.filter((e) => e <= 20).length / n,
    medianApePct: n === 0 ? 0 : quantile(ape, 0.5),
    meanApePct: n === 0 ? 0 : ape.reduce((a, b) => a + b, 0) / n
  };
}
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

// src/predict/train-select.ts
var METHOD_ORDER = [
  "closed-form",
  "closed-form-power",
  "log-linear",
  "pooled",
  "gbdt"
];
var POWERED_FEATURES = ["input_bytes", "output_bytes"];
var COUNT_FEATURES = ["flops", "input_bytes", "output_bytes", "weight_bytes"];
var LOG_LINEAR_FEATURES = ["ln_flops", "ln_bytes"];
function treePlan(context, rows) {
  const trees = context.type !== "others" && rows >= (context.minRowsForTrees ?? 20);
  return { trees, tuned: trees && context.tune !== false && rows >= 40 };
}
function selectMethod(context, x, y, folding) {
  const { type, target, seed, folds, modelSeed, pool } = context;
  const settings = treePlan(context, x.length).trees ? gbdtSettings(context, x, y, deriveSeed(seed, `${type}/${target}/tune`)) : void 0;
  const methods = METHOD_ORDER.filter(
    (m) => (m !== "gbdt" || settings !== void 0) && (m !== "pooled" || pool !== void 0)
  );
  const candidates = [];
  for (const method of methods) {
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod(method, rows, t, modelSeed, settings, pool);
        return (row) => predictModel(model, row);
      },
      folds,
      folding
    );
    candidates.push([method, accuracyFigures(y, oof)]);
  }
  let best = candidates[0];
  for (const candidate of candidates) {
    if (candidate[1].medianApePct < best[1].medianApePct) best = candidate;
  }
  return { method: best[0], settings: best[0] === "gbdt" ? settings : void 0, candidates };
}
function fitMethod(method, rows, target, seed, settings, pool) {
  switch (method) {
    case "pooled":
      if (!pool) throw new Error("train: pooled method without a pool");
      return scalePoolModel(pool.model, rows, target);
    case "closed-form":
      return fitClosedForm(rows, target, COUNT_FEATURES.map(featureIndex));
    case "closed-form-power":
      return fitPowerClosedForm(
        rows,
        target,
        COUNT_FEATURES.map(featureIndex),
        POWERED_FEATURES.map((f) => COUNT_FEATURES.indexOf(f))
      );
    case "log-linear":
      return fitGbdt(rows, target, {
        ...DEFAULT_GBDT_SETTINGS,
        nEstimators: 0,
        seed,
        linearFeatures: LOG_LINEAR_FEATURES.map(featureIndex)
      });
    case "gbdt":
      return fitGbdt(rows, target, {
        ...settings ?? DEFAULT_GBDT_SETTINGS,
        seed,
        linearFeatures: LOG_LINEAR_FEATURES.map(featureIndex)
      });
    default:
      throw new Error(`train: method '${method}' is not trained here`);
  }
}
function gbdtSettings(context, x, y, tuneSeed) {
  const base = { ...DEFAULT_GBDT_SETTINGS, ...context.gbdt };
  if (!treePlan(context, x.length).tuned) return base;
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of [{}, ...GBDT_GRID]) {
    const settings = { ...base, ...candidate };
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod("gbdt", rows, t, context.modelSeed, settings);
        return (row) => predictModel(model, row);
      },
      context.folds,
      tuneSeed
    );
    const score = accuracyFigures(y, oof).medianApePct;
    if (score < bestScore) {
      bestScore = score;
      best = settings;
    }
  }
  return best;
}

// src/predict/train-jobs.ts
function runFitJob(job) {
  if (job.kind === "pool")
    return { kind: "pool", model: fitPoolModel(job.x, job.y, job.linearFeatures, job.seed) };
  const { context } = job;
  const choice = selectMethod(context, job.x, job.y, job.folding);
  const model = fitMethod(choice.method, job.x, job.y, context.modelSeed, choice.settings, context.pool);
  return {
    kind: "choose",
    choice,
    model: job.keepModel ? model : void 0,
    predictions: job.predict.map((row) => predictModel(model, row))
  };
}

// src/predict/train-worker.ts
import_node_worker_threads.parentPort?.on("message", (job) => {
  let reply;
  try {
    reply = { result: runFitJob(job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = { error: { name: e.name, message: e.message, ...e.stack ? { stack: e.stack } : {} } };
  }
  import_node_worker_threads.parentPort.postMessage(reply);
});
