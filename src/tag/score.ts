// Topic scoring: each rule match counts its weight, more in the title and the lead; repeated
// matches of one rule saturate (each next one counts half the previous); a topic is assigned
// when its score reaches the topic's threshold. Pure.
import type { CompiledRules } from './compile.ts';
import { hasNear, type TermMatch } from './match.ts';
import type { Token } from './normalize.ts';
import type { Evidence, TopicTag } from './types.ts';

interface Hit {
  rule: string;
  topic: string;
  weight: number;
  first: number;
  last: number;
  unlessTopic: string | null;
}

const MAX_EVIDENCE = 6;
// No phrase is longer than this many tokens (see match.ts).
const MAX_PHRASE = 12;

/** Returns the assigned topics of an article in language `lang`, with scores and evidence, ordered by topic id. */
export function scoreTopics(doc: string, tokens: Token[], byLabel: Map<number, TermMatch[]>, rules: CompiledRules, titleEnd: number, lang: string): TopicTag[] {
  // Co-occurrence rules of ordinary words apply in their own language (any language when the
  // article's has no rules of its own); phrase rules (`any`) apply everywhere (loanwords, names).
  const ownLang = rules.ruleLangs.has(lang);
  const cancel = byLabel.get(rules.cancelLabel);
  const isCancelled = (m: TermMatch) => hasNear(cancel, m.first, m.last, 0);
  const leadEnd = titleEnd + 2 + rules.config.leadChars;
  const hits: Hit[] = [];
  for (const rule of rules.rules) {
    if (rule.scoped && ownLang && rule.lang !== lang) continue;
    const anchors = byLabel.get(rule.groups[0]);
    if (!anchors) continue;
    const partnerLists = rule.groups.slice(1).map((g) => byLabel.get(g));
    if (partnerLists.some((l) => !l)) continue;
    for (const anchor of anchors) {
      if (isCancelled(anchor)) continue;
      let first = anchor.first;
      let last = anchor.last;
      let complete = true;
      for (const list of partnerLists) {
        const partner = nearest(list!, anchor, rule.within, isCancelled);
        if (!partner) {
          complete = false;
          break;
        }
        first = Math.min(first, partner.first);
        last = Math.max(last, partner.last);
      }
      if (!complete) continue;
      if (rule.unless !== null && hasNear(byLabel.get(rule.unless), first, last, rule.unlessWithin)) continue;
      const start = tokens[first].start;
      const factor = start < titleEnd ? rules.config.titleFactor : start < leadEnd ? rules.config.leadFactor : 1;
      hits.push({ rule: rule.id, topic: rule.topic, weight: rule.weight * factor, first, last, unlessTopic: rule.unlessTopic });
    }
  }
  // Topics assigned without the conditional rules decide which conditional matches are dropped.
  const firstPass = new Set(assigned(hits.filter((h) => h.unlessTopic === null), rules).map(([topic]) => topic));
  const kept = hits.filter((h) => h.unlessTopic === null || !firstPass.has(h.unlessTopic));
  return assigned(kept, rules)
    .map(([topic, score, topicHits]) => ({ id: topic, score: Math.round(score * 100) / 100, evidence: evidenceOf(doc, tokens, topicHits) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function assigned(hits: Hit[], rules: CompiledRules): [string, number, Hit[]][] {
  const out: [string, number, Hit[]][] = [];
  for (const [topic, spec] of Object.entries(rules.config.topics)) {
    const topicHits = withoutOverlaps(hits.filter((h) => h.topic === topic));
    if (topicHits.length === 0) continue;
    const score = saturatedScore(topicHits);
    if (score >= spec.threshold) out.push([topic, score, topicHits]);
  }
  return out;
}

// The same words matched by two rules of one topic count once, with the higher weight.
function withoutOverlaps(hits: Hit[]): Hit[] {
  const kept: Hit[] = [];
  const ordered = [...hits].sort((a, b) => b.weight - a.weight || a.first - b.first);
  for (const h of ordered) if (!kept.some((k) => k.first < h.last && h.first < k.last)) kept.push(h);
  return kept;
}

/** Returns the topic score: per rule, weights sorted high to low count 1, 1/2, 1/4… */
export function saturatedScore(hits: { rule: string; weight: number }[]): number {
  const byRule = new Map<string, number[]>();
  for (const h of hits) {
    const list = byRule.get(h.rule);
    if (list) list.push(h.weight);
    else byRule.set(h.rule, [h.weight]);
  }
  let score = 0;
  for (const weights of byRule.values()) {
    weights.sort((a, b) => b - a);
    let f = 1;
    for (const w of weights) {
      score += w * f;
      f /= 2;
    }
  }
  return score;
}

function nearest(list: TermMatch[], anchor: TermMatch, within: number, isCancelled: (m: TermMatch) => boolean): TermMatch | null {
  let best: TermMatch | null = null;
  let bestDistance = Infinity;
  // The list is ordered by first token: skip, by bisection, what ends too early to be near.
  const from = anchor.first - within - MAX_PHRASE;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].first < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < list.length; k++) {
    const m = list[k];
    if (m.first >= anchor.last + within) break;
    if (m.last <= anchor.first - within) continue;
    if (m.first < anchor.last && m.last > anchor.first) continue; // the same words cannot play two parts
    if (m.sentence !== anchor.sentence) continue; // the parts of a cue are in one sentence (or the title)
    const distance = m.first >= anchor.last ? m.first - anchor.last : anchor.first - m.last;
    if (distance < bestDistance && !isCancelled(m)) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

function evidenceOf(doc: string, tokens: Token[], hits: Hit[]): Evidence[] {
  const seen = new Set<string>();
  const picked: Evidence[] = [];
  const ordered = [...hits].sort((a, b) => b.weight - a.weight || a.first - b.first || (a.rule < b.rule ? -1 : 1));
  for (const h of ordered) {
    const start = tokens[h.first].start;
    const end = tokens[h.last - 1].end;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push({ text: doc.slice(start, end), start, end, rule: h.rule });
    if (picked.length === MAX_EVIDENCE) break;
  }
  return picked.sort((a, b) => a.start - b.start || a.end - b.end);
}
