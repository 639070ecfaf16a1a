/**
 * A problem with what the user gave (a model, CSV, bundle, config, flag, input, repository): the edges
 * show its message alone (which names the file and the problem) and exit 1, with no stack trace.
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/**
 * The class of an error about one file with a list of issues in it (a config, a report): it keeps the
 * file and the issues, and its message is `format`'s (naming the file and each issue).
 */
export function fileIssuesError<I>(name: string, format: (file: string, issues: readonly I[]) => string) {
  return class extends UserError {
    constructor(
      readonly file: string,
      readonly issues: readonly I[],
      options?: { cause?: unknown },
    ) {
      super(format(file, issues), options);
      this.name = name;
    }
  };
}
