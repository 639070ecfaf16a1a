/**
 * Distinct texts (value names, op types) numbered in the order met, found by a hash of their
 * characters, or of their UTF-8 bytes without making a string (the decoder reads names from the file
 * this way: a name read again, as most are, makes no string and no native call). One table serves
 * both: the decoder numbers a model's names once and the graph index takes those numbers (GraphIndex
 * .values) instead of hashing every name again.
 *
 * Open addressing over FNV-1a, two numbers per slot (the hash, and the number + 1; 0 where empty), not
 * a JavaScript Map: a Map of 10^6 names spends its time on cache misses (its buckets, its entries,
 * each key's hash field), and rehashing numbers is cheap where moving 10^6 strings is not. For ASCII
 * text the hash of the bytes is the hash of the characters; texts with other characters are kept in
 * a Map beside the table.
 */
export class NameNumbers {
  private readonly texts: string[] = [];
  /** Numbers of the texts that are not plain ASCII. */
  private readonly other = new Map<string, number>();
  private table = new Int32Array(2 * 2048);

  /** The number of the text of UTF-8 bytes [start, end), numbering it if it is new. */
  internBytes(bytes: Buffer, start: number, end: number): number {
    let hash = FNV_OFFSET;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, FNV_PRIME);
    }
    if (!ascii) return this.internOther(bytes.toString('utf8', start, end));
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (let held = table[2 * slot + 1]!; held !== 0; held = table[2 * slot + 1]!) {
      if (table[2 * slot] === hash && sameAscii(this.texts[held - 1]!, bytes, start, end)) return held - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(bytes.toString('latin1', start, end), hash, slot);
  }

  /** The number of `text`, numbering it if it is new. */
  intern(text: string): number {
    const hash = hashOfAscii(text);
    if (hash === undefined) return this.internOther(text);
    const slot = this.find(text, hash);
    const held = this.table[2 * slot + 1]!;
    return held !== 0 ? held - 1 : this.add(text, hash, slot);
  }

  /** The number of `text`, undefined when it has none. */
  id(text: string): number | undefined {
    const hash = hashOfAscii(text);
    if (hash === undefined) return this.other.get(text);
    const held = this.table[2 * this.find(text, hash) + 1]!;
    return held !== 0 ? held - 1 : undefined;
  }

  /** The text numbered `id` (undefined past the last). */
  text(id: number): string | undefined {
    return this.texts[id];
  }

  /** Texts numbered so far. */
  get size(): number {
    return this.texts.length;
  }

  /** The slot holding `text` (of ASCII hash `hash`), or the empty slot where it would go. */
  private find(text: string, hash: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let slot = hash & mask;
    for (let held = table[2 * slot + 1]!; held !== 0; held = table[2 * slot + 1]!) {
      if (table[2 * slot] === hash && this.texts[held - 1] === text) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private add(text: string, hash: number, slot: number): number {
    const id = this.texts.length;
    this.texts.push(text);
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = id + 1;
    if (this.texts.length * 4 > this.table.length) this.grow();
    return id;
  }

  private internOther(text: string): number {
    let id = this.other.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.other.set(text, id);
    }
    return id;
  }

  /** Doubles the table (kept at most half full). */
  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let slot = old[i]! & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[i]!;
      table[2 * slot + 1] = old[i + 1]!;
    }
    this.table = table;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** FNV-1a over the characters of a plain ASCII text (the hash of its bytes); undefined for other text. */
function hashOfAscii(text: string): number | undefined {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    hash = Math.imul(hash ^ c, FNV_PRIME);
  }
  return hash;
}

function sameAscii(text: string, bytes: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}
