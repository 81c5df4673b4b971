// Pure charset detection and decoding of response bodies. Node 20's TextDecoder maps bytes
// 0x80–0x9F of windows-1252 to C1 controls (nodejs/node#60888: ’ œ € « … lost), so every
// legacy encoding goes through iconv-lite's tables; labels are mapped per the WHATWG Encoding
// standard (iso-8859-1, latin1 and us-ascii all mean windows-1252).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Where the charset used to decode a body came from. */
export type CharsetSource = 'bom' | 'header' | 'xml' | 'meta' | 'sniffed' | 'default';

export interface DecodedBody {
  text: string;
  /** WHATWG encoding name used, such as 'utf-8' or 'windows-1252'. */
  charset: string;
  source: CharsetSource;
  /** A declared label we do not know, ignored (decoding fell back to the next source or utf-8). */
  unknownLabel?: string;
}

// WHATWG encoding names → the labels that denote them (a subset of the standard's table: the
// encodings a francophone, Maghreb or African outlet may plausibly declare, plus the CJK ones).
const LABELS: Record<string, string[]> = {
  'utf-8': ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'],
  'windows-1252': [
    'windows-1252', 'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
    'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'x-cp1252',
  ],
  'iso-8859-15': ['iso-8859-15', 'csisolatin9', 'iso8859-15', 'iso885915', 'iso_8859-15', 'l9', 'latin9', 'latin-9'],
  'iso-8859-2': ['iso-8859-2', 'csisolatin2', 'iso-ir-101', 'iso8859-2', 'iso88592', 'iso_8859-2', 'l2', 'latin2'],
  'iso-8859-6': ['iso-8859-6', 'arabic', 'asmo-708', 'csiso88596e', 'csiso88596i', 'csisolatinarabic', 'ecma-114',
    'iso-8859-6-e', 'iso-8859-6-i', 'iso-ir-127', 'iso8859-6', 'iso88596', 'iso_8859-6'],
  'iso-8859-5': ['iso-8859-5', 'csisolatincyrillic', 'cyrillic', 'iso-ir-144', 'iso8859-5', 'iso88595', 'iso_8859-5'],
  'iso-8859-7': ['iso-8859-7', 'greek', 'greek8', 'iso-ir-126', 'iso8859-7', 'iso88597', 'iso_8859-7'],
  'iso-8859-8': ['iso-8859-8', 'hebrew', 'iso-8859-8-e', 'iso-ir-138', 'iso8859-8', 'iso88598', 'iso_8859-8', 'visual'],
  'iso-8859-9': ['iso-8859-9', 'windows-1254', 'cp1254', 'csisolatin5', 'iso-ir-148', 'iso8859-9', 'l5', 'latin5', 'x-cp1254'],
  'windows-1250': ['windows-1250', 'cp1250', 'x-cp1250'],
  'windows-1251': ['windows-1251', 'cp1251', 'x-cp1251'],
  'windows-1253': ['windows-1253', 'cp1253', 'x-cp1253'],
  'windows-1255': ['windows-1255', 'cp1255', 'x-cp1255'],
  'windows-1256': ['windows-1256', 'cp1256', 'x-cp1256'],
  'windows-1257': ['windows-1257', 'cp1257', 'x-cp1257'],
  'windows-1258': ['windows-1258', 'cp1258', 'x-cp1258'],
  'windows-874': ['windows-874', 'dos-874', 'iso-8859-11', 'tis-620'],
  'koi8-r': ['koi8-r', 'cskoi8r', 'koi', 'koi8', 'koi8_r'],
  'koi8-u': ['koi8-u', 'koi8-ru'],
  macintosh: ['macintosh', 'csmacintosh', 'mac', 'x-mac-roman'],
  ibm866: ['ibm866', '866', 'cp866', 'csibm866'],
  gbk: ['gbk', 'chinese', 'csgb2312', 'gb2312', 'gb_2312', 'gb_2312-80', 'x-gbk'],
  gb18030: ['gb18030'],
  big5: ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5'],
  'euc-jp': ['euc-jp', 'cseucpkdfmtjapanese', 'x-euc-jp'],
  shift_jis: ['shift_jis', 'csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'sjis', 'windows-31j', 'x-sjis'],
  'euc-kr': ['euc-kr', 'cseuckr', 'csksc56011987', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'windows-949'],
  'utf-16le': ['utf-16le', 'utf-16', 'csunicode', 'ucs-2', 'unicode', 'unicodefeff', 'iso-10646-ucs-2'],
  'utf-16be': ['utf-16be', 'unicodefffe'],
};

const LABEL_TO_NAME = new Map<string, string>(
  Object.entries(LABELS).flatMap(([name, labels]) => labels.map((label) => [label, name] as [string, string])),
);

// Our table maps windows-1254 labels to iso-8859-9 as the standard does; iconv-lite has a proper
// windows-1254 table, which is a superset, so decode with that.
const ICONV_NAME: Record<string, string> = { 'iso-8859-9': 'windows-1254' };

/** Returns the WHATWG encoding name for a charset label, or null when the label is unknown. */
export function normalizeCharsetLabel(label: string): string | null {
  return LABEL_TO_NAME.get(label.trim().replace(/^["']|["']$/g, '').toLowerCase()) ?? null;
}

/** Returns the `charset` parameter of a Content-Type header value, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match ? match[2] : null;
}

/** Returns the encoding named by a byte-order mark and the BOM's length, or null. */
export function charsetFromBom(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** Returns the encoding label of an XML declaration at the start of the document, or null. */
export function charsetFromXmlDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 256).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*(["'])([A-Za-z0-9._:-]+)\1/.exec(head);
  return match ? match[2] : null;
}

/** Returns the label of the first `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 4 KB, or null. */
export function charsetFromMeta(bytes: Buffer): string | null {
  // The bytes are read as latin1: every ASCII-compatible encoding keeps the markup legible.
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    if (direct && /^<meta\b[^>]*?\scharset\s*=/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(["'])([^"']*)\1/i.exec(tag) ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag);
      const value = content ? (content[2] ?? content[1]) : '';
      const inner = /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(value);
      if (inner) return inner[1];
    }
  }
  return null;
}

function decodeWith(bytes: Buffer, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(bytes, ICONV_NAME[charset] ?? charset);
}

// Single-byte encodings: a body declared in one of them that is nevertheless valid UTF-8 with
// non-ASCII bytes is UTF-8 (a French latin1 text almost never forms valid UTF-8 sequences).
const SINGLE_BYTE = new Set(Object.keys(LABELS).filter((name) => /^(windows-|iso-8859-|koi8-|macintosh|ibm866)/.test(name)));

function hasNonAscii(bytes: Buffer): boolean {
  return bytes.some((b) => b >= 0x80);
}

/**
 * Returns the body decoded with the charset found in, by precedence, the byte-order mark, the
 * Content-Type header, an XML declaration, a `<meta>` in the first 4 KB; otherwise utf-8 when
 * the bytes are valid UTF-8 and windows-1252 when they are not. A declaration the bytes
 * contradict (utf-8 declared over invalid UTF-8, a single-byte charset over valid multi-byte
 * UTF-8) gives way to the next declaration or to sniffing. Never throws.
 */
export function decodeBody(bytes: Buffer, contentType: string | null): DecodedBody {
  let unknownLabel: string | undefined;
  const done = (charset: string, source: CharsetSource, body = bytes): DecodedBody => ({
    text: decodeWith(body, charset),
    charset,
    source,
    ...(unknownLabel === undefined ? {} : { unknownLabel }),
  });

  // A BOM wins over the header, as in the WHATWG "decode" algorithm: it cannot be there by accident.
  const bom = charsetFromBom(bytes);
  if (bom) return done(bom.charset, 'bom', bytes.subarray(bom.length));

  const declared: [string | null, CharsetSource][] = [
    [charsetFromContentType(contentType), 'header'],
    [charsetFromXmlDeclaration(bytes), 'xml'],
    [charsetFromMeta(bytes), 'meta'],
  ];
  const candidates: { charset: string; source: CharsetSource }[] = [];
  for (const [label, source] of declared) {
    if (!label) continue;
    let charset = normalizeCharsetLabel(label);
    if (!charset) {
      unknownLabel ??= label;
      continue;
    }
    // An ASCII-compatible document cannot honestly declare UTF-16 in its own ASCII bytes.
    if (source !== 'header' && charset.startsWith('utf-16')) charset = 'utf-8';
    candidates.push({ charset, source });
  }

  const valid = isUtf8(bytes);
  const multiByteUtf8 = valid && hasNonAscii(bytes);
  const fits = (charset: string): boolean =>
    charset === 'utf-8' ? valid : !(SINGLE_BYTE.has(charset) && multiByteUtf8);
  const first = candidates.find((c) => fits(c.charset));
  if (first) return done(first.charset, first.source);
  if (valid) return done('utf-8', candidates.length > 0 || unknownLabel !== undefined ? 'sniffed' : 'default');
  return done('windows-1252', 'sniffed');
}
