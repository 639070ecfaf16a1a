import { ModelBuilder, floats, type GraphBuilder } from '../onnx/builder.js';
import { DataType } from '../onnx/types.js';
import type { ClosedFormModel } from './closed-form.js';
import type { TreeEnsembleModel } from './ensemble.js';
import type { RegressorModel } from './models.js';

/**
 * Exports fitted regressors to ONNX, in the layout scikit-learn models take through skl2onnx: one input
 * 'X' float32 [N, F], one output 'variable' float32 [N, T] with one column per target (energy in mJ,
 * latency in ms), already in the target's unit (log-target ensembles end in Exp).
 * Tree ensembles become ai.onnx.ml TreeEnsembleRegressor (ai.onnx.ml opset 3, the newest opset where
 * onnxruntime still runs that operator); closed forms become MatMul + Add (after Pow where a term has
 * an exponent).
 */
export const INPUT_NAME = 'X';
export const OUTPUT_NAME = 'variable';
export const ONNX_OPSET = 13;
export const ONNX_ML_OPSET = 3;

export function exportRegressors(
  models: readonly RegressorModel[],
  featureCount: number,
  name = 'regressor',
): Uint8Array {
  if (models.length === 0) throw new Error('exportRegressors: no model to export');
  const builder = new ModelBuilder({
    opset: ONNX_OPSET,
    opsets: { 'ai.onnx.ml': ONNX_ML_OPSET },
    producer: 'model-energy-check',
  });
  builder.input(INPUT_NAME, DataType.FLOAT, ['N', featureCount]);
  const columns = models.map((model, i) => {
    const prefix = `${name}_${i}`;
    return model.kind === 'tree-ensemble'
      ? addTreeEnsemble(builder, INPUT_NAME, model, featureCount, prefix)
      : addClosedForm(builder, INPUT_NAME, model, featureCount, prefix);
  });
  if (columns.length === 1) {
    builder.node('Identity', [columns[0]!], {}, { name: `${name}_output`, outputNames: [OUTPUT_NAME] });
  } else {
    builder.node('Concat', columns, { axis: 1 }, { name: `${name}_output`, outputNames: [OUTPUT_NAME] });
  }
  builder.output(OUTPUT_NAME, DataType.FLOAT, ['N', models.length]);
  return builder.encode();
}

/** Adds a TreeEnsembleRegressor (plus linear term and Exp where the model has them); returns [N, 1]. */
export function addTreeEnsemble(
  graph: GraphBuilder,
  input: string,
  model: TreeEnsembleModel,
  featureCount: number,
  prefix: string,
): string {
  let raw: string;
  if (model.trees.length > 0) {
    raw = graph.node('TreeEnsembleRegressor', [input], treeAttributes(model), {
      name: `${prefix}_trees`,
      domain: 'ai.onnx.ml',
      outputNames: [`${prefix}_trees_out`],
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
      `${prefix}_linear`,
    );
    raw = graph.node('Add', [raw, linear], {}, { name: `${prefix}_sum`, outputNames: [`${prefix}_sum_out`] });
  }
  if (!model.logTarget) return raw;
  return graph.node('Exp', [raw], {}, { name: `${prefix}_exp`, outputNames: [`${prefix}_exp_out`] });
}

export function addClosedForm(
  graph: GraphBuilder,
  input: string,
  model: ClosedFormModel,
  featureCount: number,
  prefix: string,
): string {
  let features = input;
  if (model.exponents?.some((e) => e !== 1)) {
    const powers = new Array<number>(featureCount).fill(1);
    model.featureIndices.forEach((f, j) => {
      powers[f] = model.exponents![j]!;
    });
    const exponent = graph.weight(`${prefix}_exponents`, [featureCount], powers);
    features = graph.node(
      'Pow',
      [input, exponent],
      {},
      { name: `${prefix}_pow`, outputNames: [`${prefix}_pow_out`] },
    );
  }
  return addLinear(
    graph,
    features,
    model.featureIndices,
    model.coefficients,
    model.intercept,
    featureCount,
    prefix,
  );
}

/** X [N, F] . w [F, 1] + bias, with w zero except at the given feature indices. */
function addLinear(
  graph: GraphBuilder,
  input: string,
  featureIndices: readonly number[],
  coefficients: readonly number[],
  bias: number,
  featureCount: number,
  prefix: string,
): string {
  const weights = new Array<number>(featureCount).fill(0);
  featureIndices.forEach((f, j) => {
    weights[f] = weights[f]! + coefficients[j]!;
  });
  const w = graph.weight(`${prefix}_w`, [featureCount, 1], weights);
  const b = graph.weight(`${prefix}_b`, [1], [bias]);
  const product = graph.node(
    'MatMul',
    [input, w],
    {},
    { name: `${prefix}_matmul`, outputNames: [`${prefix}_matmul_out`] },
  );
  return graph.node('Add', [product, b], {}, { name: `${prefix}_add`, outputNames: [`${prefix}_out`] });
}

function treeAttributes(model: TreeEnsembleModel): Parameters<GraphBuilder['node']>[2] {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const targetTreeIds: number[] = [];
  const targetNodeIds: number[] = [];
  const targetWeights: number[] = [];
  model.trees.forEach((tree, t) => {
    tree.left.forEach((left, n) => {
      const leaf = left === -1;
      treeIds.push(t);
      nodeIds.push(n);
      featureIds.push(leaf ? 0 : tree.feature[n]!);
      values.push(leaf ? 0 : tree.threshold[n]!);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      trueIds.push(leaf ? 0 : left);
      falseIds.push(leaf ? 0 : tree.right[n]!);
      if (leaf) {
        targetTreeIds.push(t);
        targetNodeIds.push(n);
        targetWeights.push(tree.value[n]!);
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
    post_transform: 'NONE',
    aggregate_function: model.aggregate,
  };
}
