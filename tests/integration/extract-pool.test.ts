// The worker-thread pool, on every DOM factory: pages are extracted off the caller's event loop, a
// page past its time limit has its thread killed and replaced, and errors come back as
// ExtractError with their code.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_EXTRACT_HEAP_MB } from '../../src/config.ts';
import { ExtractError } from '../../src/errors.ts';
import { DOM_NAMES } from '../../src/extract/dom.ts';
import { createExtractPool, type ExtractPool } from '../../src/extract/pool.ts';

const FIXTURE = readFileSync(new URL('../fixtures/extract/senegal-patrouilleurs.html', import.meta.url), 'utf8');
const URL_A = 'https://www.aoap.example/depeches/2024/05/senegal-marine-troisieme-patrouilleur-opv58s';
// Three stacks of 999 nested blocks: under the depth and element guards, yet Readability needs
// tens of seconds on them on every DOM (its per-node text walks are quadratic in the depth:
// linkedom, through 20,000 sibling blocks in ~2.5 s, spends ~10 s on one stack; jsdom longer).
const HUGE = '<html><body>' + ('<div>'.repeat(999) + '<p>bloc profond</p>' + '</div>'.repeat(999)).repeat(3) + '</body></html>';

// A paragraph inside a table but outside any cell: an HTML parser (jsdom) moves it before the
// table ("foster parenting"), htmlparser2 (linkedom) leaves it where it was written.
const FOSTER = `<html lang="fr"><body><article><h1>Livraisons</h1><p>Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.</p><table><tr><td>Tableau des livraisons de blindés à la gendarmerie</td></tr><p>Paragraphe égaré dans le tableau des livraisons.</p></table></article></body></html>`;

async function rejection(promise: Promise<unknown>): Promise<ExtractError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractError);
    return err as ExtractError;
  }
  throw new Error('expected the extraction to fail');
}

describe.each(DOM_NAMES)('extract pool on %s', (dom) => {
  let pool: ExtractPool;

  beforeAll(() => {
    pool = createExtractPool({ threads: 1, timeoutMs: 2_000, dom });
  });

  afterAll(async () => {
    await pool.close();
  });

  it('extracts a page in a worker thread, French text intact', async () => {
    const article = await pool.extract({ html: FIXTURE, url: URL_A });
    expect(article.title).toBe('Sénégal : la marine reçoit son troisième patrouilleur OPV 58 S');
    expect(article.text).toContain('« Ces navires permettront de mieux surveiller notre zone économique exclusive');
    expect(article.lang).toBe('fr');
  });

  it('parses pages with the DOM it was given', async () => {
    const { text } = await pool.extract({ html: FOSTER, url: 'https://ex.fr/tableau' });
    const strayFirst = text.indexOf('Paragraphe égaré') < text.indexOf('Tableau des livraisons');
    expect(strayFirst).toBe(dom !== 'linkedom');
  });

  it('returns errors thrown in the thread as ExtractError with their code', async () => {
    const empty = await rejection(pool.extract({ html: '<html><body></body></html>', url: 'https://ex.fr/vide' }));
    expect(empty.code).toBe('no_article');
    expect(empty.permanent).toBe(true);
    expect(empty.message).toContain('https://ex.fr/vide');
    const deep = await rejection(pool.extract({ html: '<div>'.repeat(5_000) + 'x' + '</div>'.repeat(5_000), url: 'https://ex.fr/profond' }));
    expect(deep.code).toBe('too_deep');
  });

  it('times out a huge page, kills its thread, keeps the caller responsive, and goes on with later pages', async () => {
    const before = pool.threadIds();
    expect(before).toHaveLength(1);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const err = await rejection(pool.extract({ html: HUGE, url: 'https://ex.fr/enorme' }));
    clearInterval(timer);
    expect(err.code).toBe('timeout');
    expect(err.permanent).toBe(true);
    expect(err.message).toContain('https://ex.fr/enorme');
    // The main thread's timers kept firing while the thread worked (a blocked loop would count ~0).
    expect(ticks).toBeGreaterThan(20);
    // The thread that ran the page is gone; a fresh one serves the next page.
    expect(pool.threadIds()).not.toContain(before[0]);
    const next = await pool.extract({ html: FIXTURE, url: URL_A });
    expect(next.text).toContain('Le pays compte aussi sur ces bâtiments pour lutter contre les migrations irrégulières');
    expect(pool.threadIds()).toHaveLength(1);
    expect(pool.threadIds()).not.toContain(before[0]);
  });

  it('runs pages on several threads and answers each with its own article', async () => {
    const two = createExtractPool({ threads: 2, timeoutMs: 10_000, dom });
    try {
      const pages = ['Bamako', 'Dakar', 'Niamey', 'Abidjan'].map((city) => ({
        html: `<html lang="fr"><body><article><h1>Livraison à ${city}</h1>${`<p>Les autorités de ${city} ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale.</p><p>Le contrat signé à ${city} prévoit aussi la formation des équipages.</p>`}</article></body></html>`,
        url: `https://ex.fr/${city.toLowerCase()}`,
      }));
      const articles = await Promise.all(pages.map((p) => two.extract(p)));
      expect(articles.map((a) => a.text.includes(`Les autorités de ${a.title?.replace('Livraison à ', '')}`))).toEqual([true, true, true, true]);
      expect(articles.map((a) => a.title)).toEqual(['Livraison à Bamako', 'Livraison à Dakar', 'Livraison à Niamey', 'Livraison à Abidjan']);
    } finally {
      await two.close();
    }
  });

  it('bounds each thread\'s heap: a page that needs more fails that attempt, a fresh thread goes on', async () => {
    // 4.8 MB of article (under the 5 MB guard): its DOM and text far exceed the smallest heap allowed.
    const paragraph = '<p>Les autorités de Bamako ont réceptionné un lot de véhicules blindés destinés à la gendarmerie nationale, selon le ministère.</p>';
    const big = `<html lang="fr"><body><article><h1>Livraisons</h1>${paragraph.repeat(Math.floor(4_800_000 / paragraph.length))}</article></body></html>`;
    const small = createExtractPool({ threads: 1, timeoutMs: 20_000, dom, heapMb: MIN_EXTRACT_HEAP_MB });
    try {
      const before = small.threadIds();
      const err = await rejection(small.extract({ html: big, url: 'https://ex.fr/gros' }));
      expect(err.code).toBe('thread_failed');
      expect(err.permanent).toBe(false);
      expect(err.message).toMatch(/memory/i);
      expect(err.message).toContain('https://ex.fr/gros');
      // The thread was replaced, and the next page is extracted.
      const next = await small.extract({ html: FIXTURE, url: URL_A });
      expect(next.title).toBe('Sénégal : la marine reçoit son troisième patrouilleur OPV 58 S');
      expect(small.threadIds()).toHaveLength(1);
      expect(small.threadIds()).not.toContain(before[0]);
    } finally {
      await small.close();
    }
    // The same page fits in the default limit (VIGIE_EXTRACT_HEAP_MB, 512; on jsdom not in 256).
    const roomy = createExtractPool({ threads: 1, timeoutMs: 60_000, dom, heapMb: 512 });
    try {
      expect((await roomy.extract({ html: big, url: 'https://ex.fr/gros' })).text).toContain('véhicules blindés');
    } finally {
      await roomy.close();
    }
  }, 120_000);

  it('refuses work once closed', async () => {
    const closed = createExtractPool({ threads: 1, timeoutMs: 1_000, dom });
    await closed.close();
    expect((await rejection(closed.extract({ html: FIXTURE, url: URL_A }))).code).toBe('pool_closed');
  });
});
