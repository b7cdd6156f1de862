/**
 * PATCH and PUT /users/{user_id} with generated input: a rejected request leaves the caller's and
 * a bystander's account exactly as they were (updated_at included); an accepted one changes only
 * the fields it sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { login, type SignedUpUser, signUp } from '../helpers/factories.ts';
import {
  authorizationArb,
  describeRequest,
  refusedAuthorizations,
  sendChecked,
} from './contract.ts';
import { findOperation, type JsonSchema, loadOperations } from './openapi-document.ts';
import { requestArb } from './request-arbitraries.ts';
import { conflictingBodyArb, validArb } from './schema-arbitraries.ts';
import {
  BOUND_AUTH,
  bind,
  expectSameJson,
  outcomes,
  placeholder,
  type Resource,
  readMe,
  readOk,
  sentFields,
} from './state.ts';

const NUM_RUNS = 60;
const VISIBLE_FIELDS = ['username', 'email', 'full_name', 'is_active'];

const operations = await loadOperations();

function withoutSuperuserField(schema: JsonSchema): JsonSchema {
  const { is_superuser: _, ...properties } = schema.properties ?? {};
  return { ...schema, properties };
}

/** Every field but is_superuser, each valid: a body this caller may send (bar a taken name). */
function plainlyValidBodyArb(schema: JsonSchema): fc.Arbitrary<unknown> {
  const { password: _, ...properties } = withoutSuperuserField(schema).properties ?? {};
  return fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, field]) => [key, validArb(field)])),
  );
}

describe.each(['PATCH', 'PUT'])('hostile input: %s /api/v1/users/{user_id}', (method) => {
  it('changes nothing when it answers 4xx, and only the sent fields when it answers 200', async () => {
    const operation = findOperation(operations, method, '/api/v1/users/{user_id}');
    let subject: SignedUpUser = await signUp();
    const bystander = await signUp();
    const arbitrary = requestArb(operation, {
      known: { user_id: [placeholder('self'), placeholder('self'), placeholder('bystander')] },
      knownWeight: 30,
      // is_superuser is 403 for this caller, and PUT needs every field valid: a share of plainly
      // valid bodies lets the property speak about both outcomes in every run.
      body: (schema) =>
        fc.oneof(
          conflictingBodyArb(schema, bystander.user),
          conflictingBodyArb(withoutSuperuserField(schema), bystander.user),
          plainlyValidBodyArb(schema),
        ),
      authorization: authorizationArb(BOUND_AUTH, await refusedAuthorizations(subject.token), 8),
    });
    const readBystander = () => readOk(`/api/v1/users/${bystander.user.id}`, subject.auth);
    const bystanderBefore = await readBystander();
    let before = await readMe(subject.auth);

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const values = {
          self: subject.user.id,
          bystander: bystander.user.id,
          token: subject.token,
        };
        const hostile = bind(generated, values);
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const context = `${describeRequest(hostile)} → ${status}`;
        if (status >= 400) {
          expect(await readMe(subject.auth), `own account: ${context}`).toEqual(before);
        } else {
          expect(hostile.url, context).toMatch(
            new RegExp(`^/api/v1/users/${subject.user.id}/?(\\?|$)`),
          );
          await expectOnlySentFieldsChanged(json as Resource, before, hostile, context);
          if ((json as Resource).is_active === false) {
            // The token died with the account; later runs need a live one.
            subject = await signUp();
          }
          before = await readMe(subject.auth);
        }
        expect(await readBystander(), `bystander: ${context}`).toEqual(bystanderBefore);
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});

async function expectOnlySentFieldsChanged(
  updated: Resource,
  before: Resource,
  hostile: Parameters<typeof describeRequest>[0],
  context: string,
): Promise<void> {
  const sent = sentFields(hostile) ?? {};
  for (const field of VISIBLE_FIELDS) {
    const expected = field in sent ? sent[field] : before[field];
    expectSameJson(updated[field], expected, `${field}: ${context}`);
  }
  for (const field of ['id', 'created_at', 'last_login', 'items']) {
    expect(updated[field], `${field}: ${context}`).toEqual(before[field]);
  }
  if (updated.is_active === true) {
    const auth = hostile.headers;
    expect(await readMe(auth), `read back: ${context}`).toEqual(updated);
  }
  if (typeof sent.password === 'string' && updated.is_active === true) {
    const loggedIn = await login(updated.username as string, sent.password);
    expect(loggedIn.status, `login with the new password: ${context}`).toBe(200);
  }
}
