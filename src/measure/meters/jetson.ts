import { join } from 'node:path';
import { SampledMeter, maxGapFor } from './sampled.js';
import { PowerSampler, type FileChannel } from './sampler.js';
import { isDirectory, listMatching, readNumber, readText, realPath } from './sysfs.js';
import { MeterError, type EnergyMeter, type EpochMs } from './types.js';

/**
 * NVIDIA Jetson power rails from the INA3221 monitors in sysfs. Two driver generations exist:
 * - L4T <= 32 (JetPack 4): IIO `ina3221x` at bus/i2c/drivers/ina3221x/<addr>/iio:device<N>/ with
 *   `rail_name_<i>`, `in_power<i>_input` (mW), `in_current<i>_input` (mA), `in_voltage<i>_input` (mV);
 * - L4T >= 34 (JetPack 5+): hwmon `ina3221` at bus/i2c/drivers/ina3221/<addr>/hwmon/hwmon<N>/ (also
 *   class/hwmon/hwmon<N> with name "ina3221") with `in<i>_label`, `in<i>_input` (bus mV),
 *   `curr<i>_input` (mA) for i = 1..3, and `power<i>_input` (uW) where the driver provides it.
 */

const METER = 'jetson';
export const DEFAULT_SYSFS_ROOT = '/sys';
/** Rails that carry the whole module's input power; the other rails are parts of them. */
const INPUT_RAIL = /^(VDD_IN|POM_5V_IN|VIN|VDD_IN_.+)$/i;

export interface JetsonRail {
  readonly label: string;
  /** The sensor folder (IIO device or hwmon). */
  readonly dir: string;
  readonly driver: 'iio' | 'hwmon';
  readonly channel: FileChannel;
}

export interface JetsonOptions {
  /** The sysfs mount (default /sys); tests point it at a fake tree. */
  readonly root?: string;
  /** Rails to sum, by label (VDD_IN, VDD_CPU_GPU_CV...). Default: the input rail, else all rails. */
  readonly rails?: readonly string[];
  /** Sampling interval (default 20 ms). */
  readonly intervalMs?: number;
  /** Stamps the windows of power-sample metering (default: the epoch clock); tests inject one. */
  readonly clock?: () => EpochMs;
}

