// `npm run predictors`: rebuilds every default predictor bundle in predictors/ from the project's own
// data (data/deepen2023), deterministically, and the device catalog src/devices/devices.json. CI runs it
// and fails when the committed files differ.
//
//   huawei-p40-pro-cpu  trained on the 714 real kernel measurements (kernels_cpu.csv)
//   the other 15        calibrated transfers of it (src/calibration/transfer.ts) fitted on the
//                       published application-level energies (application_energy.csv)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyzeBytes, analyzeFile } from '../src/analysis/analyze.js';
import {
  fitTransfer,
  measuredOverhead,
  transferRange,
  validateOutOfSample,
  type AppPrediction,
  type ModelAnchor,
  type OutOfSampleCheck,
  type Published,
  type TransferOptions,
} from '../src/calibration/transfer.js';
import {
  appKey,
  fitInt8Factor,
  pairCells,
  type Int8Column,
  type ShareModel,
} from '../src/calibration/precision.js';
import {
  fitGpuModel,
  informativeFigures,
  kernelFiguresOutOfSample,
  kernelRangeFromFigures,
  modelsOutOfSample,
  validateGpuOutOfSample,
  type GpuCalibration,
  type GpuFit,
  type KernelFigure,
  type PricedKernel,
} from '../src/calibration/gpu-model.js';
import { DEVICES } from '../src/devices/catalog.js';
import { unpublishedFactor } from '../src/predict/precision.js';
import { kernelFromConfig } from '../src/kernels/generate.js';
import { readKernelCsv } from '../src/predict/csv.js';
import {
  combinedRange,
  kernelClass,
  loadBundle,
  transferManifest,
  type LoadedBundle,
} from '../src/predict/bundle.js';
import { GPU_GROUPS, gpuKernelEnergy, type GpuCostSpec } from '../src/predict/gpu-cost.js';
import type { KernelType } from '../src/kernels/types.js';
import type { BundleManifest, PrecisionSpec } from '../src/predict/manifest.js';
import { predictBundle } from '../src/predict/predictor.js';
import { trainBundle } from '../src/predict/train.js';
import { type TrainOptions } from '../src/predict/train-options.js';
import {
  alexnet,
  efficientnetLite0,
  mobilenetV1,
  proxylessMobile,
  squeezenet10,
} from '../src/reference/networks.js';
import { buildDeviceCatalog } from './gen-devices.js';

export const ROOT = join(import.meta.dirname, '..');
export const DATA = join(ROOT, 'data/deepen2023');
const OUT = join(ROOT, 'predictors');
export const TRAINED_DEVICE = 'huawei-p40-pro';
export const TRAINED_ID = `${TRAINED_DEVICE}-cpu`;
const CITATION =
  'Tu et al., "Unveiling Energy Efficiency in Deep Learning: Measurement, Prediction, and Scoring across Edge Devices", ACM/IEEE SEC 2023 (DeepEn2023)';

/** Where the transfers' out-of-sample checks are written up (`npm run accuracy`). */
const ACCURACY_DOC = 'docs/accuracy.md';
/** An app-level prediction counts as right within ±this much of the published energy. */
const APP_TOLERANCE_PCT = 30;

/** The two calibration apps: DeepEn2023's FP32 224x224 image classifiers and the networks we build for them. */
export const CALIBRATION_APPS = {
  DNN5: { name: 'EfficientNet-Lite0 (FP32, 224x224)', build: () => efficientnetLite0() },
  DNN7: { name: 'MobileNetV1 (FP32, 224x224)', build: () => mobilenetV1() },
} as const;

/** Delegate column of application_energy.csv each processor is calibrated on. */
export const DELEGATE = { cpu: 'CPU4', gpu: 'GPU' } as const;
/** The delegate column matching the trained bundle's setting (TFLite, one thread on the CPU). */
const TRAINED_SETTING_DELEGATE = 'CPU1' satisfies Int8Column;

/**
 * The nominal network of each of DeepEn2023's 9 model-level families: torchvision exports from
 * test/fixtures/models where torchvision has them, the builder's reference networks otherwise.
 */
export const FAMILY_NETWORKS: Readonly<
  Record<string, { name: string; load: () => Promise<import('../src/analysis/analyze.js').ModelAnalysis> }>
