import { openExternalCsvMeter, type MonitorCsvOptions } from './external-csv.js';
import { openJetsonMeter } from './jetson.js';
import { NoMeter } from './none.js';
import { openNvidiaMeter } from './nvidia.js';
import { RaplMeter } from './rapl.js';
import { MeterError, type EnergyMeter, type MeterKind } from './types.js';

export * from './types.js';
export {
  RaplMeter,
  discoverRaplZones,
  counterDelta,
  RAPL_PERMISSION_HINT,
  type RaplOptions,
  type RaplZone,
} from './rapl.js';
export { openNvidiaMeter, type NvidiaOptions } from './nvidia.js';
export { openJetsonMeter, discoverJetsonRails, type JetsonOptions, type JetsonRail } from './jetson.js';
export {
  ExternalCsvMeter,
  openExternalCsvMeter,
  loadMonitorCsv,
  detectLayout,
  type ExternalCsvOptions,
  type MonitorCsvOptions,
  type MonitorLayout,
} from './external-csv.js';
export { NoMeter } from './none.js';
export { integratePower, type PowerSample, type Integration } from './integrate.js';
export { SampleSeries } from './series.js';

/** Which meter to open, as the CLI's `--meter` names it (see parseMeterSpec). */
export type MeterSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'rapl'; readonly zones?: readonly string[] }
  | { readonly kind: 'nvidia'; readonly gpu?: string; readonly mode?: 'auto' | 'energy' | 'power' }
  | { readonly kind: 'jetson'; readonly rails?: readonly string[] }
  | ({ readonly kind: 'external-csv'; readonly path: string } & MonitorCsvOptions);

/** Where meters look and how often they sample; tests point the roots at fake trees. */
export interface MeterEnvironment {
  /** powercap class folder (default /sys/class/powercap). */
  readonly powercapRoot?: string;
  /** sysfs mount for Jetson rails (default /sys). */
  readonly sysfsRoot?: string;
  /** nvidia-smi binary (default `nvidia-smi` on PATH). */
  readonly nvidiaSmi?: string;
  /** Sampling interval of sampled meters (Jetson default 20 ms, nvidia-smi power default 50 ms). */
  readonly intervalMs?: number;
}

export const METER_KINDS: readonly MeterKind[] = ['none', 'rapl', 'nvidia', 'jetson', 'external-csv'];

/**
 * Parses `--meter` text: `none`; `rapl` or `rapl:package-0,dram`; `nvidia`, `nvidia:1` or
 * `nvidia:1:power`; `jetson` or `jetson:VDD_IN`; `external-csv:PATH` (alias `csv:PATH`).
 */
export function parseMeterSpec(text: string): MeterSpec {
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).trim();
  const arg = colon < 0 ? undefined : text.slice(colon + 1);
  const list = (value: string | undefined): string[] | undefined => {
    const items = (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.length > 0 ? items : undefined;
  };
  switch (kind) {
    case 'none':
      if (arg !== undefined) throw new MeterError('meter', text, '`none` takes no argument');
      return { kind: 'none' };
    case 'rapl': {
      const zones = list(arg);
      return zones ? { kind: 'rapl', zones } : { kind: 'rapl' };
    }
    case 'jetson': {
      const rails = list(arg);
      return rails ? { kind: 'jetson', rails } : { kind: 'jetson' };
    }
    case 'nvidia': {
      const [gpu, mode] = (arg ?? '').split(':').map((s) => s.trim());
      if (mode !== undefined && mode !== 'auto' && mode !== 'energy' && mode !== 'power') {
        throw new MeterError(
          'meter',
          text,
          `nvidia mode must be auto, energy or power, not ${JSON.stringify(mode)}`,
        );
      }
      return { kind: 'nvidia', ...(gpu ? { gpu } : {}), ...(mode ? { mode } : {}) };
    }
    case 'external-csv':
    case 'csv':
      if (!arg) throw new MeterError('meter', text, 'give the monitor CSV: external-csv:PATH');
      return { kind: 'external-csv', path: arg };
    default:
      throw new MeterError('meter', text, `unknown meter; one of ${METER_KINDS.join(', ')}`);
  }
}

/** Opens a meter; throws MeterError (naming the file or command and why) when it cannot measure at all. */
export async function openMeter(spec: MeterSpec | string, env: MeterEnvironment = {}): Promise<EnergyMeter> {
  const s = typeof spec === 'string' ? parseMeterSpec(spec) : spec;
  switch (s.kind) {
    case 'none':
      return new NoMeter();
    case 'rapl':
      return RaplMeter.open({
        ...(env.powercapRoot ? { root: env.powercapRoot } : {}),
        ...(s.zones ? { zones: s.zones } : {}),
      });
    case 'nvidia':
      return openNvidiaMeter({
        ...(env.nvidiaSmi ? { nvidiaSmi: env.nvidiaSmi } : {}),
        ...(s.gpu ? { gpu: s.gpu } : {}),
        ...(s.mode ? { mode: s.mode } : {}),
        ...(env.intervalMs ? { intervalMs: env.intervalMs } : {}),
      });
    case 'jetson':
      return openJetsonMeter({
        ...(env.sysfsRoot ? { root: env.sysfsRoot } : {}),
        ...(s.rails ? { rails: s.rails } : {}),
        ...(env.intervalMs ? { intervalMs: env.intervalMs } : {}),
      });
    case 'external-csv': {
      const { kind: _kind, ...options } = s;
      return openExternalCsvMeter(options);
    }
  }
}
