import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine, trainStatus } from '../../src/cli/progress.js';

function io(interactive: boolean) {
  let err = '';
  return {
    io: { stdout: () => undefined, stderr: (s: string) => void (err += s), interactive, columns: 40 },
    err: () => err,
  };
}

describe('progress of long commands', () => {
  it('redraws one line on a terminal, cut to the width, and clears it before a line that stays', () => {
    const t = io(true);
    const p = progressLine(t.io);
    p.update('x'.repeat(100));
    expect(t.err()).toBe(`\r\u001b[K${'x'.repeat(19)}…${'x'.repeat(19)}`);
    p.line('[1/3] add: done');
    p.done();
    expect(t.err().endsWith('\r\u001b[K[1/3] add: done\n')).toBe(true);
  });

  it('prints only the lines that stay when piped', () => {
    const t = io(false);
    const p = progressLine(t.io);
    p.update('status');
    p.line('[1/3] add: done');
    p.done();
    expect(t.err()).toBe('[1/3] add: done\n');
  });

  it('says the elapsed time and an estimate from the rows fitted so far', () => {
    expect(trainStatus({ done: 0, rowsDone: 0, rowsTotal: 714, elapsedMs: 3_000 })).toBe(
      '  training: fitting the first regressor; 3 s elapsed',
    );
    expect(trainStatus({ done: 5, total: 15, rowsDone: 357, rowsTotal: 714, elapsedMs: 20_000 })).toBe(
      '  training: 5/15 regressors fitted; 20 s elapsed, about 1 min 00 s left',
    );
    expect(formatDuration(185_000)).toBe('3 min 05 s');
  });
});
