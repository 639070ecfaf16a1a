import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  loadOrt
} from "./cli-CWVU76GI.mjs";
import {
  PredictorError
} from "./cli-F4FCAN3U.mjs";

// src/predict/session.ts
var SESSION_OPTIONS = {
  // Regressors are small; one thread avoids pool start-up and contention with the caller.
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
  logSeverityLevel: 3
};
var SessionPool = class {
  sessions = /* @__PURE__ */ new Map();
  /** The session of a file, created on first request. A failed creation is not cached. */
  get(file) {
    let pending = this.sessions.get(file);
    if (!pending) {
      pending = createSession(file);
      this.sessions.set(file, pending);
      pending.catch(() => this.sessions.delete(file));
    }
    return pending;
  }
  /**
   * Runs a model on rows x features (row-major float32) and returns its output, row-major [rows, columns].
   * Checks the input width against the manifest's feature list and the output's shape.
   */
  async run(file, input, rows, features) {
    const s = await this.get(file);
    if (s.featureCount !== void 0 && s.featureCount !== features) {
      throw new PredictorError(
        `feature-count mismatch: the model's input '${s.inputName}' takes ${s.featureCount} features, the manifest lists ${features}`,
        { file }
      );
    }
    let result;
    try {
      const { Tensor } = await loadOrt();
      result = await s.session.run({ [s.inputName]: new Tensor("float32", input, [rows, features]) });
    } catch (error) {
      throw new PredictorError(
        `onnxruntime failed to run the model: ${error.message}`,
        { file },
        { cause: error }
      );
    }
    const output = result[s.outputName];
    if (!output || output.type !== "float32") {
      throw new PredictorError(`output '${s.outputName}' is not a float32 tensor`, { file });
    }
    const dims = output.dims;
    const columns = dims.length === 1 ? 1 : dims.length === 2 ? dims[1] : -1;
    if (columns < 1 || dims[0] !== rows) {
      throw new PredictorError(
        `output '${s.outputName}' has shape [${dims.join(", ")}]; expected [${rows}, columns]`,
        { file }
      );
    }
    return { data: output.data, columns };
  }
  /** Releases every session (tests, long-running hosts). */
  async release() {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const pending of all) {
      const s = await pending.catch(() => void 0);
      if (s) await s.session.release();
    }
  }
  get size() {
    return this.sessions.size;
  }
};
async function createSession(file) {
  let session;
  try {
    const { InferenceSession } = await loadOrt();
    session = await InferenceSession.create(file, SESSION_OPTIONS);
  } catch (error) {
    throw new PredictorError(
      `onnxruntime cannot load the model: ${error.message}`,
      { file },
      { cause: error }
    );
  }
  if (session.inputNames.length !== 1) {
    throw new PredictorError(
      `a regressor must have exactly one input (float32 [N, F]); this one has ${session.inputNames.length}`,
      {
        file
      }
    );
  }
  const input = session.inputMetadata[0];
  if (input?.isTensor !== true || input.type !== "float32") {
    throw new PredictorError(`input '${session.inputNames[0]}' must be a float32 tensor [N, F]`, { file });
  }
  if (input.shape.length !== 0 && input.shape.length !== 2) {
    throw new PredictorError(
      `input '${input.name}' must have rank 2 ([N, F]); it has rank ${input.shape.length}`,
      { file }
    );
  }
  const width = input.shape.length === 2 ? input.shape[1] : void 0;
  const outputName = session.outputNames[0];
  if (outputName === void 0) throw new PredictorError("the model has no output", { file });
  return {
    file,
    inputName: input.name,
    outputName,
    featureCount: typeof width === "number" && width > 0 ? width : void 0,
    session
  };
}
var defaultSessionPool = new SessionPool();

export {
  SessionPool,
  defaultSessionPool
};
