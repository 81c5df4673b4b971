// Entities: countries, regions and organizations. Among overlapping names the leftmost
// longest wins (« Afrique du Sud » is ZA, not the region; « océan Indien » blocks India);
// an ambiguous alias (Thales, Saab, Wagner…) counts only with its context words nearby. Pure.
import type { CompiledRules, EntityKind } from './compile.ts';
import { hasNear, type TermMatch } from './match.ts';
import type { Token } from './normalize.ts';
import type { EntityTag } from './types.ts';

export interface EntityTags {
  countries: EntityTag[];
  regions: EntityTag[];
  organizations: EntityTag[];
}

const MAX_EVIDENCE = 3;

/** Returns the entities named in the document, each sorted by id, with mention counts and evidence. */
export function findEntities(doc: string, tokens: Token[], matches: TermMatch[], byLabel: Map<number, TermMatch[]>, rules: CompiledRules): EntityTags {
  const passing = (m: TermMatch): number[] =>
    rules.terms[m.term].entityLabels.filter((label) => {
      const entity = rules.entities.get(label)!;
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
      if (tag.evidence.length < MAX_EVIDENCE) tag.evidence.push({ text: doc.slice(start, end), start, end, rule: `${entity.kind}:${rules.labels[label]}` });
    }
  }
  const of = (kind: EntityKind) =>
    [...found.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([, v]) => v).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { countries: of('country'), regions: of('region'), organizations: of('organization') };
}
