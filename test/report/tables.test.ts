import { describe, expect, it } from 'vitest';
import { blocksToString, table } from '../../src/report/blocks.js';
import { renderTable, type Column } from '../../src/report/text-table.js';

interface Row {
  readonly name: string;
  readonly mj: number;
  readonly grade: string;
}

const COLUMNS: readonly Column<Row>[] = [
  { header: 'Model', value: (r) => r.name },
  { header: 'mJ', align: 'r', value: (r) => r.mj.toFixed(1) },
  { header: 'Grade', align: 'c', value: (r) => r.grade },
];
const ROWS: readonly Row[] = [
  { name: 'a', mj: 12.5, grade: 'A' },
  { name: 'long-name', mj: 3, grade: 'B+' },
];

describe('one column spec for the terminal and Markdown', () => {
  it('renders a Markdown table with each column’s header, alignment and cell', () => {
    expect(blocksToString([table(COLUMNS, ROWS)])).toBe(
      '| Model | mJ | Grade |\n| :- | -: | :-: |\n| a | 12.5 | A |\n| long-name | 3.0 | B+ |\n\n',
    );
  });

  it('renders the same columns as a terminal table, centring a centred column', () => {
    expect(renderTable(COLUMNS, ROWS, 80).split('\n')).toEqual([
      'Model        mJ  Grade',
      '---------  ----  -----',
      'a          12.5    A',
      'long-name   3.0   B+',
    ]);
  });
});
