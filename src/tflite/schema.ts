import generated from './tflite-schema.json' with { type: 'json' };
import type { ScalarKind } from './flatbuffer.js';

/**
 * The pinned TFLite schema (schema.fbs) as generated into tflite-schema.json by
 * scripts/gen-tflite-schema.mjs: enums, unions and tables with their vtable slot ids.
 */
export type FieldType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'string' }
  | { readonly kind: 'enum'; readonly enum: string; readonly scalar: ScalarKind }
  | { readonly kind: 'union'; readonly union: string }
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'struct'; readonly struct: string }
  | { readonly kind: 'vector'; readonly element: FieldType };

export interface FieldDef {
  readonly name: string;
  /** vtable slot; for a union field, the slot of its value (its type is in `typeId`). */
  readonly id: number;
  readonly typeId?: number;
  readonly type: FieldType;
  /** Default of a scalar or enum field (enum defaults as numbers). */
  readonly default?: number | boolean;
  readonly deprecated: boolean;
}

export interface TableDef {
  readonly name: string;
  readonly fields: readonly FieldDef[];
  readonly byName: ReadonlyMap<string, FieldDef>;
}

interface SchemaJson {
  readonly fileIdentifier: string;
  readonly rootType: string;
  readonly enums: Record<string, { readonly scalar: ScalarKind; readonly values: Record<string, string> }>;
  readonly unions: Record<string, Record<string, string>>;
  readonly tables: Record<string, { readonly struct: boolean; readonly fields: readonly FieldDef[] }>;
}

const schema = generated as unknown as SchemaJson;

export const FILE_IDENTIFIER = schema.fileIdentifier;
export const ROOT_TYPE = schema.rootType;

const tables = new Map<string, TableDef>();
for (const [name, t] of Object.entries(schema.tables)) {
  if (t.struct) continue;
  tables.set(name, { name, fields: t.fields, byName: new Map(t.fields.map((f) => [f.name, f])) });
}

const enums = new Map<string, ReadonlyMap<number, string>>(
  Object.entries(schema.enums).map(([name, e]) => [
    name,
    new Map(Object.entries(e.values).map(([value, member]) => [Number(value), member])),
  ]),
);

const unions = new Map<string, ReadonlyMap<number, string>>(
  Object.entries(schema.unions).map(([name, members]) => [
    name,
    new Map(Object.entries(members).map(([index, member]) => [Number(index), member])),
  ]),
);

/** The table `name` of the schema; a missing one is a programming error (the schema is pinned). */
export function tableDef(name: string): TableDef {
  const t = tables.get(name);
  if (!t) throw new Error(`tflite-schema.json has no table ${name}`);
  return t;
}

/** The field `name` of table `table`; a missing one is a programming error. */
export function fieldDef(table: TableDef, name: string): FieldDef {
  const f = table.byName.get(name);
  if (!f) throw new Error(`tflite-schema.json: table ${table.name} has no field ${name}`);
  return f;
}

/** The member name of enum `name` for `value`, or undefined when the schema has none. */
export function enumName(name: string, value: number): string | undefined {
  return enums.get(name)?.get(value);
}

/** The table name of member `index` of union `name` ('NONE' for 0), or undefined. */
export function unionMember(name: string, index: number): string | undefined {
  return unions.get(name)?.get(index);
}

/** All members of an enum (value -> name), e.g. for tests and tools. */
export function enumValues(name: string): ReadonlyMap<number, string> {
  const e = enums.get(name);
  if (!e) throw new Error(`tflite-schema.json has no enum ${name}`);
  return e;
}