> = {
  AlexNet: {
    name: 'AlexNet (torchvision layout, built)',
    load: () => analyzeBytes(alexnet(), 'reference/alexnet.onnx'),
  },
  DenseNet: {
    name: 'DenseNet-121 (torchvision export)',
    load: () => analyzeFile(join(ROOT, 'test/fixtures/models/densenet121.onnx.gz')),
  },
  GoogLeNet: {
    name: 'GoogLeNet (torchvision export)',
    load: () => analyzeFile(join(ROOT, 'test/fixtures/models/googlenet.onnx.gz')),
  },
  MobileNetV1: {
    name: 'MobileNetV1 1.0-224 (built)',
    load: () => analyzeBytes(mobilenetV1(), 'reference/mobilenet_v1.onnx'),
  },
  MobileNetV2: {
    name: 'MobileNetV2 (torchvision export)',
    load: () => analyzeFile(join(ROOT, 'test/fixtures/models/mobilenet_v2.onnx.gz')),
  },
  ProxylessNAS: {
    name: 'ProxylessNAS-Mobile (built)',
    load: () => analyzeBytes(proxylessMobile(), 'reference/proxyless_mobile.onnx'),
  },
  ResNet18: {
    name: 'ResNet-18 (torchvision export)',
    load: () => analyzeFile(join(ROOT, 'test/fixtures/models/resnet18.onnx.gz')),
  },
  ShuffleNetV2: {
    name: 'ShuffleNetV2 1.0x (torchvision export)',
    load: () => analyzeFile(join(ROOT, 'test/fixtures/models/shufflenet_v2_x1_0.onnx.gz')),
  },
  SqueezeNet: {
    name: 'SqueezeNet 1.0 (torchvision layout, built)',
    load: () => analyzeBytes(squeezenet10(), 'reference/squeezenet1_0.onnx'),
  },
};

export interface FamilyRange {
  readonly family: string;
  readonly cpu: readonly [number, number];
  readonly gpu?: readonly [number, number];
  /** The family's average size as published (`avg_mflops`, millions). */
  readonly avgMflops: number;
}

export function familyRanges(): FamilyRange[] {
  const rows = parse<Record<string, string>>(readFileSync(join(DATA, 'model_level_summary.csv'), 'utf8'), {
    columns: true,
  });
  return rows.map((r) => ({
    family: r.model_family!,
    cpu: [Number(r.cpu_energy_min_mj), Number(r.cpu_energy_max_mj)] as const,
    avgMflops: Number(r.avg_mflops),
    ...(r.gpu_energy_min_mj
      ? { gpu: [Number(r.gpu_energy_min_mj), Number(r.gpu_energy_max_mj)] as const }
      : {}),
  }));
}

/** Energy the bundle predicts for a model, split into compute- and memory-bound kernel classes. */
export async function classSplit(
  bundle: LoadedBundle,
  kernels: Parameters<typeof predictBundle>[1],
): Promise<AppPrediction> {
  const p = await predictBundle(bundle, kernels);
  let computeMj = 0;
  let memoryMj = 0;
  for (const k of p.kernels) {
    if (kernelClass(k.type) === 'compute') computeMj += k.energyMj ?? 0;
    else memoryMj += k.energyMj ?? 0;
  }
  return { computeMj, memoryMj };
}

export async function appPredictions(bundle: LoadedBundle): Promise<Map<string, AppPrediction>> {
  const out = new Map<string, AppPrediction>();
  for (const [app, spec] of Object.entries(CALIBRATION_APPS)) {
    const analysis = await analyzeBytes(spec.build(), `reference/${app}.onnx`, { runtimeFallback: false });
    out.set(app, await classSplit(bundle, analysis.kernels));
  }
  return out;
}

/**
 * The GPU anchor: the kernel phone's model-level GPU figures (log-midpoint of each family's published
 * range), predicted from the families' nominal networks. `exclude` leaves families out (validation).
 */
export async function gpuAnchor(
  trained: LoadedBundle,
  exclude: readonly string[] = [],
): Promise<ModelAnchor> {
  const points: ModelAnchor['points'][number][] = [];
  for (const range of familyRanges()) {
    const net = FAMILY_NETWORKS[range.family];
    if (!range.gpu || !net || exclude.includes(range.family)) continue;
    const analysis = await net.load();
    points.push({
      label: range.family,
      prediction: await classSplit(trained, analysis.kernels),
      targetMj: Math.sqrt(range.gpu[0] * range.gpu[1]),
    });
  }
  return { device: TRAINED_DEVICE, points };
}

/** The trained bundle's per-kernel energies of a network, for the GPU cost map. */
export async function pricedKernels(
  bundle: LoadedBundle,
  kernels: Parameters<typeof predictBundle>[1],
): Promise<PricedKernel[]> {
  const p = await predictBundle(bundle, kernels);
  return p.kernels.map((k) => ({ type: k.type, cpuMj: k.energyMj ?? 0 }));
}

