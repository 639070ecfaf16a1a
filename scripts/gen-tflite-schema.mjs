#!/usr/bin/env node
// Reads the pinned TFLite flatbuffer schema (vendor/tflite/schema.fbs) and writes src/tflite/tflite-schema.json:
// the enums, unions and tables the decoder (src/tflite/decode.ts) reads, with vtable slot ids, so no slot
// number is typed by hand. Plain Node, no dependencies; the output is deterministic (CI regenerates it and
// checks that nothing changed). Run: npm run tflite-schema
//
// The grammar handled is the subset of the FlatBuffers IDL that schema.fbs uses: namespace, include,
// attribute, file_identifier, file_extension, root_type, enum, union, table, struct, metadata attributes in
// parentheses and // or /* */ comments. Anything else is an error naming the line.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(root, 'vendor/tflite/schema.fbs');
const outPath = join(root, 'src/tflite/tflite-schema.json');

/** FlatBuffers scalar type names (and their sized aliases) -> canonical name and byte width. */
const SCALARS = {
  bool: ['bool', 1],
  byte: ['int8', 1],
  int8: ['int8', 1],
  ubyte: ['uint8', 1],
  uint8: ['uint8', 1],
  short: ['int16', 2],
  int16: ['int16', 2],
  ushort: ['uint16', 2],
  uint16: ['uint16', 2],
  int: ['int32', 4],
  int32: ['int32', 4],
  uint: ['uint32', 4],
  uint32: ['uint32', 4],
  float: ['float32', 4],
  float32: ['float32', 4],
  long: ['int64', 8],
  int64: ['int64', 8],
  ulong: ['uint64', 8],
  uint64: ['uint64', 8],
  double: ['float64', 8],
  float64: ['float64', 8],
};

class SchemaError extends Error {}

/** Splits the text into tokens with their line numbers; comments are dropped. */
function tokenize(text) {
  const tokens = [];
  const re =
    /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|-?0[xX][0-9a-fA-F]+|[A-Za-z_][A-Za-z0-9_.]*|[{}()[\]:;,=]/y;
  let line = 1;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new SchemaError(`line ${line}: unexpected character ${JSON.stringify(text[at])}`);
    const t = m[0];
    if (!/^\s/.test(t) && !t.startsWith('//') && !t.startsWith('/*')) tokens.push({ t, line });
    line += t.split('\n').length - 1;
    at = re.lastIndex;
  }
  return tokens;
}

function parse(text) {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i]?.t;
  const lineNo = () => tokens[Math.min(i, tokens.length - 1)]?.line ?? 0;
  const next = () => {
    if (i >= tokens.length) throw new SchemaError('unexpected end of the schema');
    return tokens[i++].t;
  };
  const expect = (t) => {
    const line = lineNo();
    const got = next();
    if (got !== t) throw new SchemaError(`line ${line}: expected '${t}', found '${got}'`);
  };
  const ident = () => {
    const line = lineNo();
    const got = next();
    if (!/^[A-Za-z_]/.test(got)) throw new SchemaError(`line ${line}: expected a name, found '${got}'`);
    return got;
  };
  /** `( name (: value)?, ... )` -> { name: value | true } */
  const attributes = () => {
    const attrs = {};
    if (peek() !== '(') return attrs;
    next();
    while (peek() !== ')') {
      const name = ident();
      let value = true;
      if (peek() === ':') {
        next();
        value = next();
      }
      attrs[name] = value;
      if (peek() === ',') next();
    }
    expect(')');
    return attrs;
  };
  const parseNumber = (t, line) => {
    const n = Number(t);
    if (!Number.isFinite(n)) throw new SchemaError(`line ${line}: '${t}' is not a number`);
    return n;
  };

  const out = { namespace: '', fileIdentifier: '', rootType: '', enums: [], unions: [], tables: [] };
  while (i < tokens.length) {
    const line = lineNo();
    const kw = next();
    if (kw === 'namespace') {
      out.namespace = ident();
      expect(';');
    } else if (kw === 'include' || kw === 'attribute' || kw === 'file_extension') {
      next();
      expect(';');
    } else if (kw === 'file_identifier') {
      out.fileIdentifier = JSON.parse(next());
      expect(';');
    } else if (kw === 'root_type') {
      out.rootType = ident();
      expect(';');
    } else if (kw === 'enum') {
      const name = ident();
      expect(':');
      const underlying = ident();
      if (!SCALARS[underlying] || underlying === 'bool' || SCALARS[underlying][0].startsWith('float')) {
        throw new SchemaError(`line ${line}: enum ${name} has the non-integer type '${underlying}'`);
      }
      attributes();
      expect('{');
      const values = [];
      let value = -1;
      while (peek() !== '}') {
        const member = ident();
        const memberLine = lineNo();
        if (peek() === '=') {
          next();
          value = parseNumber(next(), memberLine);
        } else {
          value += 1;
        }
        values.push({ name: member, value, deprecated: attributes().deprecated === true });
        if (peek() === ',') next();
      }
      expect('}');
      out.enums.push({ name, underlying: SCALARS[underlying][0], values, line });
    } else if (kw === 'union') {
      const name = ident();
      attributes();
      expect('{');
      const members = [];
      while (peek() !== '}') {
        let member = ident();
        if (peek() === ':') {
          next();
          member = ident();
        }
        attributes();
        members.push(member);
        if (peek() === ',') next();
      }
      expect('}');
      out.unions.push({ name, members, line });
    } else if (kw === 'table' || kw === 'struct') {
      const name = ident();
      const attrs = attributes();
      expect('{');
      const fields = [];
      while (peek() !== '}') {
        const fieldLine = lineNo();
        const fieldName = ident();
        expect(':');
        let type;
        if (peek() === '[') {
          next();
          type = { vector: ident() };
          if (peek() === ':') throw new SchemaError(`line ${fieldLine}: fixed-size arrays are not supported`);
          expect(']');
        } else {
          type = { name: ident() };
        }
        let defaultToken;
        if (peek() === '=') {
          next();
          defaultToken = next();
        }
        const fieldAttrs = attributes();
        expect(';');
        fields.push({ name: fieldName, type, defaultToken, attrs: fieldAttrs, line: fieldLine });
      }
      expect('}');
      out.tables.push({ name, struct: kw === 'struct', deprecated: attrs.deprecated === true, fields, line });
    } else {
      throw new SchemaError(`line ${line}: unexpected '${kw}'`);
    }
  }
  return out;
}

