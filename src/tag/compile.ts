// Compiles validated rule files into one token trie: every phrase of every topic rule, cancel
// list, country, region and organization becomes a path of stems whose end lists the labels
// it carries. Matching is then a single pass over the article's tokens (see match.ts).
import { phraseStems } from './tokenize.ts';
import { TrieBuilder, type FlatTrie } from './trie.ts';
import type { RuleSpec, TopicsConfig } from './rule-schema.ts';

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
  /** Largest distance when a partner precedes the anchor (word order). */
  withinBefore: number;
  unless: number | null;
  unlessWithin: number;
  unlessTopic: string | null;
  withTopic: string | null;
  /** Language of the rule's file (the prefix of its id). */
  lang: string;
  /** A co-occurrence rule (`all`) of ordinary words, or a rule that depends on another topic
   * (`withTopic`): it applies only to articles in its own language (French « crédit » + « missiles »
   * is not aid in an English video-game review, nor Spanish « don » a gift). */
  scoped: boolean;
}

/** An out-of-domain frame of one language (sport, history…): a label over its phrases. */
export interface CompiledFrame {
  lang: string;
  name: string;
  label: number;
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
  /** Written as a name (« Turkey », « Seul »): counts only when its first letter is a capital in the text. */
  capital: boolean;
  /** A compound prefix (« franco- »): counts only when a hyphen follows it in the text. */
  prefix: boolean;
  /** Article languages in which the alias is an ordinary word and never counts. */
  notInLangs: string[];
  /** Also a first name or surname: does not count next to another capitalized name. */
  person: boolean;
  /** « kind:id », the entity the label names. */
  key: string;
  /** The rule id of its evidence: the kind and the label name without its flags. */
  evidenceRule: string;
}

/** Per-alias conditions of an entity label (see EntityLabel). */
export type AliasConditions = Pick<EntityLabel, 'capital' | 'prefix' | 'notInLangs' | 'person'>;
const NO_CONDITIONS: AliasConditions = { capital: false, prefix: false, notInLangs: [], person: false };

export interface CompiledRules {
  version: string;
  trie: FlatTrie;
  terms: CompiledTerm[];
  /** 1 when every token of term t must be written in capitals. */
  termCaseSensitive: Uint8Array;
  /** The labels of term t are termLabelIds[termLabelStart[t], termLabelStart[t + 1]). */
  termLabelStart: Int32Array;
  termLabelIds: Int32Array;
  /** 1 when term t is a phrase of an out-of-domain frame. */
  termIsFrame: Uint8Array;
  labels: string[];
  rules: CompiledRule[];
  frames: CompiledFrame[];
  cancelLabel: number;
  entities: Map<number, EntityLabel>;
  config: TopicsConfig;
  /** Each topic of the config with its threshold, in the config's order. */
  topicThresholds: [string, number][];
  /** Languages that have topic rules of their own. */
  ruleLangs: Set<string>;
}

/** Builds compiled rules step by step; used by load-rules.ts after validation. */
export class RuleCompiler {
  private readonly trie = new TrieBuilder();
  private readonly terms: CompiledTerm[] = [];
  private readonly termIndex = new Map<string, number>();
  private readonly labels: string[] = [];
  private readonly labelIndex = new Map<string, number>();
  private readonly rules: CompiledRule[] = [];
  private readonly frames: CompiledFrame[] = [];
  private readonly entities = new Map<number, EntityLabel>();
  // Each distinct phrase is tokenized once, each list of phrases (a set) looked up once.
  private readonly keyOf = new Map<string, string>();
  private readonly listLabels = new Map<string, number>();
  // A segment's id by array (a cache) and by content: two rules' equal inline lists share a label.
  private readonly segmentIds = new Map<string[], number>();
  private readonly segmentIdsByContent = new Map<string, number>();
  private readonly segmentTerms = new Map<string[], number[]>();
  private readonly ruleLangs = new Set<string>();

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

  /** Returns the stems of a phrase joined by spaces (each distinct phrase is tokenized once per compiler). */
  stemKey(phrase: string): string {
    return this.termKey(phrase).slice(2);
  }

  // « C stems » for a phrase in short capitals (an acronym matched case-sensitively), « i stems »
  // otherwise, '' for a phrase without a word.
  private termKey(phrase: string): string {
    let key = this.keyOf.get(phrase);
    if (key === undefined) {
      const stems = phraseStems(phrase);
      // An acronym has a capital letter: a year (« 1945 ») or a number is no acronym and matches as written.
      const trimmed = phrase.trim();
      const caseSensitive = trimmed.length >= 2 && trimmed.length <= 4 && /^(?=.*\p{Lu})[\p{Lu}\d]+$/u.test(trimmed);
      key = stems.length === 0 ? '' : (caseSensitive ? 'C ' : 'i ') + stems.join(' ');
      this.keyOf.set(phrase, key);
    }
    return key;
  }

  /** Adds one phrase (with `base|suffix|suffix` variants) under a label; returns false when it has no word. */
  addPhrase(phrase: string, label: number): boolean {
    let added = false;
    for (const variant of expandVariants(phrase)) {
      const termId = this.termId(variant);
      if (termId < 0) continue;
      const term = this.terms[termId];
      if (!term.labels.includes(label)) term.labels.push(label);
      added = true;
    }
    return added;
  }

  // The term of one spelling, created (and added to the trie) on first use; -1 when it has no word.
  private termId(variant: string): number {
    const key = this.termKey(variant);
    if (key === '') return -1;
    let termId = this.termIndex.get(key);
    if (termId === undefined) {
      termId = this.terms.length;
      this.terms.push({ caseSensitive: key[0] === 'C', labels: [], entityLabels: [] });
      this.termIndex.set(key, termId);
      this.trie.add(key.slice(2).split(' '), termId);
    }
    return termId;
  }