/** kernel_level_summary.csv's kernel names, as kernel types ('others': the rest, elementwise). */
const SUMMARY_TYPES: Readonly<Record<string, KernelType>> = {
  'conv+bn+relu': 'conv-bn-relu',
  'dwconv+bn+relu': 'dwconv-bn-relu',
  'bn+relu': 'bnrelu',
  relu: 'relu',
  avgpool: 'avgpool',
  maxpool: 'maxpool',
  fc: 'fc',
  concat: 'concat',
  others: 'others',
};

export interface KernelSummaryRow {
  readonly kernel: string;
  readonly type: KernelType;
  readonly cpu: readonly [number, number];
  readonly gpu?: readonly [number, number];
}

export function kernelSummary(): KernelSummaryRow[] {
  const rows = parse<Record<string, string>>(readFileSync(join(DATA, 'kernel_level_summary.csv'), 'utf8'), {
    columns: true,
  });
  return rows.map((r) => {
    const type = SUMMARY_TYPES[r.kernel!];
    if (!type) throw new Error(`kernel_level_summary.csv: unknown kernel '${r.kernel}'`);
    return {
      kernel: r.kernel!,
      type,
      cpu: [Number(r.cpu_energy_min_mj), Number(r.cpu_energy_max_mj)] as const,
      ...(r.gpu_energy_min_mj
        ? { gpu: [Number(r.gpu_energy_min_mj), Number(r.gpu_energy_max_mj)] as const }
        : {}),
    };
  });
}

/** The published kernel extremes as CPU/GPU pairs of one kernel each (cheapest with cheapest, dearest with dearest). */
export function kernelFigures(): KernelFigure[] {
  return kernelSummary().flatMap((r) =>
    r.gpu
      ? [
          { label: `${r.kernel} min`, type: r.type, cpuMj: r.cpu[0], gpuMj: r.gpu[0] },
          { label: `${r.kernel} max`, type: r.type, cpuMj: r.cpu[1], gpuMj: r.gpu[1] },
        ]
      : [],
  );
}

/** Everything the GPU cost map is calibrated on (src/calibration/gpu-model.ts); `exclude` leaves families out. */
export async function gpuCalibration(
  trained: LoadedBundle,
  excludeFamilies: readonly string[] = [],
): Promise<GpuCalibration> {
  const apps = new Map<string, PricedKernel[]>();
  for (const [app, spec] of Object.entries(CALIBRATION_APPS)) {
    const analysis = await analyzeBytes(spec.build(), `reference/${app}.onnx`, { runtimeFallback: false });
    apps.set(app, await pricedKernels(trained, analysis.kernels));
  }
  const models: GpuCalibration['models'][number][] = [];
  for (const range of familyRanges()) {
    const net = FAMILY_NETWORKS[range.family];
    if (!range.gpu || !net || excludeFamilies.includes(range.family)) continue;
    const analysis = await net.load();
    models.push({
      label: range.family,
      kernels: await pricedKernels(trained, analysis.kernels),
      targetMj: Math.sqrt(range.gpu[0] * range.gpu[1]),
      // avg_mflops read in the unit of our MACs, as the accuracy report's size check does.
      sizeRatio: analysis.totals.macs / (range.avgMflops * 1e6),
    });
  }
  return {
    apps,
    published: publishedEnergies('gpu'),
    kernelDevice: TRAINED_DEVICE,
    models,
    kernelFigures: kernelFigures(),
  };
}

export function publishedEnergies(processor: 'cpu' | 'gpu'): Published {
  return appEnergies(DELEGATE[processor]);
}

/** The trained phone's published single-thread (CPU1) app energies: the trained bundle's own setting. */
export function trainedSettingEnergies(): ReadonlyMap<string, number> {
  const figures = appEnergies(TRAINED_SETTING_DELEGATE).get(TRAINED_DEVICE);
  if (!figures) throw new Error(`no ${TRAINED_SETTING_DELEGATE} figures for ${TRAINED_DEVICE}`);
  return figures;
}

/**
 * How each processor's transfer is pinned down beyond the app ratios: the CPU by the app overhead
 * measured at the trained setting (measuredOverhead), the GPU by the model-level GPU ranges.
 */
export async function transferOptions(
  processor: 'cpu' | 'gpu',
  trained: LoadedBundle,
  apps: ReadonlyMap<string, AppPrediction>,
  excludeFamilies: readonly string[] = [],
): Promise<TransferOptions> {
  return processor === 'cpu'
    ? { overheadMj: measuredOverhead(apps, trainedSettingEnergies()).overheadMj }
    : { anchor: await gpuAnchor(trained, excludeFamilies) };
}

