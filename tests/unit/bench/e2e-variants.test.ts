import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/extract.ts';
import {
  MAX_PAGE_BYTES,
  MIN_PAGE_BYTES,
  basePageIndex,
  buildFeedXml,
  buildVariantPage,
  loadVariantSources,
  sentencesOf,
  targetPageBytes,
} from '../../../bench/e2e-variants.ts';
import { parseFeed } from '../../../src/feeds/parse.ts';
import { listSamplePages } from '../../../src/demo/fixture-server.ts';

const sources = loadVariantSources();
const ORIGIN = 'http://127.0.0.1:4567';
const refs = Array.from({ length: 60 }, (_, i) => ({ feed: i % 7, item: Math.floor(i / 7) }));

describe('sentencesOf', () => {
  it('splits a markdown body into sentences, without front matter, headings or short fragments', () => {
    const md = '---\ntitle: "x"\n---\nLe Togo a reçu trois drones armés fabriqués par Baykar à Lomé. « C’est une étape », a dit le ministre de la Défense.\n\n## Un contrat\n\nCourt.\n';
    expect(sentencesOf(md)).toEqual(['Le Togo a reçu trois drones armés fabriqués par Baykar à Lomé.', '« C’est une étape », a dit le ministre de la Défense.']);
  });
});

describe('variant pages', () => {
  it('loads every sample page served with 200 (not the one gone) and hundreds of French sentences', () => {
    const served = listSamplePages().filter((p) => p.status === 200);
    expect(served.length).toBeGreaterThan(10);
    expect(sources.pages.map((p) => p.path)).toEqual(served.map((p) => p.path));
    expect(sources.sentences.length).toBeGreaterThan(200);
    expect(sources.sentences.some((s) => /é|è|à|’/.test(s))).toBe(true);
  });

  it('gives every page a size between 20 and 300 KB, spread over the range', () => {
    const sizes = refs.map((ref) => buildVariantPage(sources, ORIGIN, ref).body.length);
    for (const [i, size] of sizes.entries()) {
      expect(size).toBeGreaterThanOrEqual(Math.min(MIN_PAGE_BYTES, targetPageBytes(refs[i])));
      expect(size).toBeLessThanOrEqual(MAX_PAGE_BYTES + 2048);
    }
    expect(sizes.filter((s) => s < 60 * 1024).length).toBeGreaterThan(5);
    expect(sizes.filter((s) => s > 180 * 1024).length).toBeGreaterThan(5);
  });

  it('is deterministic and distinct: same bytes for the same item, own URL and title for each', () => {
    const a = buildVariantPage(sources, ORIGIN, { feed: 3, item: 11 });
    expect(buildVariantPage(sources, ORIGIN, { feed: 3, item: 11 }).body.equals(a.body)).toBe(true);
    const pages = refs.map((ref) => buildVariantPage(sources, ORIGIN, ref));
    expect(new Set(pages.map((p) => p.url)).size).toBe(refs.length);
    expect(new Set(pages.map((p) => p.title)).size).toBe(refs.length);
  });

  it('keeps the sample’s encoding and extracts to the sample’s article, with the variant’s title and canonical URL', () => {
    for (const ref of refs.slice(0, 24)) {
      const page = buildVariantPage(sources, ORIGIN, ref);
      const base = sources.pages[basePageIndex(ref, sources.pages.length)];
      const html = iconv.decode(page.body, base.charset);
      expect(html).not.toContain('\uFFFD');
      expect(html).not.toContain('{{ORIGIN}}');
      const article = extractArticle({ html, url: page.url, contentLanguage: null });
      const original = extractArticle({ html: base.html.replaceAll('{{ORIGIN}}', ORIGIN), url: ORIGIN + base.path, contentLanguage: null });
      expect(article.title).toBe(page.title);
      expect(article.canonicalUrl).toBe(page.url);
      // The article, not the comments or the related links: within a lead sentence of the original.
      expect(article.wordCount).toBeGreaterThanOrEqual(original.wordCount * 0.9);
      expect(article.wordCount).toBeLessThanOrEqual(original.wordCount * 1.15);
    }
  });
});

describe('buildFeedXml', () => {
  it('lists the items of the window newest first, linking to their pages with their titles', async () => {
    const xml = buildFeedXml(sources, ORIGIN, 2, 3, 6);
    const items = (await parseFeed(xml, `${ORIGIN}/feeds/2.rss`)).items;
    expect(items.map((i) => i.link)).toEqual([5, 4, 3].map((item) => `${ORIGIN}/articles/2/${item}.html`));
    expect(items[0].title).toBe(buildVariantPage(sources, ORIGIN, { feed: 2, item: 5 }).title);
  });
});
