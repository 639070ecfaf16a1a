import { runCli } from './cli.js';
import { terminalOf } from './cli/common.js';

// The process edge of the CLI: streams and signals in, exit code out. Everything else is in runCli.
// A closed pipe (`model-energy devices | head`) ends the output quietly, as for other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const controller = new AbortController();

process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping after the current step (Ctrl-C again to quit now)\n');
  controller.abort();
});

runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  signal: controller.signal,
  ...terminalOf(process.env, process.stdout, process.stderr),
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
