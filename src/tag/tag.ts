// The tagger: article in, topics with evidence and entities out. Pure: the compiled rules
// are an argument (load them once per process with loadRules()).
import type { CompiledRules } from './compile.ts';
import { findEntities } from './entities.ts';
import { detectLanguage, SAMPLE_CHARS } from './language.ts';
import { groupByLabel, matchTokens } from './match.ts';
import { composeDocument, tokenizeText } from './normalize.ts';
import { scoreTopics } from './score.ts';
import type { TagInput, TagResult } from './types.ts';

export type { CompiledRules } from './compile.ts';

/** Returns the language, assigned topics (with score and evidence) and entities of an article; offsets point into title + "\n\n" + text. */
export function tagArticle(input: TagInput, rules: CompiledRules): TagResult {
  const title = input.title ?? '';
  const text = input.text ?? '';
  const doc = composeDocument(title, text);
  const { tokens, functionWords } = tokenizeText(doc, SAMPLE_CHARS);
  const matches = matchTokens(tokens, rules);
  const byLabel = groupByLabel(matches, rules);
  const lang = detectLanguage(doc, input.lang, functionWords);
  const topics = scoreTopics(doc, tokens, byLabel, rules, title.length, lang);
  const entities = findEntities(doc, tokens, matches, byLabel, rules, lang);
  return { lang, topics, ...entities };
}

/** Returns the tagger version to store with articles: the hash of the rule files. */
export function rulesVersion(rules: CompiledRules): string {
  return rules.version;
}
