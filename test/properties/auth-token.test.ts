/**
 * POST /auth/token with generated form and JSON bodies: a refused login leaves the account as it
 * was (last_login included); an accepted one issues a token for exactly that account.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signUp } from '../helpers/factories.ts';
import { describeRequest, sendChecked } from './contract.ts';
import { findOperation, loadOperations } from './openapi-document.ts';
import { requestArb } from './request-arbitraries.ts';
import { bodyArb } from './schema-arbitraries.ts';
import { outcomes, type Resource, readMe } from './state.ts';

const NUM_RUNS = 60;

const operations = await loadOperations();

describe('hostile input: POST /api/v1/auth/token', () => {
  it('stamps last_login and issues a token only when it answers 200', async () => {
    const operation = findOperation(operations, 'POST', '/api/v1/auth/token');
    const subject = await signUp();
    const { username } = subject.user;
    // The real credentials, and near misses of them, are favoured so some logins succeed.
    const nearly = (real: string, misses: string[]) =>
      fc.oneof({ weight: 4, arbitrary: fc.constant(real) }, fc.constantFrom(...misses));
    const favoured = {
      username: nearly(username, [username.toUpperCase(), ` ${username}`, `${username}\u0000`]),
      password: nearly(subject.password, [`${subject.password} `, subject.password.slice(1)]),
    };
    const arbitrary = requestArb(operation, {
      authorization: fc.constant({}),
      body: (schema) => bodyArb(schema, favoured),
    });
    let before = await readMe(subject.auth);

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (hostile) => {
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const context = `${describeRequest(hostile)} → ${status}`;
        const after = await readMe(subject.auth);
        if (status !== 200) {
          expect(after, `account after: ${context}`).toEqual(before);
          return;
        }
        const { access_token, token_type } = json as Resource;
        expect(token_type, context).toBe('bearer');
        const issuedFor = await readMe({ Authorization: `Bearer ${access_token}` });
        expect(issuedFor.id, `the token's account: ${context}`).toBe(subject.user.id);
        const stamp = (user: Resource) => Date.parse(String(user.last_login ?? 0));
        expect(stamp(after), context).toBeGreaterThanOrEqual(stamp(before));
        const { last_login: _a, updated_at: _b, ...rest } = after;
        const { last_login: _c, updated_at: _d, ...restBefore } = before;
        expect(rest, context).toEqual(restBefore);
        before = after;
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});
