/**
 * The CLI's commands. cli.ts maps each to the module registering it; the start-up code (cli-start.ts)
 * keeps a code cache per command, and must not load cli.ts to know them.
 */
export const COMMAND_NAMES = [
  'analyze',
  'predict',
  'compare',
  'devices',
  'train',
  'measure',
  'attach',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];
