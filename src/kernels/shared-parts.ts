import type { KernelType } from './types.js';

/** The parts of a kernel record that are shared between kernels of equal content. */
export type SharedPart = 'opTypes' | 'inputShapes' | 'outputShapes' | 'config' | 'features' | 'variant';

/**
 * One object per distinct content for the immutable parts of kernel records (op type lists, shape
 * lists, configurations, feature vectors, variants). A deep network repeats a few kinds of kernel:
 * of 10^6 kernels most are equal but for their names, and a record that shares its parts keeps one
 * name array of its own instead of a dozen objects (the heap, and the collector's work, scale with
 * the kernels' count otherwise). Records and their parts are never mutated after detection.
 *
 * A part is first compared with the last one shared for the same kernel type (consecutive layers
 * are alike), then looked up by a text of its content.
 */
export class SharedParts {
  private readonly byContent = new Map<string, unknown>();
  /** The parts last shared per kernel type: a list, since types are few and their names literals. */
  private readonly types: KernelType[] = [];
  private readonly recents: Recent[] = [];

  /** The op types of `nodes`, as a shared list. */
  opTypes(type: KernelType, nodes: readonly { readonly opType: string }[]): readonly string[] {
    const recent = this.recent(type);
    const known = recent.opTypes;
    // Compared before a list is made: most kernels repeat the last one's.
    if (known && known.length === nodes.length && nodes.every((n, i) => n.opType === known[i])) return known;
    const list = nodes.map((n) => n.opType);
    recent.opTypes = this.lookUp(`s${list.join('\0')}`, list);
    return recent.opTypes;
  }

  /** A list of shapes equal to `list`, element for element. */
  shapes(
    type: KernelType,
    part: 'inputShapes' | 'outputShapes',
    list: readonly (readonly number[])[],
  ): readonly (readonly number[])[] {
    const recent = this.recent(type);
    const known = recent[part];
    if (known && sameShapes(list, known)) return known;
    let key = part === 'inputShapes' ? 'i' : 'o';
    for (const shape of list) key += `${shape.map(numberText).join(',')};`;
    recent[part] = this.lookUp(key, list);
    return recent[part];
  }

  /**
   * A record with the same properties, in the same order, with the same values (numbers, strings,
   * booleans or undefined), as `record`.
   */
  record<T extends object>(type: KernelType, part: 'config' | 'features' | 'variant', record: T): T {
    const recent = this.recent(type);
    const known = recent[part];
    if (known && sameRecord(record, known.record, known.keys)) return known.record as T;
    let key = part;
    const fields = record as Record<string, unknown>;
    for (const name in fields) {
      const value = fields[name];
      key += `\0${name}=${typeof value === 'number' ? numberText(value) : `${typeof value}:${String(value)}`}`;
    }
    const shared = this.lookUp(key, record);
    recent[part] = { record: shared, keys: Object.keys(shared) };
    return shared;
  }

  private recent(type: KernelType): Recent {
    const types = this.types;
    for (let i = 0; i < types.length; i++) if (types[i] === type) return this.recents[i]!;
    const recent: Recent = {};
    types.push(type);
    this.recents.push(recent);
    return recent;
  }

  private lookUp<T>(key: string, value: T): T {
    const known = this.byContent.get(key);
    if (known !== undefined) return known as T;
    this.byContent.set(key, value);
    return value;
  }
}

/** The parts last shared for one kernel type. */
interface Recent {
  opTypes?: readonly string[];
  inputShapes?: readonly (readonly number[])[];
  outputShapes?: readonly (readonly number[])[];
  config?: RecentRecord;
  features?: RecentRecord;
  variant?: RecentRecord;
}

interface RecentRecord {
  readonly record: object;
  readonly keys: readonly string[];
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameShapes(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameElements(a[i]!, b[i]!)) return false;
  return true;
}

/** The same properties in the same order (`keys`: those of `b`) with the same values. */
function sameRecord(a: object, b: object, keys: readonly string[]): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let i = 0;
  for (const name in x) {
    if (name !== keys[i] || !Object.is(x[name], y[name])) return false;
    i++;
  }
  return i === keys.length;
}

/** A number's text that tells -0 from 0 (they print alike but are not the same value). */
function numberText(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}
