/**
 * The examples of every command: shown by its `--help`, listed in the README's CLI block
 * (`npm run readme`), and each run as written by test/cli/examples.test.ts from the repository root's
 * files (in a scratch copy). One list, so help, README and tests cannot drift apart.
 */
export interface CliExample {
  /** The command line as typed, starting with `model-energy`. */
  readonly command: string;
  /** What it does, in a few words. */
  readonly what: string;
}

export const CLI_EXAMPLES: Readonly<Record<string, readonly CliExample[]>> = {
  analyze: [
    {
      command: 'model-energy analyze examples/mobilenet_v2.onnx.gz',
      what: 'kernels, MACs, FLOPs, params, bytes',
    },
    {
      command: 'model-energy analyze examples/mobilenet_v2.onnx.gz --dim batch=4 --json',
      what: 'a symbolic dim bound, as JSON',
    },
  ],
  predict: [
    {
      command: 'model-energy predict examples/mobilenet_v2.onnx.gz --device huawei-p40-pro --processor cpu',
      what: 'energy, latency and power on one target',
    },
  ],
  compare: [
    {
      command:
        'model-energy compare examples/mobilenet_v2.onnx.gz examples/efficientnet_b0.onnx.gz --config examples/model-energy.yml',
      what: 'two files, budgets and verdict as in the action; exit 1 when a budget fails',
    },
    {
      command: 'model-energy compare --base origin/main --format markdown',
      what: 'the working tree against the merge base, as the PR comment',
    },
  ],
  devices: [
    { command: 'model-energy devices', what: 'bundles, where their numbers come from, known accuracy' },
  ],
  train: [
    {
      command:
        'model-energy train --data examples/kernels-sample.csv --out my-predictors/my-board-cpu --device my-board --processor cpu',
      what: 'a bundle from a kernel CSV (data/deepen2023/kernels_cpu.csv: the full 714 rows)',
    },
  ],
  measure: [
    {
      command:
        'model-energy measure --kernels conv-bn-relu --samples 3 --meter none --out kernels.csv --windows windows.csv',
      what: 'latency only, with a window log for attach (--meter rapl, nvidia, jetson for energy)',
    },
  ],
  attach: [
    {
      command:
        'model-energy attach --csv kernels.csv --windows windows.csv --monitor monitor.csv --monitor-offset-ms 1700000000000',
      what: "fill the energy from an offline monitor's CSV",
    },
  ],
};
