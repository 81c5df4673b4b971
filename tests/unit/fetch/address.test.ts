import { describe, expect, it } from 'vitest';
import {
  checkFetchUrl,
  formatBytes,
  hostIpLiteral,
  isAllowlisted,
  isBlockedAddress,
  urlForLog,
} from '../../../src/fetch/address.ts';
import { FetchError } from '../../../src/errors.ts';

describe('isBlockedAddress', () => {
  const blocked: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback /8'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation TEST-NET-1'],
    ['198.51.100.7', 'documentation TEST-NET-2'],
    ['203.0.113.9', 'documentation TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['240.0.0.1', 'reserved class E'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with zone'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['ff02::1', 'IPv6 multicast'],
    ['fec0::1', 'deprecated site-local'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['2001:2::1', 'IPv6 benchmarking'],
    ['100::1', 'discard prefix'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback (dotted)'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback (hex)'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['0:0:0:0:0:ffff:7f00:1', 'IPv4-mapped, long form'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::7f00:1', 'IPv4-compatible loopback (hex)'],
    ['::8.8.8.8', 'IPv4-compatible (deprecated) even when public'],
    ['::ffff:0:127.0.0.1', 'RFC 6145 translated loopback'],
    ['64:ff9b::127.0.0.1', 'NAT64 embedding loopback'],
    ['64:ff9b::a00:1', 'NAT64 embedding 10.0.0.1'],
    ['64:ff9b:1::808:808', 'local-use NAT64 prefix'],
    ['2002:7f00:1::1', '6to4 embedding loopback'],
    ['2002:c0a8:101::1', '6to4 embedding 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo with client 127.0.0.1'],
    ['2001:0:7f00:1:8000:63bf:3fff:fdd2', 'Teredo with server 127.0.0.1'],
    ['[::1]', 'bracketed IPv6 loopback'],
    ['localhost', 'not an address at all'],
    ['2130706433', 'inet_aton long form (must be normalized by URL first)'],
    ['0x7f.1', 'inet_aton hex form'],
    ['0177.0.0.1', 'inet_aton octal form'],
    ['', 'empty'],
  ];
  it.each(blocked)('blocks %s (%s)', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  const allowed: [string, string][] = [
    ['8.8.8.8', 'public IPv4'],
    ['193.51.224.1', 'public IPv4 (France)'],
    ['41.202.219.1', 'public IPv4 (Africa)'],
    ['172.32.0.1', 'just outside 172.16/12'],
    ['100.128.0.1', 'just outside CGNAT'],
    ['11.0.0.1', 'just outside 10/8'],
    ['2a00:1450:4007:80e::200e', 'public IPv6'],
    ['2001:4860:4860::8888', 'public IPv6 in 2001::/16 but not Teredo'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
    ['64:ff9b::808:808', 'NAT64 embedding a public address'],
    ['2002:808:808::1', '6to4 embedding a public address'],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'Teredo with public server and client 8.8.8.8'],
  ];
  it.each(allowed)('allows %s (%s)', (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });
});

describe('hostIpLiteral with the WHATWG URL parser', () => {
  // Every notation of loopback ends up as a canonical literal that isBlockedAddress refuses.
  const cases: [string, string | null][] = [
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::1]:8080/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://localhost/', null],
    ['https://www.lemonde.fr/', null],
  ];
  it.each(cases)('%s → %s', (raw, literal) => {
    const host = hostIpLiteral(new URL(raw));
    expect(host).toBe(literal);
    if (host !== null) expect(isBlockedAddress(host)).toBe(true);
  });
});

describe('checkFetchUrl', () => {
  const refused: [string, string][] = [
    ['file:///etc/passwd', 'bad_scheme'],
    ['data:text/html,<script>alert(1)</script>', 'bad_scheme'],
    ['javascript:alert(document.cookie)', 'bad_scheme'],
    ['ftp://ftp.example.org/pub/', 'bad_scheme'],
    ['gopher://127.0.0.1:6379/_FLUSHALL', 'bad_scheme'],
    ['not a url', 'bad_url'],
    ['http://', 'bad_url'],
    ['https://user:s3cret@example.org/feed', 'bad_url'],
    ['https://user@example.org/feed', 'bad_url'],
  ];
  it.each(refused)('refuses %s with %s', (raw, code) => {
    let caught: unknown;
    try {
      checkFetchUrl(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FetchError);
    expect((caught as FetchError).code).toBe(code);
    expect((caught as FetchError).permanent).toBe(true);
    expect((caught as FetchError).message).toMatch(/^fetch: /);
    expect((caught as FetchError).message).not.toContain('s3cret');
    expect((caught as FetchError).message).not.toContain('document.cookie');
  });

  it('names the scheme in the error', () => {
    expect(() => checkFetchUrl('file:///etc/passwd')).toThrow(/scheme file: is not allowed/);
  });

  it('accepts http and https, resolving relative redirects against a base', () => {
    expect(checkFetchUrl('https://www.jeuneafrique.com/flux/rss?x=1').href).toBe('https://www.jeuneafrique.com/flux/rss?x=1');
    expect(checkFetchUrl('/nouveau', 'GET', 'http://ex.fr/ancien/page').href).toBe('http://ex.fr/nouveau');
    expect(checkFetchUrl('//autre.fr/a', 'GET', 'https://ex.fr/').href).toBe('https://autre.fr/a');
  });
});

describe('urlForLog', () => {
  it.each([
    ['https://user:pass@example.org/a?q=1', 'https://example.org/a?q=1'],
    ['https://example.org/a?token=x', 'https://example.org/a?token=x'],
    ['not a url://u:p@x', 'not a url://x'],
  ])('%s → %s', (raw, expected) => {
    expect(urlForLog(raw)).toBe(expected);
  });
});

describe('isAllowlisted', () => {
  const list = ['http://127.0.0.1:8765', 'https://intranet.example'];
  it.each([
    ['http://127.0.0.1:8765/feed.xml', true],
    ['http://127.0.0.1:8766/feed.xml', false],
    ['https://127.0.0.1:8765/feed.xml', false],
    ['https://intranet.example:443/x', true],
    ['http://intranet.example/x', false],
  ])('%s → %s', (raw, expected) => {
    expect(isAllowlisted(new URL(raw), list)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [5 * 1024 * 1024, '5 MiB'],
    [1536, '1.5 KiB'],
    [300, '300 B'],
  ])('%i → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});
