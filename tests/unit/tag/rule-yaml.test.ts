// The fast reader of the rule files' YAML subset must agree with the `yaml` library on every
// bundled file, and hand anything outside the subset back to it (undefined).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRuleFiles } from '../../../src/tag/load-rules.ts';
import { readRuleYaml } from '../../../src/tag/rule-yaml.ts';

describe('readRuleYaml', () => {
  it.each(readRuleFiles().map((f) => [f.path, f.content]))('reads %s exactly as the yaml library does', (_path, content) => {
    const fast = readRuleYaml(content);
    expect(fast).not.toBeUndefined();
    expect(fast).toStrictEqual(parse(content));
  });

  it.each([
    ['block mappings, flow lists, comments and quotes', "a: 1 # comment\nb:\n  - x\n  - 'it''s'\nc: [vente d'armes, \"q\", 1914, 1.5, true, null]\nd: { k: v, n: [a, b] }\n"],
    ['a sequence of mappings', 'rules:\n  - id: a\n    all: [[x, y], \'@set\']\n  - id: b\n    any: [z]\n'],
    ['a sequence at its key\'s indentation', 'sets:\n- a\n- b\n'],
    ['an empty value and an empty list', 'a:\nb: []\nc: {}\n'],
  ])('agrees with the yaml library on %s', (_name, content) => {
    expect(readRuleYaml(content)).toStrictEqual(parse(content));
  });

  it.each([
    ['an anchor and an alias', 'a: &x [1]\nb: *x\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line flow list', 'a: [x,\n  y]\n'],
    ['a duplicate key (the library reports it with its line)', 'a: 1\na: 2\n'],
    ['a pair inside a flow list', 'a: [k: v]\n'],
    ['a tag', 'a: !!str 1\n'],
    ['an unterminated quote', "a: 'x\n"],
    ['a tab', 'a:\n\t- x\n'],
  ])('hands %s back to the library', (_name, content) => {
    expect(readRuleYaml(content)).toBeUndefined();
  });
});
