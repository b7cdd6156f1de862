/**
 * POST /users (sign-up) with generated input: a rejected sign-up leaves no account behind (its
 * credentials do not log in) and, when it conflicts, leaves the existing account untouched; an
 * accepted one stores exactly what was sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { login, signUp } from '../helpers/factories.ts';
import { describeRequest, sendChecked } from './contract.ts';
import { findOperation, loadOperations } from './openapi-document.ts';
import { requestArb } from './request-arbitraries.ts';
import { conflictingBodyArb } from './schema-arbitraries.ts';
import { expectSameJson, outcomes, type Resource, readMe, sentFields } from './state.ts';

const NUM_RUNS = 50;

const operations = await loadOperations();

/** What the token endpoint accepts at all; anything else could not be a stored account either. */
function loginnable(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

/** The user id a token names (its payload is not secret, only signed). */
function tokenSubject(token: string): string {
  const payload = (token.split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
  return String((JSON.parse(atob(payload)) as { sub: unknown }).sub);
}

describe('hostile input: POST /api/v1/users', () => {
  it('creates an account exactly when it answers 201, with the fields sent', async () => {
    const operation = findOperation(operations, 'POST', '/api/v1/users');
    // Someone else's account, whose username and email the generated sign-ups now and then reuse.
    const existing = await signUp();
    const existingBefore = await readMe(existing.auth);
    const arbitrary = requestArb(operation, {
      authorization: fc.constant({}),
      body: (schema) => conflictingBodyArb(schema, existing.user),
    });
    /** Accounts this run created, by username: the only ones its credentials may open. */
    const created = new Map<string, { id: number; password: string }>();

    const tally = outcomes();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (hostile) => {
        const { status, json } = await sendChecked(hostile);
        tally.record(status);
        const context = `${describeRequest(hostile)} → ${status}`;
        const sent = sentFields(hostile) ?? {};
        const { username, password } = sent;
        expect(await readMe(existing.auth), `existing account: ${context}`).toEqual(existingBefore);
        if (status === 201) {
          const user = json as Resource;
          expectSameJson(user.username, username, `username: ${context}`);
          expectSameJson(user.email, sent.email, `email: ${context}`);
          expectSameJson(user.full_name, sent.full_name ?? null, `full_name: ${context}`);
          expect(user.is_active, context).toBe(true);
          expect(user.items, context).toEqual([]);
          created.set(user.username as string, {
            id: user.id as number,
            password: password as string,
          });
        }
        if (!loginnable(username, 50) || !loginnable(password, 128) || username.includes('\0')) {
          return;
        }
        const loggedIn = await login(username, password);
        const body = await loggedIn.text();
        const earlier = created.get(username);
        if (loggedIn.status !== 200) {
          expect(status, `sign-up answered ${status} but login fails: ${context}`).not.toBe(201);
          return;
        }
        // Logging in is only possible into an account this run created with that password.
        expect(earlier?.password, `login succeeded after: ${context}`).toBe(password);
        const { access_token } = JSON.parse(body) as { access_token: string };
        expect(tokenSubject(access_token), context).toBe(String(earlier?.id));
      }),
      { numRuns: NUM_RUNS },
    );
    tally.expectBoth();
  });
});
