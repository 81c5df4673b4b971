// Article-level context: an article whose dominant frame is out of the domain (a football
// report, a museum piece, civil aviation, a police blotter, an opera review…) names weapons,
// sales or « défense » in other senses, and a cue's own window cannot see a context three
// paragraphs away. Frames are word lists per language (`frames` in the topic files); one
// dominates when its words are spread over more sentences than the topic cues are. Pure.
import type { CompiledRules } from './compile.ts';
import { MAX_PHRASE, type MatchList } from './match.ts';
import type { TokenList } from './tokenize.ts';

/** Returns the index of the first sentence after the title and the lede (the first `ledeSentences` sentences of the text). */
export function prominentEnd(tokens: TokenList, titleEnd: number, ledeSentences: number): number {
  let k = 0;
  while (k < tokens.length && tokens.starts[k] < titleEnd) k++;
  return k < tokens.length ? tokens.sentences[k] + ledeSentences : Number.MAX_SAFE_INTEGER;
}

/** A position of topic evidence: its sentence and whether it is prominent (the title or the lede). */
export interface CueSentence {
  sentence: number;
  prominent: boolean;
  /** A cue strong enough on its own. */
  strong: boolean;
  /** Token range [first, last) of the cue. */
  first: number;
  last: number;
}

/** Returns the name of the out-of-domain frame that dominates the article, or null; `cues` are the sentences of the topic cues found. */
export function dominantFrame(matches: MatchList, rules: CompiledRules, lang: string, ledeEnd: number, cues: CueSentence[]): string | null {
  if (rules.frames.length === 0) return null;
  const { minSentences, prominentCount, ratio } = rules.config.frames;
  // Frames are ordinary words: those of the article's language (all of them when it has no rule file).
  const ownLang = rules.ruleLangs.has(lang);
  let best: string | null = null;
  let bestCount = 0;
  for (const frame of rules.frames) {
    if (ownLang && frame.lang !== lang) continue;
    const count = frameSentences(matches, rules, frame.label, ledeEnd, prominentCount, cues);
    if (count > bestCount) {
      best = frame.name;
      bestCount = count;
    }
  }
  if (best === null || bestCount < minSentences) return null;
  return bestCount >= ratio * domainSentences(cues, prominentCount) ? best : null;
}

// The sentences holding a match of `label` (matches are in text order, so sentences never
// decrease). A frame word inside a cue or inside a longer rule phrase names the equipment, not
// the frame: « hélicoptère de combat », « avions de chasse ».
function frameSentences(matches: MatchList, rules: CompiledRules, label: number, ledeEnd: number, prominentCount: number, cues: CueSentence[]): number {
  const { byLabel, labelStart, sentences, firsts, lasts } = matches;
  let count = 0;
  let last = -1;
  for (let k = labelStart[label]; k < labelStart[label + 1]; k++) {
    const m = byLabel[k];
    if (sentences[m] === last) continue;
    if (isInsideLonger(matches, rules.termIsFrame, m) || overlapsCue(cues, firsts[m], lasts[m])) continue;
    last = sentences[m];
    count += last < ledeEnd ? prominentCount : 1;
  }
  return count;
}

function overlapsCue(cues: CueSentence[], first: number, last: number): boolean {
  for (const c of cues) if (c.first < last && first < c.last) return true;
  return false;
}

// True when a longer phrase that is not a frame phrase holds match m. Matches are ordered by
// first token, then by length: such a phrase starts at most MAX_PHRASE tokens before m.
function isInsideLonger(matches: MatchList, termIsFrame: Uint8Array, m: number): boolean {
  const { firsts, lasts, terms } = matches;
  const first = firsts[m];
  const last = lasts[m];
  for (let k = m - 1; k >= 0 && firsts[k] >= first - MAX_PHRASE; k--) {
    if (lasts[k] >= last && lasts[k] - firsts[k] > last - first && termIsFrame[terms[k]] === 0) return true;
  }
  for (let k = m + 1; k < matches.length && firsts[k] === first; k++) if (lasts[k] > last && termIsFrame[terms[k]] === 0) return true;
  return false;
}

// The weight of the topic side against a frame: cueSentences, a sentence holding a strong cue
// (« saisie d'armes », « vente d'armes ») counting one more, since it states the domain outright.
function domainSentences(cues: CueSentence[], prominentCount: number): number {
  let extra = 0;
  for (let i = 0; i < cues.length; i++) {
    if (!cues[i].strong) continue;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = cues[j].strong && cues[j].sentence === cues[i].sentence;
    if (!seen) extra++;
  }
  return cueSentences(cues, prominentCount) + extra;
}

/** Returns the number of distinct sentences among cue positions, a prominent one counting `prominentCount`. */
export function cueSentences(cues: CueSentence[], prominentCount: number): number {
  // Cues are few: a quadratic scan allocates nothing.
  let count = 0;
  for (let i = 0; i < cues.length; i++) {
    const sentence = cues[i].sentence;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = cues[j].sentence === sentence;
    if (!seen) count += cues[i].prominent ? prominentCount : 1;
  }
  return count;
}
