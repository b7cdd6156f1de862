/**
 * Neon's reading of Postgres text as JSON (json.rs `pg_text_to_json`), for requests that do not
 * send `Neon-Raw-Text-Output: true`. The driver always sends it; raw HTTP clients may not.
 */

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const FLOAT4 = 700;
const FLOAT8 = 701;
const JSON_TYPE = 114;
const JSONB = 3802;

/** Array types whose elements are converted; elements of the other arrays stay text. */
const typedArrays = new Map([
  [1000, BOOL],
  [1005, INT2],
  [1007, INT4],
  [1021, FLOAT4],
  [1022, FLOAT8],
  [199, JSON_TYPE],
  [3807, JSONB],
]);

/** Postgres's built-in array types (typcategory 'A'), less the space-separated int2/oidvector. */
const textArrays = new Set(
  `143 210 270 271 272 273 629 651 719 775 791 1001 1002 1003 1006 1008 1009 1010 1011 1012 1013
  1014 1015 1016 1017 1018 1019 1020 1027 1028 1034 1040 1041 1115 1182 1183 1185 1187 1231 1263
  1270 1561 1563 2201 2207 2208 2209 2210 2211 2949 2951 3221 3643 3644 3645 3735 3770 3905 3907
  3909 3911 3913 3927 4073 4090 4097 4192 5039 6150 6151 6152 6153 6155 6157`
    .split(/\s+/)
    .map(Number),
);

export function pgTextToJson(text: string, type: number): unknown {
  const element = typedArrays.get(type) ?? (textArrays.has(type) ? 0 : undefined);
  if (element !== undefined) return new ArrayText(text, element).parse();
  return scalar(text, type);
}

function scalar(text: string, type: number): unknown {
  if (type === BOOL) return text === 't';
  if (type === INT2 || type === INT4) return Number(text);
  if (type === FLOAT4 || type === FLOAT8) {
    const value = Number(text);
    // JSON has no NaN or Infinity; Neon passes them on as strings.
    return Number.isFinite(value) ? value : text;
  }
  if (type === JSON_TYPE || type === JSONB) return JSON.parse(text);
  return text;
}

/** Postgres's array output: `{1,NULL,"a \"b\""}`, nested, maybe after `[1:2]=` bounds. */
class ArrayText {
  private at = 0;
  private readonly text: string;
  private readonly element: number;

  constructor(text: string, element: number) {
    this.text = text;
    this.element = element;
    if (text.startsWith('[')) this.at = text.indexOf('=') + 1;
  }

  parse(): unknown[] {
    this.expect('{');
    const items: unknown[] = [];
    if (this.peek() === '}') this.at += 1;
    else {
      for (;;) {
        items.push(this.item());
        const next = this.peek();
        this.at += 1;
        if (next === '}') break;
        if (next !== ',') throw new Error('unbalanced array');
      }
    }
    return items;
  }

  private item(): unknown {
    if (this.peek() === '{') return this.parse();
    if (this.peek() === '"') {
      let value = '';
      for (this.at += 1; this.text[this.at] !== '"'; this.at += 1) {
        if (this.text[this.at] === '\\') this.at += 1;
        if (this.at >= this.text.length) throw new Error('unbalanced quoted string');
        value += this.text[this.at];
      }
      this.at += 1;
      return scalar(value, this.element);
    }
    const end = this.text.slice(this.at).search(/[,}]/);
    if (end < 0) throw new Error('unbalanced array');
    const value = this.text.slice(this.at, this.at + end).trim();
    this.at += end;
    return value === 'NULL' ? null : scalar(value, this.element);
  }

  private peek(): string | undefined {
    while (this.text[this.at] === ' ') this.at += 1;
    return this.text[this.at];
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new Error('unbalanced array');
    this.at += 1;
  }
}
