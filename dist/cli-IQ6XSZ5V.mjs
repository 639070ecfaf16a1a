import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  MEASUREMENT_COLUMNS,
  deriveSeed,
  kernelFromConfig,
  progressLine,
  readKernelCsv,
  sampleWithoutReplacement,
  seededRandom,
  shuffled,
  trainStatus
} from "./cli-SVQBESWO.mjs";
import {
  SessionPool
} from "./cli-IMOGGF4K.mjs";
import {
  DEFAULT_RULES
} from "./cli-CWVU76GI.mjs";
import {
  DEVICES,
  deviceInfo
} from "./cli-IIWZN5ZH.mjs";
import {
  FEATURE_NAMES,
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  PREDICTOR_FEATURES,
  SCALE_FEATURES,
  TARGET_COLUMNS,
  TARGET_UNITS,
  featureIndex,
  kernelClass,
  predictorFeatures,
  writeManifest
} from "./cli-RJEMN5YO.mjs";
import {
  PredictorError,
  withArticle
} from "./cli-F4FCAN3U.mjs";
import {
  ModelBuilder,
  floats,
  generatedKernelTypes
} from "./cli-7M2ORSNP.mjs";
import {
  EXIT_INTERRUPTED,
  InvalidArgumentError,
  Option,
  UsageError,
  probeWritable
} from "./cli-M3NVEZ4U.mjs";
import "./cli-GX3RAGJV.mjs";
import "./cli-FW42YN46.mjs";
import "./cli-NVOR74CK.mjs";

// src/cli/train.ts
import { basename as basename3, resolve as resolve4 } from "node:path";

// src/predict/training-targets.ts
function trainableRows(csv) {
  const generated = generatedKernelTypes();
  const buildable = new Set(generated);
  const skipped = csv.rows.filter((r) => !buildable.has(r.type));
  if (skipped.length === 0) return { csv, warnings: [] };
  const types = [...new Set(skipped.map((r) => r.type))];
  const what = `kernel type${types.length === 1 ? "" : "s"} ${types.map((t) => `'${t}'`).join(", ")} (${skipped.length} row${skipped.length === 1 ? "" : "s"}, ${lines(skipped)}): train cannot build ${types.length === 1 ? "this type" : "these types"}; matmul, attention, layernorm and others are analysis-only types, priced by the bundle's 'others' regressor`;
  const rows = csv.rows.filter((r) => buildable.has(r.type));
  if (rows.length === 0) {
    throw new PredictorError(`no row to train on: ${what}. train builds ${generated.join(", ")}`, {
      file: csv.file,
      line: skipped[0].source.line,
      field: "kernel_type"
    });
  }
  return {
    csv: { ...csv, rows },
    warnings: [`${csv.file}: ${what}; those rows are left out, training on the other ${rows.length}`]
  };
}
var MIN_TARGET_ROWS = 5;
function hasTarget(row, target) {
  return (target === "energy" ? row.energyMj : row.latencyMs) !== void 0;
}
function targetShortfall(rows, target) {
  const without = rows.filter((r) => !hasTarget(r, target));
  const kept = rows.length - without.length;
  const needed = Math.min(MIN_TARGET_ROWS, rows.length);
  if (without.length === 0 || kept >= needed) return void 0;
  const column = TARGET_COLUMNS[target];
  const few = kept === 0 ? "" : `, and the ${kept} row${kept === 1 ? "" : "s"} with a value ${kept === 1 ? "is" : "are"} too few to train on (at least ${needed} are needed)`;
  return {
    without,
    why: `'${column}' is empty on ${without.length} of ${rows.length} rows (${lines(without)})${few}`
  };
}
function lines(rows) {
  return `line${rows.length > 1 ? "s" : ""} ${rows.slice(0, 5).map((r) => r.source.line).join(", ")}${rows.length > 5 ? ", ..." : ""}`;
}
function trainingTargets(csv, requested) {
  if (csv.rows.length === 0) {
    throw new PredictorError("no kernel rows to train on: the file has a header but no data rows", {
      file: csv.file
    });
  }
  const all = ["energy", "latency"];
  const problem = (target) => {
    const column = TARGET_COLUMNS[target];
    if (!csv.columns.includes(column)) return `the file has no '${column}' column`;
    return targetShortfall(csv.rows, target)?.why;
  };
  let targets;
  if (requested !== void 0) {
    targets = requested === "both" ? [...all] : [requested];
    for (const target of targets) {
      const why = problem(target);
      if (why === void 0) continue;
      const column = TARGET_COLUMNS[target];
      const firstEmpty = csv.columns.includes(column) ? csv.rows.find((r) => !hasTarget(r, target)) : void 0;
      throw new PredictorError(
        `cannot train ${withArticle(target)} predictor: ${why}; ` + (firstEmpty ? `give those rows a value or delete them${target === "energy" ? ", or train latency only" : ""}` : `the file's measurement columns are ${measurementColumns(csv)}`),
        {
          file: csv.file,
          ...firstEmpty ? { line: firstEmpty.source.line } : { line: 1 },
          field: column
        }
      );
    }
  } else {
    targets = all.filter((t) => problem(t) === void 0);
    if (targets.length === 0) {
      throw new PredictorError(
        `no target can be trained: ${all.map((t) => problem(t)).join("; ")}; complete those rows or delete them`,
        { file: csv.file }
      );
    }
  }
  const leftOut = {};
  const untrained = {};
  const warnings = [];
  for (const target of targets) {
    const without = csv.rows.filter((r) => !hasTarget(r, target));
    leftOut[target] = without;
    if (without.length === 0) continue;
    const noted = without.find((r) => r.notes !== void 0);
    const note = noted ? `; line ${noted.source.line}'s note: ${noted.notes}` : "";
    warnings.push(
      `${csv.file}: ${without.length} row${without.length === 1 ? "" : "s"} without ${TARGET_COLUMNS[target]} (${lines(without)}${note}): trained ${target} on the other ${csv.rows.length - without.length} rows`
    );
  }
  for (const target of all) {
    if (targets.includes(target)) continue;
    const why = requested !== void 0 ? `not requested (--target ${requested})` : problem(target);
    untrained[target] = why;
    if (requested !== void 0) continue;
    warnings.push(
      `${csv.file}: ${why}, so the bundle predicts ${targets.join(" and ")} only` + (csv.columns.includes(TARGET_COLUMNS[target]) ? `; give those rows ${withArticle(target)} value or delete them to train ${target} too` : "")
    );
  }
  return { targets, leftOut, untrained, warnings };
}
function measurementColumns(csv) {
  const present = csv.columns.filter((c) => MEASUREMENT_COLUMNS.includes(c));
  return present.length > 0 ? present.map((c) => `'${c}'`).join(", ") : "none";
}
function rowTarget(row, target) {
  const value = target === "energy" ? row.energyMj : row.latencyMs;
  const column = TARGET_COLUMNS[target];
  if (value === void 0) {
    throw new PredictorError(`no ${column} value (needed to train a ${target} predictor)`, {
      file: row.source.file,
      line: row.source.line,
      field: column
    });
  }
  if (!(value > 0)) {
    throw new PredictorError(
      `${column} is ${value}; predictors are fitted on log(${column}) and need a positive value`,
      {
        file: row.source.file,
        line: row.source.line,
        field: column
      }
    );
  }
  return value;
}

