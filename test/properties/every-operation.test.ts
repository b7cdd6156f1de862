/**
 * For every operation in the Worker's OpenAPI document, requests generated from its parameter and
 * body schemas never produce a 5xx, and every 4xx is a problem document.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createItem, type SignedUpUser, signUp } from '../helpers/factories.ts';
import {
  authorizationArb,
  describeRequest,
  refusedAuthorizations,
  sendChecked,
} from './contract.ts';
import { loadOperations } from './openapi-document.ts';
import { requestArb } from './request-arbitraries.ts';

const NUM_RUNS = 40;

const operations = await loadOperations();

/** Rows the generated ids point at: someone else's (403 on writes), and the caller's own item. */
interface Fixtures {
  caller: SignedUpUser;
  known: Record<string, string[]>;
  refused: Record<string, string>[];
}

let fixtures: Fixtures;

beforeAll(async () => {
  const [caller, other] = await Promise.all([signUp(), signUp()]);
  const [ownItem, otherItem] = await Promise.all([createItem(caller), createItem(other)]);
  fixtures = {
    caller,
    known: {
      user_id: [String(other.user.id)],
      item_id: [String(ownItem.id), String(otherItem.id)],
    },
    refused: await refusedAuthorizations(caller.token),
  };
});

describe.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation]))(
  'hostile input: %s',
  (_name, operation) => {
    it('answers below 500, with a documented status, and a problem document for every 4xx', async () => {
      const { caller, known, refused } = fixtures;
      const refusedKeys = new Set(refused.map((headers) => JSON.stringify(headers)));
      const arbitrary = requestArb(operation, {
        known,
        authorization: authorizationArb(caller.auth, refused),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async (hostile) => {
          const { status, text } = await sendChecked(hostile);
          const context = `${describeRequest(hostile)} → ${status} ${JSON.stringify(text.slice(0, 300))}`;
          // A URL that no longer matches the template (`%2e%2e`, an empty id) is another path:
          // 404, or 405 when that path exists with other methods (`PUT /users/` is the list's).
          expect([...operation.statuses, 404, 405], context).toContain(status);
          const authorization = JSON.stringify({ Authorization: hostile.headers.Authorization });
          const wasRefused = !hostile.headers.Authorization || refusedKeys.has(authorization);
          if (operation.secured && wasRefused) expect(status, context).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  },
);
