/**
 * PATCH and PUT /items/{item_id} with generated input: a rejected request leaves the caller's item
 * and someone else's item exactly as they were; an accepted one changes only what it sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createItem, signUp } from '../helpers/factories.ts';
import {
  authorizationArb,
  describeRequest,
  refusedAuthorizations,
  sendChecked,
} from './contract.ts';
import { findOperation, loadOperations } from './openapi-document.ts';
import { requestArb } from './request-arbitraries.ts';
import {
  BOUND_AUTH,
  bind,
  expectSameJson,
  outcomes,
  placeholder,
  type Resource,
  readItem,
  sentFields,
} from './state.ts';

const NUM_RUNS = 60;
const FIELDS = ['title', 'description', 'price'];

const operations = await loadOperations();

describe.each(['PATCH', 'PUT'])('hostile input: %s /api/v1/items/{item_id}', (method) => {
  it('changes nothing when it answers 4xx, and only the sent fields when it answers 200', async () => {
    const operation = findOperation(operations, method, '/api/v1/items/{item_id}');
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    const [own, foreign] = await Promise.all([createItem(owner), createItem(other)]);
    const arbitrary = requestArb(operation, {
      known: { item_id: [placeholder('own'), placeholder('own'), placeholder('foreign')] },
      knownWeight: 30,
      authorization: authorizationArb(BOUND_AUTH, await refusedAuthorizations(owner.token), 8),
    });
    const before: Record<number, Resource> = {
      [own.id]: await readItem(own.id),
      [foreign.id]: await readItem(foreign.id),
    };

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const hostile = bind(generated, { own: own.id, foreign: foreign.id, token: owner.token });
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const after = {
          [own.id]: await readItem(own.id),
          [foreign.id]: await readItem(foreign.id),
        };
        const context = `${describeRequest(hostile)} → ${status}`;
        expect(after[foreign.id], `someone else's item: ${context}`).toEqual(before[foreign.id]);
        if (status >= 400) {
          expect(after[own.id], `own item: ${context}`).toEqual(before[own.id]);
          return;
        }
        // Only a request for the caller's own item with a valid token can succeed.
        expect(hostile.url, context).toMatch(new RegExp(`^/api/v1/items/${own.id}/?(\\?|$)`));
        expect(after[own.id], `read back: ${context}`).toEqual(json);
        const sent = sentFields(hostile) ?? {};
        const updated = json as Resource;
        for (const field of FIELDS) {
          const expected = field in sent ? sent[field] : before[own.id]?.[field];
          expectSameJson(updated[field], expected, `${field}: ${context}`);
        }
        expect(updated.owner_id, context).toBe(owner.user.id);
        expect(updated.id, context).toBe(own.id);
        before[own.id] = after[own.id] as Resource;
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});
