/**
 * TF "same" padding for the kernel models measure builds. Apart from kernel-model.ts (which builds
 * with protobufjs) so that the catalog's generators, loaded by every analysis, do not load protobufjs.
 */

/** TF "same" padding along one axis: [begin, end]. */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

export function sameAttrs(hw: number, kernel: number, stride: number) {
  const [begin, end] = samePadding(hw, kernel, stride);
  return { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [begin, begin, end, end] };
}
