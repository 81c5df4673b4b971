// Language detection: franc's trigram model restricted to the languages vigie reads plus a
// few that are easily confused with them, combined with the declared language (page or feed).
import { francAll } from 'franc';
import { iso6393To1 } from 'iso-639-3';
import { FUNCTION_WORD_LANGS } from './normalize.ts';
import { tokenizeText } from './tokenize.ts';

/** Languages the rules cover, then confusable neighbours that franc may legitimately answer. */
const CANDIDATES = ['fra', 'eng', 'por', 'spa', 'deu', 'arb', 'rus', 'ita', 'cat', 'nld', 'glg', 'ron', 'ukr', 'pes'];
// franc names Standard Arabic and Persian by individual-language codes that have no ISO 639-1 code.
const EXTRA_639_1: Record<string, string> = { arb: 'ar', pes: 'fa' };
/** Languages the rules cover. */
const SUPPORTED = new Set(['fr', 'en', 'pt', 'es', 'de', 'ar', 'ru']);
/** franc (and the function-word check) read at most this many characters: enough to tell languages apart, and it keeps detection cheap. */
export const SAMPLE_CHARS = 600;
/** Below this many letters the text is too short to beat a declared language. */
const SHORT_TEXT = 60;

/** Returns the ISO 639-1 code of a declared language tag (« fr-FR », « FR », « fra »), or null. */
export function normalizeDeclared(declared: string | null | undefined): string | null {
  if (!declared) return null;
  const primary = declared.trim().toLowerCase().split(/[-_]/)[0];
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return EXTRA_639_1[primary] ?? iso6393To1[primary] ?? null;
  return null;
}

/** Returns function-word counts per language of FUNCTION_WORD_LANGS in a sample. */
export function countFunctionWords(sample: string): number[] {
  return tokenizeText(sample, sample.length).functionWords;
}

function functionWordCount(lang: string, counts: number[]): number {
  const k = (FUNCTION_WORD_LANGS as readonly string[]).indexOf(lang);
  return k < 0 ? 0 : counts[k];
}

/** Returns true when the declared language's function words clearly dominate the sample. */
function isPlainly(lang: string, counts: number[]): boolean {
  const k = (FUNCTION_WORD_LANGS as readonly string[]).indexOf(lang);
  if (k < 0) return false;
  let other = 0;
  for (let j = 0; j < counts.length; j++) if (j !== k && counts[j] > other) other = counts[j];
  return counts[k] >= 8 && counts[k] >= 4 * other;
}

/** Returns the ISO 639-1 language of `text` ('und' when unknown), trusting `declared` for short or ambiguous texts. */
export function detectLanguage(text: string, declared?: string | null, functionWords?: number[]): string {
  const hint = normalizeDeclared(declared);
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const counts = functionWords ?? countFunctionWords(sample);
  if (hint && isPlainly(hint, counts)) return hint;
  const letters = sample.replace(/[^\p{L}]/gu, '').length;
  if (letters < SHORT_TEXT) return hint ?? (letters >= 10 ? bestGuess(sample) : 'und');
  const ranked = francAll(sample, { only: CANDIDATES, minLength: 10 });
  const [best, second] = ranked;
  if (!best || best[0] === 'und') return hint ?? 'und';
  const bestCode = to639_1(best[0]);
  if (hint && hint !== bestCode) {
    // A declared language close behind the winner is kept: franc confuses neighbours (fr/ca, es/pt/gl).
    const hinted = ranked.find(([code]) => to639_1(code) === hint);
    if (hinted && hinted[1] >= 0.9 * best[1]) return hint;
  }
  // A close call (short texts) goes to the close candidate with the most function words, then
  // to a language the rules cover rather than a confusable neighbour (gl, ca, it…).
  const close = ranked.filter(([, score]) => score >= 0.95 * best[1]).map(([code]) => to639_1(code));
  if (close.length > 1) {
    const ranking = close.map((lang, rank) => ({ lang, rank, words: functionWordCount(lang, counts), covered: SUPPORTED.has(lang) }));
    ranking.sort((a, b) => b.words - a.words || Number(b.covered) - Number(a.covered) || a.rank - b.rank);
    return ranking[0].lang;
  }
  return bestCode;
}

function bestGuess(sample: string): string {
  const [best] = francAll(sample, { only: CANDIDATES, minLength: 10 });
  return best && best[0] !== 'und' ? to639_1(best[0]) : 'und';
}

function to639_1(code: string): string {
  return EXTRA_639_1[code] ?? iso6393To1[code] ?? code;
}
