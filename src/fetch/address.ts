// Pure checks of where a request may go: the address ranges we refuse (SSRF protection) and the
// URL forms we accept. The I/O side (DNS, sockets) lives in safe-lookup.ts and safe-fetch.ts.
import ipaddr from 'ipaddr.js';
import { FetchError } from '../errors.ts';

// ipaddr.js names every special-purpose range; only these global ones may be fetched. AS112 and
// AMT are anycast services on the public Internet.
const ALLOWED_V4_RANGES = new Set(['unicast', 'as112', 'amt']);
const ALLOWED_V6_RANGES = new Set(['unicast', 'as112v6', 'amt']);

/** Returns the IPv4 address embedded in the low 32 bits of an IPv6 address. */
function low32(v6: ipaddr.IPv6): ipaddr.IPv4 {
  const b = v6.toByteArray();
  return new ipaddr.IPv4(b.slice(12, 16));
}

function isBlockedV4(v4: ipaddr.IPv4): boolean {
  return !ALLOWED_V4_RANGES.has(v4.range());
}

function isBlockedV6(v6: ipaddr.IPv6): boolean {
  const bytes = v6.toByteArray();
  const range = v6.range();
  switch (range) {
    // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (RFC 6145) and 64:ff9b::a.b.c.d (NAT64, RFC 6052)
    // reach the embedded IPv4 host.
    case 'ipv4Mapped':
    case 'rfc6145':
      return isBlockedV4(low32(v6));
    case 'rfc6052':
      // 64:ff9b:1::/48 is for local NAT64 deployments only.
      if (bytes[4] !== 0 || bytes[5] !== 0) return true;
      return isBlockedV4(low32(v6));
    case '6to4':
      // 2002:AABB:CCDD::/48 routes to the IPv4 host AA.BB.CC.DD.
      return isBlockedV4(new ipaddr.IPv4(bytes.slice(2, 6)));
    case 'teredo': {
      // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC: server address, then the client's, bit-inverted.
      const server = new ipaddr.IPv4(bytes.slice(4, 8));
      const client = new ipaddr.IPv4(bytes.slice(12, 16).map((b) => b ^ 0xff));
      return isBlockedV4(server) || isBlockedV4(client);
    }
    default:
      break;
  }
  // Deprecated IPv4-compatible form ::a.b.c.d (::7f00:1): the first 96 bits are zero.
  if (bytes.slice(0, 12).every((b) => b === 0)) return true;
  return !ALLOWED_V6_RANGES.has(range);
}

/** Returns true when `ip` (IPv4 or IPv6 text) is not a global unicast address, or is not an address at all. */
export function isBlockedAddress(ip: string): boolean {
  const text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  // Only canonical dotted-quad or IPv6 text: the inet_aton forms (0x7f.1, 2130706433) are
  // normalized by the WHATWG URL parser before they get here, and anything else is refused.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return true;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return isBlockedV4(ipaddr.IPv4.parse(text));
  // ipaddr.js reads the dotted tail of '::8.8.8.8' as IPv4-mapped; the WHATWG serializer
  // rewrites it to hex ('::808:808') first. The zone (%eth0) matters to neither.
  try {
    const canonical = new URL(`http://[${text.replace(/%.*$/, '')}]/`).hostname.slice(1, -1);
    return isBlockedV6(ipaddr.IPv6.parse(canonical));
  } catch {
    return true;
  }
}

/** Returns the IP address written in a URL's host (brackets removed), or null when the host is a name. */
export function hostIpLiteral(url: URL): string | null {
  const host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) return host.slice(1, -1);
  return ipaddr.IPv4.isValidFourPartDecimal(host) ? host : null;
}

/** Returns the URL as text without its userinfo (user:password@), for messages and logs. */
export function urlForLog(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//').slice(0, 500);
  }
  if (!parsed.username && !parsed.password) return parsed.href;
  const copy = new URL(parsed.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** Returns the parsed URL (resolved against `base`); throws FetchError 'bad_url' or 'bad_scheme' for anything but plain http(s). */
export function checkFetchUrl(raw: string, method = 'GET', base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    // No `cause`: Node's TypeError carries the raw input, credentials included.
    throw new FetchError(`fetch: invalid URL: ${method} ${urlForLog(raw)}`, {
      code: 'bad_url',
      permanent: true,
      url: urlForLog(raw),
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // Only the scheme is shown: a data: or javascript: URL can be long and carry anything.
    throw new FetchError(`fetch: scheme ${url.protocol} is not allowed (only http and https): ${method} ${url.protocol}…`, {
      code: 'bad_scheme',
      permanent: true,
      url: url.protocol,
    });
  }
  if (url.username || url.password) {
    throw new FetchError(`fetch: credentials in URL are not allowed: ${method} ${urlForLog(url)}`, {
      code: 'bad_url',
      permanent: true,
      url: urlForLog(url),
    });
  }
  if (!url.hostname) {
    throw new FetchError(`fetch: URL has no host: ${method} ${urlForLog(url)}`, { code: 'bad_url', permanent: true });
  }
  return url;
}

/** Returns true when the URL's origin (scheme://host:port) is in `allowlist` (origins as produced by URL.origin). */
export function isAllowlisted(url: URL, allowlist: readonly string[]): boolean {
  return allowlist.includes(url.origin);
}

/** Returns a human-readable size such as '5 MiB', '512 KiB' or '300 B'. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
