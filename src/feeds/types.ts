// What the feed stage passes between its pure steps: parse → normalize → store.

/** One item as the feed wrote it (strings untouched, links possibly relative). */
export interface ParsedItem {
  link: string | null;
  guid: string | null;
  title: string | null;
  /** Short description (RSS description, Atom summary), possibly HTML. */
  summary: string | null;
  /** Full content (content:encoded, Atom content), HTML. */
  content: string | null;
  author: string | null;
  categories: string[];
  /** Dates as written: RSS pubDate / Atom published or updated, and dc:date. */
  pubDate: string | null;
  dcDate: string | null;
  /** xml:base in scope for this item (Atom), if any. */
  xmlBase: string | null;
  /** First image from media:content, media:thumbnail or an image enclosure. */
  imageUrl: string | null;
}

/** A feed document after parsing, before normalization. */
export interface ParsedFeed {
  format: 'rss' | 'atom';
  title: string | null;
  /** The site the feed belongs to (RSS channel link, Atom alternate link). */
  siteUrl: string | null;
  language: string | null;
  /** xml:base of the Atom feed element, if any. */
  xmlBase: string | null;
  items: ParsedItem[];
}

/** An item ready to be stored as an article row. */
export interface FeedItem {
  canonicalUrl: string;
  /** The item link resolved against xml:base, the feed's link or the feed's URL. */
  url: string;
  guid: string;
  title: string | null;
  /** Plain text. */
  summary: string | null;
  /** HTML, kept for the article stage's fallback. */
  content: string | null;
  author: string | null;
  categories: string[];
  /** Null when missing, unparseable or absurd. */
  publishedAt: Date | null;
}

/** An item left out by normalization, and why. */
export interface SkippedItem {
  link: string | null;
  reason: string;
}

export interface NormalizeResult {
  items: FeedItem[];
  skipped: SkippedItem[];
}
