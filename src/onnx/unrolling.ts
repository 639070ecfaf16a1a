/**
 * The one unrolling limit and its reader notes, shared by every loop the analysis expands (TFLite
 * WHILE in src/tflite/lower.ts, ONNX Loop and Scan in src/onnx/control-flow.ts), so that a loop reads
 * the same in both formats.
 */

/** Unrolled loops stop adding nodes beyond this many (the rest of the trips are noted, not counted). */
export const MAX_UNROLLED_NODES = 200_000;

/** What a loop's count is called in its notes: a Loop's trip count, a Scan's sequence length. */
export interface LoopWording {
  /** The count's name: 'trip count', 'sequence length'. */
  readonly count: string;
  /** One repetition: 'trips', 'steps'. */
  readonly unit: string;
}

export const TRIP_COUNT: LoopWording = { count: 'trip count', unit: 'trips' };

export interface UnrollPlan {
  /** How many copies of the body to analyse (at least 1). */
  readonly count: number;
  /** The reader note: unrolled N times, counted once (not static), or the limit that cut it. */
  readonly note: string;
  /** True when the limit cut the count (its note is worth saying once per model). */
  readonly capped: boolean;
}

/**
 * How many times to expand a loop whose body has `bodyNodes` nodes when the graph holds `nodes`
 * already: `trips` when static and within the limit, the trips the limit allows when not, once when
 * the count is not static. `label` names the loop ("Loop node 'x' (body of 4 nodes)").
 */
export function unrollPlan(
  label: string,
  trips: number | undefined,
  bodyNodes: number,
  nodes: number,
  wording: LoopWording = TRIP_COUNT,
): UnrollPlan {
  if (trips === undefined)
    return {
      count: 1,
      note: `${label}: its ${wording.count} is not static; the body is counted once per inference`,
      capped: false,
    };
  const budget = Math.max(1, Math.floor((MAX_UNROLLED_NODES - nodes) / Math.max(1, bodyNodes)));
  if (trips > budget)
    return {
      count: budget,
      note: `${label}: ${trips} ${wording.unit} exceed the ${MAX_UNROLLED_NODES.toLocaleString('en-US')}-node unrolling limit; ${budget} are counted`,
      capped: true,
    };
  return {
    count: trips,
    note: `${label}: unrolled ${trips} times (a static ${wording.count})`,
    capped: false,
  };
}
