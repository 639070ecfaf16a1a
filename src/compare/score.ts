import type { EnergyMillijoules, Grade } from './types.js';

/**
 * The model energy score, in the spirit of DeepEn2023's inference energy consumption score (IECS): a
 * ratio to a reference workload on the same device and processor, so that higher is better and scores
 * compare across pull requests (the reference never changes with the PR).
 *
 *   score = 100 x E_ref / E_model
 *
 * E_ref is the energy the same predictor bundle gives the reference network: MobileNetV1 at 224x224,
 * FP32 - the model of DeepEn2023's application DNN7, its classic image-classification workload. A model
 * scoring 100 costs what MobileNetV1 costs on that target; 200 costs half; 50 twice as much. The bundle
 * stores E_ref (manifest `score.referenceMj`), computed when the bundle is built.
 *
 * Grades are bands of a factor of two: A+ >= 400, A >= 200, B >= 100, C >= 50, D >= 25, E >= 12.5,
 * F below. Both the score and the grade are monotonic in energy.
 */
export function energyScore(energyMj: EnergyMillijoules, referenceMj: EnergyMillijoules): number {
  if (!(referenceMj > 0)) return 0;
  return Math.min(MAX_SCORE, (100 * referenceMj) / Math.max(energyMj, 0));
}

/** Scores and counts are capped so that a model predicted at ~0 mJ still gives finite JSON. */
export const MAX_SCORE = 1e9;

const GRADE_FLOORS: readonly [Grade, number][] = [
  ['A+', 400],
  ['A', 200],
  ['B', 100],
  ['C', 50],
  ['D', 25],
  ['E', 12.5],
];

export function grade(score: number): Grade {
  for (const [g, floor] of GRADE_FLOORS) if (score >= floor) return g;
  return 'F';
}

/**
 * Nominal cell voltage assumed to turn a battery's mAh into energy: 3.85 V, the nominal voltage of the
 * Li-ion polymer cells in the phones DeepEn2023 measured (their capacities are in data/deepen2023/devices.csv).
 */
export const NOMINAL_BATTERY_VOLTAGE = 3.85;

/** Inferences that one percent of a full battery pays for (inference energy only; screen, radio and idle excluded). */
export function inferencesPerBatteryPercent(energyMj: EnergyMillijoules, batteryMah: number): number {
  const batteryJ = (batteryMah / 1000) * NOMINAL_BATTERY_VOLTAGE * 3600;
  return Math.min(MAX_SCORE, ((batteryJ / 100) * 1000) / Math.max(energyMj, 0));
}
