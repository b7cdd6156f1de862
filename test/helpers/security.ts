/** Request builders and leak checks for the authentication and security tests. */
import { expect } from 'vitest';
import { request, unique } from './http.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request with an optional JSON body. */
export function send(
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  if (body === undefined) return request(path, { method, headers });
  return request(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function loginJson(username: string, password: string): Promise<Response> {
  return send('POST', '/api/v1/auth/token', { username, password });
}

/** A password no other test uses, so finding it in a body means this test's request leaked it. */
export function uniquePassword(): string {
  return unique('pw-secret-');
}

/** Reads the body and asserts it carries no hash, no hash field and not the plain password. */
export async function expectNoPasswordLeak(response: Response, password: string): Promise<string> {
  const text = await response.clone().text();
  expect(text).not.toContain('pbkdf2_sha256$');
  expect(text).not.toMatch(/hashed_?password/i);
  expect(text).not.toContain(password);
  return text;
}
