import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../../src/errors.ts';
import { DOM_NAMES, getDomFactory } from '../../../src/extract/dom.ts';
import { extractArticle, type ExtractOptions } from '../../../src/extract/extract.ts';
import { MAX_HTML_BYTES, checkHtmlSize, guardHtml, measureNestingDepth } from '../../../src/extract/guard.ts';
import { stripNonContent } from '../../../src/extract/strip.ts';

const PARAGRAPH = '<p>Les forces armées nigériennes ont réceptionné deux avions de transport C-130 offerts par les États-Unis, a annoncé l’état-major.</p>';
const nested = (n: number, tag = 'div') => `<${tag}>`.repeat(n) + PARAGRAPH + `</${tag}>`.repeat(n);

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    return (err as ExtractError).code;
  }
}

describe('measureNestingDepth', () => {
  it.each([
    ['flat', '<div></div><div></div>', 1],
    ['nested', '<div><section><article></article></section></div>', 3],
    ['void and self-closed elements', '<div><br><img src=x><hr/><input type=text></div>', 1],
    ['3,000 unclosed <li> (the parser closes them)', '<ul>' + '<li>item'.repeat(3000) + '</ul>', 1],
    ['3,000 unclosed <p>', '<p>texte'.repeat(3000), 0],
    ['5,000 nested divs', nested(5000), 5000],
    ['unclosed divs count', '<div>'.repeat(1200), 1200],
    ['upper-case tags', '<DIV><Span></SPAN></div>', 2],
    ['stray closing tags never go below zero', '</div></div><div></div>', 1],
  ])('%s', (_label, html, depth) => {
    expect(measureNestingDepth(html)).toBe(depth);
  });
});

describe('guardHtml', () => {
  it('accepts an ordinary page', () => {
    expect(() => guardHtml(`<html><body>${nested(40)}</body></html>`, 'https://ex.fr/a')).not.toThrow();
  });
  it('rejects more than 1,000 levels as too_deep, naming the URL', () => {
    expect(codeOf(() => guardHtml(nested(1001), 'https://ex.fr/profond'))).toBe('too_deep');
    expect(() => guardHtml(nested(1001), 'https://ex.fr/profond')).toThrow(/extract: .*1001 deep.*https:\/\/ex\.fr\/profond/);
  });
  it('rejects more than 5 MB as too_large, counting UTF-8 bytes', () => {
    expect(codeOf(() => checkHtmlSize('a'.repeat(MAX_HTML_BYTES + 1), 'https://ex.fr/gros'))).toBe('too_large');
    expect(codeOf(() => checkHtmlSize('a'.repeat(MAX_HTML_BYTES), 'https://ex.fr/juste'))).toBeNull();
    // 2 bytes per "é" in UTF-8: 3 MB of characters is 6 MB of HTML.
    expect(codeOf(() => checkHtmlSize('é'.repeat(3 * 1024 * 1024), 'https://ex.fr/accents'))).toBe('too_large');
  });
  it('errors are permanent', () => {
    try {
      guardHtml(nested(2000), null);
    } catch (err) {
      expect((err as ExtractError).permanent).toBe(true);
      return;
    }
    throw new Error('expected a throw');
  });
});

describe.each(DOM_NAMES)('extractArticle on hostile pages, %s', (dom) => {
  const options: ExtractOptions = { dom: getDomFactory(dom) };
  it('5,000 nested divs: too_deep before any DOM is built (Readability would overflow its stack)', () => {
    expect(codeOf(() => extractArticle({ html: `<html><body>${nested(5000)}</body></html>`, url: 'https://ex.fr/n' }, options))).toBe('too_deep');
  });
  it('a deep-looking string inside a script is not nesting', () => {
    const html = `<html><body><script>var s = "${'<div>'.repeat(5000)}";</script><article>${PARAGRAPH.repeat(5)}</article></body></html>`;
    expect(extractArticle({ html, url: 'https://ex.fr/s' }, options).text).toContain('deux avions de transport C-130');
  });
  it('6 MB of HTML: too_large', () => {
    const html = `<html><body><article>${PARAGRAPH.repeat(Math.ceil((6 * 1024 * 1024) / PARAGRAPH.length))}</article></body></html>`;
    expect(codeOf(() => extractArticle({ html, url: 'https://ex.fr/g' }, options))).toBe('too_large');
  });
  it('4.5 MB of unterminated tags after the article: extracted (the scans stop at the last \'>\' instead of retrying every \'<\')', () => {
    for (const tail of ['<a '.repeat(1_500_000), '<script '.repeat(560_000)]) {
      const html = `<html><body><article>${PARAGRAPH.repeat(5)}</article>${tail}`;
      expect(extractArticle({ html, url: 'https://ex.fr/t' }, options).text).toContain('deux avions de transport C-130');
    }
  });
  it('an empty page: no_article', () => {
    expect(codeOf(() => extractArticle({ html: '<html><head><title>Vide</title></head><body><nav><a href="/">Accueil</a></nav></body></html>', url: null }, options))).toBe('no_article');
  });
});

describe('stripNonContent', () => {
  it.each([
    ['script', '<p>a</p><script>var x = "<p>b</p>";</script><p>c</p>', '<p>a</p><p>c</p>'],
    ['upper-case script with attributes', '<p>a</p><SCRIPT type="text/javascript">x()</SCRIPT ><p>c</p>', '<p>a</p><p>c</p>'],
    ['style', '<style>p{color:red}</style><p>é</p>', '<p>é</p>'],
    ['noscript', '<noscript><img src="pixel.gif"></noscript><p>à</p>', '<p>à</p>'],
    ['template', '<template><p>caché</p></template><p>vu</p>', '<p>vu</p>'],
    ['comment hiding a script tag', '<!-- <script> --><p>gardé</p>', '<p>gardé</p>'],
    ['unterminated script', '<p>a</p><script>var x = 1;', '<p>a</p>'],
    ['not a script: <scripture>', '<scripture>Psaume</scripture>', '<scripture>Psaume</scripture>'],
    ['dotted capital İ before a script keeps offsets right', '<p>İstanbul</p><script>x</script><p>fin</p>', '<p>İstanbul</p><p>fin</p>'],
    ['an unterminated comment after the last tag', '<p>a</p>suite<!-- jamais fermé <p>b', '<p>a</p>suite'],
    ['unterminated script tags after the last tag are left to the parser', '<p>a</p><script <script', '<p>a</p><script <script'],
    ['no tag at all', 'texte <script sans fin', 'texte <script sans fin'],
  ])('%s', (_label, html, expected) => {
    expect(stripNonContent(html).html).toBe(expected);
  });
  it('keeps JSON-LD bodies aside', () => {
    const { html, jsonLd } = stripNonContent('<script type="application/ld+json">{"headline":"Défense"}</script><script>x()</script><p>t</p>');
    expect(html).toBe('<p>t</p>');
    expect(jsonLd).toEqual(['{"headline":"Défense"}']);
  });
});
