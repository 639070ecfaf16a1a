import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  unusedDims
} from "./cli-ON5MEWB4.mjs";

// src/cli/dim-warnings.ts
function unusedDimWarnings(file, dims, analysis) {
  const { unused, has } = unusedDims(dims, analysis);
  if (unused.length === 0) return [];
  return [
    `${file}: --dim ${unused.map((d) => `${d}=${dims?.[d]}`).join(", --dim ")} ignored, the model has no such dim; ${has}`
  ];
}

export {
  unusedDimWarnings
};
