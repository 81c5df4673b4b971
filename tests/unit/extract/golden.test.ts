// Golden pairs: tests/fixtures/extract/NAME.html next to NAME.expected.json. Each page is read
// as bytes and decoded like a fetched page (BOM, <meta> charset), then extracted on every DOM factory.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOM_NAMES, getDomFactory } from '../../../src/extract/dom.ts';
import { extractArticle } from '../../../src/extract/extract.ts';
import { decodeBody } from '../../../src/fetch/charset.ts';

const DIR = new URL('../../fixtures/extract/', import.meta.url);

interface Golden {
  input: { url: string | null; contentLanguage?: string | null };
  now: string;
  expected: Record<string, unknown>;
  firstParagraph: string;
  textContains: string[];
  textExcludes: string[];
}

const names = readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace('.expected.json', ''));

describe.each(DOM_NAMES)('golden pages on %s', (dom) => {
  const factory = getDomFactory(dom);

  it('has at least five French pages', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of names) {
    it(name, () => {
      const golden = JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), 'utf8')) as Golden;
      const html = decodeBody(readFileSync(new URL(`${name}.html`, DIR)), null).text;
      const article = extractArticle(
        { html, url: golden.input.url, contentLanguage: golden.input.contentLanguage ?? null },
        { now: new Date(golden.now), dom: factory },
      );
      expect(article).toMatchObject(golden.expected);
      const paragraphs = article.text.split('\n\n');
      expect(paragraphs[0]).toBe(golden.firstParagraph);
      expect(article.text).not.toMatch(/\n{3,}|[ \t]{2,}|^\s|\s$/);
      for (const p of paragraphs) expect(p).not.toMatch(/\n/);
      for (const sentence of golden.textContains) expect(article.text).toContain(sentence);
      for (const junk of golden.textExcludes) expect(article.text).not.toContain(junk);
      expect(article.wordCount).toBeGreaterThan(150);
    });
  }

  it('decodes the windows-1252 page with ’ € œ … intact (bytes 0x80–0x9F)', () => {
    const bytes = readFileSync(new URL('wallonie-licences-1252.html', DIR));
    expect(bytes.includes(0x92)).toBe(true); // ’ in windows-1252: the file really is not UTF-8
    const article = extractArticle({ html: decodeBody(bytes, null).text, url: null }, { now: new Date('2023-10-01T00:00:00Z'), dom: factory });
    expect(article.text).toContain('d’une valeur totale estimée à 47 millions d’€.');
    expect(article.text).toContain('faire œuvre de jurisprudence');
    expect(article.text).toContain('octroyées… et refusées.');
    expect(article.text).not.toMatch(/[\u0080-\u009f]/);
  });
});
