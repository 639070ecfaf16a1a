/** Types that say what a number is. */
export type EnergyMillijoules = number;
export type LatencyMilliseconds = number;
export type PowerMilliwatts = number;
export type PowerWatts = number;

/** What a regressor predicts, and the unit it predicts it in. */
export type PredictionTarget = 'energy' | 'latency';
export const TARGET_UNITS = { energy: 'mJ', latency: 'ms' } as const satisfies Record<
  PredictionTarget,
  string
>;
/** The CSV column each target is read from. */
export const TARGET_COLUMNS = { energy: 'energy_mj', latency: 'latency_ms' } as const satisfies Record<
  PredictionTarget,
  string
>;
