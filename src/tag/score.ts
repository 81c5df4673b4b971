// Topic scoring: each rule match counts its weight, more in the title and the lead; repeated
// matches of one rule saturate (each next one counts half the previous); a topic is assigned
// when its score reaches the topic's threshold and its evidence is strong (one strong cue),
// prominent (a weak cue in the title or the lede) or spread (weak cues in several sentences). When an out-of-domain frame dominates the article
// (frames.ts), only strong cues count, against a higher threshold. Pure.
import type { CompiledRules } from './compile.ts';
import { cueSentences, dominantFrame, prominentEnd } from './frames.ts';
import { firstFrom, hasNear, MAX_PHRASE, type MatchList } from './match.ts';
import type { TokenList } from './tokenize.ts';
import type { Evidence, TopicTag } from './types.ts';

interface Hit {
  rule: string;
  topic: string;
  weight: number;
  first: number;
  last: number;
  unlessTopic: string | null;
  withTopic: string | null;
  /** A cue strong enough on its own (the rule's weight is at least evidence.strongWeight). */
  strong: boolean;
  sentence: number;
  /** In the title or the lede, which state what the article is about. */
  prominent: boolean;
}

const MAX_EVIDENCE = 6;

/** Returns the assigned topics of an article in language `lang`, with scores and evidence, ordered by topic id. */
export function scoreTopics(doc: string, tokens: TokenList, matches: MatchList, rules: CompiledRules, titleEnd: number, lang: string): TopicTag[] {
  // Co-occurrence rules of ordinary words apply in their own language (any language when the
  // article's has no rules of its own); phrase rules (`any`) apply everywhere (loanwords, names).
  const ownLang = rules.ruleLangs.has(lang);
  const { firsts, lasts, byLabel, labelStart } = matches;
  const cancel = rules.cancelLabel;
  const noCancel = matches.count(cancel) === 0;
  const isCancelled = (m: number) => !noCancel && hasNear(matches, cancel, firsts[m], lasts[m], 0);
  const inCancel = (m: number) => !noCancel && insideLonger(matches, cancel, m);
  const leadEnd = titleEnd + 2 + rules.config.leadChars;
  const { evidence } = rules.config;
  const ledeEnd = prominentEnd(tokens, titleEnd, evidence.ledeSentences);
  const hits: Hit[] = [];
  for (const rule of rules.rules) {
    if (rule.scoped && ownLang && rule.lang !== lang) continue;
    const groups = rule.groups;
    const anchorLabel = groups[0];
    if (matches.count(anchorLabel) === 0) continue;
    let allPresent = true;
    for (let g = 1; g < groups.length; g++) if (matches.count(groups[g]) === 0) allPresent = false;
    if (!allPresent) continue;
    for (let a = labelStart[anchorLabel]; a < labelStart[anchorLabel + 1]; a++) {
      const anchor = byLabel[a];
      if (isCancelled(anchor)) continue;
      let first = firsts[anchor];
      let last = lasts[anchor];
      let complete = true;
      parts[0] = anchor;
      for (let g = 1; g < groups.length; g++) {
        const partner = nearest(matches, groups[g], anchor, rule.within, rule.withinBefore, isCancelled);
        if (partner < 0) {
          complete = false;
          break;
        }
        parts[g] = partner;
        first = Math.min(first, firsts[partner]);
        last = Math.max(last, lasts[partner]);
      }
      if (!complete) continue;
      if (rule.unless !== null && vetoed(matches, rule.unless, first, last, rule.unlessWithin, parts, groups.length, inCancel)) continue;
      const start = tokens.starts[first];
      const factor = start < titleEnd ? rules.config.titleFactor : start < leadEnd ? rules.config.leadFactor : 1;
      const sentence = matches.sentences[anchor];
      hits.push({ rule: rule.id, topic: rule.topic, weight: rule.weight * factor, first, last, unlessTopic: rule.unlessTopic, withTopic: rule.withTopic, strong: rule.weight >= evidence.strongWeight, sentence, prominent: sentence < ledeEnd });
    }
  }
  const framed = hits.length > 0 && dominantFrame(matches, rules, lang, ledeEnd, hits) !== null;
  // Topics assigned without the conditional rules decide which conditional matches are dropped
  // (`unlessTopic`) or kept (`withTopic`).
  let result: [string, number, Hit[]][];
  if (hits.every((h) => h.unlessTopic === null && h.withTopic === null)) result = assigned(hits, rules, framed);
  else {
    const firstPass = new Set(assigned(hits.filter((h) => h.unlessTopic === null && h.withTopic === null), rules, framed).map(([topic]) => topic));
    result = assigned(hits.filter((h) => (h.unlessTopic === null || !firstPass.has(h.unlessTopic)) && (h.withTopic === null || firstPass.has(h.withTopic))), rules, framed);
  }
  return result
    .map(([topic, score, topicHits]) => ({ id: topic, score: Math.round(score * 100) / 100, evidence: evidenceOf(doc, tokens, topicHits) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// `framed`: an out-of-domain frame dominates the article, so weak cues do not count.
function assigned(hits: Hit[], rules: CompiledRules, framed: boolean): [string, number, Hit[]][] {
  const out: [string, number, Hit[]][] = [];
  if (hits.length === 0) return out;
  const { evidence, frames } = rules.config;
  const pending: [string, number, Hit[]][] = [];
  for (const [topic, topicThreshold] of rules.topicThresholds) {
    const topicHits: Hit[] = [];
    for (const h of hits) if (h.topic === topic && (h.strong || !framed)) topicHits.push(h);
    if (topicHits.length === 0) continue;
    const kept = withoutOverlaps(topicHits);
    const score = saturatedScore(kept);
    if (score < (framed ? Math.max(topicThreshold, frames.threshold) : topicThreshold)) continue;
    // One weak cue in the body is not enough: it must be in the title or the lede, or a second
    // sentence must hold one too, or it must share words with an assigned topic's evidence (below).
    if (!kept.some((h) => h.strong) && cueSentences(kept, evidence.prominentCount) < evidence.minSentences) {
      pending.push([topic, score, kept]);
      continue;
    }
    out.push([topic, score, kept]);
  }
  // Words that state an assigned topic are not a side remark: a weak cue over the same words as
  // the evidence of a topic assigned on its own (« l'enveloppe financera la fourniture de
  // véhicules tactiques » in an aid story is also the transfer: TAXONOMY.md's donation rule).
  for (const p of pending) if (p[2].some((h) => out.some(([, , kept]) => kept.some((k) => k.first < h.last && h.first < k.last)))) out.push(p);
  return out;
}

// The same words matched by two rules of one topic count once, with the higher weight.
function withoutOverlaps(hits: Hit[]): Hit[] {
  const kept: Hit[] = [];
  const ordered = [...hits].sort((a, b) => b.weight - a.weight || a.first - b.first);
  for (const h of ordered) if (!kept.some((k) => k.first < h.last && h.first < k.last)) kept.push(h);
  return kept;
}

/** Returns the topic score of hits ordered by weight, high to low: per rule (in order of first appearance), weights count 1, 1/2, 1/4… */
export function saturatedScore(hits: { rule: string; weight: number }[]): number {
  let score = 0;
  for (let i = 0; i < hits.length; i++) {
    const rule = hits[i].rule;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = hits[j].rule === rule;
    if (seen) continue;
    let f = 1;
    for (let j = i; j < hits.length; j++) {
      if (hits[j].rule !== rule) continue;
      score += hits[j].weight * f;
      f /= 2;
    }
  }
  return score;
}

// The parts (anchor, then one partner per later list) of the cue being checked; rules have few lists.
const parts: number[] = [];

// True when a match of the rule's `unless` label is near the cue [first, last), not counting one
// that lies inside a part of the cue: « combat » in « hélicoptères de combat » names the weapon,
// while « fusil de chasse » around the part « fusil » still vetoes it. A veto word inside a longer
// `cancel` phrase has that phrase's other sense and does not veto either: « licence » in
// « production sous licence » is not an export licence (a veto phrase that is itself a cancel
// phrase, « navios-tanque », still vetoes).
function vetoed(matches: MatchList, label: number, first: number, last: number, window: number, cueParts: number[], count: number, inCancel: (m: number) => boolean): boolean {
  const { byLabel, firsts, lasts } = matches;
  const end = matches.labelStart[label + 1];
  // The scan of hasNear (match.ts), skipping the matches that do not veto.
  for (let k = firstFrom(matches, label, first - window - MAX_PHRASE); k < end && firsts[byLabel[k]] < last + window; k++) {
    const m = byLabel[k];
    if (lasts[m] <= first - window || inCancel(m)) continue;
    let inside = false;
    for (let p = 0; p < count && !inside; p++) inside = firsts[m] >= firsts[cueParts[p]] && lasts[m] <= lasts[cueParts[p]] && lasts[m] - firsts[m] < lasts[cueParts[p]] - firsts[cueParts[p]];
    if (!inside) return true;
  }
  return false;
}

// True when a match of `label` covers match m and is longer than it.
function insideLonger(matches: MatchList, label: number, m: number): boolean {
  const { byLabel, firsts, lasts } = matches;
  const first = firsts[m];
  const last = lasts[m];
  const end = matches.labelStart[label + 1];
  for (let k = firstFrom(matches, label, first - MAX_PHRASE); k < end && firsts[byLabel[k]] <= first; k++) {
    const c = byLabel[k];
    if (lasts[c] >= last && lasts[c] - firsts[c] > last - first) return true;
  }
  return false;
}

// The match of `label` nearest to the anchor, in its sentence and not overlapping it, at most
// `within` tokens after it or `before` tokens before it, or -1.
function nearest(matches: MatchList, label: number, anchor: number, within: number, before: number, isCancelled: (m: number) => boolean): number {
  const { firsts, lasts, sentences, byLabel } = matches;
  const anchorFirst = firsts[anchor];
  const anchorLast = lasts[anchor];
  let best = -1;
  let bestDistance = Infinity;
  // Matches are ordered by first token: skip, by bisection, what ends too early to be near.
  const end = matches.labelStart[label + 1];
  for (let k = firstFrom(matches, label, anchorFirst - before - MAX_PHRASE); k < end; k++) {
    const m = byLabel[k];
    if (firsts[m] >= anchorLast + within) break;
    if (lasts[m] <= anchorFirst - before) continue;
    if (firsts[m] < anchorLast && lasts[m] > anchorFirst) continue; // the same words cannot play two parts
    if (sentences[m] !== sentences[anchor]) continue; // the parts of a cue are in one sentence (or the title)
    const distance = firsts[m] >= anchorLast ? firsts[m] - anchorLast : anchorFirst - lasts[m];
    if (distance < bestDistance && !isCancelled(m)) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

function evidenceOf(doc: string, tokens: TokenList, hits: Hit[]): Evidence[] {
  const picked: Evidence[] = [];
  const ordered = [...hits].sort((a, b) => b.weight - a.weight || a.first - b.first || (a.rule < b.rule ? -1 : 1));
  for (const h of ordered) {
    const start = tokens.starts[h.first];
    const end = tokens.ends[h.last - 1];
    if (picked.some((e) => e.start === start && e.end === end)) continue;
    picked.push({ text: doc.slice(start, end), start, end, rule: h.rule });
    if (picked.length === MAX_EVIDENCE) break;
  }
  return picked.sort((a, b) => a.start - b.start || a.end - b.end);
}
