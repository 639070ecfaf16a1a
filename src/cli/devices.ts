import type { Command } from 'commander';
import { provenanceOf } from '../compare/compare.js';
import { accuracyText } from '../report/accuracy.js';
import { dirname, resolve } from 'node:path';
import { defaultPredictorsDir, selectBundles } from '../compare/bundles.js';
import { deviceInfo } from '../devices/catalog.js';
import { renderTable, wrap, type Column } from '../report/text-table.js';
import type { PrecisionSpec } from '../predict/manifest.js';
import { sharedOption, styleOf, type CliRun } from './common.js';

/** The method as a short table word; the legend under the table says what each means. */
const HOW: Readonly<Record<string, string>> = { 'calibrated-transfer': 'transfer' };

export function registerDevices(program: Command, run: CliRun): void {
  program
    .command('devices')
    .description(
      'list the predictor bundles (device x processor) with where their numbers come from and how accurate they are',
    )
    .addOption(sharedOption.predictors('also list the bundles in this folder'))
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
          precision: m.precision?.factors ?? null,
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
      const { width } = styleOf(run.io);
      type Entry = (typeof entries)[number];
      const columns: Column<Entry>[] = [
        { header: 'bundle', value: (e) => e.id, min: 12, shrink: 2 },
        {
          header: 'device',
          value: (e) => `${e.deviceName}${e.soc ? ` (${e.soc})` : ''}`,
          min: 12,
          shrink: 3,
        },
        { header: 'proc', value: (e) => e.processor },
        { header: 'how', value: (e) => HOW[e.provenance.method] ?? e.provenance.method },
        { header: 'from', value: (e) => (e.origin === 'default' ? 'default' : e.dir), min: 7, shrink: 4 },
      ];
      const lines = [
        renderTable(columns, entries, width),
        ...wrap(
          "how: trained = fitted on the device's measured kernels; transfer = a trained bundle calibrated to this device and processor; external = brought with its own manifest",
          width,
          '  ',
        ),
        '',
      ];
      // Long prose goes under the table: where each bundle's numbers come from and how accurate they are.
      for (const e of entries) {
        lines.push(...wrap(`${e.id}: ${e.provenance.source}`, width, '    '));
        lines.push(...wrap(`    known accuracy: ${accuracyText(e.provenance.accuracy)}`, width, '    '));
        const precision = precisionText(e.precision ?? undefined, e.targets.includes('latency'));
        if (precision) lines.push(...wrap(`    precision: ${precision}`, width, '    '));
      }
      run.io.stdout(`${lines.join('\n')}\n`);
    });
}

/**
 * How the bundle prices precisions other than fp32, in one line: each factor with what it rests on
 * (manifest `precision`, src/calibration/precision.ts). Undefined for bundles without factors.
 */
export function precisionText(
  factors: PrecisionSpec['factors'] | undefined,
  predictsLatency: boolean,
): string | undefined {
  if (!factors) return undefined;
  const parts: string[] = [];
  const asFp32: string[] = [];
  const widened: string[] = [];
  for (const [precision, f] of Object.entries(factors)) {
    if (!f) continue;
    const energy = f.factor.energy ?? 1;
    if (f.basis === 'published')
      parts.push(`${precision} energy ×${energy.toFixed(2)} (fitted on published FP32/INT8 app pairs)`);
    else if (f.basis === 'runtime' && energy === 1) asFp32.push(precision);
    else if (energy === 1) widened.push(precision);
    else parts.push(`${precision} energy ×${energy.toFixed(2)}`);
  }
  if (asFp32.length > 0) parts.push(`${asFp32.join(', ')} as fp32 (the runtime computes in fp32)`);
  if (widened.length > 0) parts.push(`${widened.join(', ')} as fp32, range widened (nothing published)`);
  if (parts.length === 0) return undefined;
  return predictsLatency ? `${parts.join('; ')}; latency not adjusted` : parts.join('; ');
}
