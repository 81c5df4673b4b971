// The tagger as the article stage uses it: rules loaded and compiled once per process, the
// version (hash of the rule files) stored with each article so that `vigie retag` finds stale ones.
import { loadRules } from './load-rules.ts';
import { rulesVersion, tagArticle, type CompiledRules } from './tag.ts';
import type { TagInput, TagResult } from './types.ts';

export interface Tagger {
  version: string;
  tag(input: TagInput): TagResult;
}

/** Returns a tagger over the given (or the bundled) compiled rules; throws RuleError when a rule file is invalid. */
export async function createTagger(rules: CompiledRules = loadRules()): Promise<Tagger> {
  return taggerFor(rules);
}

/** Returns a tagger bound to already compiled rules (synchronous variant of createTagger). */
export function taggerFor(rules: CompiledRules): Tagger {
  return { version: rulesVersion(rules), tag: (input) => tagArticle(input, rules) };
}
