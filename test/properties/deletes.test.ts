/**
 * DELETE /items/{item_id} and DELETE /users/{user_id} with generated ids and tokens: a refused
 * delete removes nothing; an accepted one removes exactly the caller's own row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/api.ts';
import { createItem, type SignedUpUser, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';
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
  outcomes,
  placeholder,
  type Resource,
  readItem,
  readMe,
  readOk,
} from './state.ts';

const NUM_RUNS = 50;

const operations = await loadOperations();

describe('hostile input: DELETE /api/v1/items/{item_id}', () => {
  it('deletes exactly the own item it names, and nothing when it answers 4xx', async () => {
    const operation = findOperation(operations, 'DELETE', '/api/v1/items/{item_id}');
    const [owner, other] = await Promise.all([signUp(), signUp()]);
    let own = await readItem((await createItem(owner)).id);
    const foreign = await readItem((await createItem(other)).id);
    const arbitrary = requestArb(operation, {
      known: { item_id: [placeholder('own'), placeholder('own'), placeholder('foreign')] },
      knownWeight: 18,
      authorization: authorizationArb(BOUND_AUTH, await refusedAuthorizations(owner.token), 8),
    });

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (generated) => {
        const values = { own: own.id as number, foreign: foreign.id as number, token: owner.token };
        const hostile = bind(generated, values);
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const context = `${describeRequest(hostile)} → ${status}`;
        expect(await readItem(foreign.id as number), context).toEqual(foreign);
        if (status >= 400) {
          expect(await readItem(own.id as number), context).toEqual(own);
          return;
        }
        if (status === 200) expect(json, context).toEqual(own);
        await expectProblem(await api.get(`/api/v1/items/${own.id}`), 404);
        own = await readItem((await createItem(owner)).id);
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});

describe('hostile input: DELETE /api/v1/users/{user_id}', () => {
  it('deletes exactly the caller, and nothing when it answers 4xx', async () => {
    const operation = findOperation(operations, 'DELETE', '/api/v1/users/{user_id}');
    let subject: SignedUpUser = await signUp();
    const bystander = await signUp();
    const arbitrary = requestArb(operation, {
      known: { user_id: [placeholder('self'), placeholder('bystander')] },
      knownWeight: 18,
      authorization: authorizationArb(BOUND_AUTH, await refusedAuthorizations(subject.token), 8),
    });
    const readBystander = () => readOk(`/api/v1/users/${bystander.user.id}`, bystander.auth);
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
        expect(await readBystander(), `bystander: ${context}`).toEqual(bystanderBefore);
        if (status >= 400) {
          expect(await readMe(subject.auth), `own account: ${context}`).toEqual(before);
          return;
        }
        expect((json as Resource).id, context).toBe(subject.user.id);
        // The deleted account's token is dead.
        await expectProblem(await api.get('/api/v1/users/me', { token: subject.token }), 401);
        subject = await signUp();
        before = await readMe(subject.auth);
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});
