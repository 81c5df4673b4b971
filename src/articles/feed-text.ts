// Plain text of a feed item's HTML content or summary, for the fallback when the page
// cannot be fetched or yields no article.
import { JSDOM } from 'jsdom';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT']);

/** Returns the text of an HTML fragment (feed item content), paragraphs separated by a blank line, whitespace normalized. */
export function htmlToParagraphs(html: string): string {
  if (!/[<&]/.test(html)) return normalizeParagraphs(html);
  const fragment = JSDOM.fragment(html);
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    const name = (node as Element).tagName;
    if (name && SKIP.has(name)) return;
    const block = name !== undefined && BLOCK.has(name);
    if (block) parts.push('\n\n');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) parts.push('\n\n');
  };
  walk(fragment);
  return normalizeParagraphs(parts.join(''));
}

function normalizeParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
