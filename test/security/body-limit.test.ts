import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/middleware/body-limit.ts';
import { expectProblem } from '../helpers/api.ts';
import { login, newUserBody, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

const ONE_MIB = 1024 * 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

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

describe('request body limit', () => {
  it('is 1 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(ONE_MIB);
  });

  it('answers 413 to POST /api/v1/users with a body over 1 MiB, and creates no user', async () => {
    const { body, text } = signUpBodyOfSize(ONE_MIB + 1);
    await expectProblem(await api.post('/api/v1/users', { body: text, headers: JSON_TYPE }), 413);
    await expectProblem(await login(body.username, body.password), 401);
  });

  it('answers 413 to a streamed body over 1 MiB that declares no length', async () => {
    const { body, text } = signUpBodyOfSize(ONE_MIB + 1);
    const probe = new Request('http://x/', { method: 'POST', body: streamOf('{}') });
    expect(probe.headers.get('Content-Length')).toBeNull();
    const response = await api.post('/api/v1/users', { body: streamOf(text), headers: JSON_TYPE });
    await expectProblem(response, 413);
    await expectProblem(await login(body.username, body.password), 401);
  });

  it('reaches validation with a body of exactly 1 MiB', async () => {
    // full_name is capped at 200 characters: a 1 MiB body is read, then refused as invalid.
    const { text } = signUpBodyOfSize(ONE_MIB);
    await expectProblem(await api.post('/api/v1/users', { body: text, headers: JSON_TYPE }), 422);
  });

  it('answers 413 to oversized updates and login forms too', async () => {
    const owner = await signUp();
    const big = 'x'.repeat(ONE_MIB + 1);
    const update = await api.patch(`/api/v1/users/${owner.user.id}`, {
      json: { full_name: big },
      token: owner.token,
    });
    await expectProblem(update, 413);
    const form = await api.post('/api/v1/auth/token', {
      form: { username: owner.user.username, password: big },
    });
    await expectProblem(form, 413);
  });
});
