/** Path and query parameters as raw URL text, derived from each parameter's schema. */
import fc from 'fast-check';
import type { JsonSchema, Operation, Parameter } from './openapi-document.ts';

/** Written into the URL as is: malformed or meaningful percent-encodings. */
const RAW_SEGMENTS = ['%00', '%2F', '%2e%2e', '%zz', '%', '%E0%A4%A', '%C0%AE', '%u0031', '1%00'];

/** Integer-looking text that is not a plain positive decimal, and other traps. */
const TRICKY_TEXT = [
  '0',
  '-1',
  '-0',
  '1.5',
  '1.0',
  '1e3',
  '1E3',
  '+1',
  ' 1',
  '1 ',
  '01',
  '0x10',
  '0b1',
  '1_000',
  '１',
  '١٢',
  '2147483647',
  '2147483648',
  '4294967297',
  '-2147483649',
  '9'.repeat(400),
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'me',
  '[]',
  '{}',
  '😀',
  'שלום',
  '\u0000',
  "1' OR '1'='1",
];

/** encodeURIComponent, which throws on lone surrogates; those go out as U+FFFD instead. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

function integerText(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minimum ?? 0;
  const max = schema.maximum ?? 2 ** 31 - 1;
  return fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min, max }).map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(min - 1, min, min + 1, max - 1, max, max + 1).map(String),
    },
  );
}

/**
 * One parameter's value as URL text: `known` values (ids of real rows) are favoured so requests
 * reach the handlers, then valid and boundary numbers, tricky text and random strings.
 */
function parameterText(
  parameter: Parameter,
  known: string[] = [],
  knownWeight = 6,
): fc.Arbitrary<string> {
  const arbitraries: fc.WeightedArbitrary<string>[] = [
    { weight: 6, arbitrary: integerText(parameter.schema) },
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY_TEXT).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encode) },
  ];
  if (known.length > 0) {
    arbitraries.push({ weight: knownWeight, arbitrary: fc.constantFrom(...known) });
  }
  return fc.oneof(...arbitraries);
}

export function pathArb(
  operation: Operation,
  known: Record<string, string[]> = {},
  knownWeight?: number,
): fc.Arbitrary<string> {
  return fillPath(operation, (parameter) =>
    parameterText(parameter, known[parameter.name], knownWeight),
  );
}

/** The operation's path with each `{parameter}` replaced by a text from `textOf`. */
function fillPath(
  operation: Operation,
  textOf: (parameter: Parameter) => fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  const values = operation.pathParams.map((parameter) =>
    textOf(parameter).map((text) => [parameter.name, text] as const),
  );
  return fc
    .tuple(...values)
    .map((pairs) =>
      pairs.reduce((path, [name, text]) => path.replace(`{${name}}`, text), operation.path),
    );
}

/** `?…` with each query parameter absent, present, repeated or empty, plus unknown parameters. */
export function queryArb(operation: Operation): fc.Arbitrary<string> {
  const pairs = operation.queryParams.map((parameter) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as string[]) },
      {
        weight: 6,
        arbitrary: parameterText(parameter).map((text) => [`${parameter.name}=${text}`]),
      },
      { weight: 1, arbitrary: fc.constant([`${parameter.name}=`, `${parameter.name}`]) },
      {
        weight: 1,
        arbitrary: fc
          .array(parameterText(parameter), { minLength: 2, maxLength: 3 })
          .map((texts) => texts.map((text) => `${parameter.name}=${text}`)),
      },
    ),
  );
  const unknown = fc.option(
    fc.constantFrom('id=1', 'owner_id=1', 'skip[]=1', 'limit[a]=2', '__proto__=x', '&&', '='),
    { freq: 4 },
  );
  return fc.tuple(fc.tuple(...pairs), unknown).map(([lists, extra]) => {
    const parts = [...lists.flat(), ...(extra === null ? [] : [extra])];
    return parts.length === 0 ? '' : `?${parts.join('&')}`;
  });
}

/** A path with every parameter a valid integer: a known id (a real row) or any in range. */
export function validPathArb(
  operation: Operation,
  known: Record<string, string[]> = {},
): fc.Arbitrary<string> {
  return fillPath(operation, (parameter) => {
    const ids = known[parameter.name] ?? [];
    const inRange = fc
      .integer({ min: parameter.schema.minimum ?? 1, max: parameter.schema.maximum ?? 2 ** 31 - 1 })
      .map(String);
    return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), inRange) : inRange;
  });
}

/**
 * A query of valid values. `skip` and `after` are never sent together: the one rule across
 * parameters that a schema cannot say (the document says it in `after`'s description).
 */
export function validQueryArb(operation: Operation): fc.Arbitrary<string> {
  const pairs = operation.queryParams.map((parameter) =>
    fc.option(
      fc
        .integer({
          min: parameter.schema.minimum ?? 0,
          max: parameter.schema.maximum ?? 2 ** 31 - 1,
        })
        .map((value) => `${parameter.name}=${value}`),
      { nil: undefined },
    ),
  );
  return fc.tuple(...pairs).map((parts) => {
    const sent = parts.filter((part) => part !== undefined);
    const query = sent.some((part) => part.startsWith('skip='))
      ? sent.filter((part) => !part.startsWith('after='))
      : sent;
    return query.length === 0 ? '' : `?${query.join('&')}`;
  });
}
