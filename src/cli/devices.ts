import type { Command } from 'commander';
import { provenanceOf } from '../compare/compare.js';
import { dirname, resolve } from 'node:path';
import { defaultPredictorsDir, selectBundles } from '../compare/bundles.js';
import { deviceInfo } from '../devices/catalog.js';
import { textTable } from '../report/text-table.js';
import type { CliRun } from './common.js';

export function registerDevices(program: Command, run: CliRun): void {
  program
    .command('devices')
    .description(
      'list the predictor bundles (device x processor) with where their numbers come from and how accurate they are',
    )
    .option('--predictors <dir>', 'also list the bundles in this folder')
    .option('--json', 'print JSON')
    .action((flags: { predictors?: string; json?: boolean }) => {
      const bundles = selectBundles({
        ...(flags.predictors ? { extra: flags.predictors } : {}),
        onWarning: (warning) => run.io.stderr(`warning: ${warning}\n`),
      });
      const defaults = resolve(defaultPredictorsDir());
      const entries = bundles.map((b) => {
        const m = b.manifest;
        const builtIn = resolve(dirname(b.dir)) === defaults;
        const device = deviceInfo(m.device);
        return {
          id: m.id,
          device: m.device,
          deviceName: m.deviceName ?? device?.name ?? m.device,
          soc: device?.soc ?? null,
          processor: m.processor,
          runtime: m.runtime,
          threads: m.threads,
          targets: m.targets,
          kernelTypes: Object.keys(m.kernels),
          provenance: provenanceOf(b),
          dir: b.dir,
          origin: builtIn ? 'default' : 'predictors',
        };
      });
      if (flags.json) {
        run.io.stdout(
          `${JSON.stringify({ schemaVersion: 1, kind: 'devices', bundles: entries }, null, 2)}\n`,
        );
        return;
      }
      const rows = entries.map((e) => [
        e.id,
        `${e.deviceName}${e.soc ? ` (${e.soc})` : ''}`,
        e.processor,
        e.provenance.method,
        e.origin === 'default' ? 'default' : e.dir,
        e.provenance.accuracy,
      ]);
      run.io.stdout(`${textTable(['bundle', 'device', 'proc', 'how', 'from', 'known accuracy'], rows)}\n\n`);
      for (const e of entries) run.io.stdout(`${e.id}: ${e.provenance.source}\n`);
    });
}
