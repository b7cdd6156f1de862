import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { newUserBody, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { userIdsNamed } from '../../helpers/rows.ts';

const MIB = 1024 * 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('POST /api/v1/users request bodies', () => {
  it('returns a 400 problem for malformed JSON', async () => {
    const response = await api.post('/api/v1/users', {
      body: '{"username": "ada",',
      headers: JSON_TYPE,
    });
    await expectProblem(response, 400);
  });

  it('returns a 400 problem for an empty JSON body', async () => {
    const response = await api.post('/api/v1/users', { body: '', headers: JSON_TYPE });
    await expectProblem(response, 400);
  });

  it('returns a 415 problem for a JSON document sent as text/plain, and writes nothing', async () => {
    const body = newUserBody();
    const response = await api.post('/api/v1/users', {
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectProblem(response, 415);
    expect(await userIdsNamed(body.username)).toEqual([]);
  });

  it('returns a 415 problem when the Content-Type is missing', async () => {
    const response = await api.post('/api/v1/users', {
      body: new TextEncoder().encode(JSON.stringify(newUserBody())),
    });
    await expectProblem(response, 415);
  });

  it('returns a 415 problem for a form', async () => {
    const response = await api.post('/api/v1/users', { body: new URLSearchParams(newUserBody()) });
    await expectProblem(response, 415);
  });

  // RFC 9110: case-insensitive type and parameter name, optional whitespace around `;`, empty
  // parameters, quoted values.
  for (const contentType of [
    'application/json; charset=utf-8',
    'application/json ; charset=utf-8',
    'application/json;',
    'application/json;;charset=UTF-8',
    'APPLICATION/JSON; Charset="utf-8"',
  ]) {
    it(`accepts ${contentType}`, async () => {
      const body = newUserBody();
      const response = await api.post('/api/v1/users', {
        json: body,
        headers: { 'Content-Type': contentType },
      });
      expect((await expectJson(response, 201, UserSchema)).username).toBe(body.username);
    });
  }

  for (const contentType of [
    'application/json; charset=latin1',
    'application/json; charset="utf-16"',
    'application/json; charset',
    'application/json, text/plain',
    'application/jsonx',
  ]) {
    it(`returns a 415 problem for ${contentType}, and writes nothing`, async () => {
      const body = newUserBody();
      const response = await api.post('/api/v1/users', {
        json: body,
        headers: { 'Content-Type': contentType },
      });
      await expectProblem(response, 415);
      expect(await userIdsNamed(body.username)).toEqual([]);
    });
  }

  it('returns a 413 problem for a body over 1 MiB, and writes nothing', async () => {
    const body = newUserBody({ padding: 'x'.repeat(MIB) });
    await expectProblem(await api.post('/api/v1/users', { json: body }), 413);
    expect(await userIdsNamed(body.username)).toEqual([]);
  });

  it('accepts a body of exactly 1 MiB and refuses one byte more', async () => {
    const body = newUserBody();
    const size = JSON.stringify({ ...body, padding: '' }).length;
    const exact = JSON.stringify({ ...body, padding: 'x'.repeat(MIB - size) });
    const over = JSON.stringify({ ...body, padding: 'x'.repeat(MIB - size + 1) });
    expect(exact.length).toBe(MIB);
    await expectProblem(await api.post('/api/v1/users', { body: over, headers: JSON_TYPE }), 413);
    const response = await api.post('/api/v1/users', { body: exact, headers: JSON_TYPE });
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
        const { user, token } = await signUp();
        const path = `/api/v1/users/${user.id}`;
        const before = await expectJson(await api.get(path, { token }), 200, UserSchema);
        const response = await api.send(method, path, { body: body('Changed'), headers, token });
        await expectProblem(response, status);
        expect(await expectJson(await api.get(path, { token }), 200, UserSchema)).toEqual(before);
      });
    }
  });
}

describe('unknown routes under /api/v1/users', () => {
  for (const [method, path] of [
    ['GET', '/api/v1/user'],
    ['GET', '/api/v1/users/1/items/2'],
    ['GET', '/api/v2/users'],
  ] as const) {
    it(`answers ${method} ${path} with a 404 problem`, async () => {
      const { token } = await signUp();
      const response = await api.send(method, path, { headers: JSON_TYPE, token });
      const problem = await expectProblem(response, 404);
      expect(problem.detail).toContain(path);
    });
  }
});
