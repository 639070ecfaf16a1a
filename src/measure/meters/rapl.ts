import { join } from 'node:path';
import { isPermissionError, listMatching, naturalCompare, readNumber, readText } from './sysfs.js';
import { WindowMeter } from './window-meter.js';
import { MeterError, nowMs, type EpochMs, type Joules, type MeterInfo, type MeterReading } from './types.js';

/**
 * Linux RAPL through the powercap class: each zone directory (`intel-rapl:0`, `intel-rapl:0:2`...)
 * holds `name`, `energy_uj` (a counter in microjoules that wraps at `max_energy_range_uj`). Since
 * Linux 5.10 `energy_uj` is readable by root only (CVE-2020-8694, "Platypus"). AMD Zen CPUs appear
 * through the same interface.
 */

export const DEFAULT_POWERCAP_ROOT = '/sys/class/powercap';
const METER = 'rapl';
const ZONE_DIR = /^[a-z-]*rapl[a-z-]*:\d+(?::\d+)*$/;
/** Highest power a window is assumed to draw when checking that the counter cannot wrap twice. */
const MAX_PLAUSIBLE_WATTS = 1000;

export const RAPL_PERMISSION_HINT =
  'energy_uj is readable by root only since Linux 5.10 (CVE-2020-8694): run as root, or grant read ' +
  'access until the next reboot with `sudo chmod o+r /sys/class/powercap/*/energy_uj`';

export interface RaplOptions {
  /** The powercap class folder (default /sys/class/powercap); tests point it at a fake tree. */
  readonly root?: string;
  /**
   * Zones to sum, by channel name (`package-0`, `package-0/dram`), zone name (`dram` = every dram
   * zone) or folder (`intel-rapl:0:2`). Default: every package zone plus its dram subzone (package
   * energy excludes DRAM); `psys` where there is no package zone. Requested zones must all be readable.
   */
  readonly zones?: readonly string[];
}

/** One powercap zone as found in sysfs. */
export interface RaplZone {
  readonly dir: string;
  readonly folder: string;
  /** `name` file content: package-0, core, uncore, dram, psys... */
  readonly name: string;
  /** Unique channel name: the zone name, prefixed by the parent's for subzones (`package-0/dram`). */
  readonly channel: string;
  readonly parentFolder?: string;
  readonly mmio: boolean;
}

export function discoverRaplZones(root: string = DEFAULT_POWERCAP_ROOT): RaplZone[] {
  const folders = listMatching(root, ZONE_DIR);
  const names = new Map<string, string>();
  const problems: MeterError[] = [];
  for (const folder of folders) {
    try {
      names.set(folder, readText(METER, join(root, folder, 'name')));
    } catch (error) {
      if (!(error instanceof MeterError)) throw error;
      problems.push(error);
    }
  }
  if (folders.length > 0 && names.size === 0) throw problems[0]!;
  const zones: RaplZone[] = [];
  for (const [folder, name] of names) {
    const parts = folder.split(':');
    const parentFolder = parts.length > 2 ? parts.slice(0, -1).join(':') : undefined;
    const parentName = parentFolder === undefined ? undefined : names.get(parentFolder);
    zones.push({
      dir: join(root, folder),
      folder,
      name,
      channel: parentName === undefined ? name : `${parentName}/${name}`,
      ...(parentFolder === undefined ? {} : { parentFolder }),
      mmio: folder.includes('mmio'),
    });
  }
  return zones.sort((a, b) => Number(a.mmio) - Number(b.mmio) || naturalCompare(a.folder, b.folder));
}

function selectDefault(zones: readonly RaplZone[]): RaplZone[] {
  const top = zones.filter((z) => z.parentFolder === undefined && !z.mmio);
  const packages = top.filter((z) => z.name.startsWith('package'));
  if (packages.length === 0) return top.filter((z) => z.name === 'psys');
  const packageFolders = new Set(packages.map((z) => z.folder));
  const drams = zones.filter((z) => z.name === 'dram' && !z.mmio && packageFolders.has(z.parentFolder ?? ''));
  // Server parts expose dram as a top-level zone of its own.
  const topDrams = top.filter((z) => z.name === 'dram');
  return [...packages, ...drams, ...topDrams];
}

function selectRequested(zones: readonly RaplZone[], requested: readonly string[]): RaplZone[] {
  const chosen: RaplZone[] = [];
  for (const want of requested) {
    const matches = zones.filter((z) => z.channel === want || z.name === want || z.folder === want);
    if (matches.length === 0) {
      const known = zones.map((z) => `${z.channel} (${z.folder})`).join(', ') || 'none';
      throw new MeterError(METER, want, `no such RAPL zone; zones found: ${known}`);
    }
    for (const zone of matches) {
      if (!chosen.some((c) => c.channel === zone.channel)) chosen.push(zone);
    }
  }
  for (const zone of chosen) {
    const parent = chosen.find((c) => c.folder === zone.parentFolder);
    if (parent && zone.name !== 'dram') {
      throw new MeterError(
        METER,
        zone.dir,
        `${zone.channel} is part of ${parent.channel}: selecting both counts it twice`,
      );
    }
    if (zone.name === 'psys' && chosen.length > 1) {
      throw new MeterError(METER, zone.dir, 'psys already includes the packages and DRAM: select it alone');
    }
  }
  return chosen;
}

