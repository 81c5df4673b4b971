// Cheap checks on the raw HTML string, run before any DOM is built: a page too large or too
// deeply nested would cost seconds of jsdom time or overflow Readability's recursive walk
// (5,000 nested <div> blow its stack), so it is refused here with a clear, permanent error.
// Element count is bounded too: under the byte limit, 200,000 tiny blocks would make jsdom
// hold hundreds of megabytes in its thread before the time limit stopped it.
import { ExtractError } from '../errors.ts';

/** Largest HTML accepted, in UTF-8 bytes. */
export const MAX_HTML_BYTES = 5 * 1024 * 1024;

/** Deepest element nesting accepted; real news pages stay well under 100 (see docs/extraction.md). */
export const MAX_NESTING_DEPTH = 1000;

/** Most elements accepted; heavy news pages have a few thousand (the extract-dev pages, hundreds). */
export const MAX_ELEMENTS = 50_000;

export interface GuardLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_LIMITS: GuardLimits = { maxBytes: MAX_HTML_BYTES, maxDepth: MAX_NESTING_DEPTH, maxElements: MAX_ELEMENTS };

// Elements that never have children (void) or whose end tag may be omitted and is implied by
// the parser (p, li, td…): counting them would call a list of 3,000 unclosed <li> "deep".
const NOT_COUNTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup',
  'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body', 'image', 'basefont', 'bgsound', 'frame', 'keygen',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>]*?)(\/?)>/g;

/** Returns the deepest nesting of (non-void, explicitly closed) elements, scanning the string once. */
export function measureNestingDepth(html: string): number {
  return measureMarkup(html).depth;
}

/** Returns the deepest nesting of (non-void, explicitly closed) elements and the number of start tags, scanning the string once. */
export function measureMarkup(html: string): { depth: number; elements: number } {
  let depth = 0;
  let max = 0;
  let elements = 0;
  // No tag ends after the last '>': scanning there would retry every '<' to the end of the
  // string, quadratic on a page of unterminated tags ('<a <a <a …').
  const scanned = html.slice(0, html.lastIndexOf('>') + 1);
  TAG.lastIndex = 0;
  for (let m = TAG.exec(scanned); m !== null; m = TAG.exec(scanned)) {
    if (m[1] !== '/') elements++;
    const name = m[2].toLowerCase();
    if (NOT_COUNTED.has(name)) continue;
    if (m[1] === '/') {
      if (depth > 0) depth--;
    } else if (m[3] !== '/') {
      depth++;
      if (depth > max) max = depth;
    }
  }
  return { depth: max, elements };
}

/** Returns nothing when `html` is at most `maxBytes` UTF-8 bytes; throws ExtractError 'too_large' (permanent) naming the URL. */
export function checkHtmlSize(html: string, url: string | null, maxBytes = MAX_HTML_BYTES): void {
  // Every UTF-16 unit encodes to at most 3 bytes: skip the exact count when it cannot matter.
  const bytes = html.length * 3 <= maxBytes ? html.length : Buffer.byteLength(html, 'utf8');
  if (bytes > maxBytes) {
    throw new ExtractError(`extract: page of ${bytes} bytes exceeds the ${maxBytes}-byte limit: ${url ?? '(no URL)'}`, { code: 'too_large' });
  }
}

/** Returns nothing when elements nest at most `maxDepth` deep and number at most `maxElements`; throws ExtractError
 * 'too_deep' or 'too_many_elements' (permanent) naming the URL. */
export function checkNestingDepth(html: string, url: string | null, maxDepth = MAX_NESTING_DEPTH, maxElements = MAX_ELEMENTS): void {
  const { depth, elements } = measureMarkup(html);
  if (depth > maxDepth) {
    throw new ExtractError(`extract: elements nested ${depth} deep exceed the limit of ${maxDepth}: ${url ?? '(no URL)'}`, { code: 'too_deep' });
  }
  if (elements > maxElements) {
    throw new ExtractError(`extract: ${elements} elements exceed the limit of ${maxElements}: ${url ?? '(no URL)'}`, { code: 'too_many_elements' });
  }
}

/** Returns nothing when `html` may be parsed; throws ExtractError 'too_large', 'too_deep' or 'too_many_elements' (permanent) naming the URL.
 * Run it on HTML without scripts (see strip.ts): tags inside script strings are not elements. */
export function guardHtml(html: string, url: string | null, limits: Partial<GuardLimits> = {}): void {
  const { maxBytes, maxDepth, maxElements } = { ...DEFAULT_LIMITS, ...limits };
  checkHtmlSize(html, url, maxBytes);
  checkNestingDepth(html, url, maxDepth, maxElements);
}
