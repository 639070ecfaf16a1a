import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../scripts/readme.js';
import { displayWidth } from '../src/report/text-table.js';

const README = join(import.meta.dirname, '..', 'README.md');

describe('README.md', () => {
  it('is what `npm run readme` makes: the CLI block from the examples, the demo excerpt from the CLI', async () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(await renderReadme(readme));
  });

  it('shows a terminal excerpt that fits 80 columns and lists every command', () => {
    const readme = readFileSync(README, 'utf8');
    const demo = readme.slice(readme.indexOf('<!-- generated:demo'), readme.indexOf('<!-- /generated:demo'));
    for (const line of demo.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    for (const command of ['analyze', 'predict', 'compare', 'devices', 'train', 'measure', 'attach'])
      expect(readme).toMatch(new RegExp(`^model-energy ${command}( |$)`, 'm'));
  });
});
