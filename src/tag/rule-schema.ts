// The shape of the rule files (src/tag/rules/**.yaml), validated with zod. docs/tagging.md
// explains each field to analysts.
import { z } from 'zod';

export const TOPIC_IDS = ['arms_trade', 'defense_cooperation', 'defense_industry', 'arms_control', 'illicit_arms', 'private_military', 'military_aid'] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

// Years and other numbers written bare in YAML are phrases too.
function toPhrase(value: unknown): string | { error: string } {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return { error: 'a phrase (text) is expected' };
  return text === '' ? { error: 'an empty phrase' } : text;
}
const phrase = z.unknown().transform((value, ctx): string => {
  const p = toPhrase(value);
  if (typeof p === 'string') return p;
  ctx.addIssue({ code: 'custom', message: p.error });
  return '';
});
// A list of phrases is checked by one transform, not one schema per phrase: the rule files hold
// thousands of phrases and this check runs at every start (issue 3: cold load under 200 ms).
const phraseList = (nonEmpty: boolean) => z.unknown().transform((value, ctx): string[] => {
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'a list of phrases is expected' });
    return [];
  }
  if (nonEmpty && value.length === 0) ctx.addIssue({ code: 'custom', message: 'an empty list' });
  const out: string[] = new Array<string>(value.length);
  for (let k = 0; k < value.length; k++) {
    const p = toPhrase(value[k]);
    if (typeof p === 'string') out[k] = p;
    else {
      ctx.addIssue({ code: 'custom', message: p.error, path: [k] });
      out[k] = '';
    }
  }
  return out;
});
/** A list of phrases and `@set` references. */
const termList = phraseList(true);
// Lists that may be empty (one schema, reused).
const phrases = phraseList(false);

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_]+$/, 'a rule id such as fr.arms_trade.sale (lang.topic.name)'),
  topic: z.enum(TOPIC_IDS),
  weight: z.number().positive().max(10),
  /** One of these phrases is enough. */
  any: termList.optional(),
  /** One phrase of each list, all within `within` tokens of the first list's match. */
  all: z.array(z.union([phrase, termList])).min(2).optional(),
  within: z.number().int().positive().max(60).default(8),
  /** Word order: a later list's phrase may precede the first list's match by at most this many
   * tokens (default: `within`, either order). « embargo … sur les armes » reads forward; an arms
   * word eight tokens before « control » belongs to another clause. */
  withinBefore: z.number().int().nonnegative().max(60).optional(),
  /** The cue is cancelled when one of these is within `unlessWithin` tokens. */
  unless: termList.optional(),
  unlessWithin: z.number().int().positive().max(200).default(12),
  /** The rule's matches are ignored when this other topic is assigned by its own rules (generic
   * « exportations d'armes » in an export-licence story is the subject of the rule, not a sale). */
  unlessTopic: z.enum(TOPIC_IDS).optional(),
  /** The rule's matches count only when this other topic is assigned by its own rules: a word that
   * refers back to what the article states (« ce don » after « la France a remis 22 blindés » is the
   * donation of that transfer). Such a rule applies only to articles in its own language. */
  withTopic: z.enum(TOPIC_IDS).optional(),
}).refine((r) => (r.any === undefined) !== (r.all === undefined), { message: 'a rule needs exactly one of "any" or "all"' });
export type RuleSpec = z.infer<typeof ruleSchema>;

export const topicFileSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'),
  sets: z.record(z.string().regex(/^[a-z0-9_]+$/, 'a set name in snake_case'), termList).default({}),
  /** Figurative or out-of-domain phrases: a cue overlapping one of them does not count. */
  cancel: phrases.default([]),
  /** Out-of-domain frames (sport, history, civil aviation, policing, culture…): when one of them
   * dominates an article, only strong cues count (see topics.yaml `frames`). */
  frames: z.record(z.string().regex(/^[a-z0-9_]+$/, 'a frame name in snake_case'), termList).default({}),
  rules: z.array(ruleSchema).default([]),
});
export type TopicFile = z.infer<typeof topicFileSchema>;

