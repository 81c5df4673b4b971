// The one matching pass: walks the compiled trie from every token. The work per token is
// bounded by the longest phrase, so the pass is linear in the text length whatever the
// number of rules. Matches and their grouping by label are written into a MatchList of typed
// arrays that the caller reuses from one article to the next.
import type { CompiledRules } from './compile.ts';
import type { TokenList } from './tokenize.ts';
import { childOf } from './trie.ts';

/** The phrase occurrences of one text (index i is the i-th match), grouped by label, reused across texts. */
export class MatchList {
  length = 0;
  terms = new Int32Array(256);
  /** Token range [first, last). */
  firsts = new Int32Array(256);
  lasts = new Int32Array(256);
  /** Sentence of the first token. */
  sentences = new Int32Array(256);
  /** The matches carrying label l are byLabel[labelStart[l], labelStart[l + 1]), in match order. */
  labelStart = new Int32Array(1);
  byLabel = new Int32Array(256);

  /** Doubles the capacity, keeping the first `length` matches. */
  grow(): void {
    const size = this.terms.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.terms = copy(this.terms);
    this.firsts = copy(this.firsts);
    this.lasts = copy(this.lasts);
    this.sentences = copy(this.sentences);
  }

  /** Returns the number of matches carrying `label`. */
  count(label: number): number {
    return this.labelStart[label + 1] - this.labelStart[label];
  }
}

/** Fills `out` with every phrase occurrence in the tokens, ordered by first token then length, and groups them by label. */
export function matchTokens(tokens: TokenList, rules: CompiledRules, out: MatchList): void {
  const trie = rules.trie;
  const { rootChild, firstTerm, nextTerm } = trie;
  const { stemIds, sentences } = tokens;
  const caseSensitive = rules.termCaseSensitive;
  const count = tokens.length;
  const roots = rootChild.length;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const first = stemIds[i];
    if (first < 0 || first >= roots) continue;
    let node = rootChild[first];
    let j = i;
    while (node >= 0) {
      for (let term = firstTerm[node]; term >= 0; term = nextTerm[term]) {
        if (caseSensitive[term] === 1 && !isUpperRange(tokens, i, j)) continue;
        if (n === out.terms.length) out.grow();
        out.terms[n] = term;
        out.firsts[n] = i;
        out.lasts[n] = j + 1;
        out.sentences[n] = sentences[i];
        n++;
      }
      j++;
      if (j >= count) break;
      node = childOf(trie, node, stemIds[j]);
    }
  }
  out.length = n;
  groupByLabel(out, rules);
}

function isUpperRange(tokens: TokenList, first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (tokens.upper[k] === 0) return false;
  return true;
}

// A counting sort of (label, match) pairs: match order is kept within each label.
function groupByLabel(out: MatchList, rules: CompiledRules): void {
  const labels = rules.labels.length;
  const { termLabelStart, termLabelIds } = rules;
  if (out.labelStart.length !== labels + 1) out.labelStart = new Int32Array(labels + 1);
  const start = out.labelStart;
  start.fill(0);
  let pairs = 0;
  for (let m = 0; m < out.length; m++) {
    const term = out.terms[m];
    for (let k = termLabelStart[term]; k < termLabelStart[term + 1]; k++) start[termLabelIds[k]]++;
    pairs += termLabelStart[term + 1] - termLabelStart[term];
  }
  // Running totals: start[l] is now the end of label l's slots.
  for (let l = 1; l < labels; l++) start[l] += start[l - 1];
  start[labels] = pairs;
  if (out.byLabel.length < pairs) out.byLabel = new Int32Array(Math.max(pairs, out.byLabel.length * 2));
  // Fill from the last match, each label's end counting down to its beginning: match order is kept.
  const byLabel = out.byLabel;
  for (let m = out.length - 1; m >= 0; m--) {
    const term = out.terms[m];
    for (let k = termLabelStart[term]; k < termLabelStart[term + 1]; k++) byLabel[--start[termLabelIds[k]]] = m;
  }
}

/** Returns true when some match of `label` lies within `window` tokens of token range [first, last), in `sentence` when not -1. */
export function hasNear(matches: MatchList, label: number, first: number, last: number, window: number, sentence = -1): boolean {
  const { byLabel, firsts, lasts } = matches;
  const end = matches.labelStart[label + 1];
  // Phrases are short: a match starting more than MAX_PHRASE tokens before `first - window` cannot reach it.
  let k = firstFrom(matches, label, first - window - MAX_PHRASE);
  for (; k < end && firsts[byLabel[k]] < last + window; k++) {
    const m = byLabel[k];
    if (lasts[m] > first - window && (sentence < 0 || matches.sentences[m] === sentence)) return true;
  }
  return false;
}

/** Returns the first position in byLabel, among the matches of `label`, whose first token is ≥ `from` (bisection). */
export function firstFrom(matches: MatchList, label: number, from: number): number {
  const { byLabel, firsts } = matches;
  let lo = matches.labelStart[label];
  let hi = matches.labelStart[label + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[byLabel[mid]] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** No phrase is longer than this many tokens. */
export const MAX_PHRASE = 12;
