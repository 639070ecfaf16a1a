import { describe, expect, it } from 'vitest';
import { terminalOf } from '../../src/cli/common.js';
import { displayWidth } from '../../src/report/text-table.js';
import { modelPath } from '../helpers/fixtures.js';
import { cli } from './run.js';

/** Markdown or HTML that must never reach a terminal. */
const MARKUP = [/^\s*\|/m, /\| :?-/, /<\/?(details|summary|sub)\b/, /```/, /\*\*[^*\s/]+\*\*/, /`/, /^#+ /m];

function expectFits(text: string, width: number): void {
  expect(text.length).toBeGreaterThan(0);
  for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
  for (const pattern of MARKUP) expect(text).not.toMatch(pattern);
}

describe('terminal output fits the width', () => {
  for (const columns of [80, 120]) {
    it(`compare at ${columns} columns`, async () => {
      const result = await cli(
        [
          'compare',
          modelPath('mobilenet_v2'),
          modelPath('resnet18'),
          '--config',
          'examples/model-energy.yml',
        ],
        undefined,
        { columns },
      );
      expect(result.stdout).toMatch(/^(PASS|WARN|FAIL) Model energy: /);
      expectFits(result.stdout, columns);
    });

    it(`devices at ${columns} columns`, async () => {
      const result = await cli(['devices'], undefined, { columns });
      expect(result.code).toBe(0);
      expectFits(result.stdout, columns);
    });

    it(`analyze at ${columns} columns`, async () => {
      const result = await cli(
        ['analyze', modelPath('efficientnet_b0'), modelPath('squeezenet1_1')],
        undefined,
        {
          columns,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expectFits(result.stdout, columns);
    });

    it(`predict at ${columns} columns`, async () => {
      const result = await cli(['predict', modelPath('mobilenet_v2')], undefined, { columns });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/energy mJ/);
      expectFits(result.stdout, columns);
    });
  }

  it('predict keeps every column and full bundle ids on a wide terminal, leaves some out on a narrow one', async () => {
    const wide = await cli(['predict', modelPath('mobilenet_v2')], undefined, { columns: 120 });
    expect(wide.stdout).toContain('xiaomi-redmi-k30-ultra-cpu');
    expect(wide.stdout).toMatch(/power W/);
    expect(wide.stdout).not.toContain('left out');
    const narrow = await cli(['predict', modelPath('mobilenet_v2')], undefined, { columns: 80 });
    expect(narrow.stdout).not.toContain('xiaomi-redmi-k30-ultra-cpu');
    expect(narrow.stdout).toMatch(/^\(left out at 80 columns: .*power W/m);
  });

  it('shows the full names when the terminal is wide', async () => {
    const result = await cli(['analyze', modelPath('squeezenet1_1')], undefined, { columns: 300 });
    expect(result.stdout).not.toContain('…');
  });

  it('colours the verdict only when the process entry says the terminal takes colour', async () => {
    const args = [
      'compare',
      modelPath('mobilenet_v2'),
      modelPath('resnet18'),
      '--config',
      'examples/model-energy.yml',
    ];
    expect((await cli(args)).stdout).not.toContain('\u001b[');
    expect((await cli(args, undefined, { color: true })).stdout).toContain('\u001b[');
  });
});

describe('what the process entry tells the CLI about its terminal', () => {
  const tty = { isTTY: true, columns: 132 };
  it('colours only a TTY, and never with NO_COLOR', () => {
    expect(terminalOf({}, tty, { isTTY: true })).toEqual({ columns: 132, color: true, interactive: true });
    expect(terminalOf({ NO_COLOR: '1' }, tty, {}).color).toBe(false);
    expect(terminalOf({ NO_COLOR: '' }, tty, {}).color).toBe(true);
    expect(terminalOf({}, {}, {})).toEqual({ color: false, interactive: false });
  });

  it('fits piped output to COLUMNS when set, else to 80 (runCli’s default)', () => {
    expect(terminalOf({ COLUMNS: '100' }, { isTTY: false }, {}).columns).toBe(100);
    expect(terminalOf({ COLUMNS: 'wide' }, {}, {}).columns).toBeUndefined();
  });
});
