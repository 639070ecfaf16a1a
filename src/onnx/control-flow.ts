import { indexGraph } from './graph.js';
import { inferShapes } from './shapes.js';
import type { ShapeOptions } from './shape-types.js';
import type { OnnxGraph, OnnxModel, OnnxNode, TensorInfo, ValueInfo } from './types.js';

/** Rounds of inference and inlining at most; an If left after them stays one opaque node. */
const MAX_ROUNDS = 32;

/** Ops whose count says which branch of an undecided If holds the work. */
const COMPUTE_OPS = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'LSTM', 'GRU', 'RNN', 'Einsum']);

/**
 * The If nodes of the top graph replaced by the nodes of the branch that runs, so that their work is
 * analysed like any other (exporters put whole models in a branch: silero VAD's sample-rate switch,
 * TorchScript's shape checks). A branch is chosen by its condition when static inference folds it to
 * a constant (a check on a shape, once the shapes are known); an If whose condition is runtime data
 * gets the branch with more compute nodes, and a reader note saying so. Each round infers the shapes
 * once, so a condition computed from an earlier If's outputs is decided in a later round. Inference
 * errors are left to the analysis' own inference, on the graph as far as it was lowered.
 */
export function inlineIfBranches(model: OnnxModel, options: ShapeOptions): OnnxModel {
  if (!model.graph.nodes.some(isIf)) return model;
  let current = model;
  const notes: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ifs = current.graph.nodes.filter(isIf);
    if (ifs.length === 0) break;
    let shapes: ReturnType<typeof inferShapes>['shapes'];
    try {
      shapes = inferShapes(current, indexGraph(current.graph, current.path), options).shapes;
    } catch {
      break;
    }
    const chosen = new Map<OnnxNode, 'then_branch' | 'else_branch'>();
    for (const node of ifs) {
      const condition = shapes.get(node.inputs[0] ?? '')?.value?.[0];
      if (condition !== undefined) chosen.set(node, Number(condition) !== 0 ? 'then_branch' : 'else_branch');
    }
    if (chosen.size === 0) {
      // Runtime data: the first If (in graph order) takes its costlier branch; later ones may follow from it.
      const node = ifs[0]!;
      const branch = costlierBranch(node);
      chosen.set(node, branch);
      notes.push(
        `If '${node.name}': its condition is known only when the model runs; analysed its ${branch} (the branch with more compute nodes)`,
      );
    }
    current = inline(current, chosen);
  }
  return notes.length > 0 ? { ...current, readerNotes: [...(current.readerNotes ?? []), ...notes] } : current;
}

function isIf(node: OnnxNode): boolean {
  return node.opType === 'If' && node.domain === '';
}

function branchOf(node: OnnxNode, name: 'then_branch' | 'else_branch'): OnnxGraph | undefined {
  const a = node.attributes.get(name);
  return a?.kind === 'graph' ? a.value : undefined;
}

function costlierBranch(node: OnnxNode): 'then_branch' | 'else_branch' {
  const thenCost = work(branchOf(node, 'then_branch'));
  const elseCost = work(branchOf(node, 'else_branch'));
  const more = elseCost[0] !== thenCost[0] ? elseCost[0] > thenCost[0] : elseCost[1] > thenCost[1];
  return more ? 'else_branch' : 'then_branch';
}

/** [compute nodes, all nodes] of a graph and the graphs nested in it. */
function work(graph: OnnxGraph | undefined): [number, number] {
  if (!graph) return [0, 0];
  let compute = 0;
  let all = 0;
  for (const node of graph.nodes) {
    all += 1;
    if (COMPUTE_OPS.has(node.opType)) compute += 1;
    for (const a of node.attributes.values()) {
      const nested = a.kind === 'graph' ? [a.value] : a.kind === 'graphs' ? a.value : [];
      for (const g of nested) {
        const [c, n] = work(g);
        compute += c;
        all += n;
      }
    }
  }
  return [compute, all];
}

/**
 * The graph with each chosen If replaced, in place, by its branch's nodes and an Identity from each
 * branch output to the If's output of the same position. A branch reads outer values by name, and
 * ONNX names are unique across nested graphs, so its nodes need no renaming.
 */
function inline(model: OnnxModel, chosen: ReadonlyMap<OnnxNode, 'then_branch' | 'else_branch'>): OnnxModel {
  const nodes: OnnxNode[] = [];
  const initializers = new Map<string, TensorInfo>(model.graph.initializers);
  const valueInfo = new Map<string, ValueInfo>(model.graph.valueInfo);
  for (const node of model.graph.nodes) {
    const which = chosen.get(node);
    const branch = which && branchOf(node, which);
    if (!which || !branch || branch.outputs.length < node.outputs.filter((o) => o !== '').length) {
      nodes.push(node);
      continue;
    }
    nodes.push(...branch.nodes);
    for (const [name, t] of branch.initializers) initializers.set(name, t);
    for (const [name, v] of branch.valueInfo) if (!valueInfo.has(name)) valueInfo.set(name, v);
    node.outputs.forEach((output, i) => {
      if (output === '') return;
      nodes.push({
        name: `${node.name}/${which}/output_${i}`,
        opType: 'Identity',
        domain: '',
        inputs: [branch.outputs[i]!.name],
        outputs: [output],
        attributes: new Map(),
      });
    });
  }
  // The decoder's numbering stays behind: it holds for the decoded node array only (graph.ts checks).
  return { ...model, graph: { ...model.graph, nodes, initializers, valueInfo } };
}
