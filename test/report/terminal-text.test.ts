import { describe, expect, it } from 'vitest';
import { renderCompareText } from '../../src/report/compare-text.js';
import { displayWidth, layoutTable, renderTable, shortenMiddle, wrap } from '../../src/report/text-table.js';
import { compare, CPU, GPU, model, report, stats } from './builder.js';
import { manyModels, SCENARIOS } from './scenarios.js';

/** Markdown or HTML that must never reach a terminal. */
const MARKUP = [
  /^\s*\|/m,
  /\| :?-/,
  /<\/?(details|summary|sub|br)\b/,
  /```/,
  /\*\*[^*\s/]+\*\*/,
  /`/,
  /^#+ /m,
  /&(amp|lt|gt|#\d+);/,
];

function expectFits(text: string, width: number): void {
  for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
  for (const pattern of MARKUP) expect(text).not.toMatch(pattern);
}

const cjk = report([
  model(
    'models/视觉/识别模型_很长的名字_mobilenet_v2_量化版本.onnx',
    [compare(CPU, 41.2, 47.9), compare(GPU, 12, 12.9)],
    {
      base: stats(300e6, 3.5e6),
      head: stats(320e6, 3.6e6),
      notes: ['symbolic dim batch bound to 1 (config dims), a long note that has to wrap under the table'],
    },
  ),
]);

describe('renderCompareText', () => {
  const reports = { ...SCENARIOS, cjk, many: manyModels(12) };
  for (const width of [80, 120]) {
    for (const [name, r] of Object.entries(reports)) {
      it(`${name} at ${width} columns: no line wider, no Markdown or HTML`, () => {
        expectFits(renderCompareText(r, { width, color: false }), width);
      });
    }
  }

  it('puts the verdict first and one aligned table under it', () => {
    const text = renderCompareText(SCENARIOS['budget-fail']!, { width: 100, color: false });
    expect(text.split('\n')[0]).toMatch(/^FAIL Model energy: fail · /);
    expect(text.match(/^-{3,}( {2}-+)+$/gm)).toHaveLength(1);
  });

  it("says the comment's notices in words, no emoji", () => {
    const quantized = compare(GPU, 15.8, 15.3);
    const r = report([
      model('models/a.tflite', [
        {
          ...quantized,
          head: { ...quantized.head!, unpublishedPrecisionShare: 1, unpublishedPrecisions: ['int8'] },
        },
      ]),
    ]);
    const text = renderCompareText(r, { width: 80, color: false });
    expect(text).toContain('note: Up to 100% of an energy here');
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('colours the verdict only when asked', () => {
    const r = SCENARIOS['budget-fail']!;
    expect(renderCompareText(r, { width: 100, color: false })).not.toContain('\u001b[');
    const coloured = renderCompareText(r, { width: 100, color: true });
    expect(coloured).toContain('\u001b[31m');
    for (const line of coloured.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });
});

describe('terminal layout', () => {
  it('counts East Asian wide characters as two columns', () => {
    expect(displayWidth('模型.onnx')).toBe(9);
    expect(displayWidth('e\u0301')).toBe(1);
    // Emoji of the transport and extended-pictograph blocks are wide too (terminals draw them so).
    expect(displayWidth('🚀.onnx')).toBe(7);
    expect(displayWidth('🫠')).toBe(2);
  });

  it('shortens in the middle within the width, wide characters included', () => {
    expect(shortenMiddle('models/vision/resnet18.onnx', 15)).toBe('models/…18.onnx');
    const short = shortenMiddle('模型模型模型模型模型.onnx', 10);
    expect(displayWidth(short)).toBeLessThanOrEqual(10);
    expect(short).toContain('…');
  });

  it('aligns columns by display width', () => {
    const { lines } = layoutTable(
      [
        { header: 'name', value: (r: string[]) => r[0]! },
        { header: 'n', align: 'r', value: (r: string[]) => r[1]! },
      ],
      [
        ['模型', '1'],
        ['ab', '22'],
      ],
      40,
    );
    expect(lines.map(displayWidth)).toEqual([8, 8, 8, 8]);
  });

  it('leaves optional columns out, lowest first, when they do not fit', () => {
    const cols = ['a', 'b', 'c'].map((h, i) => ({
      header: h,
      value: (r: string[]) => r[i]!,
      ...(i > 0 ? { optional: i } : {}),
    }));
    const { lines, leftOut } = layoutTable(cols, [['x'.repeat(10), 'y'.repeat(10), 'z'.repeat(4)]], 17);
    expect(leftOut).toEqual(['b']);
    expect(lines[2]).toBe(`${'x'.repeat(10)}  zzzz`);
  });

  it('lays out every row of a long table alike (blocks of rows, cells kept per value, ends trimmed)', () => {
    // Rows repeat values (kept per column) and end in spaces to trim; their lines come in blocks.
    const rows = Array.from({ length: 700 }, (_, i) => [
      `row${i}`,
      String(i % 7),
      i % 3 === 0 ? '' : 'x'.repeat(i % 5),
    ]);
    const cols = [
      { header: 'name', value: (r: string[]) => r[0]! },
      { header: 'n', align: 'r' as const, value: (r: string[]) => r[1]! },
      { header: 'note', value: (r: string[]) => r[2]! },
    ];
    const expected = [
      'name    n  note',
      '------  -  ----',
      ...rows.map((r) => `${r[0]!.padEnd(6)}  ${r[1]}  ${r[2]}`.trimEnd()),
    ];
    expect(layoutTable(cols, rows, 40).lines).toEqual(expected);
    expect(renderTable(cols, rows, 40)).toBe(expected.join('\n'));
  });

  it('wraps prose with an indent after the first line', () => {
    expect(wrap('one two three four', 9, '  ')).toEqual(['one two', '  three', '  four']);
    expect(wrap('  lead text', 20, '    ')).toEqual(['  lead text']);
  });
});
