import { describe, expect, it } from 'vitest';
import {
  charsetFromContentType,
  charsetFromMeta,
  charsetFromXmlDeclaration,
  decodeBody,
  normalizeCharsetLabel,
} from '../../../src/fetch/charset.ts';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeBody: single French bytes in legacy encodings', () => {
  // [bytes, Content-Type, expected text, expected charset]
  const cases: [string, Buffer, string | null, string, string][] = [
    ['0x92 right quote', bytes('l', [0x92], 'arm\xe9e'), 'text/html; charset=windows-1252', 'l’armée', 'windows-1252'],
    ['0x9C oe ligature', bytes('c', [0x9c], 'ur'), 'text/plain; charset=windows-1252', 'cœur', 'windows-1252'],
    ['0x80 euro sign', bytes('12 ', [0x80]), 'text/html; charset=cp1252', '12 €', 'windows-1252'],
    ['0xAB 0xBB guillemets', bytes([0xab], ' Barkhane ', [0xbb]), 'text/html; charset=windows-1252', '« Barkhane »', 'windows-1252'],
    ['0x85 ellipsis', bytes('Enfin', [0x85]), 'text/html; charset=windows-1252', 'Enfin…', 'windows-1252'],
    // WHATWG: iso-8859-1, latin1 and us-ascii all mean windows-1252, where 0x92 is ’ and not a C1 control.
    ['iso-8859-1 label keeps 0x92', bytes('aujourd', [0x92], 'hui'), 'text/html; charset=ISO-8859-1', 'aujourd’hui', 'windows-1252'],
    ['latin1 label', bytes('d', [0xe9], 'l', [0xe9], 'gation'), 'text/html; charset=latin1', 'délégation', 'windows-1252'],
    ['us-ascii label', bytes([0x93], 'cit', [0xe9], [0x94]), 'text/html; charset=us-ascii', '“cité”', 'windows-1252'],
    ['é è à ç in ISO-8859-1', bytes('d', [0xe9], 'j', [0xe0], ' ', [0xe8], 're fran', [0xe7], 'aise'), 'text/html; charset=iso-8859-1', 'déjà ère française', 'windows-1252'],
    ['é è à ç in ISO-8859-15', bytes('d', [0xe9], 'j', [0xe0], ' ', [0xe8], 're fran', [0xe7], 'aise'), 'text/html; charset=iso-8859-15', 'déjà ère française', 'iso-8859-15'],
    ['0xA4 is € in ISO-8859-15', bytes('5 M', [0xa4]), 'text/html; charset=ISO-8859-15', '5 M€', 'iso-8859-15'],
    ['0xA4 is ¤ in ISO-8859-1', bytes('5 M', [0xa4]), 'text/html; charset=ISO-8859-1', '5 M¤', 'windows-1252'],
    ['0xBD is œ in ISO-8859-15', bytes('c', [0xbd], 'ur'), 'text/html; charset=latin-9', 'cœur', 'iso-8859-15'],
    ['quoted charset', bytes('d', [0xe9], 'fense'), 'text/html; charset="windows-1252"', 'défense', 'windows-1252'],
    ['Arabic windows-1256', bytes([0xc7, 0xe1, 0xcc, 0xe6]), 'text/html; charset=windows-1256', 'الجو', 'windows-1256'],
  ];
  it.each(cases)('%s', (_name, body, contentType, text, charset) => {
    const decoded = decodeBody(body, contentType);
    expect(decoded.text).toBe(text);
    expect(decoded.charset).toBe(charset);
    expect(decoded.source).toBe('header');
    // The trap: no C1 control character may survive decoding.
    expect(decoded.text).not.toMatch(/[\u0080-\u009f]/);
  });
});

