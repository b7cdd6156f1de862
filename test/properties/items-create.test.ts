/**
 * POST /users/{user_id}/items with generated input, for an owner made for the run: afterwards the
 * owner has exactly the items whose creation answered 201, and nobody else got any.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signUp } from '../helpers/factories.ts';
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
  ownedItemIds,
  placeholder,
  type Resource,
  readMe,
  readOk,
  sentFields,
} from './state.ts';

const NUM_RUNS = 60;

const operations = await loadOperations();

describe('hostile input: POST /api/v1/users/{user_id}/items', () => {
  it('creates an item exactly when it answers 201, for the owner only', async () => {
    const operation = findOperation(operations, 'POST', '/api/v1/users/{user_id}/items');
    const [owner, bystander] = await Promise.all([signUp(), signUp()]);
    const arbitrary = requestArb(operation, {
      known: { user_id: [placeholder('owner'), placeholder('owner'), placeholder('bystander')] },
      knownWeight: 30,
      authorization: authorizationArb(BOUND_AUTH, await refusedAuthorizations(owner.token), 8),
    });
    const created: number[] = [];
    const ownerPath = new RegExp(`^/api/v1/users/${owner.user.id}/items/?(\\?|$)`);

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const values = { owner: owner.user.id, bystander: bystander.user.id, token: owner.token };
        const hostile = bind(generated, values);
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const context = `${describeRequest(hostile)} → ${status}`;
        if (status === 201) {
          const item = json as Resource;
          created.push(item.id as number);
          expect(hostile.url, context).toMatch(ownerPath);
          expect(item.owner_id, context).toBe(owner.user.id);
          const sent = sentFields(hostile) ?? {};
          for (const field of ['title', 'description', 'price']) {
            expectSameJson(item[field], sent[field] ?? null, `${field}: ${context}`);
          }
          expect(await readOk(`/api/v1/items/${item.id}`), context).toEqual(item);
        }
        const ownerNow = await readMe(owner.auth);
        expect(ownerNow.items_count, `owner's item count after ${context}`).toBe(created.length);
        expect(await ownedItemIds(owner.user.id), `owner's items after ${context}`).toEqual(
          [...created].sort((a, b) => a - b),
        );
        const bystanderNow = await readOk(`/api/v1/users/${bystander.user.id}`, owner.auth);
        expect(bystanderNow.items, `bystander's items after ${context}`).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});
