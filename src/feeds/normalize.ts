// ParsedFeed → FeedItems ready to store: absolute canonical URLs, a GUID for every item,
// trustworthy dates or none, no duplicates, newest first.
import { createHash } from 'node:crypto';
import { canonicalUrl } from '../fetch/canonical-url.ts';
import { VigieError } from '../errors.ts';
import { htmlToText } from './html-text.ts';
import type { FeedItem, NormalizeResult, ParsedFeed, SkippedItem } from './types.ts';

export interface NormalizeOptions {
  /** When the items were seen; dates more than two days after it are absurd. */
  discoveredAt: Date;
  maxItems: number;
}

const EARLIEST_MS = Date.UTC(1990, 0, 1);
const FUTURE_TOLERANCE_MS = 2 * 24 * 3600 * 1000;

/** Returns the date written in `raw` when it is parseable and plausible (after 1990, at most two days after `discoveredAt`), else null. */
export function parseItemDate(raw: string | null | undefined, discoveredAt: Date): Date | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || /^\d+$/.test(trimmed)) return null;
  // French feeds sometimes write RFC 822 dates with "UT" or a zone name Date cannot read.
  const ms = Date.parse(trimmed.replace(/\bUT$/, 'UTC').replace(/\b(CEST)$/, '+0200').replace(/\b(CET)$/, '+0100'));
  if (Number.isNaN(ms)) return null;
  if (ms < EARLIEST_MS || ms > discoveredAt.getTime() + FUTURE_TOLERANCE_MS) return null;
  return new Date(ms);
}

function resolveBase(feedUrl: string, feed: ParsedFeed, itemBase: string | null): string {
  let base = feedUrl;
  for (const candidate of [feed.xmlBase, itemBase]) {
    if (!candidate) continue;
    try {
      base = new URL(candidate, base).toString();
    } catch {
      // An unusable xml:base is ignored; the feed URL remains the base.
    }
  }
  // An RSS feed served from a CDN or feed proxy writes relative links for its site, not for itself.
  if (!feed.xmlBase && !itemBase && feed.siteUrl && feed.format === 'rss') {
    try {
      const site = new URL(feed.siteUrl, feedUrl);
      if (site.protocol === 'http:' || site.protocol === 'https:') base = site.toString();
    } catch {
      // Keep the feed URL.
    }
  }
  return base;
}

function clean(text: string | null, max: number): string | null {
  if (text === null) return null;
  const out = htmlToText(text);
  return out === '' ? null : out.slice(0, max);
}

/** Returns the items of `feed` normalized and de-duplicated, newest first and capped at `maxItems`, with the skipped ones and why. */
export function normalizeItems(feed: ParsedFeed, feedUrl: string, options: NormalizeOptions): NormalizeResult {
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  const items: (FeedItem & { order: number })[] = [];
  feed.items.forEach((item, order) => {
    const link = item.link ?? (item.guid && /^https?:\/\//i.test(item.guid) ? item.guid : null);
    if (!link) {
      skipped.push({ link: null, reason: 'no link' });
      return;
    }
    const base = resolveBase(feedUrl, feed, item.xmlBase);
    let url: string;
    let canonical: string;
    try {
      url = new URL(link, base).toString();
      canonical = canonicalUrl(url);
    } catch (err) {
      const reason = err instanceof VigieError ? err.message.replace(/^canonical-url: /, '') : 'invalid link';
      skipped.push({ link, reason });
      return;
    }
    if (seen.has(canonical)) {
      skipped.push({ link, reason: 'duplicate in feed' });
      return;
    }
    seen.add(canonical);
    const publishedAt = parseItemDate(item.pubDate, options.discoveredAt) ?? parseItemDate(item.dcDate, options.discoveredAt);
    items.push({
      canonicalUrl: canonical,
      url,
      guid: item.guid?.trim() || 'link:' + createHash('sha256').update(canonical).digest('hex').slice(0, 32),
      title: clean(item.title, 1000),
      summary: clean(item.summary, 5000),
      content: item.content?.trim() ? item.content : (item.summary?.trim() ? item.summary : null),
      author: clean(item.author, 300),
      categories: [...new Set(item.categories.map((c) => htmlToText(c)).filter((c) => c !== ''))],
      publishedAt,
      order,
    });
  });
  // Newest first; undated items keep their place after the dated ones, in feed order.
  items.sort((a, b) => {
    const ta = a.publishedAt?.getTime();
    const tb = b.publishedAt?.getTime();
    if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
    if (ta !== undefined && tb === undefined) return -1;
    if (ta === undefined && tb !== undefined) return 1;
    return a.order - b.order;
  });
  const capped = items.slice(0, options.maxItems).map(({ order: _order, ...item }) => item);
  for (const dropped of items.slice(options.maxItems)) skipped.push({ link: dropped.url, reason: 'over maxItems' });
  return { items: capped, skipped };
}
