import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KernelConfig, KernelType } from '../../src/kernels/types.js';
import type { EnergyMeter, MeterInfo, MeterMark, MeterReading } from '../../src/measure/meters/types.js';
import { MeterError, nowMs } from '../../src/measure/meters/types.js';
import { ModelBuilder } from '../../src/onnx/builder.js';
import { DataType } from '../../src/onnx/types.js';

export function tempDir(prefix = 'measure-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (path relative to root -> content), creating folders. */
export function writeTree(root: string, files: Record<string, string | number>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, `${content}\n`);
  }
}

/** A powercap tree like a two-socket-less Intel laptop: package-0 with core, uncore and dram; psys; an mmio copy. */
export function fakePowercap(
  root: string,
  energy: { pkg: number; dram: number; core?: number; psys?: number },
  rangeUj = 262143328850,
): void {
  writeTree(root, {
    'intel-rapl:0/name': 'package-0',
    'intel-rapl:0/energy_uj': energy.pkg,
    'intel-rapl:0/max_energy_range_uj': rangeUj,
    'intel-rapl:0:0/name': 'core',
    'intel-rapl:0:0/energy_uj': energy.core ?? 5,
    'intel-rapl:0:0/max_energy_range_uj': rangeUj,
    'intel-rapl:0:1/name': 'uncore',
    'intel-rapl:0:1/energy_uj': 7,
    'intel-rapl:0:1/max_energy_range_uj': rangeUj,
    'intel-rapl:0:2/name': 'dram',
    'intel-rapl:0:2/energy_uj': energy.dram,
    'intel-rapl:0:2/max_energy_range_uj': 65712999613,
    'intel-rapl:1/name': 'psys',
    'intel-rapl:1/energy_uj': energy.psys ?? 11,
    'intel-rapl:1/max_energy_range_uj': rangeUj,
    'intel-rapl-mmio:0/name': 'package-0',
    'intel-rapl-mmio:0/energy_uj': 3,
    'intel-rapl-mmio:0/max_energy_range_uj': rangeUj,
  });
}

/** Writes an executable shell script. */
export function writeScript(path: string, body: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * A fake nvidia-smi that answers --query-gpu from files in `stateDir`: `energy` (mJ or [N/A]) and
 * `power` (W); with --loop-ms it prints power.draw every 20 ms until killed. It logs its arguments.
 */
export function fakeNvidiaSmi(
  dir: string,
  state: { energy: string; power: string; name?: string },
): { bin: string; set: (file: 'energy' | 'power', value: string) => void } {
  const stateDir = join(dir, 'state');
  mkdirSync(stateDir, { recursive: true });
  const set = (file: 'energy' | 'power', value: string): void => writeFileSync(join(stateDir, file), value);
  set('energy', state.energy);
  set('power', state.power);
  const bin = writeScript(
    join(dir, 'bin', 'nvidia-smi'),
    [
      `S='${stateDir}'`,
      'echo "$@" >> "$S/calls"',
      'query=""; loop=""',
      'for a in "$@"; do case "$a" in --query-gpu=*) query="${a#--query-gpu=}";; --loop-ms=*) loop="${a#--loop-ms=}";; esac; done',
      'if [ -n "$loop" ]; then echo $$ > "$S/loop.pid"; while true; do cat "$S/power"; echo; sleep 0.02; done; fi',
      'out=""',
      'IFS=","',
      'for f in $query; do',
      '  case "$f" in',
      '    index) v="0";;',
      `    name) v="${state.name ?? 'NVIDIA Test GPU'}";;`,
      '    total_energy_consumption) v="$(cat "$S/energy")";;',
      '    power.draw) v="$(cat "$S/power")";;',
      '    *) echo "Field \\"$f\\" is not a valid field to query." >&2; exit 2;;',
      '  esac',
      '  if [ -z "$out" ]; then out="$v"; else out="$out, $v"; fi',
      'done',
      'echo "$out"',
    ].join('\n'),
  );
  return { bin, set };
}

/** Small NCHW kernel models made with the builder, standing in for src/kernels/generate.ts in tests. */
export function buildTestKernel(type: KernelType, config: KernelConfig): Uint8Array {
  const b = new ModelBuilder({ opset: 13 });
  const hw = config.HW ?? 1;
  const cin = config.CIN ?? 1;
  const x = b.input('x', DataType.FLOAT, [1, cin, hw, hw]);
  let y: string;
  switch (type) {
    case 'conv-bn-relu':
    case 'dwconv-bn-relu': {
      const k = config.KERNEL_SIZE ?? 1;
      const dw = type === 'dwconv-bn-relu';
      const cout = dw ? cin : (config.COUT ?? cin);
      const w = b.weight(
        'w',
        [cout, dw ? 1 : cin, k, k],
        Array.from({ length: cout * (dw ? 1 : cin) * k * k }, (_, i) => ((i % 7) - 3) / 10),
      );
      const bias = b.weight(
        'b',
        [cout],
        Array.from({ length: cout }, () => 0.1),
      );
      const pad = Math.floor(k / 2);
      const conv = b.node('Conv', [x, w, bias], {
        kernel_shape: [k, k],
        strides: [config.STRIDES ?? 1, config.STRIDES ?? 1],
        pads: [pad, pad, pad, pad],
        group: dw ? cin : 1,
      });
      y = b.node('Relu', [conv]);
      break;
    }
    case 'relu':
      y = b.node('Relu', [x]);
      break;
    default:
      throw new Error(`test builder has no ${type}`);
  }
  b.output(y);
  return b.encode();
}

/**
 * A meter with scripted energies: every window reads `idleWatts` x its duration, and each window
 * after the first of every group of `windowsPerKernel` (the blocks, after the idle window) adds
 * `extraJ`. With `failWindow` set, that window (0-based, counted over the run) reports a problem.
 */
export class ScriptedMeter implements EnergyMeter {
  readonly info: MeterInfo = {
    kind: 'rapl',
    label: 'scripted',
    measuresEnergy: true,
    method: 'energy-counter',
    channels: ['fake'],
    minWindowMs: 5,
    notes: [],
    problems: [],
  };
  private windows = 0;
  private readonly open = new Map<number, number>();
  private next = 1;

  constructor(
    private readonly idleWatts: number,
    private readonly extraJ: number,
    private readonly windowsPerKernel: number,
    private readonly failWindow?: number,
  ) {}

  describe(): string {
    return 'scripted';
  }

  start(): Promise<MeterMark> {
    const id = this.next++;
    const startMs = nowMs();
    this.open.set(id, startMs);
    return Promise.resolve({ id, startMs });
  }

  stop(mark: MeterMark): Promise<MeterReading> {
    const startMs = this.open.get(mark.id)!;
    this.open.delete(mark.id);
    const endMs = nowMs();
    const index = this.windows++;
    if (index === this.failWindow) {
      return Promise.resolve({
        startMs,
        endMs,
        problems: [new MeterError('scripted', '/fake/energy_uj', 'permission denied (EACCES)')],
      });
    }
    const isIdle = index % this.windowsPerKernel === 0;
    const energyJ = this.idleWatts * ((endMs - startMs) / 1000) + (isIdle ? 0 : this.extraJ);
    return Promise.resolve({ startMs, endMs, energyJ, problems: [] });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The epoch clock, each reading at least `stepMs` after the one before: a meter window given this
 * clock lasts stepMs or more without the test sleeping (the meter waits for a power sample past the
 * window's end on its own).
 */
export function steppingClock(stepMs: number): () => number {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    last = Math.max(nowMs(), last + stepMs);
    return last;
  };
}