// src/predict/train-options.ts
import { basename, resolve } from "node:path";
var BUNDLE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
var RELIABLE_ROWS = 20;
function checkTrainOptions(options) {
  const fail = (field, problem) => {
    throw new PredictorError(problem, { field });
  };
  const id = basename(resolve(options.out));
  if (!BUNDLE_ID_PATTERN.test(id)) {
    fail(
      "out",
      `the bundle folder's name '${id}' is the bundle id and must be lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. my-board-cpu)`
    );
  }
  if (options.device.trim() === "") fail("device", "the device id is empty");
  const folds = options.folds;
  if (folds !== void 0 && !(Number.isSafeInteger(folds) && folds >= 2))
    fail("folds", `k-fold needs an integer of at least 2 folds (got ${folds})`);
  const seed = options.seed;
  if (seed !== void 0 && !(Number.isSafeInteger(seed) && seed >= 0 && seed <= 4294967295))
    fail("seed", `the seed must be an integer from 0 to ${4294967295} (got ${seed})`);
  const threads = options.threads;
  if (threads !== void 0 && threads !== null && !(Number.isSafeInteger(threads) && threads >= 1))
    fail("threads", `must be a positive integer, or null when unknown (got ${threads})`);
  for (const key of ["minRows", "minRowsForTrees"]) {
    const value = options[key];
    if (value !== void 0 && !(Number.isSafeInteger(value) && value >= 1))
      fail(key, `must be a positive integer (got ${value})`);
  }
}
function rowCountWarnings(rows, options = {}) {
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  const trees = options.minRowsForTrees ?? RELIABLE_ROWS;
  const counts = /* @__PURE__ */ new Map();
  for (const row of rows) counts.set(row.type, (counts.get(row.type) ?? 0) + 1);
  const types = [...counts].sort(([a], [b]) => a < b ? -1 : 1);
  const list = (entries) => entries.map(([t, n]) => `${t} (${n})`).join(", ");
  const warnings = [];
  const fallback = types.filter(([t, n]) => t !== "others" && n < minRows);
  if (fallback.length > 0)
    warnings.push(
      `fewer than ${minRows} rows, so no regressor of their own (priced by 'others'): ${list(fallback)}`
    );
  for (const target of options.targets ?? []) {
    const short = types.flatMap(([t, n]) => {
      const kept = rows.filter((r) => r.type === t && hasTarget(r, target)).length;
      return t !== "others" && n >= minRows && kept < minRows ? [`${t} (${kept} of ${n})`] : [];
    });
    if (short.length > 0)
      warnings.push(
        `fewer than ${minRows} rows with ${TARGET_COLUMNS[target]}, so no regressor of their own (priced by 'others' for every target): ${short.join(", ")}`
      );
  }
  const own = types.filter(([t, n]) => t !== "others" && n >= minRows);
  const loo = own.filter(([, n]) => n < folds);
  if (loo.length > 0)
    warnings.push(
      `fewer rows than the ${folds} folds, so their k-fold is leave-one-out (one row per fold): ${list(loo)}`
    );
  const few = own.filter(([, n]) => n >= folds && n < RELIABLE_ROWS);
  if (few.length > 0)
    warnings.push(
      `fewer than ${RELIABLE_ROWS} rows, so their k-fold figures rest on few kernels and can be far off${trees >= RELIABLE_ROWS ? " (and boosted trees are not tried)" : ""}: ${list(few)}`
    );
  if (rows.length < folds)
    warnings.push(`only ${rows.length} rows in all for ${folds} folds: 'others' is leave-one-out too`);
  return warnings;
}
function foldSeed(seed, type, target) {
  return deriveSeed(seed, `${type}/${target}/folds`);
}

