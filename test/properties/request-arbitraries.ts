/** Whole requests for one documented operation: path, query, authorization, media type and body. */
import fc from 'fast-check';
import type { HostileRequest } from './contract.ts';
import type { JsonSchema, Operation } from './openapi-document.ts';
import { pathArb, queryArb, validPathArb, validQueryArb } from './parameter-arbitraries.ts';
import { bodyArb, toFormText, toJsonText, validBodyArb } from './schema-arbitraries.ts';

interface RequestOptions {
  /** Values of real rows per path parameter name, e.g. `{ item_id: ['12'] }`. */
  known?: Record<string, string[]>;
  /** How strongly the known values are favoured over generated ones (6 of 18 by default). */
  knownWeight?: number;
  /** Authorization headers to choose from (a valid one and refused ones). */
  authorization: fc.Arbitrary<Record<string, string>>;
  /** Replaces the body generator, e.g. to favour real credentials or taken usernames. */
  body?: (schema: JsonSchema) => fc.Arbitrary<unknown>;
}

interface EncodedBody {
  contentType?: string;
  text?: string;
}

function encodeBody(mediaType: string, value: unknown): EncodedBody {
  const form = mediaType === 'application/x-www-form-urlencoded';
  return { contentType: mediaType, text: form ? toFormText(value) : toJsonText(value) };
}

/** A body for one of the documented media types; rarely none at all. */
function documentedBodyArb(
  content: Record<string, JsonSchema>,
  generate: (schema: JsonSchema) => fc.Arbitrary<unknown> = bodyArb,
): fc.Arbitrary<EncodedBody> {
  const encoded = Object.entries(content).map(([mediaType, schema]) =>
    generate(schema).map((value) => encodeBody(mediaType, value)),
  );
  return fc.oneof(
    { weight: 15, arbitrary: fc.oneof(...encoded) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

export function requestArb(
  operation: Operation,
  options: RequestOptions,
): fc.Arbitrary<HostileRequest> {
  const body = operation.body
    ? documentedBodyArb(operation.body.content, options.body)
    : fc.constant<EncodedBody>({});
  const authorization = operation.secured
    ? options.authorization
    : fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, options.authorization);
  return fc
    .record({
      path: pathArb(operation, options.known, options.knownWeight),
      query: queryArb(operation),
      authorization,
      body,
    })
    .map(({ path, query, authorization, body }) => {
      const headers: Record<string, string> = { ...authorization };
      if (body.contentType) headers['Content-Type'] = body.contentType;
      return { method: operation.method, url: path + query, headers, body: body.text };
    });
}

/**
 * A request the document says is valid: parameters within their schemas (`known` ids favoured),
 * a body of every required field for one of the documented media types, and `authorization`.
 * `body` may change one field after the fact, to make it invalid.
 */
export function validRequestArb(
  operation: Operation,
  options: {
    known: Record<string, string[]>;
    authorization: Record<string, string>;
    body?: (schema: JsonSchema) => fc.Arbitrary<unknown>;
  },
): fc.Arbitrary<HostileRequest> {
  const generate = options.body ?? validBodyArb;
  const bodies = Object.entries(operation.body?.content ?? {}).map(([mediaType, schema]) =>
    generate(schema).map((value) => encodeBody(mediaType, value)),
  );
  const body = bodies.length > 0 ? fc.oneof(...bodies) : fc.constant<EncodedBody>({});
  return fc
    .record({
      path: validPathArb(operation, options.known),
      query: validQueryArb(operation),
      body,
    })
    .map(({ path, query, body }) => {
      const headers: Record<string, string> = { ...options.authorization };
      if (body.contentType) headers['Content-Type'] = body.contentType;
      return { method: operation.method, url: path + query, headers, body: body.text };
    });
}

/** Bodies no schema describes: broken JSON, JSON that is not an object, odd encodings. */
const RAW_TEXTS = [
  '',
  ' ',
  '{',
  '}',
  '{"title":',
  '{"title": "x",}',
  "{'title': 'x'}",
  '{title: "x"}',
  '{"title":"a"}garbage',
  '{"title":"a"}{"title":"b"}',
  '[]',
  '[{}]',
  '"x"',
  '1',
  '-1',
  'null',
  'true',
  'NaN',
  'undefined',
  '\ufeff{}',
  '{"title":"a","title":"b","title":null}',
  '{"__proto__": {"is_active": false, "owner_id": 1}, "constructor": {"prototype": {"x": 1}}}',
  '{"price": 1e400, "title": "t"}',
  '{"price": -1e400}',
  '{"title": "\\u0000"}',
  '{"title": "\\ud800"}',
  '{"title": "a\\u0000b", "username": "\\u0000\\u0000\\u0000"}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  `{"title": "${'x'.repeat(1_100_000)}"}`,
];

const RAW_BYTES = [
  new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
  new Uint8Array([0x00]),
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/problem+json',
  'application/json;',
  'application/json ; charset=utf-8',
  'application/json;charset="UTF-8"',
  'application/json;;',
  'Application/Json; Charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset',
  'application/json, text/plain',
  'application/jsonx',
  'json',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
];

export const rawBodyArb = fc.record({
  body: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<string | Uint8Array>(...RAW_TEXTS) },
    { weight: 1, arbitrary: fc.constantFrom<string | Uint8Array>(...RAW_BYTES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  ),
  contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 8 }),
});
