import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem, get } from '../../helpers/api.ts';
import { newUserBody, signUp } from '../../helpers/factories.ts';
import { request } from '../../helpers/http.ts';
import { userIdsNamed } from '../../helpers/rows.ts';

const MIB = 1024 * 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

function send(method: string, path: string, body: string, headers: Record<string, string>) {
  return request(path, { method, headers, body });
}

describe('POST /api/v1/users request bodies', () => {
  it('returns a 400 problem for malformed JSON', async () => {
    const response = await send('POST', '/api/v1/users', '{"username": "ada",', {
      'Content-Type': 'application/json',
    });
    await expectProblem(response, 400);
  });

  it('returns a 400 problem for an empty JSON body', async () => {
    const response = await send('POST', '/api/v1/users', '', {
      'Content-Type': 'application/json',
    });
    await expectProblem(response, 400);
  });

  it('returns a 415 problem for a JSON document sent as text/plain, and writes nothing', async () => {
    const body = newUserBody();
    const response = await send('POST', '/api/v1/users', JSON.stringify(body), {
      'Content-Type': 'text/plain',
    });
    await expectProblem(response, 415);
    expect(await userIdsNamed(body.username)).toEqual([]);
  });

  it('returns a 415 problem when the Content-Type is missing', async () => {
    const response = await request('/api/v1/users', {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify(newUserBody())),
    });
    await expectProblem(response, 415);
  });

  it('returns a 415 problem for a form', async () => {
    const response = await request('/api/v1/users', {
      method: 'POST',
      body: new URLSearchParams(newUserBody()),
    });
    await expectProblem(response, 415);
  });

  it('accepts application/json with a charset', async () => {
    const body = newUserBody();
    const response = await send('POST', '/api/v1/users', JSON.stringify(body), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect((await expectJson(response, 201, UserSchema)).username).toBe(body.username);
  });

  it('returns a 413 problem for a body over 1 MiB, and writes nothing', async () => {
    const body = newUserBody({ padding: 'x'.repeat(MIB) });
    const response = await send('POST', '/api/v1/users', JSON.stringify(body), {
      'Content-Type': 'application/json',
    });
    await expectProblem(response, 413);
    expect(await userIdsNamed(body.username)).toEqual([]);
  });

  it('accepts a body of exactly 1 MiB and refuses one byte more', async () => {
    const body = newUserBody();
    const size = JSON.stringify({ ...body, padding: '' }).length;
    const exact = JSON.stringify({ ...body, padding: 'x'.repeat(MIB - size) });
    const over = JSON.stringify({ ...body, padding: 'x'.repeat(MIB - size + 1) });
    expect(exact.length).toBe(MIB);
    await expectProblem(await send('POST', '/api/v1/users', over, JSON_TYPE), 413);
    const response = await send('POST', '/api/v1/users', exact, JSON_TYPE);
    expect((await expectJson(response, 201, UserSchema)).username).toBe(body.username);
  });
});

for (const method of ['PATCH', 'PUT']) {
  describe(`${method} /api/v1/users/{user_id} request bodies`, () => {
    const cases: [string, (name: string) => string, Record<string, string>, number][] = [
      ['malformed JSON', () => '{"full_name":', { 'Content-Type': 'application/json' }, 400],
      [
        'text/plain',
        (n) => JSON.stringify({ full_name: n }),
        { 'Content-Type': 'text/plain' },
        415,
      ],
      [
        'a body over 1 MiB',
        (n) => JSON.stringify({ full_name: n, padding: 'x'.repeat(MIB) }),
        { 'Content-Type': 'application/json' },
        413,
      ],
    ];
    for (const [name, body, headers, status] of cases) {
      it(`returns a ${status} problem for ${name}, and changes nothing`, async () => {
        const { user, auth } = await signUp();
        const path = `/api/v1/users/${user.id}`;
        const before = await expectJson(await get(path, auth), 200, UserSchema);
        const response = await send(method, path, body('Changed'), { ...headers, ...auth });
        await expectProblem(response, status);
        expect(await expectJson(await get(path, auth), 200, UserSchema)).toEqual(before);
      });
    }
  });
}

describe('unknown routes under /api/v1/users', () => {
  for (const [method, path] of [
    ['GET', '/api/v1/user'],
    ['GET', '/api/v1/users/1/items/2'],
    ['GET', '/api/v2/users'],
    ['POST', '/api/v1/users/1'],
    ['DELETE', '/api/v1/users'],
  ] as const) {
    it(`answers ${method} ${path} with a 404 problem`, async () => {
      const { auth } = await signUp();
      const body = method === 'POST' ? '{}' : undefined;
      const headers = { 'Content-Type': 'application/json', ...auth };
      const problem = await expectProblem(await request(path, { method, headers, body }), 404);
      expect(problem.detail).toContain(path);
    });
  }
});
