// HTML string + URL → ExtractedArticle, with no network: guard, strip, build the DOM, read the
// metadata, drop banners, run Readability, then turn the kept element into clean text.
import { Readability } from '@mozilla/readability';
import { ExtractError } from '../errors.ts';
import { getDomFactory, type DomFactory } from './dom.ts';
import { checkHtmlSize, checkNestingDepth } from './guard.ts';
import { cleanByline, cleanTitle, parseJsonLd, readMetadata } from './metadata.ts';
import { stripNonContent } from './strip.ts';
import { countWords, elementToText, normalizeSpace } from './text.ts';
import type { ExtractedArticle, ExtractInput } from './types.ts';

export interface ExtractOptions {
  /** Reference time for rejecting publication dates in the future; defaults to the current time. */
  now?: Date;
  /** The DOM implementation (DEFAULT_DOM of dom.ts by default). */
  dom?: DomFactory;
}

// Consent banners and overlays that Readability sometimes keeps (it scores them as text).
const BANNER = /(^|[-_\s])(cookies?|consent|gdpr|rgpd|didomi|onetrust|tarteaucitron|cmp|paywall|newsletter-(box|signup|form)|social-share|share-buttons?|sharing|outbrain|taboola)([-_\s]|$)/i;
const BANNER_MAX_CHARS = 3000;
// Fewer words than this is a menu or a lone link Readability fell back on, not an article.
const MIN_WORDS = 5;

/** Returns the article of one HTML page; throws ExtractError 'too_large', 'too_deep' (before parsing) or 'no_article'. */
export function extractArticle(input: ExtractInput, options: ExtractOptions = {}): ExtractedArticle {
  const where = input.url ?? '(no URL)';
  checkHtmlSize(input.html, input.url);
  const { html, jsonLd } = stripNonContent(input.html);
  // Depth is measured without scripts: tags inside script strings are not elements.
  checkNestingDepth(html, input.url);
  const page = (options.dom ?? getDomFactory()).parse(html, input.url);
  try {
    const document = page.document;
    const meta = readMetadata(document, { url: input.url, contentLanguage: input.contentLanguage, jsonLd: parseJsonLd(jsonLd) }, options.now ?? new Date());
    removeHidden(document);
    const parsed = new Readability<Node>(document, { serializer: (el) => el, disableJSONLD: true }).parse();
    const title = meta.title ?? cleanTitle(parsed?.title, meta.siteName);
    const text = parsed?.content ? elementToText(parsed.content, title) : '';
    const wordCount = countWords(text);
    if (wordCount < MIN_WORDS) throw new ExtractError(`extract: no article found by Readability: ${where}`, { code: 'no_article' });
    const excerpt = meta.description ?? parsed?.excerpt ?? null;
    return {
      title,
      byline: meta.byline ?? cleanByline(parsed?.byline),
      publishedAt: meta.publishedAt,
      lang: meta.lang,
      siteName: meta.siteName ?? (parsed?.siteName ? normalizeSpace(parsed.siteName) : null),
      canonicalUrl: meta.canonicalUrl,
      excerpt: excerpt ? normalizeSpace(excerpt) || null : null,
      text,
      wordCount,
    };
  } catch (err) {
    if (err instanceof ExtractError) throw err;
    throw new ExtractError(`extract: ${err instanceof Error ? err.message : String(err)}: ${where}`, { code: 'extract_failed', cause: err });
  } finally {
    page.close();
  }
}

// Removes elements no reader sees (hidden, aria-hidden, display:none) and consent/share banners.
function removeHidden(document: Document): void {
  for (const el of document.querySelectorAll('[hidden], [aria-hidden=true], [style*="display:none"], [style*="display: none"], dialog')) el.remove();
  for (const el of document.querySelectorAll('[id], [class]')) {
    if (el === document.body || el === document.documentElement || !el.isConnected) continue;
    const label = `${el.id} ${el.getAttribute('class') ?? ''}`;
    if (BANNER.test(label) && (el.textContent?.length ?? 0) < BANNER_MAX_CHARS) el.remove();
  }
}
