// Tokenization that keeps offsets into the original text. Every token keeps its [start, end)
// span in the string it came from; matching works on the id of its stem (normalize.ts). Tokens
// are written into a TokenList of typed arrays that the caller reuses from one article to the
// next, so that tagging allocates nothing per word.
import { charClass, FUNCTION_WORD_LANGS, hashStep, isApostrophe, isSpace, LETTER, LETTER_SEPARATOR, lookupWord, NUMBER, phraseWordStem, plainPhraseStems, type WordInfo } from './normalize.ts';

/** One token as an object, for tests and rule phrases (tagging reads a TokenList). */
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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The tokens of one text as parallel arrays (index i is the i-th token), reused across texts. */
export class TokenList {
  length = 0;
  /** Stem id (internStem), -1 when no compiled rule uses the stem. */
  stemIds = new Int32Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  sentences = new Int32Array(1024);
  /** 1 when the token is written in capitals. */
  upper = new Uint8Array(1024);
  /** Function words per language of FUNCTION_WORD_LANGS among the first `sampleChars` characters. */
  functionWords: number[] = FUNCTION_WORD_LANGS.map(() => 0);
  // 1 for a function word (dropped unless it stands as an acronym); scratch of tokenizeInto().
  stops = new Uint8Array(1024);
  // The text's UTF-16 code units: the scan reads a typed array, whatever the string's
  // representation (flat, sliced, concatenated), which keeps it fast and predictable.
  units = new Uint16Array(4096);

  /** Returns the code units of `text` in `units` (grown as needed). */
  codeUnits(text: string): Uint16Array {
    if (this.units.length < text.length) this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
    const units = this.units;
    // Short texts (rule phrases) are copied by hand: cheaper than a Buffer view.
    if (LITTLE_ENDIAN && text.length > 64) Buffer.from(units.buffer, units.byteOffset, text.length * 2).write(text, 0, text.length * 2, 'utf16le');
    else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    return units;
  }

  /** Doubles the capacity, keeping the first `length` tokens. */
  grow(): void {
    const size = this.stemIds.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.stemIds = copy(this.stemIds, new Int32Array(size));
    this.starts = copy(this.starts, new Int32Array(size));
    this.ends = copy(this.ends, new Int32Array(size));
    this.sentences = copy(this.sentences, new Int32Array(size));
    this.upper = copy(this.upper, new Uint8Array(size));
    this.stops = copy(this.stops, new Uint8Array(size));
  }
}

