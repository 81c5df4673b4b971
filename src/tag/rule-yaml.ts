// A fast reader for the plain YAML the rule files are written in: block mappings and
// sequences, one-line flow collections ([a, b], { k: v }), plain and quoted scalars and
// comments. The `yaml` library takes about 300 ms to parse the rule files in a fresh process;
// this takes a few. Anything outside that subset (anchors, tags, block scalars, multi-line
// flow collections, duplicate keys…) returns undefined and the loader uses the `yaml` library,
// which also reports errors with their line. tests/unit/tag/rule-yaml.test.ts checks that
// both readers agree on every bundled rule file.

/** Returns the value of a YAML document written in the rule files' subset, or undefined when it uses anything else. */
export function readRuleYaml(text: string): unknown {
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('\t') || line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) return undefined;
    const content = stripComment(line);
    if (content === undefined) return undefined;
    if (content.trim() === '') continue;
    const indent = content.length - content.trimStart().length;
    lines.push({ indent, text: content.trim() });
  }
  if (lines.length === 0) return null;
  try {
    const [value, next] = readBlock(lines, 0, lines[0].indent);
    return next === lines.length ? value : undefined;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

interface Line {
  indent: number;
  text: string;
}

const UNSUPPORTED = new Error('outside the rule-file YAML subset');

function unsupported(): never {
  throw UNSUPPORTED;
}

// Removes a comment (« # » at the start or after a space, outside quotes) and trailing spaces.
function stripComment(line: string): string | undefined {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s[{,:]/.test(line[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      return line.slice(0, i).trimEnd();
    }
  }
  return quote ? undefined : line.trimEnd();
}

function readBlock(lines: Line[], start: number, indent: number): [unknown, number] {
  const first = lines[start];
  if (first.indent !== indent) unsupported();
  return first.text === '-' || first.text.startsWith('- ') ? readSequence(lines, start, indent) : readMapping(lines, start, indent, null);
}

function readSequence(lines: Line[], start: number, indent: number): [unknown[], number] {
  const out: unknown[] = [];
  let i = start;
  while (i < lines.length && lines[i].indent === indent && (lines[i].text === '-' || lines[i].text.startsWith('- '))) {
    const rest = lines[i].text.slice(1).trimStart();
    if (rest === '') {
      if (i + 1 >= lines.length || lines[i + 1].indent <= indent) unsupported();
      const [value, next] = readBlock(lines, i + 1, lines[i + 1].indent);
      out.push(value);
      i = next;
    } else if (splitKey(rest) !== null) {
      // « - id: x » opens a mapping whose other keys line up with « id ».
      const column = indent + (lines[i].text.length - rest.length);
      const [value, next] = readMapping(lines, i, column, rest);
      out.push(value);
      i = next;
    } else {
      out.push(readValue(rest));
      i++;
    }
  }
  if (i < lines.length && lines[i].indent > indent) unsupported();
  return [out, i];
}

function readMapping(lines: Line[], start: number, indent: number, firstEntry: string | null): [Record<string, unknown>, number] {
  const out: Record<string, unknown> = {};
  let i = start;
  let entry: string | null = firstEntry;
  while (entry !== null || (i < lines.length && lines[i].indent === indent)) {
    const text = entry ?? lines[i].text;
    entry = null;
    const kv = splitKey(text);
    if (kv === null) unsupported();
    const [key, rest] = kv;
    if (Object.hasOwn(out, key)) unsupported();
    i++;
    if (rest !== '') {
      out[key] = readValue(rest);
    } else if (i < lines.length && lines[i].indent > indent) {
      const [value, next] = readBlock(lines, i, lines[i].indent);
      out[key] = value;
      i = next;
    } else if (i < lines.length && lines[i].indent === indent && lines[i].text.startsWith('- ')) {
      // A sequence may sit at its key's indentation.
      const [value, next] = readSequence(lines, i, indent);
      out[key] = value;
      i = next;
    } else {
      out[key] = null;
    }
  }
  if (i < lines.length && lines[i].indent > indent) unsupported();
  return [out, i];
}

// « key: rest » with a plain or quoted key; null when the text is not a mapping entry.
function splitKey(text: string): [string, string] | null {
  let key: string;
  let after: number;
  if (text[0] === "'" || text[0] === '"') {
    const s = new Scanner(text, 0);
    key = s.quoted();
    after = s.pos;
    if (text[after] !== ':') return null;
  } else {
    const colon = text.search(/:( |$)/);
    if (colon <= 0) return null;
    key = text.slice(0, colon);
    if (/^[[\]{}&*!|>%@`?,#]/.test(key) || /[[\]{}]/.test(key)) return null;
    after = colon;
  }
  const rest = text.slice(after + 1);
  if (rest !== '' && rest[0] !== ' ') return null;
  return [key, rest.trim()];
}

function readValue(text: string): unknown {
  const s = new Scanner(text, 0);
  const value = s.value(false);
  s.skipSpaces();
  if (s.pos !== text.length) unsupported();
  return value;
}

class Scanner {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  value(inFlow: boolean): unknown {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '[') return this.sequence();
    if (c === '{') return this.mapping();
    if (c === "'" || c === '"') return this.quoted();
    return this.plain(inFlow);
  }

  sequence(): unknown[] {
    const fast = this.plainSequence();
    if (fast !== undefined) return fast;
    const out: unknown[] = [];
    this.pos++;
    this.skipSpaces();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(true));
      this.skipSpaces();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') unsupported();
      this.skipSpaces();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
    }
  }

  // The common case, a flow list of plain words (« [vente, livraison, livré|e] »): cut by one
  // native split. Anything with quotes, brackets, braces or colons takes the scanner.
  private plainSequence(): unknown[] | undefined {
    const end = this.text.indexOf(']', this.pos + 1);
    if (end < 0) return undefined;
    const inner = this.text.slice(this.pos + 1, end);
    if (/['"[\]{}:]/.test(inner)) return undefined;
    const parts = inner.split(',');
    // A trailing comma (« [a, b, ] ») ends the list as in the scanner; an empty list is « [] ».
    if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop();
    else if (parts.length === 1 && parts[0].trim() === '') parts.pop();
    const out: unknown[] = new Array<unknown>(parts.length);
    for (let k = 0; k < parts.length; k++) {
      out[k] = plainScalar(parts[k].trim());
    }
    this.pos = end + 1;
    return out;
  }

  mapping(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipSpaces();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpaces();
      const key = this.text[this.pos] === "'" || this.text[this.pos] === '"' ? this.quoted() : this.plainKey();
      if (this.text[this.pos] !== ':' || Object.hasOwn(out, key)) unsupported();
      this.pos++;
      out[key] = this.value(true);
      this.skipSpaces();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') unsupported();
    }
  }

  quoted(): string {
    const q = this.text[this.pos++];
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) unsupported();
      const c = this.text[this.pos++];
      if (c === q) {
        if (q === "'" && this.text[this.pos] === "'") {
          out += "'";
          this.pos++;
          continue;
        }
        return out;
      }
      if (q === '"' && c === '\\') {
        const e = this.text[this.pos++];
        if (e === '"' || e === '\\' || e === '/') out += e;
        else if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else unsupported();
        continue;
      }
      out += c;
    }
  }

  plainKey(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !/[:,{}[\]]/.test(this.text[this.pos])) this.pos++;
    const key = this.text.slice(start, this.pos).trim();
    if (key === '' || /^[&*!|>%@`?#-]/.test(key)) unsupported();
    return key;
  }

  plain(inFlow: boolean): unknown {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (inFlow && (c === ',' || c === ']' || c === '}')) break;
      // « a: b » inside a flow sequence is a one-pair mapping in YAML: leave it to the library.
      if (c === ':' && (this.pos + 1 >= this.text.length || /[ ,\]}]/.test(this.text[this.pos + 1]))) unsupported();
      if (!inFlow && (c === '[' || c === '{') && this.pos === start) unsupported();
      this.pos++;
    }
    return plainScalar(this.text.slice(start, this.pos).trim());
  }
}

// A plain scalar, refused when it starts with an indicator the scanner leaves to the library.
function plainScalar(raw: string): unknown {
  if (raw === '' || /^[&*!|>%@`?[\]{},#]/.test(raw) || raw.startsWith('- ') || raw === '-') unsupported();
  return resolvePlain(raw);
}

// The YAML 1.2 core schema, as the `yaml` library resolves plain scalars by default.
function resolvePlain(raw: string): unknown {
  // Only null, booleans and numbers resolve to something else, and they start with one of these.
  const first = raw.charCodeAt(0);
  if (first > 0x39 && first !== 0x7e && !'nNtTfF'.includes(raw[0])) return raw;
  if (/^(null|Null|NULL|~)$/.test(raw)) return null;
  if (/^(true|True|TRUE)$/.test(raw)) return true;
  if (/^(false|False|FALSE)$/.test(raw)) return false;
  if (/^[-+]?[0-9]+$/.test(raw)) return Number.parseInt(raw, 10);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(raw)) return Number.parseFloat(raw);
  if (/^(0x|0o|[-+]?\.(inf|Inf|INF)$|\.(nan|NaN|NAN)$)/.test(raw)) unsupported();
  return raw;
}
