import { evaluateTree, type RegressionTree } from './tree.js';

/**
 * A fitted tree ensemble, as ONNX's TreeEnsembleRegressor runs it: aggregate the trees' leaf values
 * (sum for boosting, average for a forest), add the base value and an optional linear term on the
 * features, then exponentiate when the ensemble was fitted on log(target).
 */
export interface TreeEnsembleModel {
  readonly kind: 'tree-ensemble';
  readonly trees: readonly RegressionTree[];
  readonly aggregate: 'SUM' | 'AVERAGE';
  readonly baseValue: number;
  /** A linear term added before the exponential (boosting starts from a log-log fit). */
  readonly linear?: { readonly featureIndices: readonly number[]; readonly coefficients: readonly number[] };
  readonly logTarget: boolean;
}

export function predictEnsemble(model: TreeEnsembleModel, row: readonly number[]): number {
  let sum = 0;
  for (const tree of model.trees) sum += evaluateTree(tree, row);
  if (model.aggregate === 'AVERAGE' && model.trees.length > 0) sum /= model.trees.length;
  let raw = model.baseValue + sum;
  if (model.linear) {
    model.linear.featureIndices.forEach((f, j) => {
      raw += model.linear!.coefficients[j]! * Math.fround(row[f]!);
    });
  }
  return model.logTarget ? Math.exp(raw) : raw;
}
