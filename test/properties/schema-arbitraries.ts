/**
 * fast-check arbitraries derived from the JSON Schemas of the OpenAPI document: valid values,
 * boundary values around every declared limit, hostile strings, and values of the wrong type.
 */
import fc from 'fast-check';
import { type JsonSchema, typesOf } from './openapi-document.ts';
import { anyString, validString } from './string-arbitraries.ts';

/** A JSON fragment sent verbatim, for numbers `JSON.stringify` cannot write (1e400, 1.50, -0). */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of `value`, with every RawJson spliced in as written. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const replacer = (_key: string, inner: unknown) =>
    inner instanceof RawJson ? `\u0000raw${raws.push(inner.text) - 1}\u0000` : inner;
  const text = JSON.stringify(value, replacer) ?? '';
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_match, index) => raws[Number(index)] ?? '');
}

/** A form body from an object: arrays repeat the key, everything else is stringified. */
export function toFormText(value: unknown): string {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) {
    return String(value instanceof RawJson ? value.text : value);
  }
  const form = new URLSearchParams();
  for (const [key, field] of Object.entries(value)) {
    for (const part of Array.isArray(field) ? field : [field]) {
      form.append(key, part instanceof RawJson ? part.text : String(part));
    }
  }
  return form.toString();
}

const NUMBER_EDGES = [
  0,
  -0,
  -1,
  0.001,
  0.01,
  0.1 + 0.2,
  1.005,
  19.999,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MAX_VALUE,
];

const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '1.005',
  '1.50',
  '1E2',
  '-0',
  '0.000000001',
  '123456789012345678901234567890',
  '9999999999.99',
  '9999999999.995',
  '1e-7',
].map((text) => new RawJson(text));

function numberRange(schema: JsonSchema) {
  const low = schema.minimum ?? schema.exclusiveMinimum ?? -(2 ** 31);
  const high = schema.maximum ?? schema.exclusiveMaximum ?? 2 ** 31 - 1;
  const inRange = (n: number) =>
    (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
    (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum);
  return { low, high, inRange };
}

/** Numbers the schema allows: multiples of its multipleOf, else at most two decimals. */
function validNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const { low, high, inRange } = numberRange(schema);
  if (integer) return fc.integer({ min: Math.ceil(low), max: Math.floor(high) }).filter(inRange);
  if (schema.multipleOf !== undefined) {
    // k steps of multipleOf, computed in integers so 1999 × 0.01 is 19.99 and not 19.990000000000002.
    const decimals = String(schema.multipleOf).split('.')[1]?.length ?? 0;
    const scale = 10 ** decimals;
    const step = Math.round(schema.multipleOf * scale);
    const steps = (n: number) => n * (scale / step);
    return fc
      .oneof(
        fc.integer({ min: Math.ceil(steps(low)), max: Math.ceil(steps(low)) + 100_000 }),
        fc.integer({ min: Math.ceil(steps(low)), max: Math.floor(steps(high)) }),
        fc.constant(Math.ceil(steps(high)) - 1),
      )
      .map((k) => (k * step) / scale)
      .filter((n) => n >= low && n <= high && inRange(n));
  }
  return fc
    .oneof(
      fc.integer({ min: 1, max: 99_999 }).map((cents) => cents / 100),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((n) => (n % 1e12) / 100),
    )
    .filter(inRange);
}

function anyNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const { low, high } = numberRange(schema);
  const limits = [low, high].flatMap((n) => [n - 1, n - 0.01, n, n + 0.01, n + 1]);
  return fc.oneof(
    { weight: 6, arbitrary: validNumber(schema, integer) },
    { weight: 2, arbitrary: fc.double({ min: low, max: high, noNaN: true }) },
    { weight: 3, arbitrary: fc.constantFrom(...limits, ...NUMBER_EDGES) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS) },
  );
}

/** Values of every JSON type, tagged with it, so a schema can take those it does not declare. */
const TYPED_VALUES: [string, fc.Arbitrary<unknown>][] = [
  ['string', fc.constantFrom('', '1', '12.50', 'NaN', '1e400', 'true', 'null', 'x')],
  ['number', fc.constantFrom(0, 1, -1, 1.5, 2 ** 31, 1e21)],
  ['boolean', fc.boolean()],
  ['null', fc.constant(null)],
  ['array', fc.constantFrom([], ['a'], [1, 2], [[]], [null])],
  ['object', fc.constantFrom({}, { $gt: '' }, { value: 'x' }, { a: { b: { c: [] } } })],
];

function wrongTypeArb(schema: JsonSchema): fc.Arbitrary<unknown> {
  const declared = typesOf(schema).map((type) => (type === 'integer' ? 'number' : type));
  const others = TYPED_VALUES.filter(([type]) => !declared.includes(type)).map(([, arb]) => arb);
  return others.length > 0 ? fc.oneof(...others) : fc.jsonValue({ maxDepth: 2 });
}

/** Values the schema allows, by type (enum, string, number, boolean, null). */
export function validArb(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = typesOf(schema).flatMap((type): fc.Arbitrary<unknown>[] => {
    if (type === 'string') return [validString(schema)];
    if (type === 'integer' || type === 'number') return [validNumber(schema, type === 'integer')];
    if (type === 'boolean') return [fc.boolean()];
    if (type === 'null') return [fc.constant(null)];
    return [];
  });
  return options.length > 0 ? fc.oneof(...options) : fc.jsonValue({ maxDepth: 2 });
}