describe('decodeBody: where the charset comes from', () => {
  const utf8Page = Buffer.from('<p>Les forces armées françaises — « opération » à Gao</p>', 'utf8');
  const cases: [string, Buffer, string | null, string, string, string][] = [
    ['UTF-8 with BOM, no header', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Page]), null,
      '<p>Les forces armées françaises — « opération » à Gao</p>', 'utf-8', 'bom'],
    ['BOM beats a wrong header', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('été', 'utf8')]),
      'text/html; charset=iso-8859-1', 'été', 'utf-8', 'bom'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Défense', 'utf16le')]), null, 'Défense', 'utf-16le', 'bom'],
    ['header charset overrides a meta',
      bytes('<meta charset="utf-8"><p>Minist', [0xe8], 're des Arm', [0xe9], 'es</p>'), 'text/html; charset=windows-1252',
      '<meta charset="utf-8"><p>Ministère des Armées</p>', 'windows-1252', 'header'],
    ['meta charset',
      bytes('<html><head><meta charset="windows-1252"><title>Arm', [0xe9], 'e</title>'), 'text/html',
      '<html><head><meta charset="windows-1252"><title>Armée</title>', 'windows-1252', 'meta'],
    ['meta http-equiv Content-Type',
      bytes('<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>', [0xa4], '</p>'), null,
      '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>€</p>', 'iso-8859-15', 'meta'],
    ['meta inside a comment is ignored',
      bytes('<!-- <meta charset="koi8-r"> --><meta charset=iso-8859-1><b>', [0xe9], '</b>'), 'text/html',
      '<!-- <meta charset="koi8-r"> --><meta charset=iso-8859-1><b>é</b>', 'windows-1252', 'meta'],
    ['XML declaration encoding="ISO-8859-1"',
      bytes('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Arm', [0xe9], 'e d', [0x92], 'Afrique</title></rss>'), 'application/rss+xml',
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Armée d’Afrique</title></rss>', 'windows-1252', 'xml'],
    ['XML declaration with single quotes',
      bytes("<?xml version='1.0' encoding='windows-1252'?><a>", [0x80], '</a>'), 'text/xml',
      "<?xml version='1.0' encoding='windows-1252'?><a>€</a>", 'windows-1252', 'xml'],
    ['no declaration, valid UTF-8', utf8Page, 'text/html', '<p>Les forces armées françaises — « opération » à Gao</p>', 'utf-8', 'default'],
    ['no declaration, invalid UTF-8 → windows-1252', bytes('<p>L', [0x92], 'arm', [0xe9], 'e fran', [0xe7], 'aise ', [0x85], '</p>'), 'text/html',
      '<p>L’armée française …</p>', 'windows-1252', 'sniffed'],
    ['empty body', Buffer.alloc(0), null, '', 'utf-8', 'default'],
    // Wrong declarations (issue 6, hostile input): the bytes contradict the label.
    ['header utf-8 over latin1 bytes, meta tells the truth',
      bytes('<meta charset="iso-8859-1"><p>S', [0xe9], 'n', [0xe9], 'gal</p>'), 'text/html; charset=UTF-8',
      '<meta charset="iso-8859-1"><p>Sénégal</p>', 'windows-1252', 'meta'],
    ['header utf-8 over windows-1252 bytes, nothing else declared',
      bytes('<p>L', [0x92], 'arm', [0xe9], 'e</p>'), 'text/html; charset=utf-8', '<p>L’armée</p>', 'windows-1252', 'sniffed'],
    ['header iso-8859-1 over valid UTF-8 accents', Buffer.from('<p>Côte d’Ivoire</p>', 'utf8'), 'text/html; charset=ISO-8859-1',
      '<p>Côte d’Ivoire</p>', 'utf-8', 'sniffed'],
    ['header iso-8859-1 over plain ASCII is kept', Buffer.from('<p>Mali</p>'), 'text/html; charset=ISO-8859-1',
      '<p>Mali</p>', 'windows-1252', 'header'],
  ];
  it.each(cases)('%s', (_name, body, contentType, text, charset, source) => {
    const decoded = decodeBody(body, contentType);
    expect(decoded).toMatchObject({ text, charset, source });
  });

  it('falls back on an unknown label and says which label it ignored', () => {
    const decoded = decodeBody(Buffer.from('Sécurité', 'utf8'), 'text/html; charset=x-klingon');
    expect(decoded.text).toBe('Sécurité');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.unknownLabel).toBe('x-klingon');
  });

  it('an unknown header label lets the meta decide', () => {
    const decoded = decodeBody(bytes('<meta charset="iso-8859-15"><p>', [0xa4], '</p>'), 'text/html; charset=bogus');
    expect(decoded).toMatchObject({ charset: 'iso-8859-15', source: 'meta', unknownLabel: 'bogus' });
    expect(decoded.text).toContain('<p>€</p>');
  });

  it('a meta declaring UTF-16 in ASCII bytes means UTF-8', () => {
    expect(decodeBody(Buffer.from('<meta charset="utf-16"><p>été</p>', 'utf8'), null)).toMatchObject({ charset: 'utf-8', source: 'meta' });
  });
});

describe('label parsing', () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/html;charset="iso-8859-1"', 'iso-8859-1'],
    ['application/xml; Charset = windows-1252 ; foo=bar', 'windows-1252'],
    ['text/html', null],
    [null, null],
  ])('charsetFromContentType(%s) → %s', (header, label) => {
    expect(charsetFromContentType(header)).toBe(label);
  });

  it.each([
    ['UTF8', 'utf-8'],
    [' Latin1 ', 'windows-1252'],
    ['ISO_8859-1', 'windows-1252'],
    ['ascii', 'windows-1252'],
    ['ISO-8859-15', 'iso-8859-15'],
    ['gb2312', 'gbk'],
    ['x-unknown', null],
  ])('normalizeCharsetLabel(%s) → %s', (label, name) => {
    expect(normalizeCharsetLabel(label)).toBe(name);
  });

  it('finds an XML declaration only at the start', () => {
    expect(charsetFromXmlDeclaration(Buffer.from('<?xml version="1.0" encoding="iso-8859-15"?><x/>'))).toBe('iso-8859-15');
    expect(charsetFromXmlDeclaration(Buffer.from('<x><?xml version="1.0" encoding="iso-8859-15"?></x>'))).toBeNull();
  });

  it('looks for a meta only in the first 4 KB', () => {
    const late = Buffer.from(`<html>${' '.repeat(5000)}<meta charset="windows-1252">`);
    expect(charsetFromMeta(late)).toBeNull();
  });
});