export function discoverJetsonRails(root: string = DEFAULT_SYSFS_ROOT): JetsonRail[] {
  const rails: JetsonRail[] = [];
  const seen = new Set<string>();
  const once = (dir: string): boolean => {
    const real = realPath(dir);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const iioDriver = join(root, 'bus/i2c/drivers/ina3221x');
  for (const addr of listMatching(iioDriver, /^\d+-[0-9a-f]+$/)) {
    for (const dev of listMatching(join(iioDriver, addr), /^iio(:device\d+|_device)$/)) {
      const dir = join(iioDriver, addr, dev);
      if (once(dir)) rails.push(...iioRails(dir, addr));
    }
  }
  const hwmonDirs: string[] = [];
  const hwmonDriver = join(root, 'bus/i2c/drivers/ina3221');
  for (const addr of listMatching(hwmonDriver, /^\d+-[0-9a-f]+$/)) {
    for (const mon of listMatching(join(hwmonDriver, addr, 'hwmon'), /^hwmon\d+$/))
      hwmonDirs.push(join(hwmonDriver, addr, 'hwmon', mon));
  }
  const hwmonClass = join(root, 'class/hwmon');
  for (const mon of listMatching(hwmonClass, /^hwmon\d+$/)) {
    const dir = join(hwmonClass, mon);
    if (sensorName(dir) === 'ina3221') hwmonDirs.push(dir);
  }
  for (const dir of hwmonDirs) if (once(dir)) rails.push(...hwmonRails(dir));
  return rails;
}

function sensorName(dir: string): string | undefined {
  try {
    return readText(METER, join(dir, 'name'));
  } catch (error) {
    if (error instanceof MeterError) return undefined;
    throw error;
  }
}

function iioRails(dir: string, addr: string): JetsonRail[] {
  const rails: JetsonRail[] = [];
  for (const file of listMatching(dir, /^in_(power|current)\d+_input$/)) {
    const index = /(\d+)_input$/.exec(file)![1]!;
    if (file.startsWith('in_current') && listMatching(dir, new RegExp(`^in_power${index}_input$`)).length > 0)
      continue;
    const label = optionalText(join(dir, `rail_name_${index}`)) ?? `${addr}/power${index}`;
    const power = join(dir, `in_power${index}_input`);
    const channel: FileChannel = file.startsWith('in_power')
      ? { name: label, power: { path: power, toWatts: 1e-3 } }
      : {
          name: label,
          current: { path: join(dir, `in_current${index}_input`), toAmps: 1e-3 },
          voltage: { path: join(dir, `in_voltage${index}_input`), toVolts: 1e-3 },
        };
    rails.push({ label, dir, driver: 'iio', channel });
  }
  return rails;
}

function hwmonRails(dir: string): JetsonRail[] {
  const rails: JetsonRail[] = [];
  for (const i of [1, 2, 3]) {
    const hasCurrent = listMatching(dir, new RegExp(`^curr${i}_input$`)).length > 0;
    const hasPower = listMatching(dir, new RegExp(`^power${i}_input$`)).length > 0;
    if (!hasCurrent && !hasPower) continue;
    const label = optionalText(join(dir, `in${i}_label`)) ?? `${dir.split('/').pop()}/in${i}`;
    if (label.toUpperCase() === 'NC') continue;
    const channel: FileChannel = hasPower
      ? { name: label, power: { path: join(dir, `power${i}_input`), toWatts: 1e-6 } }
      : {
          name: label,
          current: { path: join(dir, `curr${i}_input`), toAmps: 1e-3 },
          voltage: { path: join(dir, `in${i}_input`), toVolts: 1e-3 },
        };
    rails.push({ label, dir, driver: 'hwmon', channel });
  }
  return rails;
}

function optionalText(path: string): string | undefined {
  try {
    return readText(METER, path);
  } catch (error) {
    if (error instanceof MeterError && error.reason.startsWith('no such file')) return undefined;
    throw error;
  }
}

function probe(rail: JetsonRail): void {
  const ch = rail.channel;
  if (ch.power) readNumber(METER, ch.power.path);
  if (ch.current) readNumber(METER, ch.current.path);
  if (ch.voltage) readNumber(METER, ch.voltage.path);
}

export async function openJetsonMeter(options: JetsonOptions = {}): Promise<EnergyMeter> {
  const root = options.root ?? DEFAULT_SYSFS_ROOT;
  const intervalMs = options.intervalMs ?? 20;
  const rails = discoverJetsonRails(root);
  if (rails.length === 0) {
    const where = [
      join(root, 'bus/i2c/drivers/ina3221x'),
      join(root, 'bus/i2c/drivers/ina3221'),
      join(root, 'class/hwmon'),
    ];
    const present = where.filter(isDirectory);
    throw new MeterError(
      METER,
      root,
      `no INA3221 power rails found (looked in ${where.join(', ')}; present: ${present.join(', ') || 'none'})`,
    );
  }
  const explicit = options.rails !== undefined && options.rails.length > 0;
  const notes: string[] = [];
  let selected: JetsonRail[];
  if (explicit) {
    selected = [];
    for (const want of options.rails ?? []) {
      const match = rails.filter((r) => r.label.toLowerCase() === want.toLowerCase());
      if (match.length === 0) {
        throw new MeterError(
          METER,
          want,
          `no such rail; rails found: ${rails.map((r) => r.label).join(', ')}`,
        );
      }
      selected.push(...match.filter((r) => !selected.includes(r)));
    }
  } else {
    const input = rails.filter((r) => INPUT_RAIL.test(r.label));
    selected = input.length > 0 ? input.slice(0, 1) : rails;
    notes.push(
      input.length > 0
        ? `module input rail ${selected[0]!.label} (the other rails are parts of it)`
        : 'no module input rail found: summing all rails (check they do not nest)',
    );
  }
  const good: JetsonRail[] = [];
  const problems: MeterError[] = [];
  for (const rail of selected) {
    try {
      probe(rail);
      good.push(rail);
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      problems.push(error);
    }
  }
  if (good.length === 0 || (explicit && problems.length > 0)) throw problems[0]!;
  notes.push(
    good.some((r) => r.channel.power) ? 'rail power files' : 'rail power = bus voltage x current',
    `sampled every ${intervalMs} ms`,
  );
  const sampler = await PowerSampler.start(METER, {
    kind: 'files',
    intervalMs,
    channels: good.map((r) => r.channel),
  });
  return new SampledMeter(
    {
      kind: 'jetson',
      label: `jetson:${good.map((r) => r.label).join('+')}`,
      measuresEnergy: true,
      method: 'power-samples',
      channels: good.map((r) => r.label),
      minWindowMs: 20 * intervalMs,
      notes,
      problems,
    },
    sampler,
    maxGapFor(intervalMs),
    maxGapFor(intervalMs) * 4,
    options.clock,
  );
}
