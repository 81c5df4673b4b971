// Entities: countries, regions and organizations. Among overlapping names the leftmost
// longest wins (« Afrique du Sud » is ZA, not the region; « océan Indien » blocks India);
// an ambiguous alias (Thales, Saab, Wagner…) counts only with its context words nearby. Pure.
import type { CompiledRules, EntityKind, EntityLabel } from './compile.ts';
import { hasNear, type TermMatch } from './match.ts';
import { isFunctionWord, type Token } from './normalize.ts';
import type { EntityTag } from './types.ts';

export interface EntityTags {
  countries: EntityTag[];
  regions: EntityTag[];
  organizations: EntityTag[];
}

const MAX_EVIDENCE = 3;

/** Returns the entities named in the document (an article in language `lang`), each sorted by id, with mention counts and evidence. */
export function findEntities(doc: string, tokens: Token[], matches: TermMatch[], byLabel: Map<number, TermMatch[]>, rules: CompiledRules, lang: string): EntityTags {
  const passing = (m: TermMatch): number[] =>
    rules.terms[m.term].entityLabels.filter((label) => {
      const entity = rules.entities.get(label)!;
      if (!isWrittenAsAlias(doc, tokens, m, entity, lang)) return false;
      if (entity.exclude !== null && hasNear(byLabel.get(entity.exclude), m.first, m.last, entity.contextWithin)) return false;
      return entity.context === null || hasNear(byLabel.get(entity.context), m.first, m.last, entity.contextWithin);
    });
  const candidates: { m: TermMatch; labels: number[] }[] = [];
  for (const m of matches) {
    if (rules.terms[m.term].entityLabels.length === 0) continue;
    const labels = passing(m);
    if (labels.length > 0) candidates.push({ m, labels });
  }
  candidates.sort((a, b) => a.m.first - b.m.first || b.m.last - a.m.last);
  const found = new Map<string, EntityTag>();
  let taken = 0;
  for (const { m, labels } of candidates) {
    if (m.first < taken) continue;
    taken = m.last;
    const start = tokens[m.first].start;
    const end = tokens[m.last - 1].end;
    for (const label of labels) {
      const entity = rules.entities.get(label)!;
      if (entity.kind === 'blocker') continue;
      const key = `${entity.kind}:${entity.id}`;
      let tag = found.get(key);
      if (!tag) {
        tag = { id: entity.id, mentions: 0, evidence: [] };
        found.set(key, tag);
      }
      tag.mentions++;
      if (tag.evidence.length < MAX_EVIDENCE) tag.evidence.push({ text: doc.slice(start, end), start, end, rule: `${entity.kind}:${rules.labels[label].split('!')[0]}` });
    }
  }
  const of = (kind: EntityKind) =>
    [...found.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([, v]) => v).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { countries: of('country'), regions: of('region'), organizations: of('organization') };
}

const WORD = /[\p{L}\p{M}\p{N}]/u;

function isCapital(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

// The alias conditions of docs/tagging.md: « Seul » is a word in French, « turkey » a bird,
// « Franco » a dictator unless « franco-allemand », « Michael Jordan » a player.
function isWrittenAsAlias(doc: string, tokens: Token[], m: TermMatch, entity: EntityLabel, lang: string): boolean {
  if (entity.notInLangs.length > 0 && entity.notInLangs.includes(lang)) return false;
  const start = tokens[m.first].start;
  const end = tokens[m.last - 1].end;
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
