import catalog from './devices.json' with { type: 'json' };

/** A phone DeepEn2023 measured (generated from data/deepen2023 by scripts/gen-devices.ts). */
export interface DeviceInfo {
  readonly id: string;
  readonly name: string;
  readonly soc: string;
  readonly cpu: string;
  readonly gpu: string;
  readonly batteryMah: number;
  readonly class: string;
  /** DeepEn2023's inference energy consumption score and power consumption score of the phone. */
  readonly iecs: number | null;
  readonly pcs: number | null;
}

export const DEVICE_CATALOG_SOURCE: string = catalog.source;
export const DEVICES: readonly DeviceInfo[] = catalog.devices;

export function deviceInfo(id: string): DeviceInfo | undefined {
  return DEVICES.find((d) => d.id === id);
}
