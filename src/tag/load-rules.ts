// Reads, validates and compiles the rule files under src/tag/rules/. A bad rule is reported
// with its file and line (RuleError). Load once per process: the result is immutable.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { RuleError } from '../errors.ts';
import { RuleCompiler, type AliasConditions, type CompiledRules } from './compile.ts';
import { readRuleYaml } from './rule-yaml.ts';
import { countriesFileSchema, organizationsFileSchema, regionsFileSchema, topicFileSchema, topicsConfigSchema, type TopicsConfig } from './rule-schema.ts';

export const RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));
const LIBRARY_LANGS = ['fr', 'en', 'pt', 'es', 'de', 'ar', 'ru'];

export interface RuleFile {
  /** Path shown in error messages (relative to the rules directory). */
  path: string;
  content: string;
}

/** Returns the rule files of `dir` (topics.yaml, topics/*.yaml, entities/*.yaml), sorted by path. */
export function readRuleFiles(dir: string = RULES_DIR): RuleFile[] {
  const paths: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) paths.push(full);
    }
  };
  walk(dir);
  return paths.sort().map((p) => ({ path: relative(dir, p), content: readFileSync(p, 'utf8') }));
}

/** Returns a short hash of the rule files, stored as the articles' tagger version. */
export function hashRuleFiles(files: RuleFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.path).update('\0').update(f.content).update('\0');
  return `rules-${hash.digest('hex').slice(0, 12)}`;
}

/** Loads and compiles the bundled rules; throws RuleError naming the file and line of a bad rule. */
export function loadRules(dir: string = RULES_DIR): CompiledRules {
  return compileRuleFiles(readRuleFiles(dir));
}

interface Parsed<T> {
  file: RuleFile;
  doc: Document;
  lines: LineCounter;
  value: T;
}

// The fast reader (rule-yaml.ts) and validation come first; the `yaml` library, with line
// tracking, runs only when the file leaves the fast reader's subset, fails validation, or
// when a later check (unknown set…) needs the line of a node.
function parseFile<S extends z.ZodType>(file: RuleFile, schema: S): Parsed<z.infer<S>> {
  const fast = readRuleYaml(file.content);
  if (fast !== undefined) {
    const result = schema.safeParse(fast);
    if (result.success) return lazyParsed(file, schema, result.data as z.infer<S>);
  }
  return parseFileNow(file, schema);
}

function lazyParsed<T>(file: RuleFile, schema: z.ZodType, value: T): Parsed<T> {
  let real: Parsed<unknown> | undefined;
  const load = () => (real ??= parseFileNow(file, schema));
  return { file, value, get doc() { return load().doc; }, get lines() { return load().lines; } };
}

