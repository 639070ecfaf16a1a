import type * as Ort from 'onnxruntime-node';

export type OrtModule = typeof Ort;

let loading: Promise<OrtModule> | undefined;

/**
 * onnxruntime-node, loaded on first use: analysis never needs it, so `analyze` starts fast and works
 * on platforms whose native runtime is not shipped (the bundled action carries linux-x64 and -arm64).
 */
export function loadOrt(): Promise<OrtModule> {
  loading ??= import('onnxruntime-node');
  return loading;
}
