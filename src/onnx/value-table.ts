import { NameNumbers } from './name-numbers.js';

/**
 * The values of a graph numbered once, and tables keyed by value name that keep their entries in an
 * array slot per number. A graph of 10^6 nodes has 10^6 values: separate Maps for their producers,
 * readers and shapes each answer a look-up with cache misses of their own, while tables over one
 * numbering find a value's number once and its entries side by side. The numbering is a NameNumbers:
 * the decoder's own, for a graph it read (DecodedValueNumbers), which may number other texts too (op
 * types): numbers are not dense in values, only unique.
 */
export class ValueIds {
  /** The number `id` last answered. */
  private last = -1;

  constructor(private readonly numbers: NameNumbers = new NameNumbers()) {}

  /** The number of `name`, given it now if it has none. */
  intern(name: string): number {
    return this.numbers.intern(name);
  }

  id(name: string): number | undefined {
    // A pass in graph order mostly asks for the value numbered after the last one it asked for (a
    // node's outputs follow each other in the numbering): an array read and a comparison of interned
    // names, before the table.
    const next = this.last + 1;
    if (this.numbers.text(next) === name) {
      this.last = next;
      return next;
    }
    const id = this.numbers.id(name);
    if (id !== undefined) this.last = id;
    return id;
  }

  /** The name numbered `id`. */
  name(id: number): string {
    const name = this.numbers.text(id);
    if (name === undefined) throw new RangeError(`no value is numbered ${id}`);
    return name;
  }

  /** Names numbered so far (the highest number + 1). */
  get size(): number {
    return this.numbers.size;
  }
}

/**
 * The value numbers of every node's inputs and outputs, by the node's position in a graph's order:
 * a pass in that order reads them without looking a name up. -1 stands for an omitted value ("").
 */
export class NodeValueIds {
  constructor(
    /** Per position: where its inputs start in `ids`; its outputs follow them; one more entry ends the last. */
    private readonly starts: Int32Array,
    private readonly inputCounts: Int32Array,
    private readonly ids: Int32Array,
  ) {}

  /** Numbers input `k` of the node at `position`. */
  input(position: number, k: number): number {
    return this.ids[this.starts[position]! + k]!;
  }

  /** Numbers output `k` of the node at `position`. */
  output(position: number, k: number): number {
    return this.ids[this.starts[position]! + this.inputCounts[position]! + k]!;
  }
}

/**
 * A Map from value name to T over a numbering: entries of numbered names live in an array, others
 * (a name the numbering does not know) in a Map beside it. Iterates in insertion order, as a Map.
 */
/** A ValueTable read only: by name, or by the value's number. */
export interface ReadonlyValueTable<T> extends ReadonlyMap<string, T> {
  byId(id: number): T | undefined;
}

export class ValueTable<T> implements ReadonlyValueTable<T> {
  private readonly slots: (T | undefined)[];
  /**
   * Numbers (or, for names not numbered, names) in insertion order; one set again keeps its place.
   * None while entries came in numbering order (a graph's values mostly do): the slots say it then.
   */
  private order: (number | string)[] | undefined;
  private highest = -1;
  private count = 0;
  private readonly others = new Map<string, T>();

  /** `capacity`: the values it will likely hold, when the numbering is still growing (GraphIndex). */
  constructor(
    private readonly ids: ValueIds,
    capacity = ids.size,
  ) {
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** The numbering its entries are kept by (byId answers by it). */
  get numbering(): ValueIds {
    return this.ids;
  }

  get size(): number {
    return this.count;
  }

  get(name: string): T | undefined {
    const id = this.ids.id(name);
    return id === undefined ? this.others.get(name) : this.slots[id];
  }

  has(name: string): boolean {
    const id = this.ids.id(name);
    return id === undefined ? this.others.has(name) : this.slots[id] !== undefined;
  }

  set(name: string, value: T): this {
    const id = this.ids.id(name);
    if (id !== undefined) return this.setById(id, value);
    if (value === undefined) throw new TypeError('a ValueTable holds no undefined entries');
    if (!this.others.has(name)) {
      this.count++;
      this.insertionOrder().push(name);
    }
    this.others.set(name, value);
    return this;
  }

  /** The entry of the value numbered `id`. */
  byId(id: number): T | undefined {
    return this.slots[id];
  }

  /** Sets the entry of the value numbered `id`. */
  setById(id: number, value: T): this {
    if (value === undefined) throw new TypeError('a ValueTable holds no undefined entries');
    while (this.slots.length <= id) this.slots.push(undefined);
    if (this.slots[id] === undefined) {
      this.count++;
      if (!this.order && id > this.highest) this.highest = id;
      else this.insertionOrder().push(id);
    }
    this.slots[id] = value;
    return this;
  }

  /** Numbers of the values with an entry, in insertion order (names not numbered left out). */
  *numbered(): Generator<number> {
    for (const key of this.keyOrder()) if (typeof key === 'number') yield key;
  }

  /** Calls `each` for the numbered entries, in number order (no generator: 10^6 entries). */
  forEachNumbered(each: (value: T, id: number) => void): void {
    const slots = this.slots;
    for (let id = 0; id < slots.length; id++) {
      const value = slots[id];
      if (value !== undefined) each(value, id);
    }
  }

  /** The order list, made from the slots when entries stop coming in numbering order. */
  private insertionOrder(): (number | string)[] {
    if (!this.order) {
      const order: (number | string)[] = [];
      for (let id = 0; id < this.slots.length; id++) if (this.slots[id] !== undefined) order.push(id);
      this.order = order;
    }
    return this.order;
  }

  private *keyOrder(): Generator<number | string> {
    if (this.order) yield* this.order;
    else for (let id = 0; id < this.slots.length; id++) if (this.slots[id] !== undefined) yield id;
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[string, T]> {
    for (const key of this.keyOrder())
      yield typeof key === 'number' ? [this.ids.name(key), this.slots[key]!] : [key, this.others.get(key)!];
  }

  *keys(): MapIterator<string> {
    for (const key of this.keyOrder()) yield typeof key === 'number' ? this.ids.name(key) : key;
  }

  *values(): MapIterator<T> {
    for (const key of this.keyOrder())
      yield typeof key === 'number' ? this.slots[key]! : this.others.get(key)!;
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }
}
