// The tagger's input and output (the contract of `vigie tag`, see docs/tagging.md).

export interface TagInput {
  id?: string;
  title: string;
  text: string;
  /** Declared language (page or feed), used with the detected one. */
  lang?: string | null;
}

export interface Evidence {
  text: string;
  /** Offsets (UTF-16 code units) into `title + "\n\n" + text`. */
  start: number;
  end: number;
  rule: string;
}

export interface TopicTag {
  id: string;
  score: number;
  evidence: Evidence[];
}

export interface EntityTag {
  id: string;
  mentions: number;
  evidence: Evidence[];
}

export interface TagResult {
  lang: string;
  topics: TopicTag[];
  countries: EntityTag[];
  regions: EntityTag[];
  organizations: EntityTag[];
}
