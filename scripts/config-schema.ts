// `npm run config-schema`: writes schema/model-energy.schema.json, the config file's JSON Schema for
// editors (`# yaml-language-server: $schema=...` in .github/model-energy.yml), made from the schema the
// loader validates with (src/config/schema.ts). test/config/published-schema.test.ts checks it is fresh.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format } from 'prettier';
import { CONFIG_SCHEMA } from '../src/config/schema.js';

export const SCHEMA_PATH = join(import.meta.dirname, '..', 'schema', 'model-energy.schema.json');

/** The loader's schema, with each `x-expected` wording also as the `description` editors show. */
export function publishedSchema(): object {
  const describe = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(describe);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = describe(value);
    const expected = (node as Record<string, unknown>)['x-expected'];
    if (typeof expected === 'string' && out['description'] === undefined) out['description'] = expected;
    return out;
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'model-energy-check config (.github/model-energy.yml)',
    ...(describe(CONFIG_SCHEMA) as object),
  };
}

if (process.argv[1] === import.meta.filename) {
  mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
  writeFileSync(SCHEMA_PATH, await format(JSON.stringify(publishedSchema()), { parser: 'json' }));
  process.stderr.write(`wrote ${SCHEMA_PATH}\n`);
}