function appEnergies(delegate: string): Map<string, Map<string, number>> {
  const rows = parse<Record<string, string>>(readFileSync(join(DATA, 'application_energy.csv'), 'utf8'), {
    columns: true,
  });
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.delegate !== delegate || !(r.app_id! in CALIBRATION_APPS)) continue;
    let byApp = out.get(r.device_id!);
    if (!byApp) out.set(r.device_id!, (byApp = new Map<string, number>()));
    byApp.set(r.app_id!, Number(r.energy_per_inference_j) * 1000);
  }
  return out;
}

/** How the trained default bundle is fitted (shared with the accuracy report, so it reports what ships). */
export function trainedBundleOptions(rows: TrainOptions['rows'], out: string): TrainOptions {
  const p40 = DEVICES.find((d) => d.id === TRAINED_DEVICE)!;
  return {
    rows,
    out,
    device: TRAINED_DEVICE,
    deviceName: p40.name,
    processor: 'cpu',
    command:
      'npm run predictors (model-energy train --data data/deepen2023/kernels_cpu.csv --device huawei-p40-pro --processor cpu)',
    runtime: { name: 'TensorFlow Lite', delegate: 'CPU' },
    threads: null,
    dataDescription: `${rows.length} real fused-kernel measurements (energy, latency, power) from DeepEn2023's public kernel-level dataset, data/deepen2023/kernels_cpu.csv`,
    attribution:
      `${CITATION}; data redistributed (CC BY 4.0) in AryanJumani/ILS103_Final. The release does not label the device: attributed to the ` +
      'Huawei P40 Pro CPU (Kirin 990, Cortex-A76 big cores) from its predictor folder (Cortex-A76) and workspace (P40 Pro) names - an attribution, not a label. ' +
      "Thread count not stated (nn-Meter's profiler, which it builds on, defaults to one thread).",
    notes: [
      'Trained: the only default bundle fitted on real kernel measurements. Rebuilt deterministically by `npm run predictors`.',
    ],
    toKernel: (row) => kernelFromConfig(row.type, row.config),
  };
}

/** Every published app energy (mJ), keyed by appKey(app, delegate, device). */
export function allAppEnergies(): Map<string, number> {
  const rows = parse<Record<string, string>>(readFileSync(join(DATA, 'application_energy.csv'), 'utf8'), {
    columns: true,
  });
  return new Map(
    rows.map((r) => [appKey(r.app_id!, r.delegate!, r.device_id!), Number(r.energy_per_inference_j) * 1000]),
  );
}

/** The INT8 share model: the app overhead measured at the trained setting, on the trained phone's CPU1. */
export function int8ShareModel(overheadMj: number): ShareModel {
  return { overheadMj, referenceDevice: TRAINED_DEVICE, energies: allAppEnergies() };
}

/**
 * The precision section of a bundle: INT8 fitted on DeepEn2023's FP32/INT8 app pairs for the CPU
 * (src/calibration/precision.ts), nothing invented where nothing was published.
 */
