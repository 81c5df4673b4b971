// The shape of the rule files (src/tag/rules/**.yaml), validated with zod. docs/tagging.md
// explains each field to analysts.
import { z } from 'zod';

export const TOPIC_IDS = ['arms_trade', 'defense_cooperation', 'defense_industry', 'arms_control', 'illicit_arms', 'private_military', 'military_aid'] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

// Years and other numbers written bare in YAML are phrases too. One transform rather than a
// union and a pipe: the rule files hold thousands of phrases and this check runs at every start.
const phrase = z.unknown().transform((value, ctx): string => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) ctx.addIssue({ code: 'custom', message: 'a phrase (text) is expected' });
  else if (text === '') ctx.addIssue({ code: 'custom', message: 'an empty phrase' });
  return text ?? '';
});
/** A list of phrases and `@set` references. */
const termList = z.array(phrase).min(1, 'an empty list');

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_]+$/, 'a rule id such as fr.arms_trade.sale (lang.topic.name)'),
  topic: z.enum(TOPIC_IDS),
  weight: z.number().positive().max(10),
  /** One of these phrases is enough. */
  any: termList.optional(),
  /** One phrase of each list, all within `within` tokens of the first list's match. */
  all: z.array(z.union([phrase, termList])).min(2).optional(),
  within: z.number().int().positive().max(60).default(8),
  /** The cue is cancelled when one of these is within `unlessWithin` tokens. */
  unless: termList.optional(),
  unlessWithin: z.number().int().positive().max(200).default(12),
  /** The rule's matches are ignored when this other topic is assigned by its own rules (generic
   * « exportations d'armes » in an export-licence story is the subject of the rule, not a sale). */
  unlessTopic: z.enum(TOPIC_IDS).optional(),
}).refine((r) => (r.any === undefined) !== (r.all === undefined), { message: 'a rule needs exactly one of "any" or "all"' });
export type RuleSpec = z.infer<typeof ruleSchema>;

export const topicFileSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'),
  sets: z.record(z.string().regex(/^[a-z0-9_]+$/, 'a set name in snake_case'), termList).default({}),
  /** Figurative or out-of-domain phrases: a cue overlapping one of them does not count. */
  cancel: z.array(phrase).default([]),
  rules: z.array(ruleSchema).default([]),
});
export type TopicFile = z.infer<typeof topicFileSchema>;

export const topicsConfigSchema = z.strictObject({
  topics: z.record(z.enum(TOPIC_IDS), z.strictObject({ threshold: z.number().positive(), description: z.string().optional() })),
  /** Score multipliers for cues in the title and in the lead (first `leadChars` characters of the text). */
  titleFactor: z.number().positive().default(1.5),
  leadFactor: z.number().positive().default(1.25),
  leadChars: z.number().int().positive().default(400),
});
export type TopicsConfig = z.infer<typeof topicsConfigSchema>;

const aliasList = z.array(phrase).default([]);

/** Aliases that are also ordinary words or first names (applies to countries, regions and organizations). */
export const homonymsSchema = z.strictObject({
  /** Ordinary words per article language: an alias spelled like one of them never counts in an article of that language (« seul » is not Seoul in French). */
  words: z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'), z.array(phrase)).default({}),
  /** Ordinary words per article language that only collide with lower-case aliases (Spanish « china » the demonym vs English « china »; the name « China » still counts there). */
  lowerCaseWords: z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code'), z.array(phrase)).default({}),
  /** Names that are also first names or surnames: they do not count next to another capitalized name (« Michael Jordan », « Chad Smith »). */
  personNames: z.array(phrase).default([]),
});

export const countriesFileSchema = z.strictObject({
  /** Names from i18n-iso-countries that are ordinary words or first names, not used alone. */
  ignoreLibraryNames: z.array(phrase).default([]),
  homonyms: homonymsSchema.default({ words: {}, lowerCaseWords: {}, personNames: [] }),
  /** Phrases that contain a country word but name something else (« océan Indien »). */
  blockers: z.array(phrase).default([]),
  countries: z.record(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'), z.strictObject({
    names: aliasList,
    demonyms: aliasList,
    capitals: aliasList,
  })),
});

export const regionsFileSchema = z.strictObject({
  blockers: z.array(phrase).default([]),
  regions: z.record(z.enum(['africa', 'sahel', 'maghreb', 'middle_east', 'southeast_asia', 'cis', 'europe', 'latin_america']), aliasList),
});

export const organizationsFileSchema = z.strictObject({
  /** Named word lists used as conditions by ambiguous organizations. */
  contexts: z.record(z.string().regex(/^[a-z_]+$/), termList),
  blockers: z.array(phrase).default([]),
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
