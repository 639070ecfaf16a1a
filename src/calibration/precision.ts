/**
 * INT8 precision factors from DeepEn2023's published FP32/INT8 application pairs
 * (data/deepen2023/application_energy.csv: DNN1/2, DNN3/4 SSD MobileNetV2 at 300 and 640 px, DNN5/6
 * EfficientNet-Lite0, DNN7/8 MobileNetV1; CPU1 and CPU4 columns; 8 phones).
 *
 * The published figures are end-to-end app energies: model inference plus the app's own work O, which
 * quantization does not change. With the transfer's model of a phone (src/calibration/transfer.ts:
 * E(d, a) = s_d x (P_a + O)), an INT8 model whose kernels cost f times their FP32 price gives
 *
 *   ratio = E_int8 / E_fp32 = 1 - w x (1 - f),   w = P / (P + O) = 1 - O x s_d / E_fp32(d)
 *
 * where w is the model's share of the FP32 app energy. O is the overhead measured at the trained
 * bundle's own setting (measuredOverhead, trained-bundle mJ = the P40 Pro's CPU1 mJ) and s_d the phone's
 * energy level relative to that setting (mean over the four FP32 apps). Each published cell thus implies
 * one kernel factor f = 1 - (1 - ratio) / w; a column's factor is the median over its cells (phones
 * pooled: INT8 kernels gain from the same integer instructions on every Arm core), its range the spread
 * of the cells around it.
 */
import type { RatioRange } from '../predict/metrics.js';

export const INT8_PAIRS = [
  { fp32: 'DNN1', int8: 'DNN2', model: 'SSD MobileNetV2 300x300' },
  { fp32: 'DNN3', int8: 'DNN4', model: 'SSD MobileNetV2 640x640' },
  { fp32: 'DNN5', int8: 'DNN6', model: 'EfficientNet-Lite0 224x224' },
  { fp32: 'DNN7', int8: 'DNN8', model: 'MobileNetV1 224x224' },
] as const;

export type Int8Column = 'CPU1' | 'CPU4';

/** One published cell: a pair on one phone and delegate column. */
export interface PairCell {
  readonly pair: (typeof INT8_PAIRS)[number]['fp32'];
  readonly device: string;
  readonly column: Int8Column;
  readonly fp32Mj: number;
  readonly int8Mj: number;
}

/** Published app energy (mJ) by app, column and device. */
export type AppEnergies = ReadonlyMap<string, number>;
export const appKey = (app: string, column: string, device: string): string => `${app}|${column}|${device}`;

export function pairCells(energies: AppEnergies, devices: readonly string[]): PairCell[] {
  const cells: PairCell[] = [];
  for (const column of ['CPU1', 'CPU4'] as const) {
    for (const device of devices) {
      for (const p of INT8_PAIRS) {
        const fp32Mj = energies.get(appKey(p.fp32, column, device));
        const int8Mj = energies.get(appKey(p.int8, column, device));
        if (fp32Mj !== undefined && int8Mj !== undefined)
          cells.push({ pair: p.fp32, device, column, fp32Mj, int8Mj });
      }
    }
  }
  return cells;
}

export interface ShareModel {
  /** The app overhead at the trained setting (mJ of the reference phone's CPU1 column). */
  readonly overheadMj: number;
  /** The reference phone and column the overhead was measured on. */
  readonly referenceDevice: string;
  readonly energies: AppEnergies;
}

/** w: the model's share of the FP32 app energy of a cell (see the module comment). */
export function modelShare(cell: PairCell, m: ShareModel): number {
  const levels = INT8_PAIRS.map((p) => {
    const here = m.energies.get(appKey(p.fp32, cell.column, cell.device));
    const ref = m.energies.get(appKey(p.fp32, 'CPU1', m.referenceDevice));
    return here !== undefined && ref !== undefined ? here / ref : undefined;
  }).filter((x): x is number => x !== undefined);
  const level = levels.reduce((a, b) => a + b, 0) / levels.length;
  return Math.max(0.05, 1 - (m.overheadMj * level) / cell.fp32Mj);
}

/** The kernel factor one cell implies. */
export function impliedFactor(cell: PairCell, m: ShareModel): number {
  return 1 - (1 - cell.int8Mj / cell.fp32Mj) / modelShare(cell, m);
}

export interface Int8Factor {
  readonly column: Int8Column;
  readonly factor: number;
  /** Spread of the cells' implied factors around `factor` (90%). */
  readonly uncertainty: RatioRange;
  readonly cells: number;
}

export function fitInt8Factor(
  cells: readonly PairCell[],
  column: Int8Column,
  m: ShareModel,
  device?: string,
): Int8Factor {
  const implied = cells
    .filter((c) => c.column === column && (device === undefined || c.device === device))
    .map((c) => impliedFactor(c, m));
  const factor = median(implied);
  const ratios = implied.map((f) => Math.max(f, 0.05) / factor).sort((a, b) => a - b);
  return {
    column,
    factor,
    uncertainty: { coverage: 0.9, low: quantile(ratios, 0.05), high: quantile(ratios, 0.95) },
    cells: implied.length,
  };
}

export interface PairCheck {
  readonly cell: PairCell;
  readonly published: number;
  readonly predicted: number;
  /** predicted - published (INT8/FP32 ratio). */
  readonly error: number;
}

/**
 * Leave one pair out: each pair's INT8/FP32 ratios predicted from a factor fitted on the other three
 * (pooled over the phones, as shipped; `perDevice` fits each phone on its own cells, for comparison).
 */
export function leaveOnePairOut(cells: readonly PairCell[], m: ShareModel, perDevice = false): PairCheck[] {
  return cells.map((cell) => {
    const others = cells.filter((c) => c.pair !== cell.pair);
    const { factor } = fitInt8Factor(others, cell.column, m, perDevice ? cell.device : undefined);
    const published = cell.int8Mj / cell.fp32Mj;
    const predicted = 1 - modelShare(cell, m) * (1 - factor);
    return { cell, published, predicted, error: predicted - published };
  });
}

function median(xs: readonly number[]): number {
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
