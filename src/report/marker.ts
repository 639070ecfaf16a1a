/**
 * The hidden first line that makes a pull-request comment ours, one per key (several reports per pull
 * request, e.g. a matrix). The renderer writes it and the GitHub layer finds the comment by it, so it
 * is defined here only. The key is percent-encoded so that no key can close the HTML comment early.
 */
export function commentMarker(key: string): string {
  const safe = encodeURIComponent(key.trim() === '' ? 'default' : key.trim());
  return `<!-- model-energy-check:${safe} -->`;
}

/**
 * Whether a comment body is the key's: its first line is the marker. A marker anywhere else (a model
 * path or a quoted report, kept verbatim in code spans) never counts, nor does another key's marker.
 */
export function carriesMarker(body: string, key: string): boolean {
  const first = body.split('\n', 1)[0] ?? '';
  return first.replace(/\r$/, '') === commentMarker(key);
}