interface Channel {
  readonly zone: RaplZone;
  readonly rangeUj: number;
}

interface OpenWindow {
  readonly startMs: EpochMs;
  readonly counters: readonly number[];
}

export class RaplMeter extends WindowMeter<OpenWindow> {
  private constructor(
    private readonly channels: readonly Channel[],
    problems: readonly MeterError[],
  ) {
    super(raplInfo(channels, problems));
  }

  static open(options: RaplOptions = {}): RaplMeter {
    const root = options.root ?? DEFAULT_POWERCAP_ROOT;
    const zones = discoverRaplZones(root);
    if (zones.length === 0) {
      throw new MeterError(
        METER,
        root,
        'no RAPL zones (intel-rapl:*) found: the kernel has no powercap RAPL driver loaded or this CPU has no RAPL',
      );
    }
    const explicit = options.zones !== undefined && options.zones.length > 0;
    const selected = explicit ? selectRequested(zones, options.zones ?? []) : selectDefault(zones);
    if (selected.length === 0) {
      throw new MeterError(
        METER,
        root,
        `no package or psys zone among ${zones.map((z) => z.channel).join(', ')}: name the zones to use`,
      );
    }
    const channels: Channel[] = [];
    const problems: MeterError[] = [];
    for (const zone of selected) {
      try {
        readNumber(METER, join(zone.dir, 'energy_uj'));
        const rangeUj = readNumber(METER, join(zone.dir, 'max_energy_range_uj'));
        if (!(rangeUj > 0))
          throw new MeterError(
            METER,
            join(zone.dir, 'max_energy_range_uj'),
            `range must be positive, got ${rangeUj}`,
          );
        channels.push({ zone, rangeUj });
      } catch (error) {
        if (!(error instanceof MeterError)) throw error;
        problems.push(withHint(error));
      }
    }
    if (explicit && problems.length > 0) throw problems[0]!;
    if (channels.length === 0) throw problems[0]!;
    return new RaplMeter(channels, problems);
  }

  protected open(): OpenWindow {
    const startMs = nowMs();
    const counters = this.channels.map((c) => readNumber(METER, join(c.zone.dir, 'energy_uj')));
    return { startMs, counters };
  }

  protected read(open: OpenWindow): MeterReading {
    const endMs = nowMs();
    const problems: MeterError[] = [];
    const channelsJ: Record<string, Joules> = {};
    let total = 0;
    this.channels.forEach((channel, i) => {
      const path = join(channel.zone.dir, 'energy_uj');
      let end: number;
      try {
        end = readNumber(METER, path);
      } catch (error) {
        if (!(error instanceof MeterError)) throw error;
        problems.push(withHint(error));
        return;
      }
      const deltaUj = counterDelta(open.counters[i]!, end, channel.rangeUj);
      const maxWindowMs = (channel.rangeUj / 1e6 / MAX_PLAUSIBLE_WATTS) * 1000;
      if (endMs - open.startMs > maxWindowMs) {
        problems.push(
          new MeterError(
            METER,
            path,
            `window of ${(endMs - open.startMs).toFixed(0)} ms may span more than one counter wrap (range ${channel.rangeUj} uJ)`,
          ),
        );
        return;
      }
      channelsJ[channel.zone.channel] = deltaUj / 1e6;
      total += deltaUj / 1e6;
    });
    return {
      startMs: open.startMs,
      endMs,
      ...(problems.length === 0 ? { energyJ: total } : {}),
      channelsJ,
      problems,
    };
  }
}

function raplInfo(channels: readonly Channel[], problems: readonly MeterError[]): MeterInfo {
  const smallestRangeJ = Math.min(...channels.map((c) => c.rangeUj / 1e6));
  return {
    kind: 'rapl',
    label: `rapl:${channels.map((c) => c.zone.channel).join('+')}`,
    measuresEnergy: true,
    method: 'energy-counter',
    channels: channels.map((c) => c.zone.channel),
    minWindowMs: 100,
    notes: [
      'RAPL energy of the CPU package (and DRAM where listed), not the wall power of the machine',
      `counter wraps every ${smallestRangeJ.toFixed(0)} J; one wrap per window is corrected`,
    ],
    problems,
  };
}

/** Counter difference with one wrap-around at `rangeUj` corrected. */
export function counterDelta(start: number, end: number, rangeUj: number): number {
  return end >= start ? end - start : rangeUj - start + end;
}

function withHint(error: MeterError): MeterError {
  if (!isPermissionError(error) || !error.path.endsWith('energy_uj')) return error;
  return new MeterError(error.meter, error.path, `${error.reason}; ${RAPL_PERMISSION_HINT}`, {
    cause: error.cause,
  });
}
