/** Fitting a comment under a size limit. */

/**
 * The body for the largest k in [min, max] whose body fits (bodies grow with k), or undefined when
 * not even `min` fits.
 */
export function mostThatFit(
  max: number,
  maxChars: number,
  bodyFor: (k: number) => string,
  min = 0,
): string | undefined {
  let lo = min;
  let hi = max;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const body = bodyFor(mid);
    if (body.length <= maxChars) {
      best = body;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Last resort for absurdly small limits: whole lines only, so no entity or code span is cut in half. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let out = '';
  for (const line of text.split('\n')) {
    if (out.length + line.length + 1 > maxChars) break;
    out += `${line}\n`;
  }
  return out;
}
