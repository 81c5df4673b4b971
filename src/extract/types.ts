// What the extractor returns for one page.

export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** ISO 8601 string, or null when absent, unparseable or absurd. */
  publishedAt: string | null;
  /** Declared language of the page (html lang, Content-Language, og:locale), ISO 639-1, or null. */
  lang: string | null;
  siteName: string | null;
  /** <link rel=canonical> or og:url, absolute. */
  canonicalUrl: string | null;
  excerpt: string | null;
  /** Clean main text, paragraphs separated by a blank line. */
  text: string;
  wordCount: number;
}

export interface ExtractInput {
  html: string;
  url: string | null;
  /** Content-Language header, if any. */
  contentLanguage?: string | null;
}