/** Fills `out` with the matching tokens of `text` (elided words and stopwords skipped) and the function words of its first `sampleChars` characters; `words`, when given, receives each token's WordInfo. */
export function tokenizeInto(text: string, sampleChars: number, out: TokenList, words: WordInfo[] | null = null): void {
  const functionWords = out.functionWords;
  for (let k = 0; k < functionWords.length; k++) functionWords[k] = 0;
  const length = text.length;
  const units = out.codeUnits(text);
  let n = 0;
  let sentence = 0;
  let boundary = false;
  let i = 0;
  while (i < length) {
    let c = units[i];
    if ((charClass(c) & 1) === 0) {
      // A sentence ends at . ! ? … followed by a space, and at a line break (title, paragraphs).
      if (c === 0x0a || ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026 || c === 0x61f) && (i + 1 === length || isSpace(units[i + 1])))) boundary = true;
      i++;
      continue;
    }
    if (boundary && n > 0) sentence++;
    boundary = false;
    const start = i;
    let hash = 0;
    do {
      hash = hashStep(hash, c);
      i++;
      c = i < length ? units[i] : 0x20;
    } while ((charClass(c) & 1) === 1);
    const end = i;
    const info = lookupWord(text, units, start, end, hash);
    if (info.functionWordOf !== 0 && start < sampleChars) {
      for (let k = 0; k < functionWords.length; k++) if (info.functionWordOf & (1 << k)) functionWords[k]++;
    }
    if (info.folded.length === 0) continue;
    const next = end < length ? units[end] : -1;
    const afterNext = end + 1 < length ? charClass(units[end + 1]) : 0;
    if (info.elidable && isApostrophe(next) && (afterNext === LETTER || afterNext === LETTER_SEPARATOR)) continue;
    if (info.folded === 's' && start > 0 && isApostrophe(units[start - 1])) continue;
    let stop = info.stop;
    // « Su-30 », « A-29 »: a letter prefix of a model number is never a function word.
    if (stop && (next === 0x2d || next === 0x2f) && end - start <= 3) {
      const first = units[start];
      if (first >= 0x41 && first <= 0x5a && (afterNext === LETTER || afterNext === LETTER_SEPARATOR || afterNext === NUMBER)) stop = false;
    }
    if (n === out.stemIds.length) out.grow();
    out.stemIds[n] = info.stemId;
    out.starts[n] = start;
    out.ends[n] = end;
    out.sentences[n] = sentence;
    out.upper[n] = info.upper ? 1 : 0;
    out.stops[n] = stop ? 1 : 0;
    if (words !== null) words[n] = info;
    n++;
  }
  // Drop stopwords in place, except a capitalized one between lower-case words: an acronym
  // (« UN », « AS »), not an article. A neighbour is read before it can be overwritten.
  const { stemIds, starts, ends, sentences, upper, stops } = out;
  let kept = 0;
  for (let k = 0; k < n; k++) {
    if (stops[k] === 1 && !(upper[k] === 1 && (k === 0 || upper[k - 1] === 0) && (k + 1 === n || upper[k + 1] === 0))) continue;
    if (kept !== k) {
      stemIds[kept] = stemIds[k];
      starts[kept] = starts[k];
      ends[kept] = ends[k];
      sentences[kept] = sentences[k];
      upper[kept] = upper[k];
      if (words !== null) words[kept] = words[k];
    }
    kept++;
  }
  out.length = kept;
  if (words !== null) words.length = kept;
}

/** Returns the matching tokens of `text` with their offsets: elided words and stopwords are skipped. */
export function tokenize(text: string): Token[] {
  return tokenizeText(text, 0).tokens;
}

// Scratch list of tokenizeText(), whose result is copied out before it returns.
const scratch = new TokenList();

/** Returns the tokens of `text` as objects and the function words of its first `sampleChars` characters. */
export function tokenizeText(text: string, sampleChars: number): { tokens: Token[]; functionWords: number[] } {
  const list = scratch;
  const words: WordInfo[] = [];
  tokenizeInto(text, sampleChars, list, words);
  const tokens: Token[] = [];
  for (let k = 0; k < list.length; k++) {
    tokens.push({ stem: words[k].stem, start: list.starts[k], end: list.ends[k], upper: list.upper[k] === 1, sentence: list.sentences[k] });
  }
  return { tokens, functionWords: [...list.functionWords] };
}

/** Returns the stems of a rule phrase, tokenized exactly as article text is. */
export function phraseStems(phrase: string): string[] {
  // Most phrases (names, demonyms) are one word: the same result as tokenize() without its set-up.
  let k = 0;
  while (k < phrase.length && (charClass(phrase.charCodeAt(k)) & 1) === 1) k++;
  if (k === phrase.length && k > 0) {
    const stem = phraseWordStem(phrase);
    return stem === '' ? [] : [stem];
  }
  // Then words separated by spaces; apostrophes, hyphens and the rest go through the tokenizer.
  return plainPhraseStems(phrase) ?? tokenizedPhraseStems(phrase);
}

/** Returns the stems of a rule phrase through the article tokenizer (the reference phraseStems must agree with). */
export function tokenizedPhraseStems(phrase: string): string[] {
  const words: WordInfo[] = [];
  tokenizeInto(phrase, 0, scratch, words);
  return words.map((w) => w.stem);
}
