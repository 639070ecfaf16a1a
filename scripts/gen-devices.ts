// Regenerates src/devices/devices.json from data/deepen2023/devices.csv and device_scores.csv (the
// DeepEn2023 phones), so the bundled action carries the catalog without reading data/ at run time.
// Run by `npm run predictors`; CI checks the committed file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const root = join(import.meta.dirname, '..');
const read = (name: string): Record<string, string>[] =>
  parse<Record<string, string>>(readFileSync(join(root, 'data/deepen2023', name), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });

export function buildDeviceCatalog(): unknown {
  const scores = new Map(read('device_scores.csv').map((r) => [r.device_id!, r]));
  return {
    source: 'DeepEn2023 (Tu et al., ACM/IEEE SEC 2023): data/deepen2023/devices.csv and device_scores.csv',
    devices: read('devices.csv').map((r) => {
      const s = scores.get(r.device_id!);
      return {
        id: r.device_id,
        name: r.device,
        soc: r.soc,
        cpu: `${r.cpu_microarchitecture} (${r.cpu_cores}, ${r.cpu_max_ghz} GHz)`,
        gpu: r.gpu,
        batteryMah: Number(r.battery_mah),
        class: r.class,
        iecs: s ? Number(s.iecs) : null,
        pcs: s ? Number(s.pcs) : null,
      };
    }),
  };
}

if (import.meta.filename === process.argv[1]) {
  writeFileSync(join(root, 'src/devices/devices.json'), JSON.stringify(buildDeviceCatalog(), null, 2) + '\n');
  console.log('wrote src/devices/devices.json');
}
