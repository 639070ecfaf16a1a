/**
 * Escaping of strings a pull request controls (paths, kernel and op names, notes; in publish mode
 * every string of the report) before they enter GitHub-flavoured Markdown. After escaping a string
 * renders as the same visible text and nothing else: no HTML, no links or images, no emphasis, no
 * table cell breaks, no math, and no @-mention, team mention or issue reference that would notify
 * anyone or cross-link another repository.
 */

/** U+2060 WORD JOINER: invisible, breaks GitHub's mention, reference and autolink patterns. */
const JOINER = '\u2060';

// C0/C1 controls (newlines and tabs included) would end a table row or a line; they become spaces.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Bidirectional overrides and invisible characters can make a path read as another (trojan source):
// they are shown as U+FFFD so the reader sees something is there.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

const DEFAULT_MAX = 500;

/**
 * Controls to spaces, invisible and direction-changing characters to U+FFFD, and at most `max`
 * code points (the rest replaced by "…"). The first step of every escape below.
 */
export function clean(text: string, max = DEFAULT_MAX): string {
  const plain = text.replace(CONTROLS, ' ').replace(INVISIBLE, '\ufffd');
  const points = Array.from(plain);
  return points.length <= max ? plain : `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Breaks @-mentions, #123 / GH-123 issue references and bare URL autolinks with an invisible joiner. */
function defuse(text: string): string {
  return text
    .replace(/@/g, `@${JOINER}`)
    .replace(/#(?=\d)/g, `#${JOINER}`)
    .replace(/(gh)-(?=\d)/gi, `$1-${JOINER}`)
    .replace(/:\/\//g, `:${JOINER}//`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`);
}

const MARKDOWN_SPECIAL: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // `$` starts GitHub's math; an entity is not a delimiter, and renders as "$".
  $: '&#36;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '[': '\\[',
  ']': '\\]',
  '|': '\\|',
  '~': '\\~',
};

/**
 * For Markdown text anywhere inline: paragraphs, list items, headings and table cells. The result
 * never starts a block (no line breaks), so line-start syntax (`#`, `-`, `>`, `1.`) cannot arise.
 */
export function escapeMarkdown(text: string, max = DEFAULT_MAX): string {
  return defuse(clean(text, max)).replace(/[&<>$\\`*_[\]|~]/g, (c) => MARKDOWN_SPECIAL[c] ?? c);
}

/**
 * Prose that marks code with backticks, as our messages do (`lfs: true`): each backtick span becomes a
 * real code span and the rest is escaped as Markdown text, so no escaped backtick shows literally. An
 * unpaired backtick is escaped like any other character.
 */
export function escapeWithCode(text: string, options: { max?: number; inTable?: boolean } = {}): string {
  const plain = clean(text, options.max ?? DEFAULT_MAX);
  let out = '';
  let at = 0;
  for (const m of plain.matchAll(/`([^`\n]+)`/g)) {
    out += escapeMarkdown(plain.slice(at, m.index), Number.POSITIVE_INFINITY);
    out += inlineCode(m[1] ?? '', { inTable: options.inTable ?? false, max: Number.POSITIVE_INFINITY });
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(plain.slice(at), Number.POSITIVE_INFINITY);
}

const HTML_SPECIAL: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For text inside raw HTML (e.g. a `<summary>`), where Markdown is not parsed but mentions still are. */
export function escapeHtml(text: string, max = DEFAULT_MAX): string {
  return defuse(clean(text, max)).replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] ?? c);
}

/**
 * A code span: shown verbatim and inert (GitHub parses no mentions, links or HTML in code). The fence
 * is longer than any backtick run inside. In a table cell (`inTable`), pipes are escaped, as GFM
 * requires even inside code; outside tables a `\|` would show the backslash, so they are left alone.
 */
export function inlineCode(text: string, options: { inTable?: boolean; max?: number } = {}): string {
  let body = clean(text, options.max ?? DEFAULT_MAX);
  if (body.trim() === '') return '(empty)';
  if (options.inTable) body = body.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[`\s]|[`\s]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A link target from the action itself (job summary, run page): only http(s), and the characters that
 * would end a Markdown link destination are percent-encoded. Undefined for anything else.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(
    /[()<>\s"'`\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#36;': '$',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Inline Markdown made by the functions above (escapes, code spans, `*`/`**` emphasis, `<sub>`) as the
 * plain text it renders to, for terminals: one wording for the comment and the terminal report.
 */
export function markdownToPlain(markdown: string): string {
  const text = markdown.replace(/<\/?sub>/g, '');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end < 0) {
        out += fence;
        i += run - 1;
        continue;
      }
      let body = text.slice(i + run, end);
      if (/^ .* $/.test(body)) body = body.slice(1, -1);
      out += body.replace(/\\\|/g, '|');
      i = end + run - 1;
    } else if (c === '&') {
      const entity = Object.keys(ENTITIES).find((e) => text.startsWith(e, i));
      out += entity !== undefined ? ENTITIES[entity] : c;
      if (entity !== undefined) i += entity.length - 1;
    } else if (c !== '*') {
      out += c;
    }
  }
  return out.replace(new RegExp(JOINER, 'g'), '');
}