function parseFileNow<S extends z.ZodType>(file: RuleFile, schema: S): Parsed<z.infer<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(file.content, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new RuleError(`tag: rule file ${file.path}:${pos.line}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    throw new RuleError(`tag: rule file ${file.path}:${lineOf(doc, lines, path)}: ${path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { file, doc, lines, value: result.data };
}

/** Returns the 1-based line of the deepest existing node on `path`. */
function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function fail(p: Parsed<unknown>, path: (string | number)[], message: string): never {
  throw new RuleError(`tag: rule file ${p.file.path}:${lineOf(p.doc, p.lines, path)}: ${message}`);
}

/** Validates and compiles rule files given as text (pure apart from the country-name library); throws RuleError. */
export function compileRuleFiles(files: RuleFile[]): CompiledRules {
  const compiler = new RuleCompiler();
  const find = (name: string) => files.find((f) => f.path.replaceAll('\\', '/') === name);
  const configFile = find('topics.yaml');
  if (!configFile) throw new RuleError('tag: rule file topics.yaml is missing');
  const config: TopicsConfig = parseFile(configFile, topicsConfigSchema).value;

  const ids = new Set<string>();
  // Sets of topics/common.yaml (product names, shared across languages) are visible to every file.
  const topicFiles = files.filter((f) => /^topics[\\/]/.test(f.path)).map((f) => parseFile(f, topicFileSchema));
  const common = topicFiles.find((p) => /common\.yaml$/.test(p.file.path))?.value.sets ?? {};
  for (const p of topicFiles) {
    const sets: Record<string, string[]> = { ...common };
    // A set may include a set of topics/common.yaml (« @makers »), not another set of its own file.
    for (const [name, list] of Object.entries(p.value.sets)) {
      sets[name] = list.flatMap((t, k) => {
        if (!t.startsWith('@')) return [t];
        const included = common[t.slice(1)];
        if (!included) fail(p, ['sets', name, k], `set "${name}" may only include a set of topics/common.yaml; "${t}" is not one`);
        return included;
      });
    }
    // A list as segments: each set it names (the same array wherever it is used, so the compiler
    // looks its phrases up once) and its own phrases.
    const expand = (list: string[], path: (string | number)[]): string[][] => {
      const segments: string[][] = [];
      let own: string[] | null = null;
      list.forEach((term, k) => {
        if (!term.startsWith('@')) {
          (own ??= []).push(term);
          return;
        }
        const set = sets[term.slice(1)];
        if (!set) fail(p, [...path, k], `unknown set "${term}" (declare it under "sets")`);
        segments.push(set);
      });
      if (own !== null) segments.push(own);
      return segments;
    };
    p.value.rules.forEach((rule, r) => {
      if (ids.has(rule.id)) fail(p, ['rules', r, 'id'], `duplicate rule id "${rule.id}"`);
      if (!rule.id.startsWith(`${p.value.lang}.${rule.topic}.`)) fail(p, ['rules', r, 'id'], `rule id "${rule.id}" must start with "${p.value.lang}.${rule.topic}."`);
      ids.add(rule.id);
      const groups = rule.any
        ? [expand(rule.any, ['rules', r, 'any'])]
        : rule.all!.map((g, k) => expand(typeof g === 'string' ? [g] : g, ['rules', r, 'all', k]));
      compiler.addRule(rule, groups, rule.unless ? expand(rule.unless, ['rules', r, 'unless']) : null);
    });
    for (const [name, list] of Object.entries(p.value.frames)) compiler.addFrame(p.value.lang, name, expand(list, ['frames', name]));
    const cancel = compiler.label('cancel');
    for (const phrase of p.value.cancel) compiler.addPhrase(phrase, cancel);
  }

  const countriesFile = find('entities/countries.yaml');
  const regionsFile = find('entities/regions.yaml');
  const orgsFile = find('entities/organizations.yaml');
  if (!countriesFile || !regionsFile || !orgsFile) throw new RuleError('tag: rule files entities/countries.yaml, regions.yaml and organizations.yaml are required');

  const c = parseFile(countriesFile, countriesFileSchema).value;
  const conditionsOf = aliasConditions(c.homonyms, compiler);
  const ignored = new Set(c.ignoreLibraryNames.map((n) => n.toLowerCase()));
  // Many names are spelled alike in several languages (« Mali », « Angola »): adding one twice changes nothing.
  const added = new Set<string>();
  for (const lang of LIBRARY_LANGS) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of names) {
        const key = `${code}\u0001${name}`;
        if (added.has(key) || ignored.has(name.toLowerCase())) continue;
        added.add(key);
        compiler.addEntity('country', code, name, null, 40, null, conditionsOf(name));
      }
    }
  }
  for (const [code, spec] of Object.entries(c.countries)) {
    for (const alias of [...spec.names, ...spec.demonyms, ...spec.capitals]) compiler.addEntity('country', code, alias, null, 40, null, conditionsOf(alias));
  }
  for (const b of c.blockers) compiler.addEntity('blocker', '-', b);

  const r = parseFile(regionsFile, regionsFileSchema).value;
  for (const [id, aliases] of Object.entries(r.regions)) for (const a of aliases) compiler.addEntity('region', id, a, null, 40, null, conditionsOf(a));
  for (const b of r.blockers) compiler.addEntity('blocker', '-', b);

  const o = parseFile(orgsFile, organizationsFileSchema);
  const contextLabels = new Map<string, number>();
  for (const [name, words] of Object.entries(o.value.contexts)) {
    const label = compiler.label(`context:${name}`);
    contextLabels.set(name, label);
    for (const w of words) compiler.addPhrase(w, label);
  }
  for (const [id, spec] of Object.entries(o.value.organizations)) {
    for (const a of spec.aliases) compiler.addEntity('organization', id, a, null, 40, null, conditionsOf(a));
    if (spec.ambiguous.length === 0) continue;
    const context = spec.context === undefined ? undefined : contextLabels.get(spec.context);
    if (context === undefined) fail(o, ['organizations', id, 'context'], `organization "${id}" has ambiguous aliases but no known "context"`);
    const exclude = spec.exclude === undefined ? null : contextLabels.get(spec.exclude);
    if (exclude === undefined) fail(o, ['organizations', id, 'exclude'], `organization "${id}" excludes an unknown context "${spec.exclude}"`);
    for (const a of spec.ambiguous) compiler.addEntity('organization', id, a, context, spec.contextWithin, exclude, conditionsOf(a));
  }
  for (const b of o.value.blockers) compiler.addEntity('blocker', '-', b);

  return compiler.finish(hashRuleFiles(files), config);
}

/** Returns a function giving the conditions of an entity alias: a name (written with a capital
 * in a cased script) needs a capital in the text, a trailing hyphen marks a compound prefix, and
 * the homonym lists add languages where it is an ordinary word and first-name checks. */
function aliasConditions(homonyms: z.infer<typeof countriesFileSchema>['homonyms'], compiler: RuleCompiler): (alias: string) => AliasConditions {
  const key = (phrase: string) => compiler.stemKey(phrase);
  const wordLangs = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(homonyms.words)) {
    for (const w of words) wordLangs.set(key(w), [...(wordLangs.get(key(w)) ?? []), lang]);
  }
  const lowerLangs = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(homonyms.lowerCaseWords)) {
    for (const w of words) lowerLangs.set(key(w), [...(lowerLangs.get(key(w)) ?? []), lang]);
  }
  const persons = new Set(homonyms.personNames.map(key));
  return (alias) => {
    // « china|s »: the base spelling decides (its variants are inflections of it).
    const k = key(alias.split('|')[0]);
    const first = alias.trimStart()[0] ?? '';
    const capital = first !== first.toLowerCase() && first === first.toUpperCase();
    return {
      capital,
      prefix: alias.trimEnd().endsWith('-'),
      notInLangs: [...(wordLangs.get(k) ?? []), ...(capital ? [] : (lowerLangs.get(k) ?? []))],
      person: persons.has(k),
    };
  };
}
