// Normalization of words: case and accent folding (ligatures, Arabic letter variants), light
// plural and inflection folding (stems), the character classes that cut text into words, and a
// per-process cache of what each distinct spelling becomes. The tokenizer (tokenize.ts) and the
// rule compiler both go through lookupWord(), so rule phrases and article text always agree.

// Letters, combining marks and digits form words; everything else (spaces, NBSP, hyphens,
// apostrophes, punctuation) separates them. The class of each BMP code unit is computed once
// (0 unknown); astral characters (emoji) separate words.
/** Character class: a letter (\p{L}). */
export const LETTER = 1;
/** Character class: a separator. */
export const SEPARATOR = 2;
/** Character class: a digit or other number (\p{N}). */
export const NUMBER = 3;
/** Character class: a separator that Unicode calls a letter (« ʼ » U+02BC, an apostrophe in French copy). */
export const LETTER_SEPARATOR = 4;
/** Character class: a combining mark (\p{M}). */
export const MARK = 5;
const charClasses = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) charClasses[c] = classify(c);
charClasses[0x2bc] = LETTER_SEPARATOR;

function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return SEPARATOR;
  const s = String.fromCharCode(c);
  if (/\p{L}/u.test(s)) return LETTER;
  if (/\p{N}/u.test(s)) return NUMBER;
  if (/\p{M}/u.test(s)) return MARK;
  return SEPARATOR;
}

/** Returns the class of a UTF-16 code unit (LETTER, SEPARATOR, NUMBER, LETTER_SEPARATOR or MARK); words are made of the odd classes. */
export function charClass(c: number): number {
  const k = charClasses[c];
  if (k !== 0) return k;
  const computed = classify(c);
  charClasses[c] = computed;
  return computed;
}

/** Returns true when a code unit is a space that may follow the end of a sentence (NaN: end of text). */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0x202f || Number.isNaN(c);
}

/** Returns true when a code unit is one of the apostrophes of French copy: ' ’ ʼ ‘ ` ´. */
export function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2018 || c === 0x60 || c === 0xb4;
}


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
// (« l », « d », « qu » above are also copies that lost their apostrophe: « la Cote d Ivoire ».)

const RU_ENDINGS = ['иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ой', 'ей', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ых', 'их', 'ым', 'им', 'ую', 'юю', 'ом', 'ем', 'ам', 'ям', 'ах', 'ях', 'ов', 'ев', 'а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'о', 'ь'];
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['ات', 'ه'];

/** Returns the case- and accent-folded form of a word (also ligatures and Arabic letter variants). */
export function foldWord(word: string): string {
  // Lower-case ASCII words (most rule phrases, much English and French) fold to themselves.
  let k = 0;
  while (k < word.length) {
    const c = word.charCodeAt(k);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) break;
    k++;
  }
  if (k === word.length) return word;
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

/** What the tokenizer needs to know about one spelling of a word. */
export interface WordInfo {
  raw: string;
  /** The UTF-16 code units of `raw` (compared with the text's without touching strings). */
  units: Uint16Array;
  folded: string;
  stem: string;
  /** Id of the stem among the stems of compiled rules (internStem), -1 when no rule uses it. */
  stemId: number;
  /** Value of stemGeneration when stemId was looked up. */
  generation: number;
  /** A function word (le, des, the…), skipped by matching. */
  stop: boolean;
  /** Written in capitals (acronyms, upper-case headlines). */
  upper: boolean;
  /** An elided word when an apostrophe follows (l', d', qu', jusqu'…). */
  elidable: boolean;
  /** Bit k set when the word is a function word of FUNCTION_WORD_LANGS[k]. */
  functionWordOf: number;
}

// Stems used by compiled rules get small integer ids, so that matching compares integers and
// indexes arrays. Only rule stems are interned (text words only look theirs up), so the table
// stays as small as the rules; interning a new stem bumps the generation, which makes cached
// words look their stem id up again.
const stemIds = new Map<string, number>();
let stemGeneration = 0;

/** Returns the id of a rule stem, assigning the next one on first use. */
export function internStem(stem: string): number {
  let id = stemIds.get(stem);
  if (id === undefined) {
    id = stemIds.size;
    stemIds.set(stem, id);
    stemGeneration++;
  }
  return id;
}

