import { runCli } from './cli.js';

// The process edge of the CLI: streams and signals in, exit code out. Everything else is in runCli.
// A closed pipe (`model-energy devices | head`) ends the output quietly, as for other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const controller = new AbortController();

/** Width and colour from the streams: a TTY's own width, else COLUMNS, else 80; colour on a TTY without NO_COLOR. */
function terminal(): { columns?: number; color: boolean; interactive: boolean } {
  const fromEnv = Number(process.env['COLUMNS']);
  const columns = process.stdout.isTTY
    ? process.stdout.columns
    : Number.isFinite(fromEnv) && fromEnv > 0
      ? fromEnv
      : undefined;
  const noColor = (process.env['NO_COLOR'] ?? '') !== '';
  return {
    ...(columns !== undefined ? { columns } : {}),
    color: process.stdout.isTTY === true && !noColor,
    interactive: process.stderr.isTTY === true,
  };
}
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping after the current step (Ctrl-C again to quit now)\n');
  controller.abort();
});

runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  signal: controller.signal,
  ...terminal(),
}).then(
  (code) => {
    process.exitCode = code;
    process.removeAllListeners('SIGINT');
  },
  (error: unknown) => {
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
