// Compiles validated rule files into one token trie: every phrase of every topic rule, cancel
// list, country, region and organization becomes a path of stems whose end lists the labels
// it carries. Matching is then a single pass over the article's tokens (see match.ts).
import { phraseStems } from './normalize.ts';
import type { RuleSpec, TopicsConfig } from './rule-schema.ts';

export interface TrieNode {
  next: Map<string, TrieNode>;
  terms: number[];
}

export interface CompiledTerm {
  /** Every token must be written in capitals (short acronyms such as « UA », « UN »). */
  caseSensitive: boolean;
  labels: number[];
  /** The labels that name an entity or a blocker (filled by finish()). */
  entityLabels: number[];
}

export interface CompiledRule {
  id: string;
  topic: string;
  weight: number;
  /** Label of each term list; the first is the anchor. */
  groups: number[];
  within: number;
  unless: number | null;
  unlessWithin: number;
  unlessTopic: string | null;
}

export type EntityKind = 'country' | 'region' | 'organization';

export interface EntityLabel {
  kind: EntityKind | 'blocker';
  id: string;
  /** Label of the context words required near an ambiguous alias. */
  context: number | null;
  contextWithin: number;
  /** Label of words that reject an ambiguous alias when near. */
  exclude: number | null;
}

export interface CompiledRules {
  version: string;
  root: TrieNode;
  terms: CompiledTerm[];
  labels: string[];
  rules: CompiledRule[];
  cancelLabel: number;
  entities: Map<number, EntityLabel>;
  config: TopicsConfig;
}

/** Builds compiled rules step by step; used by load-rules.ts after validation. */
export class RuleCompiler {
  private readonly root: TrieNode = { next: new Map(), terms: [] };
  private readonly terms: CompiledTerm[] = [];
  private readonly termIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private readonly rules: CompiledRule[] = [];
  private readonly entities = new Map<number, EntityLabel>();

  /** Returns the id of a label, creating it on first use. */
  label(name: string): number {
    let id = this.labelIndex.get(name);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(name);
      this.labelIndex.set(name, id);
    }
    return id;
  }

  /** Adds one phrase (with `base|suffix|suffix` variants) under a label; returns false when it has no word. */
  addPhrase(phrase: string, label: number): boolean {
    let added = false;
    for (const variant of expandVariants(phrase)) {
      const stems = phraseStems(variant);
      if (stems.length === 0) continue;
      const caseSensitive = /^[\p{Lu}\d]{2,4}$/u.test(variant.trim());
      const key = (caseSensitive ? 'C ' : 'i ') + stems.join(' ');
      let termId = this.termIndex.get(key);
      if (termId === undefined) {
        termId = this.terms.length;
        this.terms.push({ caseSensitive, labels: [], entityLabels: [] });
        this.termIndex.set(key, termId);
        let node = this.root;
        for (const stem of stems) {
          let child = node.next.get(stem);
          if (!child) {
            child = { next: new Map(), terms: [] };
            node.next.set(stem, child);
          }
          node = child;
        }
        node.terms.push(termId);
      }
      const term = this.terms[termId];
      if (!term.labels.includes(label)) term.labels.push(label);
      added = true;
    }
    return added;
  }

  /** Registers a topic rule whose term lists are already expanded into phrases. */
  addRule(spec: RuleSpec, groups: string[][], unless: string[] | null): void {
    const groupLabels = groups.map((phrases, k) => {
      const label = this.label(`rule:${spec.id}#${k}`);
      for (const p of phrases) this.addPhrase(p, label);
      return label;
    });
    let unlessLabel: number | null = null;
    if (unless) {
      unlessLabel = this.label(`unless:${spec.id}`);
      for (const p of unless) this.addPhrase(p, unlessLabel);
    }
    this.rules.push({ id: spec.id, topic: spec.topic, weight: spec.weight, groups: groupLabels, within: spec.within, unless: unlessLabel, unlessWithin: spec.unlessWithin, unlessTopic: spec.unlessTopic ?? null });
  }

  /** Registers an entity alias (or a blocker when kind is 'blocker'). */
  addEntity(kind: EntityLabel['kind'], id: string, phrase: string, context: number | null = null, contextWithin = 40, exclude: number | null = null): void {
    const name = `${kind}:${id}${context === null ? '' : `?${this.labels[context]}`}`;
    const label = this.label(name);
    if (!this.entities.has(label)) this.entities.set(label, { kind, id, context, contextWithin, exclude });
    this.addPhrase(phrase, label);
  }

  /** Returns the finished, read-only structure. */
  finish(version: string, config: TopicsConfig): CompiledRules {
    for (const term of this.terms) term.entityLabels = term.labels.filter((label) => this.entities.has(label));
    return { version, root: this.root, terms: this.terms, labels: this.labels, rules: this.rules, cancelLabel: this.label('cancel'), entities: this.entities, config };
  }
}

/** Returns the spellings of a phrase written `base|suffix|suffix` (« malien|ne » → malien, malienne). */
export function expandVariants(phrase: string): string[] {
  if (!phrase.includes('|')) return [phrase];
  const [base, ...suffixes] = phrase.split('|');
  return [base, ...suffixes.map((s) => base + s)];
}
