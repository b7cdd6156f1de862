/**
 * The document tells the truth about validation, both ways: a request it calls valid is never
 * refused as malformed (only 2xx or a documented business error such as 401, 403, 404 or 409),
 * and a request with one field it calls invalid is a 422 that names that field, once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createItem, signUp } from '../helpers/factories.ts';
import { describeRequest, sendChecked } from './contract.ts';
import { type JsonSchema, loadOperations, type Operation } from './openapi-document.ts';
import { validRequestArb } from './request-arbitraries.ts';
import { fieldArb, validBodyArb } from './schema-arbitraries.ts';
import { allows } from './schema-check.ts';

const NUM_RUNS = 25;

/** What a request the document allows may still be answered: never 400, 413, 415 or 422. */
const MALFORMED = [400, 413, 415, 422];

const operations = await loadOperations();

/** A caller of their own (a run may log out, deactivate or delete them) and rows to point at. */
async function fixtures() {
  const [caller, other] = await Promise.all([signUp(), signUp()]);
  const [ownItem, otherItem] = await Promise.all([createItem(caller), createItem(other)]);
  const known = {
    user_id: [String(caller.user.id), String(other.user.id)],
    item_id: [String(ownItem.id), String(otherItem.id)],
  };
  return { authorization: caller.auth, known };
}

/** Under the 1 MiB body limit (413 comes before validation). */
const fitsInBody = (value: unknown) =>
  new TextEncoder().encode(JSON.stringify(value) ?? '').length < 500_000;

/** A valid body but for one field, which gets a value its schema does not allow. */
function oneInvalidField(schema: JsonSchema) {
  const fields = Object.entries(schema.properties ?? {}).map(([key, field]) =>
    fieldArb(field)
      .filter((value) => !allows(field, value) && fitsInBody(value))
      .map((value) => [key, value] as const),
  );
  return fc
    .tuple(validBodyArb(schema), fc.oneof(...fields))
    .map(([body, [key, value]]) => ({ ...body, [key]: value }));
}

/**
 * The body field a one-invalid-field request broke, judged on what was sent: a form sends only
 * text, so a wrong type arrives as text, an empty list as a missing field, a list as repeats.
 */
function brokenField(operation: Operation, body: string | Uint8Array | undefined): string {
  const sent = typeof body === 'string' ? body : '';
  const schema = Object.values(operation.body?.content ?? {})[0] ?? {};
  const form = new URLSearchParams(sent);
  const fields: Record<string, unknown> = sent.startsWith('{')
    ? (JSON.parse(sent) as Record<string, unknown>)
    : Object.fromEntries([...form.keys()].map((key) => [key, form.getAll(key)]));
  const value = (key: string) => {
    const field = fields[key];
    return !sent.startsWith('{') && Array.isArray(field) && field.length === 1 ? field[0] : field;
  };
  const required = new Set(schema.required ?? []);
  const broken = Object.entries(schema.properties ?? {}).filter(([key, field]) =>
    key in fields ? !allows(field, value(key)) : required.has(key),
  );
  return broken.map(([key]) => `body.${key}`).join(',');
}

/** The one rule across body fields (its description says it): a new password must be new. */
function samePasswords(body: string | Uint8Array | undefined): boolean {
  if (typeof body !== 'string' || !body.startsWith('{')) return false;
  const fields = JSON.parse(body) as Record<string, unknown>;
  return 'new_password' in fields && fields.new_password === fields.current_password;
}

const withInput = operations.filter(
  (operation) => operation.body || operation.pathParams.length + operation.queryParams.length > 0,
);

describe.each(withInput.map((operation) => [`${operation.method} ${operation.path}`, operation]))(
  'the document tells the truth: %s',
  (_name, operation) => {
    it('never answers a request the document calls valid with 400, 413, 415 or 422', async () => {
      const arbitrary = validRequestArb(operation, await fixtures()).filter(
        (request) => !samePasswords(request.body),
      );
      await fc.assert(
        fc.asyncProperty(arbitrary, async (request) => {
          const { status, text } = await sendChecked(request);
          const context = `${describeRequest(request)} → ${status} ${text.slice(0, 300)}`;
          expect(MALFORMED, context).not.toContain(status);
          expect(operation.statuses, context).toContain(status);
        }),
        { numRuns: NUM_RUNS },
      );
    });

    it.skipIf(!operation.body)(
      'answers one field the document calls invalid with a 422 naming it once',
      async () => {
        const arbitrary = validRequestArb(operation, {
          ...(await fixtures()),
          body: oneInvalidField,
        });
        await fc.assert(
          fc.asyncProperty(arbitrary, async (request) => {
            const { status, json, text } = await sendChecked(request);
            const context = `${describeRequest(request)} → ${status} ${text.slice(0, 300)}`;
            const broken = brokenField(operation, request.body);
            // A form sends every value as text: `null` arrives as the valid string "null".
            if (broken === '') {
              expect(MALFORMED, context).not.toContain(status);
              return;
            }
            expect(status, context).toBe(422);
            const { errors } = json as { errors: { path: string }[] };
            const paths = errors.map((error) => error.path).join(',');
            expect(paths, context).toBe(broken);
          }),
          { numRuns: NUM_RUNS },
        );
      },
    );
  },
);
