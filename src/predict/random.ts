/**
 * Seeded pseudo-random numbers (mulberry32) so that training, k-fold splits and subsampling give the
 * same result on every run and every machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** A new array with the elements of `items` in a seeded random order (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  return shuffleInPlace([...items], random);
}

/** Fisher-Yates from the end: one draw per element but the first. */
function shuffleInPlace<A extends { [index: number]: unknown; readonly length: number }>(
  items: A,
  random: Random,
): A {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

/** `count` distinct indices of [0, n) in a seeded random order. */
export function sampleWithoutReplacement(n: number, count: number, random: Random): number[] {
  return [...shuffledIndices(new Int32Array(n), random).subarray(0, count)];
}

/**
 * 0 .. out.length - 1 shuffled into `out` with the draws and result of `shuffled` (for callers that
 * draw often and reuse the buffer).
 */
export function shuffledIndices(out: Int32Array, random: Random): Int32Array {
  for (let i = 0; i < out.length; i += 1) out[i] = i;
  return shuffleInPlace(out, random);
}

/** Derives an independent seed from a seed and a label (e.g. a kernel type), stable across runs. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}
