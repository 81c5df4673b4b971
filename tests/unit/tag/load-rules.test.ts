// Rule files: validation errors name the file and the line; the version follows the content.
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../src/errors.ts';
import { compileRuleFiles, hashRuleFiles, readRuleFiles, type RuleFile } from '../../../src/tag/load-rules.ts';

const bundled = readRuleFiles();

/** Returns the bundled files with topics/fr.yaml replaced. */
function withFrench(content: string): RuleFile[] {
  return bundled.map((f) => (f.path === 'topics/fr.yaml' ? { path: f.path, content } : f));
}

function errorOf(files: RuleFile[]): string {
  try {
    compileRuleFiles(files);
  } catch (err) {
    expect(err).toBeInstanceOf(RuleError);
    return (err as Error).message;
  }
  throw new Error('expected a RuleError');
}

const header = 'lang: fr\nsets:\n  weapon: [arme, char]\nrules:\n';

describe('compileRuleFiles', () => {
  it('compiles the bundled rules', () => {
    const rules = compileRuleFiles(bundled);
    expect(rules.rules.length).toBeGreaterThan(50);
    expect(rules.version).toMatch(/^rules-[0-9a-f]{12}$/);
  });

  it.each([
    ['an unknown topic', `${header}  - id: fr.arms_trade.x\n    topic: arms_sales\n    weight: 1\n    any: [vente]\n`, 'topics/fr.yaml:6: rules.0.topic'],
    ['an unknown set', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    all: ['@transfer', '@weapon']\n`, 'topics/fr.yaml:8: unknown set "@transfer"'],
    ['a duplicate id', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    any: [vente]\n  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    any: [achat]\n`, 'topics/fr.yaml:9: duplicate rule id "fr.arms_trade.x"'],
    ['both any and all', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    any: [vente]\n    all: [[a], [b]]\n`, 'topics/fr.yaml:5: rules.0: a rule needs exactly one of "any" or "all"'],
    ['a negative weight', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: -2\n    any: [vente]\n`, 'topics/fr.yaml:7: rules.0.weight'],
    ['an id of another language', `${header}  - id: en.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    any: [vente]\n`, 'topics/fr.yaml:5: rule id "en.arms_trade.x" must start with "fr.arms_trade."'],
    ['invalid YAML', `${header}  - id: fr.arms_trade.x\n    any: [vente\n`, 'topics/fr.yaml:'],
    ['an unknown set in a frame', 'lang: fr\nsets:\n  weapon: [arme, char]\nframes:\n  sport: [match, \'@nosuch\']\n', 'topics/fr.yaml:5: unknown set "@nosuch"'],
    ['a frame name that is not snake_case', 'lang: fr\nframes:\n  Sport: [match]\n', 'topics/fr.yaml:3: frames.Sport'],
    ['an empty phrase in a list', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    any: [vente, '']\n`, 'topics/fr.yaml:8: rules.0.any.1: an empty phrase'],
    ['a bad withinBefore', `${header}  - id: fr.arms_trade.x\n    topic: arms_trade\n    weight: 1\n    all: [[vente], [char]]\n    withinBefore: -1\n`, 'topics/fr.yaml:9: rules.0.withinBefore'],
  ])('reports %s with its file and line', (_name, content, expected) => {
    expect(errorOf(withFrench(content))).toContain(`tag: rule file ${expected}`);
  });

  it('reports a missing entity file', () => {
    expect(errorOf(bundled.filter((f) => f.path !== 'entities/regions.yaml'))).toMatch(/regions\.yaml/);
  });

  it('reports an organization whose ambiguous aliases have no context', () => {
    const files = bundled.map((f) =>
      f.path === 'entities/organizations.yaml' ? { path: f.path, content: f.content.replace('ambiguous: [Thales, Thalès, Талес, تاليس], context: defence', 'ambiguous: [Thales]') } : f);
    expect(errorOf(files)).toMatch(/^tag: rule file entities\/organizations\.yaml:\d+: organization "thales" has ambiguous aliases but no known "context"/);
  });
});

describe('hashRuleFiles', () => {
  it('changes when a rule file changes, not otherwise', () => {
    const edited = withFrench(bundled.find((f) => f.path === 'topics/fr.yaml')!.content + '\n# analyst note\n');
    expect(hashRuleFiles(bundled)).toBe(hashRuleFiles(readRuleFiles()));
    expect(hashRuleFiles(edited)).not.toBe(hashRuleFiles(bundled));
  });
});
