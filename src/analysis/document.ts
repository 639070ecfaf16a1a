import type { Kernel } from '../kernels/types.js';
import type { ModelAnalysis } from './analyze.js';

/** Version of the `analyze --json` document; bumped on any incompatible change. */
export const ANALYSIS_SCHEMA_VERSION = 1;

export interface AnalysisKernelJson {
  readonly name: string;
  readonly type: Kernel['type'];
  readonly variant: Kernel['variant'];
  readonly nodes: readonly string[];
  readonly opTypes: readonly string[];
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShapes: readonly (readonly number[])[];
  readonly config: Kernel['config'];
  readonly features: Kernel['features'];
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  readonly bytes: number;
  readonly precision: Kernel['precision'];
}

/** The versioned JSON contract of `model-energy analyze --json` (see docs/architecture.md). */
export interface AnalysisDocument {
  readonly schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  readonly kind: 'analysis';
  readonly model: {
    readonly path: string;
    readonly format: ModelAnalysis['model']['format'];
    readonly opset: number;
    readonly irVersion: number;
    readonly producer: string;
    readonly fileBytes: number;
    readonly weightBytes: number;
  };
  readonly shapes: {
    readonly decidedBy: 'static' | 'runtime';
    readonly dims: Readonly<Record<string, number>>;
  };
  readonly totals: ModelAnalysis['totals'];
  readonly precision: ModelAnalysis['precision'];
  readonly kernels: readonly AnalysisKernelJson[];
  readonly folded: ModelAnalysis['folded'];
  readonly warnings: readonly string[];
}

export function analysisDocument(a: ModelAnalysis): AnalysisDocument {
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    kind: 'analysis',
    model: a.model,
    shapes: { decidedBy: a.shapesDecidedBy, dims: a.boundDims },
    totals: a.totals,
    precision: a.precision,
    kernels: a.kernels.map((k) => ({
      name: k.name,
      type: k.type,
      variant: k.variant,
      nodes: k.nodes,
      opTypes: k.opTypes,
      inputShapes: k.inputShapes,
      outputShapes: k.outputShapes,
      config: k.config,
      features: k.features,
      macs: k.macs,
      flops: k.flops,
      params: k.params,
      bytes: k.bytes,
      precision: k.precision,
    })),
    folded: a.folded,
    warnings: a.warnings,
  };
}
