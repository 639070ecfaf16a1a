import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/types.js';
import { clean, escapeHtml, escapeMarkdown, inlineCode, safeUrl } from '../../src/report/escape.js';
import { renderComment } from '../../src/report/markdown.js';
import { renderSummary } from '../../src/report/summary.js';
import { CPU, GPU, budget, crossed, compare, kernels, model, report, stats } from './builder.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('escapeMarkdown', () => {
  it('turns HTML into text', () => {
    expect(escapeMarkdown(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('a & b')).toBe('a &amp; b');
  });

  it('escapes table pipes, emphasis, code, links, strikethrough and math', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('*x* _y_ `z` ~~s~~')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\~\\~s\\~\\~');
    expect(escapeMarkdown('![i](u) [l](u)')).toBe('!\\[i\\](u) \\[l\\](u)');
    expect(escapeMarkdown('$x^2$ \\')).toBe('&#36;x^2&#36; \\\\');
  });

  it('keeps everything on one line', () => {
    expect(escapeMarkdown('a\nb\r\n| c |\td')).toBe('a b  \\| c \\| d');
  });

  it('neutralises mentions, team mentions, issue references and autolinks', () => {
    const j = '\u2060';
    expect(escapeMarkdown('models/@org/x.onnx')).toBe(`models/@${j}org/x.onnx`);
    expect(escapeMarkdown('@octocat')).toBe(`@${j}octocat`);
    expect(escapeMarkdown('fixes #12 and GH-3')).toBe(`fixes #${j}12 and GH-${j}3`);
    expect(escapeMarkdown('https://evil.example www.evil.example')).toBe(
      `https:${j}//evil.example www${j}.evil.example`,
    );
  });

  it('shows direction overrides and invisible characters instead of hiding them', () => {
    expect(escapeMarkdown('a\u202eb\u200bc')).toBe('a\ufffdb\ufffdc');
  });

  it('clips long text by code points', () => {
    expect(clean('😀'.repeat(10), 4)).toBe('😀😀😀…');
    expect(clean('abc', 3)).toBe('abc');
  });
});

describe('escapeHtml', () => {
  it('escapes for raw HTML and neutralises mentions', () => {
    expect(escapeHtml(`"${XSS}' @x`)).toBe('&quot;&lt;img src=x onerror=alert(1)&gt;&#39; @\u2060x');
  });
});

describe('inlineCode', () => {
  it('uses a fence longer than any backtick run', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(inlineCode('a``b`')).toBe('``` a``b` ```');
  });

  it('escapes pipes only in tables', () => {
    expect(inlineCode('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(inlineCode('a|b')).toBe('`a|b`');
  });

  it('never yields an empty span', () => {
    expect(inlineCode('')).toBe('(empty)');
    expect(inlineCode('\n')).toBe('(empty)');
  });
});

describe('safeUrl', () => {
  it('keeps http(s) links and encodes what would end a Markdown link', () => {
    expect(safeUrl('https://github.com/o/r/actions/runs/1#summary-2')).toBe(
      'https://github.com/o/r/actions/runs/1#summary-2',
    );
    expect(safeUrl('https://x.example/a(b)c')).toBe('https://x.example/a%28b%29c');
  });

  it('drops other schemes and non-URLs', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});

/** A report where every string a PR (or, in publish mode, an artifact) controls is hostile. */
function hostileReport(): ComparisonReport {
  const evilTarget = { ...CPU, deviceName: `Phone <b>X</b> @team ${XSS}`, bundle: '`rm -rf /` | x' };
  return report(
    [
      model(
        `models/@org/x|y\`z${XSS}.onnx`,
        [
          compare(evilTarget, 10, 12, {
            latency: true,
            budget: budget(
              'fail',
              crossed('maxMj', 'fail', 12, 1, { models: [`<img src=x> @admin`, '| a | b |'] }),
            ),
            kernels: kernels([
              [XSS, 'conv-bn-relu', 1, 2],
              ['a|b\n| injected | row |', 'fc', 1, 1.5],
              ['**bold** _it_ ~~s~~ $x^2$ ```', 'relu', 0.5, 0.7],
            ]),
          }),
          compare(GPU, 5, 5.5),
        ],
        {
          status: 'renamed',
          previousPath: 'models/[click](https://evil.example)/a.onnx',
          base: stats(1e6, 1e5),
          head: stats(1e6, 1e5),
          notes: ['@octocat please look at #123, www.evil.example and ![img](https://evil.example/x.png)'],
        },
      ),
      model('models/broken.onnx', [], { error: `@admin <iframe src="https://evil.example"></iframe>` }),
    ],
    {
      baseRef: 'feature/@user|<b>',
      configChanges: ['<!-- -->', '```', '</details><script>alert(1)</script>'],
      warnings: ['</details></summary><script>alert(1)</script>', '@github/security-team'],
      tool: { name: 'model-energy-check', version: '1.0<script>' },
    },
  );
}

/** The text of the rendered HTML outside <code>, where GitHub would look for mentions and references. */
function textOutsideCode(html: string): string {
  return html
    .replace(/<code>[\s\S]*?<\/code>/g, '')
    .replace(/<pre>[\s\S]*?<\/pre>/g, '')
    .replace(/<[^>]+>/g, ' ');
}

describe('rendering hostile strings', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  const documents = {
    comment: renderComment(hostileReport(), { key: 'k', summaryUrl: 'https://github.com/o/r/actions/runs/1' })
      .body,
    summary: renderSummary(hostileReport()),
  };

  for (const [name, markdown] of Object.entries(documents)) {
    it(`renders them inert in the ${name}`, () => {
      const html = md.render(markdown);
      // Only the tags the renderer writes itself: no image, script, iframe or bold from the report.
      const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]));
      for (const tag of tags) {
        expect([
          'p',
          'h2',
          'h3',
          'table',
          'thead',
          'tbody',
          'tr',
          'th',
          'td',
          'code',
          'em',
          'strong',
          'ul',
          'li',
          'details',
          'summary',
          'pre',
          'blockquote',
          'a',
          'sub',
        ]).toContain(tag);
      }
      // The only link is the job summary one the action passed in.
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs.every((h) => h === 'https://github.com/o/r/actions/runs/1')).toBe(true);
      // Every table row has as many cells as its header.
      for (const t of html.split('<table>').slice(1)) {
        const body = t.slice(0, t.indexOf('</table>'));
        const header = (body.match(/<th[ >]/g) ?? []).length;
        for (const row of body.split('<tr>').slice(2))
          expect((row.match(/<td[ >]/g) ?? []).length).toBe(header);
      }
      const text = textOutsideCode(html);
      expect(text).not.toMatch(/@[A-Za-z0-9]/);
      expect(text).not.toMatch(/#\d/);
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/<img|<iframe|<b>/);
      // The hostile path is still shown, verbatim, as code.
      expect(html).toContain('<code>models/@org/x|y`z&lt;img src=x onerror=alert(1)&gt;.onnx</code>');
    });
  }

  it('keeps the <details> structure balanced', () => {
    for (const markdown of Object.values(documents)) {
      expect(markdown.match(/<details>/g)?.length).toBe(markdown.match(/<\/details>/g)?.length);
      expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
    }
  });

  it('matches the snapshot', async () => {
    await expect(documents.comment).toMatchFileSnapshot('__snapshots__/comment-hostile.md');
  });
});