export function precisionSpec(
  processor: 'cpu' | 'gpu',
  column: Int8Column,
  share: ShareModel,
): PrecisionSpec {
  const int8 = fitInt8Factor(
    pairCells(
      share.energies,
      DEVICES.map((d) => d.id),
    ),
    column,
    share,
  );
  const where = processor === 'cpu' ? 'TFLite CPU kernels' : 'the TFLite GPU delegate';
  return {
    method:
      `INT8 kernels are priced by the fp32 regressors times a factor fitted on DeepEn2023's published FP32/INT8 app pairs ` +
      `(DNN1/2, DNN3/4, DNN5/6, DNN7/8; application_energy.csv, ${column} column, 8 phones), after removing the app overhead ` +
      `measured at the trained setting (src/calibration/precision.ts; validated leaving one pair out in docs/accuracy.md). ` +
      `Where nothing was published the kernel is priced as fp32 with its range widened to the published INT8/FP32 ratios.`,
    factors: {
      ...(processor === 'cpu'
        ? {
            int8: {
              factor: { energy: round(int8.factor) },
              uncertainty: {
                energy: {
                  coverage: 0.9,
                  low: round(int8.uncertainty.low),
                  high: round(int8.uncertainty.high),
                },
              },
              basis: 'published' as const,
              note: `int8: energy x ${int8.factor.toFixed(2)} (median of ${int8.cells} published ${column} cells, DeepEn2023); latency not adjusted`,
            },
            fp16: {
              factor: { energy: 1, latency: 1 },
              uncertainty: {},
              basis: 'runtime' as const,
              note: `fp16 weights: ${where} dequantize them to fp32 when the model is loaded, so the arithmetic is fp32's`,
            },
          }
        : {
            int8: unpublishedFactor('int8', `on ${where} was not published`),
            fp16: unpublishedFactor('fp16', `on ${where} was not published`),
          }),
      'int8-dynamic': unpublishedFactor('int8-dynamic', `(dynamic range) on ${where} was not published`),
      int16x8: unpublishedFactor('int16x8', `on ${where} was not published`),
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(join(ROOT, 'src/devices'), { recursive: true });
  writeFileSync(join(ROOT, 'src/devices/devices.json'), JSON.stringify(buildDeviceCatalog(), null, 2) + '\n');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  const csvPath = join(DATA, 'kernels_cpu.csv');
  const csv = readKernelCsv(csvPath);
  const trainedDir = join(OUT, TRAINED_ID);
  process.stderr.write(`training ${TRAINED_ID} on ${csv.rows.length} kernels...\n`);
  await trainBundle(trainedBundleOptions(csv.rows, trainedDir));
  const apps0 = await appPredictions(loadBundle(trainedDir));
  const share = int8ShareModel(measuredOverhead(apps0, trainedSettingEnergies()).overheadMj);
  const trainedManifestPath = join(trainedDir, 'manifest.json');
  const trainedManifest = JSON.parse(readFileSync(trainedManifestPath, 'utf8')) as BundleManifest;
  writeFileSync(
    trainedManifestPath,
    JSON.stringify(
      { ...trainedManifest, precision: precisionSpec('cpu', TRAINED_SETTING_DELEGATE, share) },
      null,
      2,
    ) + '\n',
  );
  const trained = loadBundle(trainedDir);
  const apps = await appPredictions(trained);

  const overhead = measuredOverhead(apps, trainedSettingEnergies());
  process.stderr.write(
    `app overhead at the trained setting (${TRAINED_DEVICE} ${TRAINED_SETTING_DELEGATE}): ${[
      ...overhead.perApp,
    ]
      .map(([app, o]) => `${app} ${o.toFixed(1)} mJ`)
      .join(', ')}\n`,
  );
  // The CPU transfers; the GPU bundles follow, from the GPU cost map (gpuManifest).
  for (const processor of ['cpu'] as const) {
    const published = publishedEnergies(processor);
    const options = await transferOptions(processor, trained, apps);
    const fit = fitTransfer(apps, published, options);
    const checks = validateOutOfSample(apps, published, options);
    const range = transferRange(checks);
    const within30 = checks.filter((c) => Math.abs(c.error) <= APP_TOLERANCE_PCT / 100).length;
    process.stderr.write(
      `${processor}: memory weight ${fit.memoryWeight.toFixed(3)}, overhead ${fit.overheadMj.toFixed(1)} mJ, ` +
        `out-of-sample ${within30}/${checks.length} within ±30%, range x${range.low.toFixed(2)}-x${range.high.toFixed(2)}\n`,
    );
    for (const device of DEVICES) {
      if (device.id === TRAINED_DEVICE && processor === 'cpu') continue;
      const s = fit.scale.get(device.id);
      if (s === undefined) throw new Error(`no ${DELEGATE[processor]} figures for ${device.id}`);
      const id = `${device.id}-${processor}`;
      const method =
        `Calibrated transfer of ${TRAINED_ID}: kernel energy x ${round(s)} for compute-bound kernels (conv, fc, matmul) and x ${round(s * fit.memoryWeight)} ` +
        `for memory-bound ones (depthwise conv, elementwise, pooling, concat), fitted on DeepEn2023's published ${DELEGATE[processor]} energies of apps DNN5 ` +
        `(EfficientNet-Lite0) and DNN7 (MobileNetV1) on the ${device.name}, with an app overhead of ${round(fit.overheadMj)} mJ (trained-bundle units` +
        (processor === 'cpu'
          ? `; measured: the P40 Pro's published single-thread (CPU1) energies of DNN5 and DNN7 minus the trained bundle's predictions of their models, ` +
            `${[...overhead.perApp].map(([app, o]) => `${round(o)} mJ (${app})`).join(' and ')}`
          : '') +
        `) and a memory weight of ${round(fit.memoryWeight)} shared by all 8 phones (src/calibration/transfer.ts)` +
        ". The factor bridges single-threaded TFLite on the P40 Pro's A76 to 4-thread TFLite on this CPU.";
      const manifest: BundleManifest = transferManifest(trained.manifest, {
        id,
        device: device.id,
        deviceName: device.name,
        processor,
        runtime: { name: 'TensorFlow Lite', delegate: processor === 'cpu' ? 'CPU (4 threads)' : 'GPU' },
        threads: processor === 'cpu' ? 4 : null,
        factors: { compute: { energy: round(s) }, memory: { energy: round(s * fit.memoryWeight) } },
        uncertainty: { energy: { coverage: range.coverage, low: round(range.low), high: round(range.high) } },
        method,
        provenance: {
          kind: 'transfer',
          data: {
            description: `calibrated transfer of ${TRAINED_ID} to the ${device.name} ${processor.toUpperCase()} from DeepEn2023's published app-level energies (${DELEGATE[processor]})`,
            files: ['data/deepen2023/application_energy.csv', 'data/deepen2023/kernels_cpu.csv'],
            rows: checks.length,
            attribution: CITATION,
          },
          command: 'npm run predictors',
          accuracy: {
            appLevel: {
              predictions: checks.length,
              withinTolerance: within30,
              tolerancePct: APP_TOLERANCE_PCT,
              ratioRange: { coverage: range.coverage, low: round(range.low), high: round(range.high) },
            },
            documentation: ACCURACY_DOC,
          },
          notes: [
            `Transfer accuracy: out of sample (the device's factor fitted on one app, the shared parameters on the other 7 phones, the other app predicted), ` +
              `${within30} of ${checks.length} app-level predictions within ±30% on ${processor.toUpperCase()}; 90% of measured/predicted ratios in ` +
              `[${range.low.toFixed(2)}, ${range.high.toFixed(2)}]. Validated at app level only: no kernel-level measurements exist for this target.`,
            "Kernel ranges: the trained bundle's cross-validated range per kernel type combined with this app-level range. No published kernel-level figures exist for this CPU setting (4 threads), " +
              "so how far one kernel's cost ratio to the trained setting scatters (small kernels gain less from threads than large ones) is not known: a kernel's range is a lower bound on its uncertainty; a total over many kernels is better served.",
            method,
          ],
        },
      });
      mkdirSync(join(OUT, id), { recursive: true });
      const withPrecision: BundleManifest = {
        ...manifest,
        precision: precisionSpec(processor, 'CPU4', share),
      };
      writeFileSync(join(OUT, id, 'manifest.json'), JSON.stringify(withPrecision, null, 2) + '\n');
    }
  }
  const gpu = await gpuModelSummary(trained);
  process.stderr.write(
    `gpu: exponent ${gpu.fit.cost.exponent.toFixed(3)}, overhead ${gpu.fit.overheadMj.toFixed(1)}, out-of-sample ${gpu.within30}/${gpu.checks.length} within ±30%, ` +
      `app range x${gpu.appRange.low.toFixed(2)}-x${gpu.appRange.high.toFixed(2)}, kernel range x${gpu.kernelRange.low.toFixed(2)}-x${gpu.kernelRange.high.toFixed(2)}\n`,
  );
  for (const device of DEVICES) {
    const manifest: BundleManifest = {
      ...gpuManifest(trained.manifest, device, gpu),
      precision: precisionSpec('gpu', 'CPU4', share),
    };
    mkdirSync(join(OUT, manifest.id), { recursive: true });
    writeFileSync(join(OUT, manifest.id, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  }
  process.stderr.write(`wrote ${DEVICES.length * 2} bundles to predictors/\n`);
}

export interface GpuModelSummary {
  readonly data: GpuCalibration;
  readonly fit: GpuFit;
  readonly checks: OutOfSampleCheck[];
  readonly within30: number;
  /** App level, out of sample: 90% of published / predicted. */
  readonly appRange: { coverage: number; low: number; high: number };
  readonly figureChecks: ReturnType<typeof kernelFiguresOutOfSample>;
  readonly informative: boolean[];
  /** Kernel level, on the kernel phone: from the leave-one-out kernel figures. */
  readonly kernelRange: ReturnType<typeof kernelRangeFromFigures>;
  /** Model level, leave one family out: each nominal network on the kernel phone's GPU. */
  readonly models: {
    family: string;
    predictedMj: number;
    range: readonly [number, number];
    inside: boolean;
  }[];
  /** The measured CPU kernels on the kernel phone's GPU against their type's published GPU min/max. */
  readonly bounds: { inside: number; n: number };
}

/**
 * Each measured CPU kernel (kernels_cpu.csv) priced by `price`, grouped by its published type (those with
 * GPU figures; types without a row of their own under `others`).
 */
export function publishedTypeGroups(
  price: (type: KernelType, cpuMj: number) => number,
): { row: KernelSummaryRow; values: number[] }[] {
  const summary = kernelSummary();
  const groups = new Map<string, { row: KernelSummaryRow; values: number[] }>();
  for (const k of readKernelCsv(join(DATA, 'kernels_cpu.csv')).rows) {
    const row = summary.find((r) => r.type === k.type) ?? summary.find((r) => r.type === 'others');
    // A kernel outside its row's published CPU range is not one of that row's kernels (se and split reach
    // far above the `others` maximum): nothing bounds its GPU energy.
    if (!row?.gpu || k.energyMj === undefined || k.energyMj < row.cpu[0] || k.energyMj > row.cpu[1]) continue;
    let group = groups.get(row.kernel);
    if (!group) groups.set(row.kernel, (group = { row, values: [] }));
    group.values.push(price(k.type, k.energyMj));
  }
  return [...groups.values()];
}

export function boundsCount(
  values: readonly number[],
  [lo, hi]: readonly [number, number],
): { inside: number; below: number; above: number } {
  return {
    inside: values.filter((v) => v >= lo && v <= hi).length,
    below: values.filter((v) => v < lo).length,
    above: values.filter((v) => v > hi).length,
  };
}

/** The GPU cost map fitted on every published figure, with its out-of-sample checks. */
export async function gpuModelSummary(trained: LoadedBundle): Promise<GpuModelSummary> {
  const data = await gpuCalibration(trained);
  const fit = fitGpuModel(data);
  const checks = validateGpuOutOfSample(data);
  const figureChecks = kernelFiguresOutOfSample(data);
  const informative = informativeFigures(data.kernelFigures);
  const sRef = fit.scale.get(TRAINED_DEVICE)!;
  const groups = publishedTypeGroups((type, cpuMj) => sRef * gpuKernelEnergy(fit.cost, type, cpuMj));
  const ranges = familyRanges();
  const models = modelsOutOfSample(data).map((m) => {
    const range = ranges.find((r) => r.family === m.label)!.gpu!;
    return {
      family: m.label,
      predictedMj: m.predictedMj,
      range,
      inside: m.predictedMj >= range[0] && m.predictedMj <= range[1],
    };
  });
  return {
    data,
    fit,
    checks,
    models,
    bounds: {
      inside: groups.reduce((s, g) => s + boundsCount(g.values, g.row.gpu!).inside, 0),
      n: groups.reduce((s, g) => s + g.values.length, 0),
    },
    within30: checks.filter((c) => Math.abs(c.error) <= APP_TOLERANCE_PCT / 100).length,
    appRange: transferRange(checks),
    figureChecks,
    informative,
    kernelRange: kernelRangeFromFigures(figureChecks, informative),
  };
}

/** A phone's kernel range: the kernel phone's, widened on other phones by their factor's app-level range. */
export function gpuKernelRange(
  device: string,
  gpu: GpuModelSummary,
): { coverage: number; low: number; high: number } {
  const own = gpu.kernelRange;
  if (device === TRAINED_DEVICE) return { coverage: own.coverage, low: own.low, high: own.high };
  return { coverage: own.coverage, ...combinedRange(own, gpu.appRange) };
}

function gpuManifest(
  base: BundleManifest,
  device: (typeof DEVICES)[number],
  gpu: GpuModelSummary,
): BundleManifest {
  const { fit, appRange, kernelRange } = gpu;
  const sRef = fit.scale.get(TRAINED_DEVICE)!;
  const s = fit.scale.get(device.id);
  if (s === undefined) throw new Error(`no ${DELEGATE.gpu} figures for ${device.id}`);
  const factor = round(s / sRef);
  const groups = Object.fromEntries(
    GPU_GROUPS.map((g) => [
      g,
      {
        dispatchMj: round(sRef * fit.cost.groups[g].dispatchMj),
        rate: round(sRef * fit.cost.groups[g].rate),
      },
    ]),
  ) as unknown as GpuCostSpec['groups'];
  const exponent = round(fit.cost.exponent);
  const range = gpuKernelRange(device.id, gpu);
  const informativeLabels = gpu.data.kernelFigures.filter((_, i) => gpu.informative[i]).map((f) => f.label);
  const costMethod =
    `GPU cost map of the ${TRAINED_DEVICE} GPU (src/predict/gpu-cost.ts): kernel energy = dispatch + rate x (${TRAINED_ID}'s energy for the kernel, mJ)^${exponent}, ` +
    `per group (${GPU_GROUPS.map((g) => `${g} ${groups[g].dispatchMj} mJ + ${groups[g].rate} x E^${exponent}`).join('; ')}); ` +
    'groups: compute = conv, fc, matmul, attention; depthwise = depthwise conv; pool = max/avg pooling; concat; elementwise = every other type. ' +
    "Fitted (src/calibration/gpu-model.ts) on published figures only: DeepEn2023's per-type GPU and CPU kernel min/max (kernel_level_summary.csv, each extreme read as one kernel's CPU and GPU energy), " +
    "the model-level GPU ranges of 8 families (model_level_summary.csv, attributed like the kernel data to the P40 Pro; each range's log midpoint carried from the family's published average size to its nominal network's by the map's exponent) and the 8 phones' GPU-delegate app energies of DNN5 and DNN7 (application_energy.csv). " +
    "The trained CPU bundle keeps deciding how kernels of one type rank; the GPU's own are the level, the size curve (an exponent below 1: small kernels cost relatively more on the GPU) and the per-group dispatch and rates.";
  const method =
    `Calibrated GPU transfer of ${TRAINED_ID}: the GPU cost map above (the ${TRAINED_DEVICE} GPU) times this phone's factor ${factor} relative to it, ` +
    `fitted on DeepEn2023's published GPU energies of apps DNN5 (EfficientNet-Lite0) and DNN7 (MobileNetV1) on the ${device.name} with an app overhead shared by all 8 phones ` +
    `(${round(sRef * fit.overheadMj)} mJ on the P40 Pro).`;
  return transferManifest(base, {
    id: `${device.id}-gpu`,
    device: device.id,
    deviceName: device.name,
    processor: 'gpu',
    runtime: { name: 'TensorFlow Lite', delegate: 'GPU' },
    threads: null,
    factors: { compute: { energy: factor }, memory: { energy: factor } },
    uncertainty: {
      energy: { coverage: appRange.coverage, low: round(appRange.low), high: round(appRange.high) },
    },
    kernelUncertainty: {
      energy: {
        coverage: range.coverage,
        low: round(range.low),
        high: round(range.high),
        source:
          `exp(±1.645 x rms) of ln(published/predicted) over ${kernelRange.n} published GPU kernel energies (${informativeLabels.join(', ')}), each predicted by a fit without it (rms ${kernelRange.rmsLog.toFixed(3)})` +
          (device.id === TRAINED_DEVICE
            ? ''
            : `, combined in log space with this phone's factor's app-level range [${appRange.low.toFixed(2)}, ${appRange.high.toFixed(2)}]`),
      },
    },
    gpuCost: { exponent, groups, method: costMethod },
    method,
    provenance: {
      kind: 'transfer',
      data: {
        description: `calibrated GPU cost map of ${TRAINED_ID} for the ${device.name} GPU from DeepEn2023's published kernel-level, model-level and app-level GPU figures`,
        files: [
          'data/deepen2023/application_energy.csv',
          'data/deepen2023/kernels_cpu.csv',
          'data/deepen2023/kernel_level_summary.csv',
          'data/deepen2023/model_level_summary.csv',
        ],
        rows: gpu.checks.length + gpu.data.models.length + gpu.data.kernelFigures.length,
        attribution: CITATION,
      },
      command: 'npm run predictors',
      accuracy: {
        gpuKernelRange: {
          coverage: range.coverage,
          low: round(range.low),
          high: round(range.high),
          method: 'published kernel extremes predicted out of sample',
        },
        appLevel: {
          predictions: gpu.checks.length,
          withinTolerance: gpu.within30,
          tolerancePct: APP_TOLERANCE_PCT,
        },
        documentation: ACCURACY_DOC,
      },
      notes: [
        `How far the GPU figures are known to hold (docs/accuracy.md, sections 2-5): app level out of sample ${gpu.within30} of ${gpu.checks.length} predictions within ±30%; ` +
          `model level, each family left out of the fit, ${gpu.models.filter((m) => m.inside).length} of ${gpu.models.length} nominal networks inside their family's published GPU range (missed: ${gpu.models
            .filter((m) => !m.inside)
            .map((m) => m.family)
            .join(', ')}); ` +
          `kernel level, ${gpu.kernelRange.n} published kernel extremes left out one at a time, rms log error ${gpu.kernelRange.rmsLog.toFixed(3)}; ` +
          `${gpu.bounds.inside} of ${gpu.bounds.n} measured CPU kernels priced inside their type's published GPU min/max (kernel phone).`,
        'What the GPU figures rest on: no GPU kernel of this phone (or any) was measured here. The map is fitted on published aggregates: 16 per-type kernel extremes (min/max) ' +
          "of the kernel phone's GPU, 8 model-family ranges of that phone (read at their nominal networks' size) and 16 app energies of 8 phones. How kernels of one type rank is the trained CPU bundle's; " +
          'the GPU/CPU ratio for a kernel between the published extremes is interpolated by the size curve, and the kernel range is what leaving published kernels out of the fit says about it.',
        `Transfer accuracy: out of sample (the shared parameters fitted without the phone's app figures, its factor on one app, the other app predicted), ${gpu.within30} of ${gpu.checks.length} ` +
          `app-level predictions within ±30%; 90% of measured/predicted ratios in [${appRange.low.toFixed(2)}, ${appRange.high.toFixed(2)}].`,
        method,
      ],
    },
  });
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

if (import.meta.filename === process.argv[1]) {
  await main();
}
