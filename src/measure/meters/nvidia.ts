import { execFile } from 'node:child_process';
import { SampledMeter, maxGapFor } from './sampled.js';
import { PowerSampler } from './sampler.js';
import { WindowMeter } from './window-meter.js';
import {
  MeterError,
  nowMs,
  type EnergyMeter,
  type EpochMs,
  type MeterInfo,
  type MeterReading,
} from './types.js';

/**
 * NVIDIA GPUs through nvidia-smi (NVML underneath). Volta and newer report
 * `total_energy_consumption`: millijoules since the driver was loaded, updated every 20-100 ms, read
 * at both ends of a window. Where that reads [N/A] or [Not Supported], `power.draw` (W) is sampled with
 * nvidia-smi's own loop (`-lms`) and integrated. Board power: GPU and its memory, not the host.
 */

const METER = 'nvidia';

export interface NvidiaOptions {
  /** nvidia-smi binary (default `nvidia-smi` on PATH); tests pass a fake script. */
  readonly nvidiaSmi?: string;
  /** GPU index or UUID as nvidia-smi's `-i` takes it (default 0). */
  readonly gpu?: string | number;
  /** `energy`: the counter or fail; `power`: sample power.draw; `auto` (default): counter where supported. */
  readonly mode?: 'auto' | 'energy' | 'power';
  /** power.draw sampling interval (default 50 ms). */
  readonly intervalMs?: number;
  /** Stamps the windows of power-sample metering (default: the epoch clock); tests inject one. */
  readonly clock?: () => EpochMs;
  /** Time allowed for one nvidia-smi call (default 10 s). */
  readonly timeoutMs?: number;
}

interface Query {
  readonly fields: readonly string[];
  /** When the call was made and returned; the value is taken to be read in the middle. */
  readonly atMs: EpochMs;
}

/** Runs one `--query-gpu` and returns the fields of its single output line. */
export function queryGpu(
  nvidiaSmi: string,
  gpu: string,
  fields: readonly string[],
  timeoutMs: number,
): Promise<Query> {
  const args = [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits', '-i', gpu];
  const before = nowMs();
  return new Promise((resolve, reject) => {
    execFile(nvidiaSmi, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const after = nowMs();
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const output = `${stderr}${stdout}`.trim().split('\n')[0] ?? '';
        const reason =
          code === 'ENOENT'
            ? 'not found (ENOENT): install the NVIDIA driver utilities or give the path to nvidia-smi'
            : code === 'EACCES'
              ? 'not executable (EACCES)'
              : error.killed
                ? `no answer within ${timeoutMs} ms`
                : `failed (${error.code ?? 'error'})${output ? `: ${output}` : ''}`;
        reject(new MeterError(METER, `${nvidiaSmi} ${args.join(' ')}`, reason, { cause: error }));
        return;
      }
      const lines = stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      if (lines.length !== 1) {
        reject(
          new MeterError(
            METER,
            `${nvidiaSmi} ${args.join(' ')}`,
            `expected one line, got ${lines.length}: ${JSON.stringify(stdout.slice(0, 120))}`,
          ),
        );
        return;
      }
      resolve({ fields: splitFields(lines[0]!, fields.length), atMs: (before + after) / 2 });
    });
  });
}

/** Splits a CSV line into `count` fields; extra commas belong to the name-like middle field. */
function splitFields(line: string, count: number): string[] {
  const parts = line.split(',').map((p) => p.trim());
  if (parts.length <= count) return parts;
  const head = parts.slice(0, 1);
  const tail = parts.slice(parts.length - (count - 2));
  return [...head, parts.slice(1, parts.length - (count - 2)).join(', '), ...tail];
}

function numeric(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text.startsWith('[')) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

interface CounterWindow {
  readonly startMs: EpochMs;
  readonly counterMj: number;
}

class NvidiaEnergyMeter extends WindowMeter<CounterWindow> {
  constructor(
    info: MeterInfo,
    private readonly nvidiaSmi: string,
    private readonly gpu: string,
    private readonly timeoutMs: number,
  ) {
    super(info);
  }

