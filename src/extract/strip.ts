// Removes what never holds article text from the raw HTML before any DOM is built: comments,
// <script>, <style>, <noscript> and <template>. Parsing less is cheaper, and nothing
// executable reaches the DOM. JSON-LD blocks are kept aside first: they carry the metadata.

export interface StrippedHtml {
  html: string;
  /** Bodies of every <script type="application/ld+json">, in document order. */
  jsonLd: string[];
}

const REMOVED = new Set(['script', 'style', 'noscript', 'template']);
const OPEN = /<!--|<(script|style|noscript|template)\b([^>]*)>/gi;
const LD_JSON = /\btype\s*=\s*["']?application\/ld\+json/i;

/** Returns `html` without comments and script/style/noscript/template elements, plus the JSON-LD bodies found; linear in the input. */
export function stripNonContent(html: string): StrippedHtml {
  const parts: string[] = [];
  const jsonLd: string[] = [];
  let pos = 0;
  // No start tag ends after the last '>', and a comment opened there never closes: searching
  // the tail with OPEN would retry every '<script' to the end (quadratic on '<script <script …').
  const lastGt = html.lastIndexOf('>') + 1;
  const scanned = html.slice(0, lastGt);
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(scanned); m !== null; m = OPEN.exec(scanned)) {
    parts.push(html.slice(pos, m.index));
    let end: number;
    if (m[0] === '<!--') {
      const close = html.indexOf('-->', m.index + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      const name = m[1].toLowerCase();
      if (!REMOVED.has(name)) continue;
      const bodyStart = m.index + m[0].length;
      const close = indexOfClose(html, name, bodyStart);
      const bodyEnd = close === -1 ? html.length : close;
      if (name === 'script' && LD_JSON.test(m[2])) jsonLd.push(html.slice(bodyStart, bodyEnd));
      const gt = close === -1 ? -1 : html.indexOf('>', close);
      end = gt === -1 ? html.length : gt + 1;
    }
    pos = end;
    OPEN.lastIndex = end;
  }
  if (pos < lastGt) {
    // What follows the last '>' is kept up to an unterminated comment, as before.
    const comment = html.indexOf('<!--', lastGt);
    parts.push(html.slice(pos, comment === -1 ? html.length : comment));
  } else {
    parts.push(html.slice(pos));
  }
  return { html: parts.join(''), jsonLd };
}

const CLOSERS: Record<string, RegExp> = {};

// toLowerCase() on the whole page could shift offsets (some characters change length), so the
// end tag is looked up with a case-insensitive sticky-free regex instead.
function indexOfClose(html: string, name: string, from: number): number {
  const re = (CLOSERS[name] ??= new RegExp(`</${name}`, 'gi'));
  re.lastIndex = from;
  const m = re.exec(html);
  return m === null ? -1 : m.index;
}
