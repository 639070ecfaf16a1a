import type { TfliteSubgraph } from './types.js';

/**
 * The trip count of a WHILE whose condition compares loop variables with constants (`i < N`, as the
 * converter writes Keras' RNN loops) and whose body steps those variables by a constant: the smallest
 * count among the compared variables. Undefined when the pattern does not hold.
 */
export function staticTripCount(
  cond: TfliteSubgraph,
  body: TfliteSubgraph,
  initial: readonly (number | undefined)[],
): number | undefined {
  const inputPos = new Map(cond.inputs.map((t, i) => [t, i] as const));
  const constOf = (sg: TfliteSubgraph, t: number | undefined): number | undefined =>
    t === undefined || t < 0 ? undefined : sg.tensors[t]?.values?.[0];
  let best: number | undefined;
  for (const op of cond.operators) {
    if (op.opcode !== 'LESS' && op.opcode !== 'LESS_EQUAL') continue;
    const pos = inputPos.get(op.inputs[0] ?? -1);
    if (pos === undefined) continue;
    const bound = constOf(cond, op.inputs[1]) ?? initial[inputPos.get(op.inputs[1] ?? -1) ?? -1];
    const start = initial[pos];
    const step = bodyStep(body, pos);
    if (bound === undefined || start === undefined || step === undefined || step <= 0) continue;
    const n = Math.max(0, Math.ceil((bound - start + (op.opcode === 'LESS_EQUAL' ? 1 : 0)) / step));
    best = best === undefined ? n : Math.min(best, n);
  }
  return best;
}

/** The constant by which the body adds to loop variable `pos` (output pos = input pos + c). */
function bodyStep(body: TfliteSubgraph, pos: number): number | undefined {
  const input = body.inputs[pos];
  const output = body.outputs[pos];
  for (const op of body.operators) {
    if (op.opcode !== 'ADD' || op.outputs[0] !== output) continue;
    const [a, b] = op.inputs;
    const other = a === input ? b : b === input ? a : undefined;
    const c = other === undefined ? undefined : body.tensors[other]?.values?.[0];
    if (c !== undefined) return c;
  }
  return undefined;
}