/** Resolves field types, slot ids and defaults into the JSON the decoder reads. */
function resolve(parsed) {
  const enums = new Map(parsed.enums.map((e) => [e.name, e]));
  const unions = new Map(parsed.unions.map((u) => [u.name, u]));
  const tables = new Map(parsed.tables.map((t) => [t.name, t]));
  const stripNs = (n) => (n.startsWith(`${parsed.namespace}.`) ? n.slice(parsed.namespace.length + 1) : n);

  const typeOf = (name, line, inVector) => {
    name = stripNs(name);
    if (SCALARS[name]) return { kind: 'scalar', scalar: SCALARS[name][0] };
    if (name === 'string') return { kind: 'string' };
    if (enums.has(name)) return { kind: 'enum', enum: name, scalar: enums.get(name).underlying };
    if (unions.has(name)) {
      if (inVector) throw new SchemaError(`line ${line}: vectors of unions are not supported`);
      return { kind: 'union', union: name };
    }
    if (tables.has(name)) {
      return tables.get(name).struct ? { kind: 'struct', struct: name } : { kind: 'table', table: name };
    }
    throw new SchemaError(`line ${line}: unknown type '${name}'`);
  };

  const defaultOf = (field, type) => {
    const t = field.defaultToken;
    if (type.kind === 'scalar') {
      if (type.scalar === 'bool') {
        if (t === undefined) return false;
        if (t === 'true' || t === 'false') return t === 'true';
        return Number(t) !== 0;
      }
      return t === undefined ? 0 : Number(t);
    }
    if (type.kind === 'enum') {
      if (t === undefined) return 0;
      const byName = enums.get(type.enum).values.find((v) => v.name === t);
      if (byName) return byName.value;
      const n = Number(t);
      if (!Number.isFinite(n))
        throw new SchemaError(`line ${field.line}: unknown default '${t}' of ${type.enum}`);
      return n;
    }
    if (t !== undefined) throw new SchemaError(`line ${field.line}: a default for a non-scalar field`);
    return undefined;
  };

  const json = {
    source: relative(root, schemaPath).split('\\').join('/'),
    namespace: parsed.namespace,
    fileIdentifier: parsed.fileIdentifier,
    rootType: parsed.rootType,
    enums: {},
    unions: {},
    tables: {},
  };
  for (const e of parsed.enums) {
    const values = {};
    for (const v of e.values) {
      if (values[v.value] !== undefined) continue; // an alias keeps the first name
      values[v.value] = v.name;
    }
    json.enums[e.name] = { scalar: e.underlying, values };
  }
  for (const u of parsed.unions) {
    const members = { 0: 'NONE' };
    u.members.forEach((m, k) => {
      members[k + 1] = stripNs(m);
      if (!tables.has(stripNs(m)) || tables.get(stripNs(m)).struct) {
        throw new SchemaError(`line ${u.line}: union ${u.name} member ${m} is not a table`);
      }
    });
    json.unions[u.name] = members;
  }
  for (const t of parsed.tables) {
    const explicitIds = t.fields.filter((f) => f.attrs.id !== undefined).length;
    if (explicitIds !== 0 && explicitIds !== t.fields.length) {
      throw new SchemaError(`line ${t.line}: table ${t.name} gives ids to some fields only`);
    }
    let nextId = 0;
    const fields = t.fields.map((f) => {
      const type =
        'vector' in f.type
          ? { kind: 'vector', element: typeOf(f.type.vector, f.line, true) }
          : typeOf(f.type.name, f.line, false);
      const out = { name: f.name };
      if (!t.struct) {
        let id;
        if (explicitIds) {
          id = Number(f.attrs.id);
        } else {
          id = type.kind === 'union' ? nextId + 1 : nextId;
          nextId += type.kind === 'union' ? 2 : 1;
        }
        out.id = id;
        if (type.kind === 'union') out.typeId = id - 1;
      }
      out.type = type;
      const dflt = defaultOf(f, type);
      if (dflt !== undefined) out.default = dflt;
      out.deprecated = f.attrs.deprecated === true;
      return out;
    });
    json.tables[t.name] = { struct: t.struct, deprecated: t.deprecated, fields };
  }
  return json;
}

try {
  const json = resolve(parse(readFileSync(schemaPath, 'utf8')));
  const text = `${JSON.stringify(json, null, 2)}\n`;
  writeFileSync(outPath, text);
  const count = (o) => Object.keys(o).length;
  console.log(
    `wrote ${relative(root, outPath)}: ${count(json.enums)} enums, ${count(json.unions)} unions, ` +
      `${count(json.tables)} tables`,
  );
} catch (error) {
  if (!(error instanceof SchemaError)) throw error;
  console.error(`${relative(root, schemaPath)}: ${error.message}`);
  process.exit(1);
}
