// Feed XML → ParsedFeed, with rss-parser's parseString only: its parseURL follows redirects to
// private addresses and reads bodies whole, so every feed goes through our safe fetcher first.
import Parser from 'rss-parser';
import { FeedParseError } from '../errors.ts';
import { numericHtmlEntities } from './html-text.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

type Raw = Record<string, unknown>;
type XmlNode = Record<string, unknown> & { $?: Record<string, string>; _?: string };

interface ParserInternals {
  parseItemAtom(entry: XmlNode): Raw;
  buildAtomFeed(xmlObj: { feed: XmlNode }): Raw;
}

const ITEM_FIELDS = [
  ['media:content', 'mediaContent', { keepArray: true }],
  ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
  ['media:group', 'mediaGroup'],
  ['media:description', 'mediaDescription'],
  ['content:encoded', 'content:encoded'],
  ['dc:creator', 'dcCreator'],
  ['dc:date', 'dcDate'],
] as unknown as string[];

/** Returns the string value of an xml2js node (text, or the `_` of an element with attributes), else null. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (value && typeof value === 'object' && typeof (value as XmlNode)._ === 'string') return text((value as XmlNode)._);
  return null;
}

function attr(node: unknown, name: string): string | null {
  const attrs = node && typeof node === 'object' ? (node as XmlNode).$ : undefined;
  return attrs && typeof attrs[name] === 'string' ? attrs[name] : null;
}

// rss-parser converts Atom dates with `new Date(x).toISOString()`, which throws on a bad date
// and would lose the whole feed; its Atom entries also lack categories and xml:base.
function createParser(): Parser {
  const parser = new Parser({ defaultRSS: 2, customFields: { item: ITEM_FIELDS } });
  const internals = parser as unknown as ParserInternals;
  const parseItemAtom = internals.parseItemAtom.bind(parser);
  const buildAtomFeed = internals.buildAtomFeed.bind(parser);
  internals.parseItemAtom = (entry) => {
    let item: Raw;
    try {
      item = parseItemAtom(entry);
    } catch {
      item = parseItemAtom({ ...entry, published: undefined, updated: undefined });
      item.pubDate = text((entry.published as unknown[] | undefined)?.[0]) ?? text((entry.updated as unknown[] | undefined)?.[0]);
    }
    item.xmlBase = attr(entry, 'xml:base');
    const categories = Array.isArray(entry.category) ? entry.category : [];
    item.categories = categories.map((c) => attr(c, 'term') ?? attr(c, 'label') ?? text(c)).filter((c): c is string => c !== null);
    return item;
  };
  internals.buildAtomFeed = (xmlObj) => {
    const feed = buildAtomFeed(xmlObj);
    feed.format = 'atom';
    feed.xmlBase = attr(xmlObj.feed, 'xml:base');
    feed.language = attr(xmlObj.feed, 'xml:lang');
    return feed;
  };
  return parser;
}

function firstMediaUrl(item: Raw): string | null {
  const candidates: unknown[] = [
    ...((item.mediaContent as unknown[] | undefined) ?? []),
    ...((item.mediaThumbnail as unknown[] | undefined) ?? []),
  ];
  const group = item.mediaGroup as XmlNode | undefined;
  if (group && Array.isArray(group['media:content'])) candidates.push(...(group['media:content'] as unknown[]));
  for (const c of candidates) {
    const url = attr(c, 'url');
    if (url) return url;
  }
  const enclosure = item.enclosure as { url?: string; type?: string } | undefined;
  if (enclosure?.url && (!enclosure.type || enclosure.type.startsWith('image/'))) return enclosure.url;
  return null;
}

function toCategories(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => text(c)?.trim() ?? null).filter((c): c is string => c !== null && c !== '');
}

function toItem(item: Raw): ParsedItem {
  const isAtom = 'xmlBase' in item;
  return {
    link: text(item.link)?.trim() ?? null,
    guid: text(item.guid)?.trim() ?? text(item.id)?.trim() ?? text(item['rdf:about'])?.trim() ?? null,
    title: text(item.title),
    summary: isAtom ? text(item.summary) : (text(item.content) ?? text(item.mediaDescription)),
    content: isAtom ? text(item.content) : text(item['content:encoded']),
    author: text(item.dcCreator) ?? text(item.creator) ?? text(item.author),
    categories: toCategories(item.categories),
    pubDate: text(item.pubDate)?.trim() ?? null,
    dcDate: text(item.dcDate)?.trim() ?? null,
    xmlBase: (item.xmlBase as string | null | undefined) ?? null,
    imageUrl: firstMediaUrl(item),
  };
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>])/i;

/** Returns the feed parsed from `xml` (RSS 0.9x/1.0/2.0 or Atom); throws FeedParseError naming `feedUrl` when it is empty, HTML or malformed. */
export async function parseFeed(xml: string, feedUrl: string): Promise<ParsedFeed> {
  const doc = xml.replace(/^\uFEFF/, '').trimStart();
  if (doc.trim() === '') throw new FeedParseError(`feed: empty document: ${feedUrl}`);
  if (HTML_START.test(doc)) {
    throw new FeedParseError(`feed: got an HTML page instead of an RSS or Atom feed: ${feedUrl}`);
  }
  let raw: Raw;
  try {
    raw = (await createParser().parseString(doc)) as unknown as Raw;
  } catch (first) {
    const message = first instanceof Error ? first.message : String(first);
    // Hand-written French feeds use &eacute; and friends, which only HTML defines.
    if (/entity/i.test(message) && numericHtmlEntities(doc) !== doc) {
      try {
        raw = (await createParser().parseString(numericHtmlEntities(doc))) as unknown as Raw;
      } catch (second) {
        throw translate(second, feedUrl);
      }
    } else {
      throw translate(first, feedUrl);
    }
  }
  const items = Array.isArray(raw.items) ? (raw.items as Raw[]) : [];
  return {
    format: raw.format === 'atom' ? 'atom' : 'rss',
    title: text(raw.title)?.trim() ?? null,
    siteUrl: text(raw.link)?.trim() ?? null,
    language: text(raw.language)?.trim() ?? null,
    xmlBase: (raw.xmlBase as string | null | undefined) ?? null,
    items: items.map(toItem),
  };
}

function translate(err: unknown, feedUrl: string): FeedParseError {
  const message = (err instanceof Error ? err.message : String(err)).split('\n').map((s) => s.trim()).filter(Boolean).join(', ');
  if (/not recognized/i.test(message)) {
    return new FeedParseError(`feed: not an RSS or Atom document: ${feedUrl}`, { cause: err });
  }
  return new FeedParseError(`feed: malformed XML (${message.slice(0, 200)}): ${feedUrl}`, { cause: err });
}
