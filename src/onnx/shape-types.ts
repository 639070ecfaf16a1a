import type { ConstValues, DataType } from './types.js';

/**
 * How a value's shape was decided. 'assumed': the output of an op without a shape rule, taken to keep
 * the shape of its one activation input (see ShapeResult.assumingPassThrough).
 */
export type ShapeSource = 'declared' | 'static' | 'runtime' | 'assumed';

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
  /**
   * Constants (`constant: true`) that are runtime data following a symbolic dim: float values computed
   * from the shape of a value with a symbolic dim (a zero state ConstantOfShape sized by a dynamic
   * batch), and whatever is computed from them, that change when the symbolic dims do. Known here for
   * the bound dims, but a runtime cannot fold them when it loads the model, so work on them is work at
   * each inference. Integer shape arithmetic, and values that come out the same at other sizes (a scale
   * read from a static dim), are not listed.
   */
  readonly boundConstants?: ReadonlySet<string>;
  /** The nodes whose outputs are unresolved for a reason of their own (not because an input is unknown). */
  readonly undecided?: readonly UndecidedNode[];
  /**
   * Inference run again assuming that every op without a shape rule that has one activation input and
   * one output keeps that input's shape and type (elementwise-like), each assumption noted in its
   * warnings. Present only when some unresolved value comes from such an op: the last resort for when
   * onnxruntime cannot decide the shapes.
   */
  readonly assumingPassThrough?: ShapeResult;
}

/** A node whose outputs no shape rule, value_info or assumption decided. */
export interface UndecidedNode {
  readonly name: string;
  /** `domain:OpType` for custom domains, `OpType` for the default one. */
  readonly op: string;
  /** True when there is no shape rule for the op (custom domain, or unknown in the default domain). */
  readonly unknownOp: boolean;
  /** Its outputs whose shapes are unknown. */
  readonly outputs: readonly string[];
  readonly reason: string;
}
