// Readability on linkedom (issue 6). linkedom parses with htmlparser2, which builds the tree the
// markup spells out, where an HTML parser (jsdom's parse5) always builds html > head + body:
// - without a <head> start tag, linkedom's document.head is a new empty element (the title is lost);
// - without a <body> start tag, document.body is a new empty element (the whole article is lost);
// - without <html>, documentElement is the first top-level element (often <title>);
// - content after </body> or </html> lies outside the body Readability reads;
// - attribute names keep their case (<META NAME=…>, <DIV CLASS=…>), and getAttribute('name')
//   does not find them.
// shapeDocument() repairs these after parsing, as the HTML parser would have built them. What it
// does not repair (misnested formatting tags, content foster-parented out of tables) changes
// where a few words sit, not which words are there (see docs/extraction.md for the figures).
import { createRequire } from 'node:module';
import type { DOMParser as LinkedomDOMParser } from 'linkedom';

const require = createRequire(import.meta.url);
let parser: LinkedomDOMParser | undefined;

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT_TYPE = 10;
// Elements the HTML parser puts in <head> when they come before any content ("in head" mode).
const HEAD_CONTENT = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'noframes', 'noscript', 'script', 'style', 'template', 'title']);
// An attribute name starting with an upper-case letter in a start tag; a false match only costs a
// walk. Linear: a tag is not searched past the next '<', and a name only after white space.
const UPPER_CASE_ATTRIBUTE = /<[a-zA-Z][^<>]*?\s[A-Z][\w:.-]*\s*=/;

/** Returns the document linkedom parses from `html`, shaped as html > head + body with lower-case attribute names. */
export function parseWithLinkedom(html: string): Document {
  parser ??= new (require('linkedom') as typeof import('linkedom')).DOMParser();
  const document = parser.parseFromString(html, 'text/html') as unknown as Document;
  shapeDocument(document);
  if (UPPER_CASE_ATTRIBUTE.test(html)) lowerCaseAttributeNames(document);
  return document;
}

const isBlank = (node: Node) => node.nodeType !== ELEMENT && (node.nodeType !== TEXT || !node.nodeValue?.trim());
const isNamed = (node: Node | null, name: string): node is Element => node?.nodeType === ELEMENT && (node as Element).localName === name;

/** Moves `document`'s nodes into one html > head + body tree: head-only elements met before any content go to head, everything else to body, in order. */
export function shapeDocument(document: Document): void {
  const tops = [...document.childNodes].filter((n) => n.nodeType !== DOCUMENT_TYPE);
  const root = tops.find((n) => isNamed(n, 'html')) as Element | undefined;
  const html = root ?? document.createElement('html');
  const children = [...html.childNodes];
  const head = children.find((n) => isNamed(n, 'head')) as Element | undefined;
  const body = children.find((n) => isNamed(n, 'body')) as Element | undefined;
  // The common case: <html><head>…</head><body>…</body></html> and nothing else that matters.
  if (root && head && body && tops.every((n) => n === root || isBlank(n)) && children.every((n) => n === head || n === body || isBlank(n)) && head.nextElementSibling === body) return;

  // Nodes before <html> come first, nodes after it (or all of them, without one) come last.
  const ordered = root ? [...tops.slice(0, tops.indexOf(root)), ...children, ...tops.slice(tops.indexOf(root) + 1)] : tops;
  const newHead = head ?? document.createElement('head');
  const newBody = body ?? document.createElement('body');
  const before: Node[] = [];
  const after: Node[] = [];
  let inBody = false;
  let bodySeen = false;
  for (const node of ordered) {
    if (node === head) continue;
    if (node === body) {
      inBody = bodySeen = true;
      continue;
    }
    if (!inBody && node.nodeType === ELEMENT && HEAD_CONTENT.has((node as Element).localName)) newHead.append(node);
    else if (!inBody && isBlank(node)) continue;
    else {
      inBody = true;
      (bodySeen ? after : before).push(node);
    }
  }
  newBody.prepend(...before);
  newBody.append(...after);
  if (!root) document.append(html);
  html.prepend(newHead);
  newHead.after(newBody);
}

/** Renames every attribute whose name has upper-case letters to its lower-case name, as HTML parsing does (the first of two duplicates wins); SVG is left alone. */
export function lowerCaseAttributeNames(document: Document): void {
  for (const el of document.querySelectorAll('*')) {
    const upper = [...el.attributes].filter((a) => a.name !== a.name.toLowerCase());
    if (upper.length === 0 || el.closest('svg')) continue;
    for (const { name, value } of upper) {
      el.removeAttribute(name);
      if (!el.hasAttribute(name.toLowerCase())) el.setAttribute(name.toLowerCase(), value);
    }
  }
}
