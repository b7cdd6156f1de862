import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../src/lib/openapi.ts';
import { MAX_BODY_BYTES } from '../../src/middleware/body-limit.ts';
import { login, newUserBody, signUp } from '../helpers/factories.ts';
import { request } from '../helpers/http.ts';

const ONE_MIB = 1024 * 1024;

/** A sign-up body padded to exactly `bytes` bytes of JSON. */
function signUpBodyOfSize(bytes: number) {
  const body = newUserBody({ full_name: '' });
  const padding = bytes - JSON.stringify(body).length;
  const text = JSON.stringify({ ...body, full_name: 'x'.repeat(padding) });
  expect(new TextEncoder().encode(text).length).toBe(bytes);
  return { body, text };
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const chunk = 64 * 1024;
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function expectTooLarge(response: Response): Promise<void> {
  expect(response.status, (await response.clone().text()).slice(0, 500)).toBe(413);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(ProblemSchema.parse(await response.json())).toMatchObject({ status: 413 });
}

describe('request body limit', () => {
  it('is 1 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(ONE_MIB);
  });

  it('answers 413 to POST /api/v1/users with a body over 1 MiB, and creates no user', async () => {
    const { body, text } = signUpBodyOfSize(ONE_MIB + 1);
    const response = await request('/api/v1/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
    });
    await expectTooLarge(response);
    const loggedIn = await login(body.username, body.password);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(401);
  });

  it('answers 413 to a streamed body over 1 MiB that declares no length', async () => {
    const { body, text } = signUpBodyOfSize(ONE_MIB + 1);
    const init = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: streamOf(text),
    };
    const probe = new Request('http://x/', { method: 'POST', body: streamOf('{}') });
    expect(probe.headers.get('Content-Length')).toBeNull();
    const response = await request('/api/v1/users', init);
    await expectTooLarge(response);
    const loggedIn = await login(body.username, body.password);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(401);
  });

  it('reaches validation with a body of exactly 1 MiB', async () => {
    // full_name is capped at 200 characters: a 1 MiB body is read, then refused as invalid.
    const { text } = signUpBodyOfSize(ONE_MIB);
    const response = await request('/api/v1/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: text,
    });
    expect(response.status, (await response.clone().text()).slice(0, 500)).toBe(422);
  });

  it('answers 413 to oversized updates and login forms too', async () => {
    const owner = await signUp();
    const big = 'x'.repeat(ONE_MIB + 1);
    const update = await request(`/api/v1/users/${owner.user.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...owner.auth },
      body: JSON.stringify({ full_name: big }),
    });
    await expectTooLarge(update);
    const form = await request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: owner.user.username, password: big }),
    });
    await expectTooLarge(form);
  });
});
