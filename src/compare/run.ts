import { analyzeBytes, type AnalyzeOptions } from '../analysis/analyze.js';
import { dimsFor } from '../config/budgets.js';
import type { ChangedPath } from '../git/changes.js';
import type { EnergyConfig } from '../config/types.js';
import { ModelLoadError } from '../onnx/types.js';
import { compareModel, type ModelVersions } from './compare.js';
import { priceAnalysis, type PricedModel, type RunTarget } from './price.js';
import type { ModelComparison, ModelStatus } from './types.js';

/** A model the comparison looks at: its path on each side and how it changed. */
export interface ModelChange {
  readonly status: ModelStatus;
  /** Head path (for a removed model: the path it had). */
  readonly path: string;
  /** Base path of a renamed model. */
  readonly previousPath?: string;
}

/** A git or API change as the comparison sees it (copies count as added, type changes as modified). */
export function toModelChange(c: ChangedPath): ModelChange {
  return {
    status:
      c.status === 'deleted'
        ? 'removed'
        : c.status === 'renamed'
          ? 'renamed'
          : c.status === 'modified'
            ? 'modified'
            : 'added',
    path: c.path,
    ...(c.status === 'renamed' && c.previousPath ? { previousPath: c.previousPath } : {}),
  };
}

/** Reads one side's bytes of a model; the comparison never knows whether they come from git or disk. */
export type ModelReader = (path: string) => Promise<Uint8Array>;

export interface ComparisonInputs {
  readonly changes: readonly ModelChange[];
  readonly readBase: ModelReader;
  readonly readHead: ModelReader;
  readonly targets: readonly RunTarget[];
  readonly config: EnergyConfig;
  /** Label of each side in messages (e.g. the short SHA), so a note says which version failed. */
  readonly baseLabel?: string;
  readonly headLabel?: string;
  /** Off in publish mode: no model bytes reach native code. */
  readonly runtimeFallback?: boolean;
  /**
   * Two files named by the user (the CLI's `compare OLD NEW`): a version that cannot be read or
   * analysed is an error (the ModelLoadError naming the file) instead of a note or a failed model.
   */
  readonly strict?: boolean;
}

/**
 * Analyses and prices base and head of every changed model with the same bundles in one run, and
 * compares them. A head that cannot be analysed is an error on that model (its budget fails); a base
 * that cannot be analysed is a note, and the head is then judged without a baseline (at least a
 * warning). With `strict`, either is thrown instead.
 */
export async function compareChanges(inputs: ComparisonInputs): Promise<ModelComparison[]> {
  const results: ModelComparison[] = [];
  for (const change of inputs.changes) {
    results.push(await compareChange(change, inputs));
  }
  return results;
}

async function compareChange(change: ModelChange, inputs: ComparisonInputs): Promise<ModelComparison> {
  const notes: string[] = [];
  const options = (path: string): AnalyzeOptions => ({
    dims: dimsFor(inputs.config, path),
    runtimeFallback: inputs.runtimeFallback ?? true,
  });
  let base: PricedModel | undefined;
  let head: PricedModel | undefined;
  let error: string | undefined;

  if (change.status !== 'added') {
    const basePath = change.previousPath ?? change.path;
    try {
      const bytes = await inputs.readBase(basePath);
      base = await priceAnalysis(await analyzeBytes(bytes, basePath, options(basePath)), inputs.targets);
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      notes.push(
        `the base version${inputs.baseLabel ? ` (${inputs.baseLabel})` : ''} could not be analysed, so there is no baseline: ${messageOf(e)}`,
      );
    }
  }
  if (change.status !== 'removed') {
    try {
      const bytes = await inputs.readHead(change.path);
      head = await priceAnalysis(
        await analyzeBytes(bytes, change.path, options(change.path)),
        inputs.targets,
      );
      const bound = Object.entries(head.analysis.boundDims);
      if (bound.length > 0)
        notes.push(`symbolic dims bound to ${bound.map(([k, v]) => `${k}=${v}`).join(', ')}`);
      if (head.analysis.shapesDecidedBy === 'runtime')
        notes.push('some shapes were decided by running the model once in onnxruntime');
    } catch (e) {
      if (!isModelProblem(e) || inputs.strict) throw e;
      // The model's path heads every line that shows the error; keep only the problem.
      const message = messageOf(e);
      error = message.startsWith(`${change.path}: `) ? message.slice(change.path.length + 2) : message;
    }
  }
  const versions: ModelVersions = {
    path: change.path,
    ...(change.previousPath ? { previousPath: change.previousPath } : {}),
    status: change.status,
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    notes,
    ...(error ? { error } : {}),
  };
  return compareModel(versions, inputs.targets, inputs.config);
}

function isModelProblem(e: unknown): boolean {
  return e instanceof ModelLoadError || (e instanceof Error && e.name === 'GitError');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
