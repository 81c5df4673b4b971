// `vigie tag`: JSON lines {"id","title","text","lang"?} on stdin → one JSON line per input, in
// the same order: {"id","lang","topics":[{"id","score","evidence"}],"countries",…}.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { VigieError } from '../errors.ts';
import { loadRules } from '../tag/load-rules.ts';
import { tagArticle, type CompiledRules } from '../tag/tag.ts';

export interface TagLine {
  id: unknown;
  lang: string;
  topics: { id: string; score: number; evidence: unknown[] }[];
  countries: string[];
  regions: string[];
  organizations: string[];
}

/** Returns the output object for one input line; throws VigieError when the line is not a JSON object with title or text. */
export function tagLine(line: string, lineNumber: number, rules: CompiledRules): TagLine {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    throw new VigieError(`tag: stdin line ${lineNumber} is not valid JSON`, { code: 'usage', cause: err });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new VigieError(`tag: stdin line ${lineNumber} is not a JSON object`, { code: 'usage' });
  const o = input as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const result = tagArticle({ title: str(o.title), text: str(o.text), lang: typeof o.lang === 'string' ? o.lang : null }, rules);
  return {
    id: o.id ?? null,
    lang: result.lang,
    topics: result.topics.map((t) => ({ id: t.id, score: t.score, evidence: t.evidence })),
    countries: result.countries.map((e) => e.id),
    regions: result.regions.map((e) => e.id),
    organizations: result.organizations.map((e) => e.id),
  };
}

/** Registers `vigie tag` (JSON lines in, one JSON line of tags per input out). */
export function registerTag(program: Command): void {
  program
    .command('tag')
    .description('Tag JSON lines {"id","title","text","lang"?} read on stdin; print one JSON line per input, in order.')
    .action(async () => {
      const rules = loadRules();
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        const ok = process.stdout.write(JSON.stringify(tagLine(line, n, rules)) + '\n');
        if (!ok) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    });
}
