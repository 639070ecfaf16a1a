// Renders PR-comment Markdown the way GitHub shows it (markdown-it with HTML, GitHub-like styles) and
// takes a picture of it with headless Chromium (Debian package `chromium`; never needed by CI).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';

const STYLE = `body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 1180px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px 24px; }
table { border-collapse: collapse; margin: 8px 0; display: block; overflow: auto; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; font-size: 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: rgba(175,184,193,0.2); border-radius: 4px; padding: 0.1em 0.3em; font-size: 85%; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: 600; }
blockquote { color: #59636e; border-left: 3px solid #d0d7de; margin: 0; padding: 0 12px; }`;

/** The comment as GitHub-flavoured HTML, in a page styled like a GitHub comment. */
export function commentHtml(markdown: string): string {
  const body = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** A PNG of the rendered comment, `height` pixels tall (folded sections stay folded, as readers first see them). */
export function screenshot(markdown: string, png: string, height = 900): void {
  const dir = mkdtempSync(join(tmpdir(), 'mec-picture-'));
  writeFileSync(join(dir, 'comment.html'), commentHtml(markdown));
  execFileSync('chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--hide-scrollbars',
    `--window-size=1240,${height}`,
    `--screenshot=${png}`,
    `file://${join(dir, 'comment.html')}`,
  ]);
}
