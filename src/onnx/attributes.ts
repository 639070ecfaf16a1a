import type { OnnxNode } from './types.js';

/** Typed reads of a node's attributes; an attribute of another kind reads as absent. */

export function intAttr(node: OnnxNode, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  return a && a.kind === 'int' ? a.value : fallback;
}

/** An int attribute reads as its float value. */
export function floatAttr(node: OnnxNode, name: string): number | undefined {
  const a = node.attributes.get(name);
  if (a && (a.kind === 'float' || a.kind === 'int')) return a.value;
  return undefined;
}

/** A single int reads as a list of one. */
export function intsAttr(node: OnnxNode, name: string): readonly number[] | undefined {
  const a = node.attributes.get(name);
  if (a?.kind === 'ints') return a.value;
  if (a?.kind === 'int') return [a.value];
  return undefined;
}

/** An ints attribute reads as its float values. */
export function floatsAttr(node: OnnxNode, name: string): readonly number[] | undefined {
  const a = node.attributes.get(name);
  if (a?.kind === 'floats' || a?.kind === 'ints') return a.value;
  return undefined;
}

export function stringAttr(node: OnnxNode, name: string, fallback: string): string {
  const a = node.attributes.get(name);
  return a && a.kind === 'string' ? a.value : fallback;
}
