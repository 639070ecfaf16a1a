import { createRequire as __mecCreateRequire } from 'node:module';
const require = __mecCreateRequire(import.meta.url);
const __dirname = import.meta.dirname;
import {
  UserError
} from "./cli-M3NVEZ4U.mjs";

// src/predict/errors.ts
var PredictorError = class extends UserError {
  name = "PredictorError";
  file;
  line;
  field;
  problem;
  constructor(problem, location = {}, options) {
    super(formatMessage(problem, location), options);
    this.problem = problem;
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
};
function formatMessage(problem, { file, line, field }) {
  const where = [
    file,
    line !== void 0 ? `line ${line}` : void 0,
    field !== void 0 ? line !== void 0 ? `column '${field}'` : `'${field}'` : void 0
  ].filter((part) => part !== void 0);
  return where.length > 0 ? `${where.join(", ")}: ${problem}` : problem;
}
var VOWEL_SOUND = /^(?:[aeiou]|fc\b|se\b|hswish\b|hw\b)/i;
function withArticle(word) {
  return `${VOWEL_SOUND.test(word) ? "an" : "a"} ${word}`;
}

// src/text/edit-distance.ts
function editDistance(a, b) {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array(rows * cols).fill(0);
  const at = (i, j) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}

export {
  PredictorError,
  withArticle,
  editDistance
};