/** Any value for a field of this schema: valid, at a boundary, hostile, or of the wrong type. */
export function fieldArb(schema: JsonSchema): fc.Arbitrary<unknown> {
  const inType = typesOf(schema).flatMap((type): fc.Arbitrary<unknown>[] => {
    if (schema.enum) return [fc.constantFrom(...schema.enum)];
    if (type === 'string') return [anyString(schema)];
    if (type === 'integer' || type === 'number') return [anyNumber(schema, type === 'integer')];
    if (type === 'boolean') return [fc.boolean()];
    if (type === 'null') return [fc.constant(null)];
    return [];
  });
  return fc.oneof(
    { weight: 8, arbitrary: inType.length > 0 ? fc.oneof(...inType) : validArb(schema) },
    { weight: 1, arbitrary: wrongTypeArb(schema) },
  );
}

/** Fields a client must never be able to set, plus a few that do not exist at all. */
const FORBIDDEN_FIELDS = [
  'id',
  'owner_id',
  'hashed_password',
  'is_superuser',
  'items',
  'created_at',
  'updated_at',
  'last_login',
];

const extraFieldsArb = fc.dictionary(
  fc.oneof(fc.constantFrom(...FORBIDDEN_FIELDS), fc.string({ minLength: 1, maxLength: 12 })),
  fc.oneof(fc.constantFrom(1, 0, -1, 'x', true, null), fc.jsonValue({ maxDepth: 2 })),
  { maxKeys: 3 },
);

const NOT_OBJECTS = fc.constantFrom([], [{}], 'x', 1, null, true);

/**
 * A body for an object schema, in equal parts: every field independently valid or hostile
 * (required ones now and then missing); valid but for one field; and valid throughout. Extra
 * unknown or forbidden fields come along often, and now and then the body is not an object.
 * `favoured` values (e.g. real credentials) are mixed into their field's valid values.
 */
export function bodyArb(
  schema: JsonSchema,
  favoured: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const withFavourite = (key: string, arbitrary: fc.Arbitrary<unknown>) => {
    const favourite = favoured[key];
    return favourite ? fc.oneof({ weight: 4, arbitrary: favourite }, arbitrary) : arbitrary;
  };
  const anyFields = () => {
    const entries = properties.map(([key, field]) => {
      const entry = withFavourite(key, fieldArb(field)).map((value) => [key, value] as const);
      const weight = required.has(key) ? 12 : 1;
      return fc.oneof({ weight, arbitrary: entry }, fc.constant(undefined));
    });
    return fc.tuple(fc.tuple(...entries), fc.option(extraFieldsArb, { freq: 3 })).map(
      ([fields, extra]): Record<string, unknown> => ({
        ...(extra ?? {}),
        ...Object.fromEntries(fields.filter((entry) => entry !== undefined)),
      }),
    );
  };
  const valid = validBodyArb(schema, favoured);
  const oneBadField = properties.map(([key, field]) =>
    fieldArb(field).map((value) => [key, value] as const),
  );
  const validButOne =
    oneBadField.length === 0
      ? valid
      : fc
          .tuple(valid, fc.oneof(...oneBadField))
          .map(([body, [key, value]]) => ({ ...body, [key]: value }));
  return fc.oneof(
    { weight: 6, arbitrary: anyFields() },
    { weight: 6, arbitrary: validButOne },
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: NOT_OBJECTS },
  );
}

/** Bodies the schema allows: every required field, any optional ones, unknown extras. */
export function validBodyArb(
  schema: JsonSchema,
  favoured: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {}).filter(
    ([, field]) => !matchesNothing(field),
  );
  const required = new Set(schema.required ?? []);
  const declared = new Set(Object.keys(schema.properties ?? {}));
  const entries = properties.map(([key, field]) => {
    const favourite = favoured[key];
    const value = favourite ? fc.oneof(favourite, validArb(field)) : validArb(field);
    const entry = value.map((inner) => [key, inner] as const);
    return required.has(key) ? entry : fc.option(entry, { nil: undefined });
  });
  return fc
    .tuple(fc.tuple(...entries), fc.option(extraFieldsArb, { freq: 3 }))
    .map(([fields, extra]) => ({
      ...Object.fromEntries(Object.entries(extra ?? {}).filter(([key]) => !declared.has(key))),
      ...Object.fromEntries(fields.filter((entry) => entry !== undefined)),
    }));
}

function matchesNothing(schema: JsonSchema): boolean {
  return schema.not !== undefined && Object.keys(schema.not).length === 0;
}

/** Now and then one of `values` (a username already taken, say), otherwise a valid value. */
function sometimes(schema: JsonSchema | undefined, values: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constantFrom(...values), {
    weight: 3,
    arbitrary: validArb(schema ?? {}),
  });
}

/** A body that now and then reuses another account's username or (differently cased) email. */
export function conflictingBodyArb(
  schema: JsonSchema,
  taken: { username: string; email: string },
): fc.Arbitrary<unknown> {
  const { username, email } = schema.properties ?? {};
  return bodyArb(schema, {
    username: sometimes(username, [taken.username]),
    email: sometimes(email, [taken.email, taken.email.toUpperCase()]),
  });
}
