/** Response checks of the Worker tests: status with body, bodies by schema, problems, no leaks. */
import type { z } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { ProblemSchema } from '../../src/lib/openapi.ts';

export type Problem = z.infer<typeof ProblemSchema>;

/**
 * The one leak check, for response bodies and log lines alike: no password hash, no field named
 * after a password or its hash, and none of `secrets` (the plain password sent, a token, …).
 */
export function expectNoSecrets(text: string, ...secrets: string[]): void {
  expect(text, 'a password hash').not.toContain('pbkdf2_sha256$');
  expect(text, 'a password field').not.toMatch(/hashed_?password|"password"\s*:/i);
  for (const secret of secrets) expect(text, `leaks ${secret}`).not.toContain(secret);
}

/** Asserts the status (with the body in the message) and parses the body with `schema`. */
export async function expectJson<S extends z.ZodType>(
  response: Response,
  status: number,
  schema: S,
): Promise<z.infer<S>> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  expectNoSecrets(text);
  return schema.parse(JSON.parse(text));
}

/**
 * The one problem check: an RFC 9457 problem with this status, `{type, title, status, detail}` as
 * problem+json. Every error assertion goes through it.
 */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expectNoSecrets(text);
  const problem = ProblemSchema.parse(JSON.parse(text));
  expect(problem.status).toBe(status);
  expect(problem.title).not.toBe('');
  expect(problem.type).not.toBe('');
  expect(problem.detail).not.toBe('');
  return problem;
}

/** A 422 problem whose `errors` name exactly these fields (e.g. `body.email`), each with a message. */
export async function expectInvalid(response: Response, ...paths: string[]): Promise<Problem> {
  const problem = await expectProblem(response, 422);
  const errors = problem.errors ?? [];
  // Exactly one error per invalid field, however many of its rules it breaks.
  expect(errors.map((error) => error.path).sort()).toEqual([...paths].sort());
  for (const error of errors) expect(error.message).not.toBe('');
  return problem;
}

/** A 401 problem with a Bearer challenge, as RFC 6750 and the design ask. */
export async function expectUnauthorized(response: Response): Promise<Problem> {
  const problem = await expectProblem(response, 401);
  expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer\b/);
  expect(problem.title).toBe('Unauthorized');
  return problem;
}
