import type { ModelAnalysis } from '../analysis/analyze.js';
import { describePrecision } from '../kernels/precision.js';
import { compact, textTable } from './text-table.js';

/** The readable per-kernel table `model-energy analyze` prints. */
export function renderAnalysisText(a: ModelAnalysis): string {
  const rows = a.kernels.map((k) => [
    k.name,
    k.type,
    variantText(k.variant),
    k.precision,
    k.outputShapes.map((s) => s.join('x')).join(' '),
    compact(k.macs),
    compact(k.flops),
    compact(k.params),
    compact(k.bytes, 'B'),
  ]);
  const t = a.totals;
  const lines = [
    `${a.model.path}  (${a.model.format === 'onnx' ? `ONNX opset ${a.model.opset}` : 'TFLite'}, ${a.model.producer || 'unknown producer'}, shapes: ${a.model.format === 'tflite' ? 'declared' : a.shapesDecidedBy}, precision: ${describePrecision(a.precision)})`,
    '',
    textTable(
      ['kernel', 'type', 'variant', 'precision', 'output', 'MACs', 'FLOPs', 'params', 'bytes'],
      rows,
      ['l', 'l', 'l', 'l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `total: ${count(t.kernels, 'kernel')}, ${compact(t.macs)} MACs, ${compact(t.flops)} FLOPs, ${compact(t.params)} params, ${compact(t.bytes, 'B')} memory traffic; ${count(a.folded.length, 'node')} folded`,
  ];
  const dims = Object.entries(a.boundDims);
  if (dims.length > 0) lines.push(`dims: ${dims.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const w of a.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

/** "1 node", "3 nodes". */
function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

function variantText(v: ModelAnalysis['kernels'][number]['variant']): string {
  const parts: string[] = [];
  if (v.activation && v.activation !== 'none') parts.push(v.activation);
  if (v.bn && v.bn !== 'none') parts.push(`bn:${v.bn}`);
  if (v.bias) parts.push('bias');
  if (v.note) parts.push(v.note);
  return parts.join(',');
}
