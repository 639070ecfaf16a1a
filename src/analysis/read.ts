/**
 * The reading seam: one entry for every model file. The format is chosen by sniffing the bytes (after
 * inflating gzip), never by the name alone; each reader produces the same IR (src/onnx/types.ts).
 * Adding a format is one entry in READERS plus its reader.
 *
 *   ONNX protobuf        src/onnx/decode.ts
 *   TFLite flatbuffer    src/tflite/decode.ts + src/tflite/lower.ts   ('TFL3' at byte 4)
 *   gzip of either       inflated first (src/onnx/source.ts)
 *   Git LFS pointer      a one-line error with the fix
 *   formats we do not read (PyTorch, Keras, SavedModel, Core ML, ExecuTorch): a one-line error naming
 *   the format and how to get a supported file
 */
import { basename } from 'node:path';
import { decodeModelSource } from '../onnx/decode.js';
import { bufferSource, inflateModel, readFileSource, type ByteSource } from '../onnx/source.js';
import { ModelLoadError, type ModelFormat, type ModelIR } from '../onnx/types.js';

interface Reader {
  readonly format: ModelFormat;
  /** True when the first bytes are this format's (a cheap check, no decoding). */
  readonly sniff: (head: Uint8Array) => boolean;
  /** The reader, loaded when a file of the format is met: an ONNX file never parses the TFLite reader. */
  readonly load: () => Promise<(source: ByteSource, path: string) => ModelIR>;
}

const READERS: readonly Reader[] = [
  {
    format: 'tflite',
    sniff: (head) => ascii(head, 4, 8) === 'TFL3',
    load: async () => {
      const [{ decodeTfliteSource }, { lowerTflite }] = await Promise.all([
        import('../tflite/decode.js'),
        import('../tflite/lower.js'),
      ]);
      return (source, path) => lowerTflite(decodeTfliteSource(source, path));
    },
  },
  // ONNX has no magic number: it is the protobuf every other sniff leaves.
  { format: 'onnx', sniff: () => true, load: () => Promise.resolve(decodeModelSource) },
];

/** Reads a model file of any supported format (plain or gzip'd). Errors are ModelLoadError naming the file. */
export function readModelFile(path: string): Promise<ModelIR> {
  return readFileSource(path, (source) => readSource(source, path));
}

/** Reads model bytes held in memory (a blob from git, a generated model); gzip'd bytes are inflated. */
export function readModelBuffer(bytes: Uint8Array, path: string): Promise<ModelIR> {
  return readSource(bufferSource(inflateModel(bytes, path)), path);
}

/** The format of model bytes (already inflated), or a ModelLoadError for what no reader takes. */
export function sniffFormat(head: Uint8Array, path: string): ModelFormat {
  const unsupported = unsupportedFormat(head, path);
  if (unsupported) throw new ModelLoadError(path, unsupported);
  return READERS.find((r) => r.sniff(head))!.format;
}

async function readSource(source: ByteSource, path: string): Promise<ModelIR> {
  if (source.size === 0) throw new ModelLoadError(path, 'the file is empty');
  const head = source.read(0, Math.min(512, source.size));
  const format = sniffFormat(head, path);
  const read = await READERS.find((r) => r.format === format)!.load();
  return read(source, path);
}

/** The formats read, as a user is told them (errors, CLI help). */
export const READ_FORMATS = 'ONNX (.onnx) or TFLite/LiteRT (.tflite), plain or gzip-compressed';

const SUPPORTED = `model-energy reads model files in ${READ_FORMATS}`;

/**
 * Formats that are not read, with the way to a supported file. Content decides where it can (zip,
 * pickle, HDF5, ExecuTorch's flatbuffer id); protobuf formats with no magic number go by their name.
 */
function unsupportedFormat(head: Uint8Array, path: string): string | undefined {
  const text = ascii(head, 0, head.length);
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (text.startsWith('version https://git-lfs.github.com/spec/'))
    return 'this is a Git LFS pointer, not the model: fetch LFS objects (actions/checkout with `lfs: true`, or `git lfs pull`)';
  const torch = `export it with torch.onnx.export (or to TFLite with ai-edge-torch); ${SUPPORTED}`;
  const keras = `convert it with tf.lite.TFLiteConverter.from_keras_model (or to ONNX with tf2onnx); ${SUPPORTED}`;
  if (text.startsWith('PK\x03\x04')) {
    if (name.endsWith('.keras') || text.includes('config.json') || text.includes('metadata.json'))
      return `this is a Keras .keras archive: ${keras}`;
    if (name.endsWith('.mlpackage') || text.includes('Manifest.json'))
      return `this is a Core ML package: ${SUPPORTED}; convert the source model instead`;
    return `this is a zip archive (a PyTorch .pt/.pth checkpoint or TorchScript file, by its layout): ${torch}`;
  }
  if (head[0] === 0x80 && head[1] !== undefined && head[1] >= 2 && head[1] <= 5)
    return `this is a Python pickle (a legacy PyTorch checkpoint): ${torch}`;
  if (text.startsWith('\x89HDF\r\n\x1a\n')) return `this is a Keras HDF5 (.h5) model: ${keras}`;
  if (/^ET\d\d$/.test(ascii(head, 4, 8)))
    return `this is an ExecuTorch program (.pte): export the PyTorch model with torch.onnx.export instead; ${SUPPORTED}`;
  if (name.endsWith('.pb') || name.endsWith('.pbtxt'))
    return `this is a TensorFlow SavedModel/GraphDef (.pb): convert it with tf.lite.TFLiteConverter.from_saved_model (or tf2onnx); ${SUPPORTED}`;
  if (name.endsWith('.binarypb'))
    return `this is a MediaPipe graph config (.binarypb), not a model: analyse the .tflite files it runs; ${SUPPORTED}`;
  if (text.startsWith('\0asm')) return `this is a WebAssembly module, not a model; ${SUPPORTED}`;
  if (name.endsWith('.mlmodel'))
    return `this is a Core ML model (.mlmodel): ${SUPPORTED}; convert the source model instead (coremltools does not export ONNX)`;
  if (/^[\s{[<#a-zA-Z]/.test(text) && /^[\t\n\r\x20-\x7e]*$/.test(text))
    return `this is a text file, not a model; ${SUPPORTED}`;
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString('latin1');
}