  // The terms of a phrase list, computed once per list object: a set used by many rules is
  // tokenized and looked up once, then each rule's list only adds its label to those terms.
  private termsOf(phrases: string[]): number[] {
    let ids = this.segmentTerms.get(phrases);
    if (ids === undefined) {
      ids = [];
      for (const phrase of phrases) for (const variant of expandVariants(phrase)) {
        const id = this.termId(variant);
        if (id >= 0) ids.push(id);
      }
      this.segmentTerms.set(phrases, ids);
    }
    return ids;
  }

  // Rules share their lists (the same sets combined): one label per distinct list. A list is given
  // as segments, each a set's phrases (the same array object wherever the set is used) or a rule's
  // own phrases.
  private listLabel(segments: string[][]): number {
    let key = '';
    for (const seg of segments) {
      let id = this.segmentIds.get(seg);
      if (id === undefined) {
        const content = seg.join('\u0001');
        id = this.segmentIdsByContent.get(content) ?? this.segmentIdsByContent.size;
        this.segmentIdsByContent.set(content, id);
        this.segmentIds.set(seg, id);
      }
      key += `${id},`;
    }
    let label = this.listLabels.get(key);
    if (label === undefined) {
      label = this.label(`list:${this.listLabels.size}`);
      this.listLabels.set(key, label);
      // The label is new and labels are added list by list: a term already carries this one
      // when it is its last.
      for (const seg of segments) {
        for (const id of this.termsOf(seg)) {
          const labels = this.terms[id].labels;
          if (labels[labels.length - 1] !== label) labels.push(label);
        }
      }
    }
    return label;
  }

  /** Registers a topic rule whose term lists are given as segments of phrases (see listLabel). */
  addRule(spec: RuleSpec, groups: string[][][], unless: string[][] | null): void {
    const groupLabels = groups.map((segments) => this.listLabel(segments));
    const unlessLabel = unless ? this.listLabel(unless) : null;
    const lang = spec.id.slice(0, spec.id.indexOf('.'));
    this.rules.push({ id: spec.id, topic: spec.topic, weight: spec.weight, groups: groupLabels, within: spec.within, withinBefore: spec.withinBefore ?? spec.within, unless: unlessLabel, unlessWithin: spec.unlessWithin, unlessTopic: spec.unlessTopic ?? null, withTopic: spec.withTopic ?? null, lang, scoped: spec.all !== undefined || spec.withTopic !== undefined });
    this.ruleLangs.add(lang);
  }

  /** Registers an out-of-domain frame of a language, its term list given as segments of phrases. */
  addFrame(lang: string, name: string, segments: string[][]): void {
    this.frames.push({ lang, name, label: this.listLabel(segments) });
  }

  /** Registers an entity alias (or a blocker when kind is 'blocker') with the conditions under which it counts. */
  addEntity(kind: EntityLabel['kind'], id: string, phrase: string, context: number | null = null, contextWithin = 40, exclude: number | null = null, conditions: AliasConditions = NO_CONDITIONS): void {
    const { capital, prefix, notInLangs, person } = conditions;
    const flags = `${capital ? 'C' : ''}${prefix ? 'P' : ''}${person ? 'N' : ''}${notInLangs.length > 0 ? `-${notInLangs.join(',')}` : ''}`;
    const name = `${kind}:${id}${context === null ? '' : `?${this.labels[context]}`}${flags === '' ? '' : `!${flags}`}`;
    const label = this.label(name);
    if (!this.entities.has(label)) {
      const key = `${kind}:${id}`;
      this.entities.set(label, { kind, id, context, contextWithin, exclude, capital, prefix, notInLangs, person, key, evidenceRule: `${kind}:${name.split('!')[0]}` });
    }
    this.addPhrase(prefix ? phrase.replace(/-$/, '') : phrase, label);
  }

  /** Returns the finished, read-only structure. */
  finish(version: string, config: TopicsConfig): CompiledRules {
    const terms = this.terms;
    const termCaseSensitive = new Uint8Array(terms.length);
    const termLabelStart = new Int32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t];
      term.entityLabels = term.labels.filter((label) => this.entities.has(label));
      termCaseSensitive[t] = term.caseSensitive ? 1 : 0;
      termLabelStart[t + 1] = termLabelStart[t] + term.labels.length;
    }
    const termLabelIds = new Int32Array(termLabelStart[terms.length]);
    for (let t = 0; t < terms.length; t++) termLabelIds.set(terms[t].labels, termLabelStart[t]);
    const cancelLabel = this.label('cancel');
    const frameLabels = new Set(this.frames.map((f) => f.label));
    const termIsFrame = new Uint8Array(terms.length);
    for (let t = 0; t < terms.length; t++) if (terms[t].labels.some((label) => frameLabels.has(label))) termIsFrame[t] = 1;
    return {
      version, trie: this.trie.finish(), terms, termCaseSensitive, termLabelStart, termLabelIds, termIsFrame,
      labels: this.labels, rules: this.rules, frames: this.frames, cancelLabel, entities: this.entities, config,
      topicThresholds: Object.entries(config.topics).map(([topic, spec]) => [topic, spec.threshold]), ruleLangs: this.ruleLangs,
    };
  }
}

/** Returns the spellings of a phrase written `base|suffix|suffix` (« malien|ne » → malien, malienne). */
export function expandVariants(phrase: string): string[] {
  if (!phrase.includes('|')) return [phrase];
  const [base, ...suffixes] = phrase.split('|');
  return [base, ...suffixes.map((s) => base + s)];
}
