import { UserError } from '../errors.js';

/**
 * A git command that failed: names the command line (never run through a shell) and what git said.
 * `args` is empty for arguments refused before any command ran.
 */
export class GitError extends UserError {
  constructor(
    readonly args: readonly string[],
    readonly problem: string,
    readonly stderr = '',
    readonly exitCode?: number | null,
    options?: { cause?: unknown },
  ) {
    const said = stderr.trim();
    const command = args.length > 0 ? `git ${args.join(' ')}: ` : '';
    super(`${command}${problem}${said ? `\n${said}` : ''}`, options);
    this.name = 'GitError';
  }
}
