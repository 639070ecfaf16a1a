import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const MODELS_DIR = join(FIXTURES, 'models');

export interface ReferenceEntry {
  file: string;
  input_shape: number[];
  opset: number;
  dynamic_batch: boolean;
  bn_folded: boolean;
  macs: number;
  torch_params: number;
  onnx_params: number;
  nodes: number;
  op_counts: Record<string, number>;
  bytes: number;
}

/** reference.json: MACs counted on the PyTorch modules, params and op histograms of the exports. */
export const REFERENCE = JSON.parse(readFileSync(join(MODELS_DIR, 'reference.json'), 'utf8')) as Record<
  string,
  ReferenceEntry
>;

export const MODEL_NAMES = Object.keys(REFERENCE);

/** Path of a gzip'd fixture model (the decoder reads .gz directly). */
export function modelPath(name: string): string {
  return join(MODELS_DIR, `${name}.onnx.gz`);
}

/** The plain ONNX bytes of a fixture model. */
export function modelBytes(name: string): Buffer {
  return gunzipSync(readFileSync(modelPath(name)));
}
