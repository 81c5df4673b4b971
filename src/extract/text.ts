// Turns the article element Readability kept into clean text: one paragraph per block, a blank
// line between paragraphs, whitespace normalized, and leftover boilerplate lines dropped.

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul', 'caption', 'details', 'summary',
]);
const CELL = new Set(['td', 'th']);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'button', 'svg', 'select', 'input', 'textarea']);

// Short lines that are site furniture, not article: "Lire aussi", "Partager", "Publicité"…
const BOILERPLATE = [
  /^(à |a )?lire (aussi|également|egalement|la suite)\b/iu,
  /^(voir|regarder) aussi\b/iu,
  /^en vidéo\b/iu,
  /^(publicité|advertisement|annonce|sponsorisé|anzeige)$/iu,
  /^(partager|partagez|share)( (cet|l')article| sur| this)?\b/iu,
  /^(abonnez-vous|inscrivez-vous à (notre|la) newsletter|recevez notre newsletter)\b/iu,
  /^(suivez-nous|follow us)\b/iu,
  /^(read more|see also)\b/iu,
  /^(ce site utilise des cookies|nous utilisons des cookies|en poursuivant votre navigation)\b/iu,
];
const BOILERPLATE_MAX_WORDS = 30;

// A short line opening the related-articles or comments part: the article ended above it.
const SECTION_END =
  /^(articles? (similaires|liés|recommandés)|sur le même sujet|dans la même rubrique|à lire également|laisser un commentaire|laissez un commentaire|\d+ commentaires?|commentaires|réagissez|related (posts|articles|stories)|you may also like|leave a (reply|comment)|\d+ comments?|comments|verwandte beiträge|ähnliche beiträge|schreibe einen kommentar|kommentare|artículos relacionados|deja un comentario)\s*[:.]?$/iu;
const SECTION_END_MAX_WORDS = 5;

/** Returns the text of `root` with block elements as paragraphs separated by a blank line, without the header lines
 * repeating `title`, the byline or the date. */
export function elementToText(root: Node, title: string | null = null): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const line = normalizeSpace(current);
    if (line) paragraphs.push(line);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).localName;
    if (SKIPPED.has(name)) return;
    if (name === 'br') return flush();
    const block = BLOCK.has(name);
    if (block) flush();
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) flush();
    else if (CELL.has(name)) current += ' ';
  };
  walk(root);
  flush();
  return trimLeadingHeader(cleanParagraphs(paragraphs), title).join('\n\n');
}

/** Returns `s` with every run of whitespace (non-breaking spaces included) as one space, trimmed. */
export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0\u202f\u200b\ufeff]+/g, ' ').trim();
}

/** Returns true when `paragraph` is a short line of site furniture ("Lire aussi : …", "Partager", "Publicité"). */
export function isBoilerplate(paragraph: string): boolean {
  const words = paragraph.split(' ').length;
  return words <= BOILERPLATE_MAX_WORDS && BOILERPLATE.some((re) => re.test(paragraph));
}

/** Returns true when `paragraph` is a heading that opens related links or comments ("Sur le même sujet", "3 commentaires"). */
export function isSectionEnd(paragraph: string): boolean {
  return paragraph.split(' ').length <= SECTION_END_MAX_WORDS && SECTION_END.test(paragraph);
}

/** Returns the paragraphs without boilerplate lines, without a paragraph repeating the one before, and cut at a
 * related-links or comments heading found after the first third of the text. */
export function cleanParagraphs(paragraphs: string[]): string[] {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  const out: string[] = [];
  let seen = 0;
  for (const p of paragraphs) {
    if (seen > total / 3 && isSectionEnd(p)) break;
    seen += p.length;
    if (isBoilerplate(p)) continue;
    if (out.length > 0 && out[out.length - 1] === p) continue;
    out.push(p);
  }
  return out;
}

const MONTHS = /\b(janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr|may|jun|jul|aug|sep)/iu;

/** Returns the paragraphs without the short lines that precede the body and repeat its header: the title, a kicker
 * of one or two words, "Par …" bylines and date lines. */
export function trimLeadingHeader(paragraphs: string[], title: string | null): string[] {
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  let i = 0;
  for (; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const words = p.split(' ').length;
    if (words >= 12) break;
    const isTitle = !!title && squash(p) === squash(title);
    const isByline = /^(par|by|de|von|por)\s/iu.test(p) && words <= 10;
    const isDate = words <= 10 && /\d/.test(p) && (MONTHS.test(p) || /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}/.test(p)) && !/[.!?]$/.test(p);
    const isKicker = words <= 2 && !/[.!?:;]$/.test(p);
    if (!(isTitle || isByline || isDate || isKicker)) return paragraphs;
  }
  // Only a header followed by a body paragraph is trimmed: a page of short lines is left whole.
  return i < paragraphs.length ? paragraphs.slice(i) : paragraphs;
}

/** Returns the number of words in `text`; "l'armée" and "c'est-à-dire" count as one. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
