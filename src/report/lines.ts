/**
 * Lines of text made on demand, for output too long to hold at once (a table of 10^6 rows). These are
 * plain iterators rather than generators: each returns one result object, refilled for every line,
 * where a generator (and each `yield*` around it) made a new one and cost a resume per line.
 * Consumers (for...of, Array.from) read a result before asking for the next, so sharing it is safe.
 */

/** The lines `lineAt(0)`, ..., `lineAt(count - 1)`, each made when it is reached. */
export function linesOf(count: number, lineAt: (index: number) => string): Iterable<string> {
  return {
    [Symbol.iterator](): Iterator<string> {
      let index = 0;
      const result = { done: false, value: '' };
      return {
        next: (): IteratorResult<string> => {
          if (index < count) result.value = lineAt(index++);
          else result.done = true;
          return result;
        },
      };
    },
  };
}

/** The lines of each part in turn. */
export function chainLines(parts: readonly Iterable<string>[]): Iterable<string> {
  return {
    [Symbol.iterator](): Iterator<string> {
      let part = 0;
      let current: Iterator<string> | undefined;
      const done: IteratorResult<string> = { done: true, value: undefined };
      return {
        next: (): IteratorResult<string> => {
          for (;;) {
            if (current === undefined) {
              if (part >= parts.length) return done;
              current = parts[part++]![Symbol.iterator]();
            }
            const result = current.next();
            if (result.done !== true) return result;
            current = undefined;
          }
        },
      };
    },
  };
}