  private async counter(): Promise<{ mj: number; atMs: EpochMs }> {
    const query = await queryGpu(this.nvidiaSmi, this.gpu, ['total_energy_consumption'], this.timeoutMs);
    const mj = numeric(query.fields[0]);
    if (mj === undefined) {
      throw new MeterError(
        METER,
        `${this.nvidiaSmi} --query-gpu=total_energy_consumption`,
        `not a number: ${JSON.stringify(query.fields[0])}`,
      );
    }
    return { mj, atMs: query.atMs };
  }

  protected async open(): Promise<CounterWindow> {
    const { mj, atMs } = await this.counter();
    return { startMs: atMs, counterMj: mj };
  }

  protected async read(open: CounterWindow): Promise<MeterReading> {
    try {
      const { mj, atMs } = await this.counter();
      if (mj < open.counterMj) {
        const reason = `energy counter went back from ${open.counterMj} to ${mj} mJ (driver reloaded?)`;
        return {
          startMs: open.startMs,
          endMs: atMs,
          problems: [new MeterError(METER, this.nvidiaSmi, reason)],
        };
      }
      const energyJ = (mj - open.counterMj) / 1000;
      return {
        startMs: open.startMs,
        endMs: atMs,
        energyJ,
        channelsJ: { [this.info.channels[0]!]: energyJ },
        problems: [],
      };
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      return { startMs: open.startMs, endMs: nowMs(), problems: [error] };
    }
  }
}

export async function openNvidiaMeter(options: NvidiaOptions = {}): Promise<EnergyMeter> {
  const nvidiaSmi = options.nvidiaSmi ?? 'nvidia-smi';
  const gpu = String(options.gpu ?? 0);
  const mode = options.mode ?? 'auto';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const probe = await queryGpu(
    nvidiaSmi,
    gpu,
    ['index', 'name', 'total_energy_consumption', 'power.draw'],
    timeoutMs,
  );
  const [index, name, energyText, powerText] = probe.fields;
  const channel = `gpu${index ?? gpu} ${name ?? ''}`.trim();
  const notes: string[] = [];
  if (mode !== 'power') {
    if (numeric(energyText) !== undefined) {
      const info: MeterInfo = {
        kind: 'nvidia',
        label: `nvidia:gpu${index ?? gpu}`,
        measuresEnergy: true,
        method: 'energy-counter',
        channels: [channel],
        minWindowMs: 1000,
        notes: ['NVML total_energy_consumption (mJ), board power; counter updates every 20-100 ms'],
        problems: [],
      };
      return new NvidiaEnergyMeter(info, nvidiaSmi, gpu, timeoutMs);
    }
    const unsupported = new MeterError(
      METER,
      `${nvidiaSmi} --query-gpu=total_energy_consumption`,
      `reads ${JSON.stringify(energyText ?? '')}: no energy counter on this GPU or driver`,
    );
    if (mode === 'energy') throw unsupported;
    notes.push(
      `total_energy_consumption reads ${JSON.stringify(energyText ?? '')}: using power samples instead`,
    );
  }
  if (numeric(powerText) === undefined) {
    throw new MeterError(
      METER,
      `${nvidiaSmi} --query-gpu=power.draw`,
      `reads ${JSON.stringify(powerText ?? '')}: this GPU reports no power either`,
    );
  }
  const sampler = await PowerSampler.start(METER, {
    kind: 'command',
    intervalMs,
    file: nvidiaSmi,
    args: ['--query-gpu=power.draw', '--format=csv,noheader,nounits', '-i', gpu, `--loop-ms=${intervalMs}`],
    channels: [channel],
    toWatts: 1,
  });
  const info: MeterInfo = {
    kind: 'nvidia',
    label: `nvidia:gpu${index ?? gpu}:power`,
    measuresEnergy: true,
    method: 'power-samples',
    channels: [channel],
    minWindowMs: 20 * intervalMs,
    notes: [
      ...notes,
      `power.draw sampled every ${intervalMs} ms by nvidia-smi and integrated (on A100/H100 the sensor averages only part of each period)`,
    ],
    problems: [],
  };
  return new SampledMeter(
    info,
    sampler,
    maxGapFor(intervalMs),
    maxGapFor(intervalMs) * 4 + 1000,
    options.clock,
  );
}