// Words repeat: folding and stemming each distinct spelling once per process is most of the
// tokenizer's speed. The cache is direct-mapped on a hash computed while scanning the word, so a
// known word costs neither a substring nor a string hash; a collision just replaces the entry.
const CACHE_BITS = 17;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
const wordCache: (WordInfo | undefined)[] = new Array(1 << CACHE_BITS).fill(undefined);

function isUpperWord(raw: string): boolean {
  return raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
}

// A rule phrase of words separated by plain spaces (no apostrophe, hyphen or other separator, no
// astral character): the common case, cut by one native regex test instead of the tokenizer loop.
const PLAIN_PHRASE = /^[\p{L}\p{M}\p{N} ]+$/u;
const HAS_SPECIAL = /[\u02bc\ud800-\udfff]/;

/** Returns the stems of a rule phrase made of plain words separated by spaces, exactly as the tokenizer would (function words dropped unless written as an acronym between lower-case words), or undefined for any other phrase. */
export function plainPhraseStems(phrase: string): string[] | undefined {
  if (!PLAIN_PHRASE.test(phrase) || HAS_SPECIAL.test(phrase)) return undefined;
  const words: string[] = [];
  const folded: string[] = [];
  for (const word of phrase.split(' ')) {
    if (word === '') continue;
    const f = foldWord(word);
    if (f === '') continue;
    words.push(word);
    folded.push(f);
  }
  const stems: string[] = [];
  for (let k = 0; k < words.length; k++) {
    if (STOPWORDS.has(folded[k])) {
      // The tokenizer's acronym rule (tokenize.ts): a capitalized function word between lower-case words.
      const upper = (i: number) => isUpperWord(words[i]);
      if (!(upper(k) && (k === 0 || !upper(k - 1)) && (k + 1 === words.length || !upper(k + 1)))) continue;
    }
    stems.push(stemWord(folded[k]));
  }
  return stems;
}

/** Returns the stem of a one-word rule phrase, '' when it has no letter or is a function word in lower case (skipped, as in text). */
export function phraseWordStem(word: string): string {
  const folded = foldWord(word);
  if (folded === '' || (STOPWORDS.has(folded) && !isUpperWord(word))) return '';
  return stemWord(folded);
}

function wordInfo(raw: string, units: Uint16Array): WordInfo {
  const folded = foldWord(raw);
  const stem = stemWord(folded);
  const upper = isUpperWord(raw);
  return {
    raw, units, folded, stem, stemId: stemIds.get(stem) ?? -1, generation: stemGeneration, stop: STOPWORDS.has(folded), upper,
    elidable: ELIDED.has(folded), functionWordOf: FUNCTION_WORD_BITS.get(raw.toLowerCase()) ?? 0,
  };
}

/** Returns the hash lookupWord() expects, updated with one more code unit. */
export function hashStep(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}

/** Returns the (cached) information of the word text[start, end), whose code units are `units` and whose hashStep() hash is `hash`. */
export function lookupWord(text: string, units: Uint16Array, start: number, end: number, hash: number): WordInfo {
  const slot = (hash ^ (hash >>> 15)) & CACHE_MASK;
  const hit = wordCache[slot];
  if (hit !== undefined && hit.units.length === end - start) {
    const known = hit.units;
    let k = 0;
    while (k < known.length && known[k] === units[start + k]) k++;
    if (k === known.length) {
      if (hit.generation !== stemGeneration) {
        hit.stemId = stemIds.get(hit.stem) ?? -1;
        hit.generation = stemGeneration;
      }
      return hit;
    }
  }
  const info = wordInfo(text.slice(start, end), units.slice(start, end));
  wordCache[slot] = info;
  return info;
}

/** Returns true when a lower-case word is a function word (article, preposition…) of a supported language. */
export function isFunctionWord(word: string): boolean {
  return STOPWORDS.has(word) || FUNCTION_WORD_BITS.has(word);
}

/** Returns the text the tagger reads and whose offsets evidence uses: title, a blank line, the text. */
export function composeDocument(title: string, text: string): string {
  return `${title}\n\n${text}`;
}
