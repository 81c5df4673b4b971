// The tagger: article in, topics with evidence and entities out. Pure: the compiled rules
// are an argument (load them once per process with loadRules()).
import type { CompiledRules } from './compile.ts';
import { findEntities } from './entities.ts';
import { detectLanguage, SAMPLE_CHARS } from './language.ts';
import { MatchList, matchTokens } from './match.ts';
import { composeDocument } from './normalize.ts';
import { scoreTopics } from './score.ts';
import { TokenList, tokenizeInto } from './tokenize.ts';
import type { TagInput, TagResult } from './types.ts';

export type { CompiledRules } from './compile.ts';

// Working arrays reused by every call (tagging is synchronous, so calls never overlap): tagging
// an article allocates nothing per word, only its result.
const tokens = new TokenList();
const matches = new MatchList();

/** Returns the language, assigned topics (with score and evidence) and entities of an article; offsets point into title + "\n\n" + text. */
export function tagArticle(input: TagInput, rules: CompiledRules): TagResult {
  const title = input.title ?? '';
  const text = input.text ?? '';
  const doc = composeDocument(title, text);
  tokenizeInto(doc, SAMPLE_CHARS, tokens);
  matchTokens(tokens, rules, matches);
  const lang = detectLanguage(doc, input.lang, tokens.functionWords);
  const topics = scoreTopics(doc, tokens, matches, rules, title.length, lang);
  const entities = findEntities(doc, tokens, matches, rules, lang);
  return { lang, topics, ...entities };
}

/** Returns the tagger version to store with articles: the hash of the rule files. */
export function rulesVersion(rules: CompiledRules): string {
  return rules.version;
}