// src/predict/train-write.ts
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync
} from "node:fs";
import { dirname, join, relative } from "node:path";

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
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => column[a] - column[b] || a - b);
    columns.push(column);
    order.push(idx);
  }
  return { rows: n, columns, order };
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
  const rootOrder = data.order.map((order) => {
    const kept = new Int32Array(order.length);
    let k = 0;
    for (const row of order) if (weights[row] > 0) kept[k++] = row;
    return kept.subarray(0, k);
  });
  const goesLeft = new Uint8Array(data.rows);
  const grow = (orders, depth) => {
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
      const w = weights[row];
      count += w;
      sum += w * target[row];
    }
    tree.value[id] = count > 0 ? sum / count : 0;
    if (depth >= options.maxDepth || count < options.minSamplesSplit || count < 2 * options.minSamplesLeaf)
      return id;
    const split = bestSplit(data, target, weights, orders, count, sum, featureCount, options);
    if (!split) return id;
    const column = data.columns[split.feature];
    for (const row of rowsHere) goesLeft[row] = column[row] <= split.threshold ? 1 : 0;
    const leftOrders = [];
    const rightOrders = [];
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
function bestSplit(data, target, weights, orders, count, sum, featureCount, options) {
  const candidates = candidateFeatures(featureCount, options);
  const parentScore = sum * sum / count;
  let bestGain = 1e-12 * Math.max(1, Math.abs(parentScore));
  let best;
  for (const feature of candidates) {
    const order = orders[feature];
    const column = data.columns[feature];
    let leftCount = 0;
    let leftSum = 0;
    for (let k = 0; k < order.length - 1; k += 1) {
      const row = order[k];
      const w = weights[row];
      leftCount += w;
      leftSum += w * target[row];
      const x = column[row];
      const nextX = column[order[k + 1]];
      if (x === nextX) continue;
      const rightCount = count - leftCount;
      if (leftCount < options.minSamplesLeaf || rightCount < options.minSamplesLeaf) continue;
      const rightSum = sum - leftSum;
      const gain = leftSum * leftSum / leftCount + rightSum * rightSum / rightCount - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        best = { feature, threshold: splitThreshold(x, nextX), leftRows: k + 1 };
      }
    }
  }
  return best;
}
function splitThreshold(x, next) {
  const mid = Math.fround(x + (next - x) / 2);
  return mid >= x && mid < next ? mid : x;
}
function candidateFeatures(featureCount, options) {
  const all = Array.from({ length: featureCount }, (_, j) => j);
  if (options.maxFeatures >= featureCount) return all;
  for (let i = featureCount - 1; i > 0; i -= 1) {
    const j = options.random.int(i + 1);
    const tmp = all[i];
    all[i] = all[j];
    all[j] = tmp;
  }
  return all.slice(0, options.maxFeatures).sort((a, b) => a - b);
}
function evaluateTree(tree, row) {
  let node = 0;
  while (tree.left[node] !== -1) {
    node = Math.fround(row[tree.feature[node]]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
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

// src/predict/train-write.ts
async function verifyExport(out, fitted) {
  const pool = new SessionPool();
  const specs = [
    ...Object.entries(fitted.manifest.kernels),
    ["others", fitted.manifest.others]
  ];
  try {
    for (const [key, spec] of specs) {
      const rows = fitted.features.filter((_, i) => key === "others" || fitted.rows[i].type === key);
      const width = FEATURE_NAMES.length;
      const input = new Float32Array(rows.length * width);
      rows.forEach((row, i) => input.set(row, i * width));
      const file = join(out, spec.model);
      const { data, columns } = await pool.run(file, input, rows.length, width);
      fitted.models.get(key).forEach((model, column) => {
        rows.forEach((row, i) => {
          const expected = predictModel(model, row);
          const actual = data[i * columns + column];
          if (!(Math.abs(actual - expected) <= 1e-3 * Math.abs(expected) + 1e-6)) {
            throw new PredictorError(
              `the exported model disagrees with the fitted one on training row ${i}: ${actual} vs ${expected}`,
              { file, field: spec.outputs[column]?.target ?? String(column) }
            );
          }
        });
      });
    }
  } finally {
    await pool.release();
  }
}
function checkOutFolder(out) {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory())
    throw new PredictorError("the bundle folder to write is a file", { file: out });
  const entries = readdirSync(out);
  if (!entries.includes(MANIFEST_FILE) && !entries.every((name) => name.endsWith(".onnx"))) {
    throw new PredictorError(
      `the folder exists and is not a predictor bundle (no ${MANIFEST_FILE}), so it is not replaced; name a new folder (predictors/<device>-<processor>) or empty this one`,
      { file: out }
    );
  }
}
async function writeBundle(out, fitted) {
  checkOutFolder(out);
  const parent = dirname(out);
  const id = fitted.manifest.id;
  const createdParent = mkdirSync(parent, { recursive: true });
  const stageRoot = mkdtempSync(join(parent, `.${id}.partial-`));
  const staged = join(stageRoot, id);
  let swapped = false;
  let parked;
  try {
    mkdirSync(staged);
    for (const [name, bytes] of [...fitted.files].sort(([a], [b]) => a < b ? -1 : 1))
      writeFileSync(join(staged, name), bytes);
    writeManifest(stageRoot, fitted.manifest);
    await verifyExport(staged, fitted);
    if (existsSync(out)) {
      for (const extra of carriedOver(out, fitted.files))
        cpSync(join(out, extra), join(staged, extra), { recursive: true, errorOnExist: true, force: false });
      parked = join(stageRoot, "previous");
      renameSync(out, parked);
    }
    renameSync(staged, out);
    swapped = true;
  } catch (error) {
    if (parked !== void 0) {
      try {
        renameSync(parked, out);
        parked = void 0;
      } catch (restore) {
        throw new PredictorError(
          `could not move the new bundle into place (${error.message}), nor the previous one back (${restore.message}); the previous bundle is in ${parked}`,
          { file: out },
          { cause: error }
        );
      }
    }
    throw error;
  } finally {
    if (swapped || parked === void 0) rmSync(stageRoot, { recursive: true, force: true });
    if (!swapped && createdParent !== void 0) removeEmptyFolders(parent, createdParent);
  }
}
function carriedOver(out, files) {
  const entries = readdirSync(out);
  const manifestFile = join(out, MANIFEST_FILE);
  const models = previousModelFiles(manifestFile);
  return entries.filter(
    (name) => name !== MANIFEST_FILE && !files.has(name) && (models ? !models.includes(name) : !name.endsWith(".onnx"))
  );
}
function previousModelFiles(manifestFile) {
  if (!existsSync(manifestFile)) return void 0;
  const text = readFileSync(manifestFile, "utf8");
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return void 0;
  }
  const specs = json ?? {};
  return [...Object.values(specs.kernels ?? {}), specs.others ?? {}].map((s) => s.model).filter((m) => typeof m === "string" && /^[^/\\]+\.onnx$/.test(m));
}
function removeEmptyFolders(from, top) {
  for (let dir = from; ; dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) return;
    rmdirSync(dir);
    if (dir === top || relative(top, dir).startsWith("..")) return;
  }
}

// src/predict/train.ts
import { resolve as resolve3 } from "node:path";

// src/predict/train-manifest.ts
import { createHash } from "node:crypto";
import { basename as basename2, isAbsolute, resolve as resolve2 } from "node:path";

