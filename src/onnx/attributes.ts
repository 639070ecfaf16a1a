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

/* Attribute values for building models (onnx/builder.ts): a marker says which ONNX type a number is. */

/** Marks a number as a FLOAT attribute (integral numbers are INT otherwise). */
export interface FloatAttr {
  readonly float: number;
}
export interface FloatsAttr {
  readonly floats: readonly number[];
}
export const float = (value: number): FloatAttr => ({ float: value });
export const floats = (value: readonly number[]): FloatsAttr => ({ floats: value });
