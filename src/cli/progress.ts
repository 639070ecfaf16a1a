import { shortenMiddle } from '../report/text-table.js';
import { styleOf, type CliIo } from './common.js';

/**
 * Progress of a long command on stderr. On a terminal (`io.interactive`) one line is redrawn in place,
 * cut to the width so it never wraps; piped, only the lines meant to stay are printed, one per line.
 */
export interface ProgressLine {
  /** The transient status (terminal only). */
  update(text: string): void;
  /** A line that stays (both). */
  line(text: string): void;
  /** Clears the transient status. */
  done(): void;
}

export function progressLine(io: CliIo): ProgressLine {
  const width = styleOf(io).width - 1;
  let shown = false;
  const clear = (): void => {
    if (shown) io.stderr('\r\u001b[K');
    shown = false;
  };
  return {
    update(text) {
      if (!io.interactive) return;
      io.stderr(`\r\u001b[K${shortenMiddle(text, width)}`);
      shown = true;
    },
    line(text) {
      clear();
      io.stderr(`${text}\n`);
    },
    done: clear,
  };
}

/** "42 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * The status line of `train` between regressors: how many are fitted, the time so far and an estimate
 * of the rest from the rows fitted so far (each row is fitted twice: by its type and by 'others').
 */
export function trainStatus(p: {
  readonly done: number;
  readonly total?: number;
  readonly rowsDone: number;
  readonly rowsTotal: number;
  readonly elapsedMs: number;
}): string {
  const fitted =
    p.total === undefined ? 'fitting the first regressor' : `${p.done}/${p.total} regressors fitted`;
  const work = 2 * p.rowsTotal;
  const eta =
    p.rowsDone > 0 && p.rowsDone < work
      ? `, about ${formatDuration((p.elapsedMs * (work - p.rowsDone)) / p.rowsDone)} left`
      : '';
  return `  training: ${fitted}; ${formatDuration(p.elapsedMs)} elapsed${eta}`;
}
