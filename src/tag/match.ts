// The one matching pass: walks the compiled trie from every token. The work per token is
// bounded by the longest phrase, so the pass is linear in the text length whatever the
// number of rules.
import type { CompiledRules } from './compile.ts';
import type { Token } from './normalize.ts';

export interface TermMatch {
  term: number;
  /** Token range [first, last). */
  first: number;
  last: number;
  /** Sentence of the first token. */
  sentence: number;
}

/** Returns every phrase occurrence in the tokens, ordered by first token then length. */
export function matchTokens(tokens: Token[], rules: CompiledRules): TermMatch[] {
  const out: TermMatch[] = [];
  const { root, terms } = rules;
  for (let i = 0; i < tokens.length; i++) {
    let node = root.next?.get(tokens[i].stem);
    let j = i;
    while (node) {
      for (const term of node.terms) {
        if (terms[term].caseSensitive && !isUpperRange(tokens, i, j)) continue;
        out.push({ term, first: i, last: j + 1, sentence: tokens[i].sentence });
      }
      j++;
      if (j >= tokens.length) break;
      if (node.next === null) break;
      node = node.next.get(tokens[j].stem);
    }
  }
  return out;
}

function isUpperRange(tokens: Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (!tokens[k].upper) return false;
  return true;
}

/** Returns the matches grouped by label id. */
export function groupByLabel(matches: TermMatch[], rules: CompiledRules): Map<number, TermMatch[]> {
  const byLabel = new Map<number, TermMatch[]>();
  for (const m of matches) {
    for (const label of rules.terms[m.term].labels) {
      const list = byLabel.get(label);
      if (list) list.push(m);
      else byLabel.set(label, [m]);
    }
  }
  return byLabel;
}

/** Returns true when some match of `list` (sorted by first token) lies within `window` tokens of token range [first, last), in `sentence` when given. */
export function hasNear(list: TermMatch[] | undefined, first: number, last: number, window: number, sentence = -1): boolean {
  if (!list) return false;
  // Phrases are short: a match starting more than MAX_PHRASE tokens before `first - window` cannot reach it.
  const from = first - window - MAX_PHRASE;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].first < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < list.length && list[k].first < last + window; k++) {
    if (list[k].last > first - window && (sentence < 0 || list[k].sentence === sentence)) return true;
  }
  return false;
}

const MAX_PHRASE = 12;
