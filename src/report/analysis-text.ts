import type { ModelAnalysis } from '../analysis/analyze.js';
import { describePrecision } from '../kernels/precision.js';
import { chainLines } from './lines.js';
import { compact, tableLines, wrap, type Column } from './text-table.js';

type Kernel = ModelAnalysis['kernels'][number];

/**
 * The kernel table's columns; a new column is one entry here. Cells are made twice per row (the
 * widths, then the lines) and the kernels of a deep network repeat a few values, so the formatted
 * numbers, variants and shape lists are kept per value (variants and shape lists are shared between
 * kernels: detect.ts).
 */
function kernelColumns(): readonly Column<Kernel>[] {
  const count = remembered((n: number) => compact(n));
  const bytes = remembered((n: number) => compact(n, 'B'));
  const variant = remembered(variantText);
  const output = remembered((shapes: Kernel['outputShapes']) => shapes.map((s) => s.join('x')).join(' '));
  return [
    { header: 'kernel', value: (k) => k.name, min: 12, shrink: 3 },
    { header: 'type', value: (k) => k.type },
    { header: 'variant', value: (k) => variant(k.variant), optional: 1 },
    { header: 'precision', value: (k) => k.precision, optional: 4 },
    { header: 'output', value: (k) => output(k.outputShapes), min: 12, shrink: 1, optional: 2 },
    { header: 'MACs', align: 'r', value: (k) => count(k.macs) },
    { header: 'FLOPs', align: 'r', value: (k) => count(k.flops), optional: 3 },
    { header: 'params', align: 'r', value: (k) => count(k.params) },
    { header: 'bytes', align: 'r', value: (k) => bytes(k.bytes) },
  ];
}

/** `make`, remembering its results for the last few thousand keys. */
function remembered<K, V>(make: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= 4096) known.clear();
      value = make(key);
      known.set(key, value);
    }
    return value;
  };
}

/** The readable per-kernel table `model-energy analyze` prints, fitted to `width` columns. */
export function renderAnalysisText(a: ModelAnalysis, width = 80): string {
  return Array.from(analysisTextLines(a, width)).join('\n');
}

/** The lines of `renderAnalysisText`, one at a time (a model of 10^6 kernels is written as it goes). */
export function analysisTextLines(a: ModelAnalysis, width = 80): Iterable<string> {
  const t = a.totals;
  const prose = (text: string): string[] => wrap(text, width, '  ');
  const dims = Object.entries(a.boundDims);
  return chainLines([
    prose(
      `${a.model.path}  (${a.model.format === 'onnx' ? `ONNX opset ${a.model.opset}` : 'TFLite'}, ${a.model.producer || 'unknown producer'}, shapes: ${a.model.format === 'tflite' ? 'declared' : a.shapesDecidedBy}, precision: ${describePrecision(a.precision)})`,
    ),
    [''],
    tableLines(kernelColumns(), a.kernels, width),
    [''],
    prose(
      `total: ${count(t.kernels, 'kernel')}, ${compact(t.macs)} MACs, ${compact(t.flops)} FLOPs, ${compact(t.params)} params, ${compact(t.bytes, 'B')} memory traffic; ${count(a.folded.length, 'node')} folded`,
    ),
    dims.length > 0 ? prose(`dims: ${dims.map(([k, v]) => `${k}=${v}`).join(', ')}`) : [],
    ...a.warnings.map((w) => prose(`warning: ${w}`)),
  ]);
}

/** "1 node", "3 nodes". */
function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

function variantText(v: Kernel['variant']): string {
  const parts: string[] = [];
  if (v.activation && v.activation !== 'none') parts.push(v.activation);
  if (v.bn && v.bn !== 'none') parts.push(`bn:${v.bn}`);
  if (v.bias) parts.push('bias');
  if (v.note) parts.push(v.note);
  return parts.join(',');
}
