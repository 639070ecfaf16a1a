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
