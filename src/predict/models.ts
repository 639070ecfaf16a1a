import { predictClosedForm, type ClosedFormModel } from './closed-form.js';
import { predictEnsemble, type TreeEnsembleModel } from './ensemble.js';

/** A fitted regressor of one target, in memory (what export.ts turns into ONNX). */
export type RegressorModel = TreeEnsembleModel | ClosedFormModel;

export function predictModel(model: RegressorModel, row: readonly number[]): number {
  return model.kind === 'tree-ensemble' ? predictEnsemble(model, row) : predictClosedForm(model, row);
}
