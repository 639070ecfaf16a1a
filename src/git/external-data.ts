import { posix } from 'node:path';
import { resolveBeside } from './repo.js';

/** Lists the external-data `location`s a model refers to (relative to the model's directory). */
export type ExternalLocationLister = (modelPath: string) => Promise<readonly string[]> | readonly string[];

/**
 * The external-data rule: an ONNX model whose weights live in separate files counts as changed when
 * one of those files changes, even if the .onnx file itself did not. Given every changed path (both
 * sides of renames) and the candidate models, returns the candidates whose data files are among the
 * changed paths, in the order given. External data must live in or below the model's directory, so
 * only models in a directory that contains a changed path are ever asked for their locations.
 */
export async function modelsWithChangedData(
  changedPaths: Iterable<string>,
  candidates: readonly string[],
  listLocations: ExternalLocationLister,
): Promise<string[]> {
  const changed = new Set(changedPaths);
  const changedDirs = new Set<string>();
  for (const path of changed) {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      changedDirs.add(dir);
      if (dir === '.' || dir === '/') break;
    }
  }
  const affected: string[] = [];
  for (const model of candidates) {
    if (changed.has(model) || !changedDirs.has(posix.dirname(model))) continue;
    const locations = await listLocations(model);
    if (
      locations.some((location) => {
        const path = resolveBeside(model, location);
        return path !== undefined && changed.has(path);
      })
    ) {
      affected.push(model);
    }
  }
  return affected;
}