export const topicsConfigSchema = z.strictObject({
  topics: z.record(z.enum(TOPIC_IDS), z.strictObject({ threshold: z.number().positive(), description: z.string().optional() })),
  /** Score multipliers for cues in the title and in the lead (first `leadChars` characters of the text). */
  titleFactor: z.number().positive().default(1.5),
  leadFactor: z.number().positive().default(1.25),
  leadChars: z.number().int().positive().default(400),
  /** A topic needs one strong cue (a rule of at least `strongWeight`) or cues in at least
   * `minSentences` sentences, where the title and the lede (the first `ledeSentences` sentences of
   * the text), which state what an article is about, count `prominentCount` each. */
  evidence: z.strictObject({
    strongWeight: z.number().positive().default(2.5),
    minSentences: z.number().int().positive().default(2),
    ledeSentences: z.number().int().nonnegative().default(1),
    prominentCount: z.number().int().nonnegative().default(2),
  }).default({ strongWeight: 2.5, minSentences: 2, ledeSentences: 1, prominentCount: 2 }),
  /** An out-of-domain frame dominates an article when its words are in at least `minSentences`
   * sentences (the title and the lede count `prominentCount`) and in at least `ratio` times as many
   * sentences as the topic cues; then only strong cues count, and a topic needs `threshold` from them. */
  frames: z.strictObject({
    minSentences: z.number().int().positive().default(3),
    prominentCount: z.number().int().nonnegative().default(2),
    ratio: z.number().nonnegative().default(1),
    threshold: z.number().positive().default(4),
  }).default({ minSentences: 3, prominentCount: 2, ratio: 1, threshold: 4 }),
});
export type TopicsConfig = z.infer<typeof topicsConfigSchema>;

const aliasList = phrases.default([]);

/** Aliases that are also ordinary words or first names (applies to countries, regions and organizations). */
export const homonymsSchema = z.strictObject({
  /** Ordinary words per article language: an alias spelled like one of them never counts in an article of that language (« seul » is not Seoul in French). */
  words: z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'), phrases).default({}),
  /** Ordinary words per article language that only collide with lower-case aliases (Spanish « china » the demonym vs English « china »; the name « China » still counts there). */
  lowerCaseWords: z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'), phrases).default({}),
  /** Names that are also first names or surnames: they do not count next to another capitalized name (« Michael Jordan », « Chad Smith »). */
  personNames: phrases.default([]),
});

export const countriesFileSchema = z.strictObject({
  /** Names from i18n-iso-countries that are ordinary words or first names, not used alone. */
  ignoreLibraryNames: phrases.default([]),
  homonyms: homonymsSchema.default({ words: {}, lowerCaseWords: {}, personNames: [] }),
  /** Phrases that contain a country word but name something else (« océan Indien »). */
  blockers: phrases.default([]),
  countries: z.record(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'), z.strictObject({
    names: aliasList,
    demonyms: aliasList,
    capitals: aliasList,
  })),
});

export const regionsFileSchema = z.strictObject({
  blockers: phrases.default([]),
  regions: z.record(z.enum(['africa', 'sahel', 'maghreb', 'middle_east', 'southeast_asia', 'cis', 'europe', 'latin_america']), aliasList),
});

export const organizationsFileSchema = z.strictObject({
  /** Named word lists used as conditions by ambiguous organizations. */
  contexts: z.record(z.string().regex(/^[a-z_]+$/), termList),
  blockers: phrases.default([]),
  organizations: z.record(z.string().regex(/^[a-z_]+$/, 'a lower-case slug'), z.strictObject({
    aliases: termList,
    /** Aliases that count only when a word of this context is within `contextWithin` tokens. */
    ambiguous: aliasList,
    context: z.string().optional(),
    /** Ambiguous aliases are rejected when a word of this context is within `contextWithin` tokens (the composer's opera). */
    exclude: z.string().optional(),
    contextWithin: z.number().int().positive().default(40),
  })),
});
