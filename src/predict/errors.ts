import { UserError } from '../errors.js';

/**
 * The predictor layer's one error: a bad kernel CSV, a bad bundle (manifest, ONNX file, output) or a
 * failed training run. It names the file and, where there is one, the line and column or field.
 */
export interface PredictorErrorLocation {
  /** The CSV, manifest or ONNX file at fault. */
  readonly file?: string;
  /** 1-based line of a CSV file. */
  readonly line?: number;
  /** CSV column, manifest field (JSON pointer) or kernel type. */
  readonly field?: string;
}

export class PredictorError extends UserError {
  override readonly name = 'PredictorError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly problem: string;

  constructor(problem: string, location: PredictorErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(problem, location), options);
    this.problem = problem;
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}

function formatMessage(problem: string, { file, line, field }: PredictorErrorLocation): string {
  const where = [
    file,
    line !== undefined ? `line ${line}` : undefined,
    field !== undefined ? (line !== undefined ? `column '${field}'` : `'${field}'`) : undefined,
  ].filter((part) => part !== undefined);
  return where.length > 0 ? `${where.join(', ')}: ${problem}` : problem;
}

/** Words read letter by letter whose first letter sounds like a vowel ("an fc kernel", "an se kernel"). */
const VOWEL_SOUND = /^(?:[aeiou]|fc\b|se\b|hswish\b|hw\b)/i;

/** "a conv-bn-relu", "an add": the word with its indefinite article, for messages. */
export function withArticle(word: string): string {
  return `${VOWEL_SOUND.test(word) ? 'an' : 'a'} ${word}`;
}
