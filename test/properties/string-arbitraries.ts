/** Strings for a string schema: valid ones, ones at each length limit, and hostile ones. */
import fc from 'fast-check';
import type { JsonSchema } from './openapi-document.ts';

/** Strings that broke other systems: control characters, bidi, combining marks, lone surrogates. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'ok\u0000',
  '\u0001\u0002\u001b[31m\u001f\u007f',
  '\t\n\r\v\f',
  '\u2028\u2029\u0085',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  'שלום عالم',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z\u0364\u0351\u0307\u0313\u0324\u0354',
  '\u200b\u200d\ufeff',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\u{10ffff}\u{e0001}',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '%00',
  '%s%n%x',
  '<script>alert(1)</script>',
  '\u0024{7*7}{{7*7}}',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  '1e400',
  '-0',
  '12.50',
];

/** Characters slipped into otherwise valid text, so only the character rules can refuse it. */
const INJECTED = ['\u0000', '\u0001', '\u007f', '\ud800', '\udc00', '\u202e', '\u0301', '\ufeff'];

/** Very long strings, rarely one over the 1 MiB body limit once UTF-8 encoded. */
const LONG_STRINGS = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('x'.repeat(10_000), '😀'.repeat(5_000), 'a\u0000'.repeat(3_000)),
  },
  { weight: 1, arbitrary: fc.constant('€'.repeat(400_000)) },
);

/** One UTF-16 unit each: a length limit counted in characters holds for these as for ASCII. */
const TEXT_UNITS = fc.constantFrom(..."abcxyzABZ019 _-.'!?éßшж中文ا".split(''));

const LABEL = fc.string({
  unit: fc.constantFrom(...'abcxyz0189'.split('')),
  minLength: 1,
  maxLength: 12,
});
const LOCAL_PART = fc
  .array(
    fc.string({
      unit: fc.constantFrom(...'abcxyzAZ019_+-'.split('')),
      minLength: 1,
      maxLength: 10,
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((parts) => parts.join('.'));

/** Addresses every reasonable validator accepts. */
const EMAILS = fc
  .tuple(
    LOCAL_PART,
    fc.array(LABEL, { minLength: 1, maxLength: 2 }),
    fc.constantFrom('com', 'org', 'io', 'example'),
  )
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

/** Characters outside the BMP (two UTF-16 units, one character) and other wide ones. */
const WIDE_UNITS = fc.constantFrom('😀', '𝔘', '𠜎', 'é', '中', '€', 'a');

/** Code points, as JSON Schema's minLength and maxLength count them. */
export function characterCount(text: string): number {
  return [...text].length;
}

/** The schema's pattern, compiled as JSON Schema 2020-12 asks (the `u` flag). */
export function patternOf(schema: JsonSchema): RegExp | undefined {
  return schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
}

/**
 * Strings the schema allows: within the length limits (in characters, astral ones included) and
 * matching its pattern. A pattern that only forbids characters (`^[^…]*$`) also gets the plain
 * text generators, filtered; any other pattern is generated from (fc.stringMatching).
 */
export function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  const pattern = patternOf(schema);
  const fits = (text: string) =>
    characterCount(text) >= min &&
    characterCount(text) <= max &&
    (pattern === undefined || pattern.test(text));
  const matching = pattern ? [fc.stringMatching(pattern).filter(fits)] : [];
  if (schema.format === 'email') {
    return fc.oneof(EMAILS.filter(fits), ...matching);
  }
  if (pattern && !schema.pattern?.startsWith('^[^')) return matching[0] as fc.Arbitrary<string>;
  const plain = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.string({
        unit: 'grapheme-ascii',
        minLength: min,
        maxLength: Math.min(max, min + 30),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.string({
        unit: TEXT_UNITS,
        minLength: min,
        maxLength: Math.min(max, min + 20),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: TEXT_UNITS, minLength: Math.max(min, max - 2), maxLength: max }),
    },
    {
      weight: 1,
      arbitrary: fc.string({ unit: WIDE_UNITS, minLength: Math.max(min, max - 2), maxLength: max }),
    },
  );
  return fc.oneof({ weight: 4, arbitrary: plain.filter(fits) }, ...matching);
}

/** Any string for the schema: valid, at a length limit, with one bad character, or hostile. */
export function anyString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  const lengths = [min - 1, min, min + 1, max - 1, max, max + 1].filter((n) => n >= 0);
  const unit = fc.constantFrom('a', 'é', 'e\u0301', '😀', ' ', '\u0000', 'ß', 'İ');
  const atLength = fc.tuple(fc.constantFrom(...lengths), unit).map(([n, u]) => u.repeat(n));
  const boundary =
    schema.format === 'email'
      ? fc.oneof(
          atLength,
          fc.constantFrom(max - 1, max, max + 1).map((n) => `${'a'.repeat(n - 12)}@example.com`),
          fc.constantFrom(
            'a@b',
            '@example.com',
            'a@',
            'a b@example.com',
            'A@EXAMPLE.COM',
            'a..b@x.io',
          ),
          fc.emailAddress(),
        )
      : atLength;
  const injected = fc
    .tuple(validString(schema), fc.constantFrom(...INJECTED), fc.nat())
    .map(([text, char, at]) => {
      const index = at % (text.length + 1);
      return `${text.slice(0, index)}${char}${text.slice(index + 1)}`;
    });
  return fc.oneof(
    { weight: 8, arbitrary: validString(schema) },
    { weight: 4, arbitrary: injected },
    { weight: 4, arbitrary: boundary },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: LONG_STRINGS },
  );
}
