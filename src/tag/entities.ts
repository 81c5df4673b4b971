// Entities: countries, regions and organizations. Among overlapping names the leftmost
// longest wins (« Afrique du Sud » is ZA, not the region; « océan Indien » blocks India);
// an ambiguous alias (Thales, Saab, Wagner…) counts only with its context words nearby. Pure.
import type { CompiledRules, EntityKind, EntityLabel } from './compile.ts';
import { hasNear, type MatchList } from './match.ts';
import { isFunctionWord } from './normalize.ts';
import type { TokenList } from './tokenize.ts';
import type { EntityTag } from './types.ts';

export interface EntityTags {
  countries: EntityTag[];
  regions: EntityTag[];
  organizations: EntityTag[];
}

const MAX_EVIDENCE = 3;

/** Returns the entities named in the document (an article in language `lang`), each sorted by id, with mention counts and evidence. */
export function findEntities(doc: string, tokens: TokenList, matches: MatchList, rules: CompiledRules, lang: string): EntityTags {
  const { firsts, lasts, terms } = matches;
  const passing = (m: number): number[] =>
    rules.terms[terms[m]].entityLabels.filter((label) => {
      const entity = rules.entities.get(label)!;
      if (!isWrittenAsAlias(doc, tokens.starts[firsts[m]], tokens.ends[lasts[m] - 1], entity, lang)) return false;
      if (entity.exclude !== null && hasNear(matches, entity.exclude, firsts[m], lasts[m], entity.contextWithin)) return false;
      return entity.context === null || hasNear(matches, entity.context, firsts[m], lasts[m], entity.contextWithin);
    });
  const found = new Map<string, EntityTag>();
  const byKind: Record<EntityKind, EntityTag[]> = { country: [], region: [], organization: [] };
  let taken = 0;
  // Matches come ordered by first token, then length: at each first token not inside a name
  // already taken, the longest passing name wins (the earliest match among equals).
  for (let group = 0; group < matches.length; ) {
    const first = firsts[group];
    let end = group + 1;
    while (end < matches.length && firsts[end] === first) end++;
    let best = -1;
    let bestLabels: number[] = [];
    if (first >= taken) {
      for (let m = group; m < end; m++) {
        if (rules.terms[terms[m]].entityLabels.length === 0 || (best >= 0 && lasts[m] <= lasts[best])) continue;
        const labels = passing(m);
        if (labels.length > 0) {
          best = m;
          bestLabels = labels;
        }
      }
    }
    group = end;
    if (best < 0) continue;
    taken = lasts[best];
    const start = tokens.starts[first];
    const stop = tokens.ends[lasts[best] - 1];
    for (const label of bestLabels) {
      const entity = rules.entities.get(label)!;
      if (entity.kind === 'blocker') continue;
      let tag = found.get(entity.key);
      if (!tag) {
        tag = { id: entity.id, mentions: 0, evidence: [] };
        found.set(entity.key, tag);
        byKind[entity.kind].push(tag);
      }
      tag.mentions++;
      if (tag.evidence.length < MAX_EVIDENCE) tag.evidence.push({ text: doc.slice(start, stop), start, end: stop, rule: entity.evidenceRule });
    }
  }
  const sorted = (tags: EntityTag[]) => tags.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { countries: sorted(byKind.country), regions: sorted(byKind.region), organizations: sorted(byKind.organization) };
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

function isCapital(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

// The alias conditions of docs/tagging.md: « Seul » is a word in French, « turkey » a bird,
// « Franco » a dictator unless « franco-allemand », « Michael Jordan » a player.
function isWrittenAsAlias(doc: string, start: number, end: number, entity: EntityLabel, lang: string): boolean {
  if (entity.notInLangs.length > 0 && entity.notInLangs.includes(lang)) return false;
  if (entity.capital && !isCapital(doc[start])) return false;
  if (entity.prefix && !(doc[end] === '-' || doc[end] === '\u2011') ) return false;
  if (entity.person && (isNameWord(doc, wordAfter(doc, end)) || isNameWord(doc, wordBefore(doc, start)))) return false;
  return true;
}

/** The [start, end) of the word right after `end` across one space, or null. */
function wordAfter(doc: string, end: number): [number, number] | null {
  if (doc[end] !== ' ' || !WORD.test(doc[end + 1] ?? '')) return null;
  let k = end + 1;
  while (k < doc.length && WORD.test(doc[k])) k++;
  return [end + 1, k];
}

/** The [start, end) of the word right before `start` across one space, or null. */
function wordBefore(doc: string, start: number): [number, number] | null {
  if (doc[start - 1] !== ' ' || !WORD.test(doc[start - 2] ?? '')) return null;
  let k = start - 1;
  while (k > 0 && WORD.test(doc[k - 1])) k--;
  return [k, start - 1];
}

// A capitalized word that is not a function word and not part of a title-case run (a headline
// « Chad Buys Drones » is not a person): then the alias beside it is a first name or surname.
function isNameWord(doc: string, span: [number, number] | null): boolean {
  if (!span || !isCapital(doc[span[0]])) return false;
  const word = doc.slice(span[0], span[1]);
  if (word.length < 2 || word === word.toUpperCase() || isFunctionWord(word.toLowerCase())) return false;
  const after = wordAfter(doc, span[1]);
  const before = wordBefore(doc, span[0]);
  const titleCase = (s: [number, number] | null) => s !== null && isCapital(doc[s[0]]) && !isFunctionWord(doc.slice(s[0], s[1]).toLowerCase());
  return !(titleCase(after) && titleCase(before));
}
