// URL resolution shared by the metadata reader and the DOM factories, kept apart from both so
// that importing one (the configuration imports dom.ts for the DOM names) loads nothing heavy.

/** Returns `href` resolved against `base` when the result is an absolute http(s) URL, null otherwise. */
export function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href?.trim()) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
