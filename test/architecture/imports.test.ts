import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 600;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const FILES = sourceFiles(SRC).map((path) => relative(SRC, path).split('\\').join('/'));
const FILE_SET = new Set(FILES);

/** Maps a relative specifier as written (`./x.js`, `../y/index.js`, `./z`) to a file under src/, if it is one. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = join(dirname(from), specifier).split('\\').join('/');
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => FILE_SET.has(candidate));
}

/** Every file a source file imports: static imports, `export ... from`, `import()` and type-only imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const targets = importedFiles.flatMap(({ fileName }) => {
    const target = resolveSpecifier(file, fileName);
    return target === undefined ? [] : [target];
  });
  return [...new Set(targets)];
}

/** The top-level folder under src/ a file belongs to; a file directly in src/ (`cli.ts`) is its own node. */
function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** One cycle per strongly connected component with more than one node (or a self-loop), as a path. */
function findCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const seen = state.get(next);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

const FILE_GRAPH = new Map(FILES.map((file) => [file, new Set(importsOf(file))]));

describe('src/ import structure', () => {
  it('resolves the imports it parses (the checker sees the real graph)', () => {
    const edges = [...FILE_GRAPH.values()].reduce((sum, targets) => sum + targets.size, 0);
    expect(FILES.length).toBeGreaterThan(50);
    expect(edges).toBeGreaterThan(FILES.length);
  });

  it('has no import cycle between files', () => {
    const cycles = findCycles(FILE_GRAPH).map((cycle) => cycle.join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('has no import cycle between top-level folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of FILE_GRAPH) {
      const from = folderOf(file);
      const edges = folders.get(from) ?? new Set<string>();
      for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
      folders.set(from, edges);
    }
    const cycles = findCycles(folders).map((cycle) => {
      const hops = cycle.slice(1).map((to, i) => {
        const from = cycle[i]!;
        const witness = [...FILE_GRAPH].find(
          ([file, targets]) => folderOf(file) === from && [...targets].some((t) => folderOf(t) === to),
        );
        return `${from} -> ${to} (${witness?.[0] ?? '?'})`;
      });
      return hops.join(', ');
    });
    expect(cycles).toEqual([]);
  });

  it('compare/ does not import report/ (compare/ produces data, report/ words it)', () => {
    const upward = [...FILE_GRAPH]
      .filter(([file]) => folderOf(file) === 'compare')
      .flatMap(([file, targets]) =>
        [...targets].filter((t) => folderOf(t) === 'report').map((t) => `${file} -> ${t}`),
      );
    expect(upward).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = FILES.map((file) => ({
      file,
      lines: readFileSync(join(SRC, file), 'utf8').split('\n').length - 1,
    }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
