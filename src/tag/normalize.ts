// Normalization and tokenization that keep offsets into the original text. Every token keeps
// its [start, end) span in the string it came from; matching works on `stem`, a folded form
// (case, accents, ligatures, Arabic letter variants) with light plural and inflection folding.
// Rule phrases go through the same function, so both sides always agree.

export interface Token {
  /** Folded and stemmed form used for matching. */
  stem: string;
  start: number;
  end: number;
  /** True when the original token is written in capitals (acronyms, upper-case headlines). */
  upper: boolean;
  /** Index of the sentence (or title, or paragraph) the token belongs to. */
  sentence: number;
}

// (« l », « d », « qu » above are also copies that lost their apostrophe: « la Cote d Ivoire ».)

// Letters, combining marks and digits form words; everything else (spaces, NBSP, hyphens,
// apostrophes, punctuation) separates them. Classes of BMP code units are computed once each
// (0 unknown, 1 word, 2 separator); astral characters (emoji) separate words.
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const charClass = new Uint8Array(0x10000);
// « ʼ » (U+02BC) is a letter for Unicode but an apostrophe in French copy.
charClass[0x2bc] = 2;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0x202f || Number.isNaN(c);
}

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  let k = charClass[c];
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    charClass[c] = k;
  }
  return k === 1;
}
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2018', '`', '\u00b4']);

// French (and Italian-style) elided words: "l'", "d'", "qu'", "jusqu'"… are dropped when an
// apostrophe follows them; an English possessive "'s" is dropped too.
const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);

// Function words skipped by matching in every supported Latin-script language, so that
// « vente d'armes », « vente des armes » and « ventes d'armes » meet the same rule.
const STOPWORDS = new Set([
  'le', 'la', 'les', 'de', 'des', 'du', 'l', 'd', 'qu', 'un', 'une', 'au', 'aux', 'a', 'en', 'par', 'pour', 'avec', 'dans', 'ce', 'ces', 'cette', 'son', 'sa', 'ses', 'leur', 'leurs', 'se',
  'the', 'an', 'of', 'to', 'for', 'in', 'on', 'by', 'with', 'its', 'their', 'has', 'have', 'had', 'was', 'were', 'is', 'are', 'be', 'been',
  'el', 'los', 'las', 'del', 'al', 'lo', 'y', 'su', 'sus', 'con', 'por', 'para',
  'o', 'os', 'as', 'do', 'da', 'dos', 'das', 'no', 'na', 'nos', 'nas', 'em', 'ao', 'aos', 'um', 'uma', 'e', 'com', 'pelo', 'pela',
  'der', 'die', 'das', 'den', 'dem', 'ein', 'eine', 'einen', 'einem', 'einer', 'von', 'zu', 'zur', 'zum', 'und', 'im', 'am', 'mit',
]);

const RU_ENDINGS = ['иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ой', 'ей', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ых', 'их', 'ым', 'им', 'ую', 'юю', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ов', 'ев', 'а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'о', 'ь'];
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['ات', 'ه'];

/** Returns the case- and accent-folded form of a word (also ligatures and Arabic letter variants). */
export function foldWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // Surrogates and Greek (final sigma) need the whole word.
    if ((c >= 0xd800 && c <= 0xdfff) || (c >= 0x370 && c <= 0x3ff)) return foldWordSlowly(word);
    out += foldChar(c);
  }
  return out;
}

// Folded form of each BMP code unit, computed on first use: per character, folding is a table
// look-up instead of a Unicode normalization of every new word.
const FOLDED: (string | undefined)[] = new Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) FOLDED[c] = String.fromCharCode(c);
for (let c = 0x61; c <= 0x7a; c++) FOLDED[c] = String.fromCharCode(c);
for (let c = 0x41; c <= 0x5a; c++) FOLDED[c] = String.fromCharCode(c + 0x20);

function foldChar(c: number): string {
  let f = FOLDED[c];
  if (f === undefined) {
    f = foldWordSlowly(String.fromCharCode(c));
    FOLDED[c] = f;
  }
  return f;
}

function foldWordSlowly(word: string): string {
  let out = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/[œæßـ]/.test(out)) out = out.replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/ـ/g, '');
  if (/[\u0600-\u06ff]/.test(out)) out = out.replace(/[أإآٱ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
  return out;
}

/** Returns the stem of a folded word: plural -s in Latin scripts, case endings in Cyrillic, article and suffixes in Arabic. */
export function stemWord(folded: string): string {
  const first = folded.charCodeAt(0);
  if (first >= 0x0400 && first <= 0x04ff) {
    for (const ending of RU_ENDINGS) {
      if (folded.length - ending.length >= 3 && folded.endsWith(ending)) return folded.slice(0, -ending.length);
    }
    return folded;
  }
  if (first >= 0x0600 && first <= 0x06ff) {
    let w = folded;
    for (const p of AR_PREFIXES) if (w.startsWith(p) && w.length - p.length >= 2) { w = w.slice(p.length); break; }
    // The conjunction « و » attached to a word (« وروسيا »).
    if (w === folded && w.startsWith('و') && w.length >= 5) w = w.slice(1);
    for (const s of AR_SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 3) { w = w.slice(0, -s.length); break; }
    return w;
  }
  if (folded.length > 3 && folded.endsWith('s') && !folded.endsWith('ss')) return folded.slice(0, -1);
  return folded;
}

interface WordInfo {
  folded: string;
  stem: string;
  stop: boolean;
  upper: boolean;
  /** Bit k set when the word is a function word of FUNCTION_WORD_LANGS[k]. */
  functionWordOf: number;
}

/** Languages whose very frequent function words the tokenizer counts (see language.ts). */
export const FUNCTION_WORD_LANGS = ['fr', 'en', 'es', 'pt', 'de'] as const;
const FUNCTION_WORDS: string[][] = [
  ['le', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'au', 'du', 'pas', 'avec', 'ont', 'ce', 'aux', 'selon'],
  ['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'was', 'has', 'have', 'are', 'from', 'by', 'its', 'which'],
  ['el', 'los', 'las', 'y', 'del', 'que', 'por', 'una', 'con', 'para', 'se', 'su', 'al', 'es', 'como', 'más'],
  ['os', 'não', 'uma', 'do', 'da', 'dos', 'das', 'em', 'com', 'para', 'que', 'ao', 'pela', 'pelo', 'foi', 'são'],
  ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'dem', 'von', 'zu', 'auf', 'für', 'sich', 'ein', 'eine'],
];
const FUNCTION_WORD_BITS = new Map<string, number>();
FUNCTION_WORDS.forEach((words, k) => {
  for (const w of words) FUNCTION_WORD_BITS.set(w, (FUNCTION_WORD_BITS.get(w) ?? 0) | (1 << k));
});

export interface TokenizedText {
  tokens: Token[];
  /** Function words per language of FUNCTION_WORD_LANGS among the first `sampleChars` characters. */
  functionWords: number[];
}

// Words repeat: folding and stemming each distinct spelling once per process is most of the
// tokenizer's speed. The cache is direct-mapped on a hash computed while scanning the word, so a
// known word costs neither a substring nor a string hash; a collision just replaces the entry.
interface CachedWord extends WordInfo {
  raw: string;
}
const CACHE_BITS = 17;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
const wordCache: (CachedWord | undefined)[] = new Array(1 << CACHE_BITS);

function wordInfo(raw: string): CachedWord {
  const folded = foldWord(raw);
  const upper = raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
  return { raw, folded, stem: stemWord(folded), stop: STOPWORDS.has(folded), upper, functionWordOf: FUNCTION_WORD_BITS.get(raw.toLowerCase()) ?? 0 };
}

/** Returns the cached information of text[start, end), whose hash is `hash`. */
function lookupWord(text: string, start: number, end: number, hash: number): CachedWord {
  const slot = hash & CACHE_MASK;
  const hit = wordCache[slot];
  if (hit !== undefined && hit.raw.length === end - start) {
    let k = 0;
    while (k < end - start && hit.raw.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === end - start) return hit;
  }
  const info = wordInfo(text.slice(start, end));
  wordCache[slot] = info;
  return info;
}

/** Returns the matching tokens of `text` with their offsets: elided words and stopwords are skipped. */
export function tokenize(text: string): Token[] {
  return tokenizeText(text, 0).tokens;
}

/** Returns the tokens of `text` and the function words of its first `sampleChars` characters (for language detection). */
export function tokenizeText(text: string, sampleChars: number): TokenizedText {
  const functionWords = FUNCTION_WORD_LANGS.map(() => 0);
  const tokens: Token[] = [];
  const stops: boolean[] = [];
  const length = text.length;
  let sentence = 0;
  let boundary = false;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      // A sentence ends at . ! ? … followed by a space, and at a line break (title, paragraphs).
      if (c === 0x0a || ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026 || c === 0x61f) && isSpace(text.charCodeAt(i + 1)))) boundary = true;
      i++;
      continue;
    }
    if (boundary && tokens.length > 0) sentence++;
    boundary = false;
    const start = i;
    let hash = 0;
    for (; i < length; i++) {
      const w = text.charCodeAt(i);
      if (!isWordChar(w)) break;
      hash = (Math.imul(hash, 31) + w) | 0;
    }
    const end = i;
    const info = lookupWord(text, start, end, (hash ^ (hash >>> 15)) >>> 0);
    if (info.functionWordOf !== 0 && start < sampleChars) {
      for (let k = 0; k < functionWords.length; k++) if (info.functionWordOf & (1 << k)) functionWords[k]++;
    }
    const folded = info.folded;
    if (folded.length === 0) continue;
    const next = text.charCodeAt(end);
    // 0x27 ', 0x2019 ’, 0x2bc ʼ, 0x2018 ‘, 0x60 `, 0xb4 ´
    const apostropheAfter = next === 0x27 || next === 0x2019 || next === 0x2bc || next === 0x2018 || next === 0x60 || next === 0xb4;
    if (apostropheAfter && ELIDED.has(folded) && /\p{L}/u.test(text[end + 1] ?? '')) continue;
    if (folded === 's' && APOSTROPHES.has(text[start - 1] ?? '')) continue;
    let stop = info.stop;
    // « Su-30 », « A-29 »: a letter prefix of a model number is never a function word.
    if (stop && (next === 0x2d || next === 0x2f) && end - start <= 3 && /^[A-Z]/.test(text[start]) && /[\p{N}\p{L}]/u.test(text[end + 1] ?? '')) stop = false;
    tokens.push({ stem: info.stem, start, end, upper: info.upper, sentence });
    stops.push(stop);
  }
  // Drop stopwords in place, except a capitalized one between lower-case words: an acronym
  // (« UN », « AS »), not an article.
  let kept = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (stops[i] && !(t.upper && !tokens[i - 1]?.upper && !tokens[i + 1]?.upper)) continue;
    tokens[kept++] = t;
  }
  tokens.length = kept;
  return { tokens, functionWords };
}

/** Returns true when a lower-case word is a function word (article, preposition…) of a supported language. */
export function isFunctionWord(word: string): boolean {
  return STOPWORDS.has(word) || FUNCTION_WORD_BITS.has(word);
}

/** Returns the stems of a rule phrase, tokenized exactly as article text is. */
export function phraseStems(phrase: string): string[] {
  // Most phrases (names, demonyms) are one word: the same result as tokenize() without its set-up.
  let hash = 0;
  let k = 0;
  for (; k < phrase.length; k++) {
    const c = phrase.charCodeAt(k);
    if (!isWordChar(c)) break;
    hash = (Math.imul(hash, 31) + c) | 0;
  }
  if (k === phrase.length && k > 0) {
    const info = lookupWord(phrase, 0, k, (hash ^ (hash >>> 15)) >>> 0);
    return info.folded === '' || (info.stop && !info.upper) ? [] : [info.stem];
  }
  return tokenize(phrase).map((t) => t.stem);
}

/** Returns the text the tagger reads and whose offsets evidence uses: title, a blank line, the text. */
export function composeDocument(title: string, text: string): string {
  return `${title}\n\n${text}`;
}
