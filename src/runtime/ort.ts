import type * as Ort from 'onnxruntime-node';

/** onnxruntime-node's exports (TypeScript adds to a CommonJS package's namespace a default, itself). */
export type OrtModule = Omit<typeof Ort, 'default'>;

let loading: Promise<OrtModule> | undefined;

/**
 * onnxruntime-node, loaded on first use: analysis never needs it, so `analyze` starts fast and works
 * on platforms whose native runtime is not shipped (the bundled action carries linux-x64 and -arm64).
 */
export function loadOrt(): Promise<OrtModule> {
  // The package is CommonJS: Node and both bundles give its exports as the default export (the split
  // CLI's chunk of a CommonJS package exports nothing else); tsx, seeing __esModule, as the namespace.
  loading ??= import('onnxruntime-node').then((m) => (m.default as OrtModule | undefined) ?? m);
  return loading;
}