// src/predict/export.ts
var INPUT_NAME = "X";
var OUTPUT_NAME = "variable";
var ONNX_OPSET = 13;
var ONNX_ML_OPSET = 3;
function exportRegressors(models, featureCount, name = "regressor") {
  if (models.length === 0) throw new Error("exportRegressors: no model to export");
  const builder = new ModelBuilder({
    opset: ONNX_OPSET,
    opsets: { "ai.onnx.ml": ONNX_ML_OPSET },
    producer: "model-energy-check"
  });
  builder.input(INPUT_NAME, 1 /* FLOAT */, ["N", featureCount]);
  const columns = models.map((model, i) => {
    const prefix = `${name}_${i}`;
    return model.kind === "tree-ensemble" ? addTreeEnsemble(builder, INPUT_NAME, model, featureCount, prefix) : addClosedForm(builder, INPUT_NAME, model, featureCount, prefix);
  });
  if (columns.length === 1) {
    builder.node("Identity", [columns[0]], {}, { name: `${name}_output`, outputNames: [OUTPUT_NAME] });
  } else {
    builder.node("Concat", columns, { axis: 1 }, { name: `${name}_output`, outputNames: [OUTPUT_NAME] });
  }
  builder.output(OUTPUT_NAME, 1 /* FLOAT */, ["N", models.length]);
  return builder.encode();
}
function addTreeEnsemble(graph, input, model, featureCount, prefix) {
  let raw;
  if (model.trees.length > 0) {
    raw = graph.node("TreeEnsembleRegressor", [input], treeAttributes(model), {
      name: `${prefix}_trees`,
      domain: "ai.onnx.ml",
      outputNames: [`${prefix}_trees_out`]
    });
  } else {
    raw = addLinear(graph, input, [], [], model.baseValue, featureCount, `${prefix}_base`);
  }
  if (model.linear) {
    const linear = addLinear(
      graph,
      input,
      model.linear.featureIndices,
      model.linear.coefficients,
      0,
      featureCount,
      `${prefix}_linear`
    );
    raw = graph.node("Add", [raw, linear], {}, { name: `${prefix}_sum`, outputNames: [`${prefix}_sum_out`] });
  }
  if (!model.logTarget) return raw;
  return graph.node("Exp", [raw], {}, { name: `${prefix}_exp`, outputNames: [`${prefix}_exp_out`] });
}
function addClosedForm(graph, input, model, featureCount, prefix) {
  let features = input;
  if (model.exponents?.some((e) => e !== 1)) {
    const powers = new Array(featureCount).fill(1);
    model.featureIndices.forEach((f, j) => {
      powers[f] = model.exponents[j];
    });
    const exponent = graph.weight(`${prefix}_exponents`, [featureCount], powers);
    features = graph.node(
      "Pow",
      [input, exponent],
      {},
      { name: `${prefix}_pow`, outputNames: [`${prefix}_pow_out`] }
    );
  }
  return addLinear(
    graph,
    features,
    model.featureIndices,
    model.coefficients,
    model.intercept,
    featureCount,
    prefix
  );
}
function addLinear(graph, input, featureIndices, coefficients, bias, featureCount, prefix) {
  const weights = new Array(featureCount).fill(0);
  featureIndices.forEach((f, j) => {
    weights[f] = weights[f] + coefficients[j];
  });
  const w = graph.weight(`${prefix}_w`, [featureCount, 1], weights);
  const b = graph.weight(`${prefix}_b`, [1], [bias]);
  const product = graph.node(
    "MatMul",
    [input, w],
    {},
    { name: `${prefix}_matmul`, outputNames: [`${prefix}_matmul_out`] }
  );
  return graph.node("Add", [product, b], {}, { name: `${prefix}_add`, outputNames: [`${prefix}_out`] });
}
function treeAttributes(model) {
  const treeIds = [];
  const nodeIds = [];
  const featureIds = [];
  const values = [];
  const modes = [];
  const trueIds = [];
  const falseIds = [];
  const targetTreeIds = [];
  const targetNodeIds = [];
  const targetWeights = [];
  model.trees.forEach((tree, t) => {
    tree.left.forEach((left, n) => {
      const leaf = left === -1;
      treeIds.push(t);
      nodeIds.push(n);
      featureIds.push(leaf ? 0 : tree.feature[n]);
      values.push(leaf ? 0 : tree.threshold[n]);
      modes.push(leaf ? "LEAF" : "BRANCH_LEQ");
      trueIds.push(leaf ? 0 : left);
      falseIds.push(leaf ? 0 : tree.right[n]);
      if (leaf) {
        targetTreeIds.push(t);
        targetNodeIds.push(n);
        targetWeights.push(tree.value[n]);
      }
    });
  });
  return {
    n_targets: 1,
    nodes_treeids: treeIds,
    nodes_nodeids: nodeIds,
    nodes_featureids: featureIds,
    nodes_values: floats(values),
    nodes_modes: modes,
    nodes_truenodeids: trueIds,
    nodes_falsenodeids: falseIds,
    target_treeids: targetTreeIds,
    target_nodeids: targetNodeIds,
    target_ids: targetTreeIds.map(() => 0),
    target_weights: floats(targetWeights),
    base_values: floats([model.baseValue]),
    post_transform: "NONE",
    aggregate_function: model.aggregate
  };
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
function ratioRange(actual, predicted, coverage = 0.9) {
  const logs = actual.map((a, i) => Math.log(a / predicted[i])).filter((v) => Number.isFinite(v));
  if (logs.length === 0) return { coverage, low: 1, high: 1 };
  const tail = (1 - coverage) / 2;
  return {
    coverage,
    low: Math.min(1, Math.exp(quantile(logs, tail))),
    high: Math.max(1, Math.exp(quantile(logs, 1 - tail)))
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
function roundFigures(figures) {
  return {
    kernels: figures.kernels,
    within10Pct: round(figures.within10Pct, 1),
    within20Pct: round(figures.within20Pct, 1),
    medianApePct: round(figures.medianApePct, 2),
    meanApePct: round(figures.meanApePct, 2)
  };
}
function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
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
  const trees = [];
  for (let m = 0; m < options.nEstimators; m += 1) {
    const delta = options.huberDelta > 0 ? options.huberDelta : Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i += 1)
      residual[i] = Math.max(-delta, Math.min(delta, logTarget[i] - current[i]));
    weights.fill(sampleSize === n ? 1 : 0);
    if (sampleSize < n) for (const i of sampleWithoutReplacement(n, sampleSize, random)) weights[i] = 1;
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
    for (let i = 0; i < n; i += 1) current[i] += evaluateTree(tree, rows[i]);
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
function poolFactor(pool, scaled) {
  return Math.exp(scaled.baseValue - pool.baseValue);
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

// src/predict/train-fit.ts
var METHOD_ORDER = [
  "closed-form",
  "closed-form-power",
  "log-linear",
  "pooled",
  "gbdt"
];
var POWERED_FEATURES = ["input_bytes", "output_bytes"];
var MIN_POOL_ROWS = 50;
var COUNT_FEATURES = ["flops", "input_bytes", "output_bytes", "weight_bytes"];
var LOG_LINEAR_FEATURES = ["ln_flops", "ln_bytes"];
var UNCERTAINTY_COVERAGE = 0.9;
function configKernel(row) {
  return kernelFromConfig(row.type, row.config);
}
function chooseTargets(options) {
  const all = ["energy", "latency"];
  if (options.target !== void 0) {
    const targets = options.target === "both" ? [...all] : [options.target];
    for (const target of targets) {
      const short = targetShortfall(options.rows, target);
      if (short) {
        const first = short.without[0];
        throw new PredictorError(`cannot train ${withArticle(target)} predictor: ${short.why}`, {
          file: first.source.file,
          line: first.source.line,
          field: TARGET_COLUMNS[target]
        });
      }
    }
    return targets;
  }
  const available = all.filter((t) => targetShortfall(options.rows, t) === void 0);
  if (available.length === 0) {
    const first = options.rows[0];
    throw new PredictorError(
      `no target: ${all.map((t) => targetShortfall(options.rows, t).why).join("; ")}`,
      { file: first.source.file }
    );
  }
  return available;
}
function rangeRows(indices, used) {
  const sets = used.map((rows) => new Set(rows));
  const common = indices.filter((i) => sets.every((rows) => rows.has(i)));
  return common.length > 0 ? common : indices;
}
function trainingRange(features) {
  return Object.fromEntries(
    SCALE_FEATURES.map((name) => {
      const f = featureIndex(name);
      let min = Infinity;
      let max = -Infinity;
      for (const row of features) {
        min = Math.min(min, row[f]);
        max = Math.max(max, row[f]);
      }
      return [name, [min, max]];
    })
  );
}
function prepare(row, toKernel) {
  let kernel;
  try {
    kernel = toKernel(row);
  } catch (error) {
    const config = Object.entries(row.config).map(([k, v]) => `${k}=${v}`).join(", ");
    throw new PredictorError(
      `cannot build ${withArticle(row.type)} kernel from its configuration (${config || "no values"}): ${error.message}`,
      { file: row.source.file, line: row.source.line },
      { cause: error }
    );
  }
  const features = predictorFeatures(kernel).values;
  const bad = features.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new PredictorError(`feature '${FEATURE_NAMES[bad]}' is not a finite number (${features[bad]})`, {
      file: row.source.file,
      line: row.source.line
    });
  }
  return { row, kernel, features };
}
function* fitOutput(type, target, column, indices, prepared, allValues, options, seed, folds, pool) {
  const x = indices.map((i) => prepared[i].features);
  const y = indices.map((i) => allValues[i]);
  const folding = foldSeed(seed, type, target);
  const modelSeed = deriveSeed(seed, `${type}/${target}/model`);
  const select = (rows, values, selectFolding) => selectMethod(type, target, rows, values, options, seed, folds, selectFolding, modelSeed, pool);
  const chosen = yield* select(x, y, folding);
  const model = fitMethod(chosen.method, x, y, modelSeed, chosen.settings, pool);
  const oof = new Array(y.length).fill(Number.NaN);
  const perFold = [];
  if (y.length >= 2) {
    const innerFolding = deriveSeed(seed, `${type}/${target}/inner`);
    for (const test of kFoldAssignments(y.length, folds, folding)) {
      const inTest = new Set(test);
      const train = y.map((_, i) => i).filter((i) => !inTest.has(i));
      const tx = train.map((i) => x[i]);
      const ty = train.map((i) => y[i]);
      const inner = yield* select(tx, ty, innerFolding);
      perFold.push(inner.method);
      const foldModel = fitMethod(inner.method, tx, ty, modelSeed, inner.settings, pool);
      for (const i of test) oof[i] = predictModel(foldModel, x[i]);
    }
  }
  const range = ratioRange(y, oof, UNCERTAINTY_COVERAGE);
  const candidates = Object.fromEntries(chosen.candidates.map(([m, f]) => [m, roundFigures(f)]));
  const spec = {
    target,
    unit: TARGET_UNITS[target],
    column,
    method: chosen.method,
    selection: `${folds}-fold median APE on all rows: ${chosen.candidates.map(([m, f]) => `${m} ${round(f.medianApePct, 1)}%`).join(", ")}; ${chosen.method} shipped. Accuracy is nested: chosen inside each training fold (${methodCounts(perFold)}).`,
    hyperparameters: hyperparameters(chosen.method, model, chosen.settings, pool),
    accuracy: { kfold: roundFigures(accuracyFigures(y, oof)), candidates },
    uncertainty: {
      coverage: range.coverage,
      low: round(range.low, 4),
      high: round(range.high, 4),
      source: `${round(range.coverage * 100, 0)}% interval of measured/predicted over the ${y.length} out-of-fold predictions`
    }
  };
  return { model, spec, oof };
}
function* selectMethod(type, target, x, y, options, seed, folds, folding, modelSeed, pool) {
  const trees = type !== "others" && x.length >= (options.minRowsForTrees ?? 20);
  const settings = trees ? yield* gbdtSettings(x, y, options, deriveSeed(seed, `${type}/${target}/tune`), folds, modelSeed) : void 0;
  const methods = METHOD_ORDER.filter(
    (m) => (m !== "gbdt" || settings !== void 0) && (m !== "pooled" || pool !== void 0)
  );
  const candidates = [];
  for (const method of methods) {
    yield;
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
function methodCounts(methods) {
  const counts = /* @__PURE__ */ new Map();
  for (const m of methods) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => `${m} in ${n} of ${methods.length} folds`).join(", ");
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
function* gbdtSettings(x, y, options, tuneSeed, folds, modelSeed) {
  const base = { ...DEFAULT_GBDT_SETTINGS, ...options.gbdt };
  if (options.tune === false || x.length < 40) return base;
  let best = base;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of [{}, ...GBDT_GRID]) {
    yield;
    const settings = { ...base, ...candidate };
    const oof = crossValidatedPredictions(
      x,
      y,
      (rows, t) => {
        const model = fitMethod("gbdt", rows, t, modelSeed, settings);
        return (row) => predictModel(model, row);
      },
      folds,
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
function hyperparameters(method, model, settings, pool) {
  if (method === "pooled" && pool && model.kind === "tree-ensemble") {
    return {
      poolTypes: pool.types,
      poolRows: pool.rows,
      factor: round(poolFactor(pool.model, model), 4),
      trees: model.trees.length,
      linearFeatures: [...LOG_LINEAR_FEATURES],
      note: "gbdt (default settings) on the pool types' rows, times a factor fitted on this type's rows"
    };
  }
  if ((method === "closed-form" || method === "closed-form-power") && model.kind === "closed-form") {
    const power = (i) => (model.exponents?.[i] ?? 1) === 1 ? "" : `^${model.exponents[i]}`;
    return {
      features: [...COUNT_FEATURES],
      formula: `${model.coefficients.map((c, i) => `${c.toPrecision(4)} * ${COUNT_FEATURES[i]}${power(i)}`).join(" + ")} + ${model.intercept.toPrecision(4)}`
    };
  }
  if (method === "log-linear") return { features: [...LOG_LINEAR_FEATURES] };
  const s = settings ?? DEFAULT_GBDT_SETTINGS;
  return {
    trees: model.kind === "tree-ensemble" ? model.trees.length : 0,
    nEstimators: s.nEstimators,
    learningRate: s.learningRate,
    maxDepth: s.maxDepth,
    minSamplesLeaf: s.minSamplesLeaf,
    subsample: s.subsample,
    ridge: s.ridge,
    linearFeatures: [...LOG_LINEAR_FEATURES],
    loss: "squared error of ln(target)"
  };
}
function heldOutFigures(rows, targets, toKernel, models) {
  const prepared = rows.map((row) => prepare(row, toKernel));
  const figures = {};
  targets.forEach((target, t) => {
    const rows2 = prepared.filter((p) => hasTarget(p.row, target));
    if (rows2.length === 0) return;
    const actual = rows2.map((p) => rowTarget(p.row, target));
    const predicted = rows2.map(
      (p) => predictModel((models.get(p.row.type) ?? models.get("others"))[t], p.features)
    );
    figures[target] = roundFigures(accuracyFigures(actual, predicted));
  });
  return figures;
}

// src/predict/train-manifest.ts
function* fitSteps(options) {
  checkTrainOptions(options);
  const id = basename2(resolve2(options.out));
  const seed = options.seed ?? 1;
  const folds = options.folds ?? 5;
  const minRows = options.minRows ?? 5;
  if (options.rows.length === 0) throw new PredictorError("no kernel rows to train on");
  const targets = chooseTargets(options);
  const toKernel = options.toKernel ?? configKernel;
  const prepared = options.rows.map((row) => prepare(row, toKernel));
  const measured = new Map(
    targets.map((t) => [t, prepared.map((p) => hasTarget(p.row, t) ? rowTarget(p.row, t) : Number.NaN)])
  );
  const has = (i, target) => !Number.isNaN(measured.get(target)[i]);
  const byType = /* @__PURE__ */ new Map();
  prepared.forEach((p, i) => byType.set(p.row.type, [...byType.get(p.row.type) ?? [], i]));
  const ownTypes = [...byType.keys()].filter(
    (t) => t !== "others" && byType.get(t).length >= minRows && targets.every((target) => byType.get(t).filter((i) => has(i, target)).length >= minRows)
  ).sort();
  const files = /* @__PURE__ */ new Map();
  const models = /* @__PURE__ */ new Map();
  let done = 0;
  const outOfFold = new Map(targets.map((t) => [t, new Array(prepared.length).fill(Number.NaN)]));
  function* fitKey(key, indices) {
    const poolRows = key === "others" || kernelClass(key) !== "memory" ? [] : prepared.flatMap(
      (p, i) => p.row.type !== key && p.row.type !== "others" && kernelClass(p.row.type) === "memory" ? [i] : []
    );
    const outputs = [];
    const used = [];
    for (const [column, target] of targets.entries()) {
      const values = measured.get(target);
      const rows = indices.filter((i) => has(i, target));
      const poolTargetRows = poolRows.filter((i) => has(i, target));
      const pool = poolTargetRows.length >= MIN_POOL_ROWS ? {
        model: fitPoolModel(
          poolTargetRows.map((i) => prepared[i].features),
          poolTargetRows.map((i) => values[i]),
          LOG_LINEAR_FEATURES.map(featureIndex),
          deriveSeed(seed, `${key}/${target}/pool`)
        ),
        types: [...new Set(poolTargetRows.map((i) => prepared[i].row.type))].sort(),
        rows: poolTargetRows.length
      } : void 0;
      used.push(rows);
      outputs.push(yield* fitOutput(key, target, column, rows, prepared, values, options, seed, folds, pool));
    }
    const file = `${key}.onnx`;
    files.set(
      file,
      exportRegressors(
        outputs.map((o) => o.model),
        FEATURE_NAMES.length,
        safeName(key)
      )
    );
    models.set(
      key,
      outputs.map((o) => o.model)
    );
    outputs.forEach(
      (o, t) => used[t].forEach((row, j) => {
        if (key !== "others" || !ownTypes.includes(prepared[row].row.type))
          outOfFold.get(targets[t])[row] = o.oof[j];
      })
    );
    done += 1;
    options.onProgress?.({
      key,
      done,
      total: ownTypes.length + 1,
      rows: indices.length,
      folds,
      outputs: outputs.map((o) => ({
        target: o.spec.target,
        method: o.spec.method,
        medianApePct: o.spec.accuracy.kfold.medianApePct
      }))
    });
    return {
      model: file,
      features: FEATURE_NAMES,
      rows: indices.length,
      // Over the rows every output was fitted on, so that a kernel inside the range is inside each
      // output's data (the rows of a regressor, unless one target lacks values on some of them).
      trainingRange: trainingRange(rangeRows(indices, used).map((i) => prepared[i].features)),
      outputs: outputs.map((o) => o.spec)
    };
  }
  const kernels = {};
  for (const type of ownTypes) {
    kernels[type] = yield* fitKey(type, byType.get(type));
  }
  const others = yield* fitKey(
    "others",
    prepared.map((_, i) => i)
  );
  const overall = {};
  for (const target of targets) {
    const rows = prepared.flatMap((_, i) => has(i, target) ? [i] : []);
    overall[target] = roundFigures(
      accuracyFigures(
        rows.map((i) => measured.get(target)[i]),
        rows.map((i) => outOfFold.get(target)[i])
      )
    );
  }
  const leftOutNotes = targets.flatMap((target) => {
    const without = prepared.filter((_, i) => !has(i, target)).length;
    return without === 0 ? [] : [
      `${target} is trained and cross-validated on the ${prepared.length - without} rows with ${TARGET_COLUMNS[target]}; ${without} row${without === 1 ? "" : "s"} without one ${without === 1 ? "is" : "are"} left out of it.`
    ];
  });
  const fallbackTypes = [...byType.keys()].filter((t) => !ownTypes.includes(t)).sort();
  const threads = options.threads !== void 0 ? options.threads : commonThreads(options.rows);
  const manifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id,
    device: options.device,
    ...options.deviceName !== void 0 ? { deviceName: options.deviceName } : {},
    processor: options.processor,
    runtime: options.runtime ?? { name: "unknown", delegate: options.processor },
    threads,
    fusionRules: { name: "deepen2023", version: DEFAULT_RULES.version },
    targets,
    featureUnits: Object.fromEntries(PREDICTOR_FEATURES.map((f) => [f.name, f.unit])),
    kernels,
    others,
    provenance: {
      kind: "trained",
      data: {
        description: options.dataDescription ?? `${prepared.length} measured kernels`,
        files: dataFiles(options.rows),
        rows: prepared.length,
        sha256: rowsDigest(options.rows),
        ...options.attribution !== void 0 ? { attribution: options.attribution } : {}
      },
      ...options.trainedAt !== void 0 ? { trainedAt: options.trainedAt } : {},
      command: options.command,
      kfold: { folds, seed, overall },
      ...options.heldOut && options.heldOut.length > 0 ? { heldOut: heldOutFigures(options.heldOut, targets, toKernel, models) } : {},
      notes: [
        `Per kernel type the method with the lowest ${folds}-fold median APE among ${METHOD_ORDER.join(", ")} (gbdt from ${options.minRowsForTrees ?? 20} rows) is shipped. The accuracy figures are nested ${folds}-fold: each fold is predicted by a method (and GBDT settings) chosen on the other folds only.`,
        ...fallbackTypes.length > 0 ? [
          `Too few rows for a regressor of their own (< ${minRows}), priced by 'others': ${fallbackTypes.join(", ")}.`
        ] : [],
        ...leftOutNotes,
        ...options.notes ?? []
      ]
    }
  };
  return {
    manifest,
    files,
    rows: options.rows,
    kernels: prepared.map((p) => p.kernel),
    features: prepared.map((p) => p.features),
    targets,
    measured,
    outOfFold,
    ownTypes,
    models,
    seed,
    folds
  };
}
function commonThreads(rows) {
  const first = rows[0]?.threads;
  return first !== void 0 && rows.every((r) => r.threads === first) ? first : null;
}
function dataFiles(rows) {
  const files = new Set(
    rows.map(
      (r) => isAbsolute(r.source.file) ? basename2(r.source.file) : r.source.file.split("\\").join("/")
    )
  );
  return [...files].sort();
}
function rowsDigest(rows) {
  const canonical = rows.map((r) => [
    r.id,
    r.type,
    Object.entries(r.config).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
    r.energyMj ?? null,
    r.latencyMs ?? null
  ]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
function safeName(type) {
  return type.replace(/[^a-zA-Z0-9]/g, "_");
}

// src/predict/train.ts
async function trainBundle(options) {
  const out = resolve3(options.out);
  checkTrainOptions(options);
  checkOutFolder(out);
  const steps = fitSteps(options);
  let fitted;
  while (!fitted) {
    const step = steps.next();
    if (step.done) fitted = step.value;
    else await new Promise((done) => setImmediate(done));
    if (options.signal?.aborted)
      throw new PredictorError("training stopped (interrupted); nothing was written", { file: out });
  }
  await writeBundle(out, fitted);
  return fitted.manifest;
}

// src/cli/train.ts
function registerTrain(program, run, argv) {
  program.command("train").description(
    "fit one regressor per kernel type on a kernel CSV (DeepEn2023 columns) and write a predictor bundle"
  ).requiredOption(
    "--data <csv>",
    "kernel measurements (the columns of data/deepen2023/kernels_cpu.csv, see docs/predictor-csv.md)"
  ).addOption(
    new Option(
      "--out <dir>",
      "bundle folder to write; its name is the bundle id, by convention <device>-<processor> (e.g. predictors/my-board-cpu)"
    ).argParser(parseOut).makeOptionMandatory()
  ).addOption(
    new Option("--device <id>", "device id the measurements come from").argParser(parseDevice).makeOptionMandatory()
  ).addOption(new Option("--processor <p>", "cpu or gpu").choices(["cpu", "gpu"]).makeOptionMandatory()).addOption(
    new Option("--target <t>", "what to predict (default: every target all rows have)").choices([
      "energy",
      "latency",
      "both"
    ])
  ).addOption(new Option("--seed <n>", "random seed, 0 to 4294967295 (default 1)").argParser(parseSeed)).addOption(
    new Option("--folds <n>", "k of the nested k-fold cross-validation, at least 2 (default 5)").argParser(
      parseFolds
    )
  ).option(
    "--trained-at <date>",
    "date recorded in the provenance (never read from the clock, so rebuilds are identical)"
  ).action(async (flags) => {
    const warn = (text) => run.io.stderr(`warning: ${text}
`);
    const settings = {
      out: flags.out,
      device: flags.device,
      ...flags.seed !== void 0 ? { seed: flags.seed } : {},
      ...flags.folds !== void 0 ? { folds: flags.folds } : {}
    };
    try {
      checkTrainOptions(settings);
      checkOutFolder(resolve4(flags.out));
      probeWritable(flags.out, "folder");
    } catch (error) {
      if (error instanceof PredictorError) {
        const flag = error.field === "device" ? `--device ${flags.device}` : `--out ${flags.out}`;
        throw new UsageError(`${flag}: ${error.problem}`);
      }
      throw error;
    }
    for (const text of bundleIdWarnings(basename3(resolve4(flags.out)), flags.device, flags.processor))
      warn(text);
    const read = readKernelCsv(flags.data);
    for (const text of read.warnings) warn(text);
    const trainable = trainableRows(read);
    for (const text of trainable.warnings) warn(text);
    const csv = trainable.csv;
    const choice = trainingTargets(csv, flags.target);
    for (const text of choice.warnings) warn(text);
    for (const text of rowCountWarnings(csv.rows, { ...settings, targets: choice.targets })) warn(text);
    const types = new Set(csv.rows.map((r) => r.type)).size;
    const folds = flags.folds ?? 5;
    run.io.stderr(
      `training ${choice.targets.join(" and ")} on ${csv.rows.length} rows of ${types} kernel type${types === 1 ? "" : "s"} (nested ${folds}-fold cross-validation: types with hundreds of rows take a minute or more)
`
    );
    const start = performance.now();
    let last = start;
    const status = progressLine(run.io);
    const state = { done: 0, total: void 0, rowsDone: 0 };
    const redraw = () => status.update(
      trainStatus({ ...state, rowsTotal: csv.rows.length, elapsedMs: performance.now() - start })
    );
    const ticker = run.io.interactive ? setInterval(redraw, 1e3) : void 0;
    const progress = (p) => {
      const now = performance.now();
      Object.assign(state, { done: p.done, total: p.total, rowsDone: state.rowsDone + p.rows });
      const figures = p.outputs.map((o) => `${o.target} ${o.medianApePct.toFixed(1)}% (${o.method})`).join(", ");
      const seconds = (now - last) / 1e3;
      const what = p.key === "others" ? `others (the fallback, fitted on all ${p.rows} rows)` : `${p.key} (${p.rows} rows)`;
      status.line(
        `  [${p.done}/${p.total}] ${what}: nested ${p.folds}-fold median APE ${figures}; ${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
      );
      last = now;
      redraw();
    };
    const info = deviceInfo(flags.device);
    const signal = run.io.signal;
    const manifest = await trainBundle({
      rows: csv.rows,
      ...info ? { deviceName: info.name } : {},
      processor: flags.processor,
      target: choice.targets.length === 2 ? "both" : choice.targets[0],
      ...settings,
      ...flags.trainedAt ? { trainedAt: flags.trainedAt } : {},
      command: ["model-energy", ...argv].join(" "),
      dataDescription: `${csv.rows.length} kernel measurements from ${basename3(flags.data)}`,
      toKernel: (row) => kernelFromConfig(row.type, row.config),
      onProgress: progress,
      ...signal ? { signal } : {}
    }).finally(() => {
      clearInterval(ticker);
      status.done();
    }).catch((error) => {
      if (!signal?.aborted || !(error instanceof PredictorError)) throw error;
      run.io.stderr(`error: ${error.message}
`);
      run.fail(EXIT_INTERRUPTED);
      return void 0;
    });
    if (!manifest) return;
    const overall = manifest.provenance.kfold?.overall;
    run.io.stdout(`wrote bundle '${manifest.id}' to ${resolve4(flags.out)}
`);
    run.io.stdout(`  ${predictsLine(choice, csv.rows.length)}
`);
    for (const [target, f] of Object.entries(overall ?? {})) {
      run.io.stdout(
        `  ${target}: k-fold over ${f.kernels} kernels: ${f.within10Pct.toFixed(1)}% within \xB110%, ${f.within20Pct.toFixed(1)}% within \xB120%, median APE ${f.medianApePct.toFixed(1)}%
`
      );
    }
    run.io.stdout(`use it: model-energy predict MODEL.onnx --predictors ${resolve4(flags.out, "..")}
`);
  });
}
function predictsLine(choice, rows) {
  const targets = choice.targets.map((t) => {
    const left = choice.leftOut[t]?.length ?? 0;
    return left === 0 ? t : `${t} (trained on ${rows - left} of ${rows} rows: ${left} without ${TARGET_COLUMNS[t]})`;
  });
  const missing = Object.values(choice.untrained);
  return missing.length === 0 ? `predicts ${targets.join(" and ")}` : `predicts ${targets.join(" and ")} only: ${missing.join("; ")}`;
}
function bundleIdWarnings(id, device, processor) {
  const expected = `${device}-${processor}`;
  const warnings = [];
  if (id !== expected && !id.startsWith(`${expected}-`)) {
    warnings.push(
      `the bundle id will be '${id}' (the --out folder's name), not '${expected}' (<device>-<processor>): reports name bundles by id and predict --device selects them by device ('${device}'), so a name that says another device or processor misleads; name the folder ${expected} unless that is what you want`
    );
  }
  const clash = DEVICES.find((d) => id === `${d.id}-cpu` || id === `${d.id}-gpu`);
  if (clash) {
    warnings.push(
      `'${id}' is the id of a default bundle (device ${clash.id}): with --predictors, this bundle replaces it`
    );
  }
  return warnings;
}
function parseOut(value) {
  const id = basename3(resolve4(value));
  if (!BUNDLE_ID_PATTERN.test(id)) {
    throw new InvalidArgumentError(
      `the folder's name '${id}' is the bundle id: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. predictors/my-board-cpu)`
    );
  }
  return value;
}
function parseDevice(value) {
  if (value.trim() === "") throw new InvalidArgumentError("the device id is empty");
  return value;
}
function parseFolds(value) {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 2)
    throw new InvalidArgumentError(`'${value}' is not an integer of at least 2 (k-fold needs two folds)`);
  return n;
}
function parseSeed(value) {
  const n = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(n) || n < 0 || n > 4294967295)
    throw new InvalidArgumentError(`'${value}' is not an integer from 0 to ${4294967295}`);
  return n;
}
export {
  bundleIdWarnings,
  predictsLine,
  registerTrain
};
