import { describe, expect, it } from 'vitest';
import { canonicalUrl, isTrackingParam } from '../../../src/fetch/canonical-url.ts';
import { VigieError } from '../../../src/errors.ts';

describe('canonicalUrl', () => {
  const cases: [string, string | undefined, string][] = [
    // Le Monde's RSS links carry AT Internet's xtor; the fragment and case go too.
    ['HTTPS://WWW.LeMonde.FR/afrique/article/2024/05/01/mali_6231.html?xtor=RSS-3208#xtor=RSS-3208', undefined,
      'https://www.lemonde.fr/afrique/article/2024/05/01/mali_6231.html'],
    ['https://www.rfi.fr/fr/afrique/20240501-niger?at_medium=RSS&at_campaign=rfi_rss&at_creation=x', undefined,
      'https://www.rfi.fr/fr/afrique/20240501-niger'],
    ['https://ex.fr/a?utm_source=tw&id=5&utm_medium=social&page=2&fbclid=IwAR', undefined, 'https://ex.fr/a?id=5&page=2'],
    ['https://ex.fr/a?UTM_Campaign=x&gclid=1&dclid=2&gbraid=3&wbraid=4&msclkid=5', undefined, 'https://ex.fr/a'],
    ['https://ex.fr/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_hsenc=5&_hsmi=6&mkt_tok=7&q=armes', undefined, 'https://ex.fr/a?q=armes'],
    // Other parameters keep their order and their bytes.
    ['https://ex.fr/a?z=1&a=%C3%A9t%C3%A9&m=x+y', undefined, 'https://ex.fr/a?z=1&a=%C3%A9t%C3%A9&m=x+y'],
    ['https://ex.fr/a?b&&c=1', undefined, 'https://ex.fr/a?b&c=1'],
    ['https://ex.fr/a?', undefined, 'https://ex.fr/a'],
    ['https://ex.fr:443/a', undefined, 'https://ex.fr/a'],
    ['http://ex.fr:80/a', undefined, 'http://ex.fr/a'],
    ['http://ex.fr:8080/a', undefined, 'http://ex.fr:8080/a'],
    ['https://ex.fr//afrique///defense//', undefined, 'https://ex.fr/afrique/defense/'],
    // Path case is kept: many CMSs are case-sensitive.
    ['https://EX.fr/Afrique/Article-Mali', undefined, 'https://ex.fr/Afrique/Article-Mali'],
    // IDN host to punycode; accented path percent-encoded.
    ['https://défense.fr/opérations', undefined, 'https://xn--dfense-bva.fr/op%C3%A9rations'],
    // Relative links resolved against the feed or the page.
    ['/afrique/sahel.html?xtor=RSS', 'https://www.jeuneafrique.com/rss/', 'https://www.jeuneafrique.com/afrique/sahel.html'],
    ['../article.html', 'https://ex.fr/a/b/', 'https://ex.fr/a/article.html'],
    ['  https://ex.fr/a  ', undefined, 'https://ex.fr/a'],
    ['//cdn.ex.fr/x', 'https://ex.fr/', 'https://cdn.ex.fr/x'],
  ];
  it.each(cases)('%s (base %s) → %s', (raw, base, expected) => {
    expect(canonicalUrl(raw, base)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const [raw, base] of cases) {
      const once = canonicalUrl(raw, base);
      expect(canonicalUrl(once)).toBe(once);
    }
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['file:///etc/passwd'],
    ['ftp://ex.fr/a'],
    ['mailto:redaction@ex.fr'],
    ['pas une url'],
    [''],
  ])('refuses %s with code bad_url', (raw) => {
    let caught: unknown;
    try {
      canonicalUrl(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(VigieError);
    expect((caught as VigieError).code).toBe('bad_url');
    expect((caught as VigieError).message).toMatch(/^canonical-url: /);
  });
});

describe('isTrackingParam', () => {
  it.each([
    ['utm_source', true], ['UTM_MEDIUM', true], ['xtor', true], ['at_medium', true], ['fbclid', true],
    ['id', false], ['page', false], ['q', false], ['ref', false], ['attention', false],
  ] as const)('%s → %s', (name, expected) => {
    expect(isTrackingParam(name)).toBe(expected);
  });
});
