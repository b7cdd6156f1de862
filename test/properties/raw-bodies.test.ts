/**
 * Every operation that takes a body, sent bodies no schema describes (broken JSON, JSON that is
 * not an object, odd bytes) under every kind of Content-Type: the answer is the 4xx the HTTP
 * contract names for that case, and a rejected request changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createItem, signUp } from '../helpers/factories.ts';
import { describeRequest, sendChecked } from './contract.ts';
import { loadOperations, type Operation } from './openapi-document.ts';
import { rawBodyArb } from './request-arbitraries.ts';
import { BOUND_AUTH, bind, placeholder, readMe } from './state.ts';

const NUM_RUNS = 30;
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** RFC 9110: `type/subtype *( OWS ";" OWS [ name=value ] )`, values tokens or quoted strings. */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(
  `^(${TOKEN}/${TOKEN})[ \t]*((?:;[ \t]*(?:${TOKEN}=(?:${TOKEN}|"[^"]*"))?[ \t]*)*)$`,
);
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

const operations = await loadOperations();
const withBodies = operations.filter((operation) => operation.body !== undefined);

/** What the Fetch standard's body.json() reads: UTF-8 with a leading BOM dropped. */
function parseLikeFetch(body: string | Uint8Array): { ok: true; value: unknown } | { ok: false } {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/** The status the HTTP contract fixes for this body, or undefined when validation decides. */
function expectedStatus(operation: Operation, body: string | Uint8Array, contentType: string) {
  const size = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
  if (size > MAX_BODY_BYTES) return 413;
  const match = MEDIA_TYPE.exec(contentType);
  if (!match) return 415;
  const [, mediaType = '', parameters = ''] = match;
  const charset = /;[ \t]*charset=("?)([^";]*)\1/i.exec(parameters)?.[2];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') return 415;
  const documented = Object.keys(operation.body?.content ?? {});
  if (mediaType.toLowerCase() === FORM_MEDIA_TYPE && documented.includes(FORM_MEDIA_TYPE)) {
    return undefined;
  }
  if (!JSON_MEDIA_TYPE.test(mediaType)) return 415;
  const parsed = parseLikeFetch(body);
  if (!parsed.ok) return 400;
  const { value } = parsed;
  return value === null || typeof value !== 'object' || Array.isArray(value) ? 422 : undefined;
}

describe.each(withBodies.map((operation) => [`${operation.method} ${operation.path}`, operation]))(
  'hostile input: raw bodies to %s',
  (_name, operation) => {
    it('answers 413, 415, 400 or 422 as the contract says, and writes nothing', async () => {
      const subject = await signUp();
      const item = await createItem(subject);
      // Valid ids and token: the body is the only thing wrong with these requests.
      const values = { user_id: subject.user.id, item_id: item.id, token: subject.token };
      const path = operation.pathParams.reduce(
        (template, { name }) => template.replace(`{${name}}`, placeholder(name)),
        operation.path,
      );
      let before = await readMe(subject.auth);

      await fc.assert(
        fc.asyncProperty(rawBodyArb, async (raw) => {
          const headers: Record<string, string> = { ...BOUND_AUTH };
          if (raw.contentType !== null) headers['Content-Type'] = raw.contentType;
          const generated = { method: operation.method, url: path, headers, body: raw.body };
          const hostile = bind(generated, values);
          const { status } = await sendChecked(hostile);
          const context = `${describeRequest(hostile)} → ${status}`;
          const expected = expectedStatus(operation, raw.body, raw.contentType ?? '');
          if (expected !== undefined) expect(status, context).toBe(expected);
          const after = await readMe(subject.auth);
          if (status >= 400) expect(after, `account after: ${context}`).toEqual(before);
          before = after;
        }),
        { numRuns: NUM_RUNS },
      );
    });
  },
);
