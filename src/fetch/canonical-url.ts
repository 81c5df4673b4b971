// Canonical form of an article or feed URL, so that the same page reached through two links
// (tracking parameters, fragment, default port, upper-case host) is stored once.
import { VigieError } from '../errors.ts';

// Query parameters that only identify a campaign or a click, never the page. `xtor` and
// `at_*` are AT Internet's (Le Monde, RFI, France 24, Radio France); `ns_*` are comScore's.
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid',
  'yclid', '_hsenc', '_hsmi', 'mkt_tok', 'xtor', 'xtref', 'twclid', 'ttclid', 'li_fat_id',
  'srsltid', '_ga', '_gl', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid',
]);
const TRACKING_PREFIXES = ['utm_', 'at_', 'ns_'];

/** Returns true when the query parameter named `name` only tracks campaigns or clicks. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * Returns the canonical form of `raw` resolved against `base` (http/https only, lower-case
 * scheme and host, punycode, no default port, no fragment, no tracking parameters, no empty
 * query, no `//` in the path); throws VigieError 'bad_url' for an invalid or non-http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch (cause) {
    throw new VigieError(`canonical-url: invalid URL '${trimmed.slice(0, 200)}'${base ? ` (base ${base})` : ''}`, {
      code: 'bad_url',
      permanent: true,
      cause,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VigieError(`canonical-url: unsupported scheme '${url.protocol}' in ${trimmed.slice(0, 200)}`, {
      code: 'bad_url',
      permanent: true,
    });
  }
  if (!url.hostname) {
    throw new VigieError(`canonical-url: no host in ${trimmed.slice(0, 200)}`, { code: 'bad_url', permanent: true });
  }
  url.hash = '';
  url.pathname = url.pathname.replace(/\/{2,}/g, '/');
  // Filter the raw query so that the kept parameters stay byte-for-byte and in their order
  // (URLSearchParams would re-encode them).
  const query = url.search.replace(/^\?/, '');
  const kept = query
    .split('&')
    .filter((part) => part !== '' && !isTrackingParam(decodeName(part.split('=')[0])));
  url.search = kept.length > 0 ? '?' + kept.join('&') : '';
  // URL keeps a lone '?' when the search was set to '?'; toString never emits an empty one otherwise.
  return url.toString().replace(/\?$/, '');
}
