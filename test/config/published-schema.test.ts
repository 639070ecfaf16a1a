import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { publishedSchema, SCHEMA_PATH } from '../../scripts/config-schema.js';

const ROOT = `${import.meta.dirname}/../..`;

describe('the published config schema (schema/model-energy.schema.json)', () => {
  it('is what `npm run config-schema` makes from the loader’s schema', () => {
    expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(publishedSchema());
  });

  it('accepts the configs of this repository and rejects a misspelt key, as an editor would', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    for (const file of ['.github/model-energy.yml', 'examples/model-energy.yml'])
      expect(validate(parse(readFileSync(`${ROOT}/${file}`, 'utf8'))), file).toBe(true);
    expect(validate({ budget: [] })).toBe(false);
  });

  it('is named by the README’s yaml-language-server line', () => {
    expect(readFileSync(`${ROOT}/README.md`, 'utf8')).toContain(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/<owner>/model-energy-check/v1/schema/model-energy.schema.json',
    );
  });
});
