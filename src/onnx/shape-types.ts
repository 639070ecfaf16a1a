import type { ConstValues, DataType } from './types.js';

/** How a value's shape was decided. */
export type ShapeSource = 'declared' | 'static' | 'runtime';

/** The inferred type of one value: concrete dims (symbolic dims already bound) and, for small constants, values. */
export interface TensorShape {
  readonly dataType: DataType;
  readonly shape: readonly number[];
  /** Values, when the value is a compile-time constant small enough to keep (shape arithmetic). */
  readonly value?: ConstValues;
  /** True when the value is a constant (initializer, Constant node, or folded from constants). */
  readonly constant: boolean;
  readonly source: ShapeSource;
}

export interface ShapeOptions {
  /** Values for symbolic dims, e.g. { batch: 4 }. Unnamed or unlisted dims default to 1. */
  readonly dims?: Readonly<Record<string, number>>;
}

export interface ShapeResult {
  readonly shapes: ReadonlyMap<string, TensorShape>;
  /** 'static' when inference alone decided every shape; 'runtime' when onnxruntime had to run the model. */
  readonly decidedBy: 'static' | 'runtime';
  /** Values no path could decide (their kernels are still listed, with unknown shapes). */
  readonly unresolved: readonly string[];
  readonly warnings: readonly string[];
  /** Symbolic dims and the values they were bound to. */
  readonly boundDims: Readonly<Record<string, number>>;
}
