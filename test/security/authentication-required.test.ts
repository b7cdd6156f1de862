import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectUnauthorized } from '../helpers/api.ts';
import { createItem, login, newUserBody, type SignedUpUser, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';
import { claims, signToken, WRONG_SECRET } from '../helpers/tokens.ts';

type Call = ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string, unknown?];

/** Every endpoint that needs a bearer token; {user_id} and {item_id} become real rows' ids. */
const PROTECTED: Call[] = [
  ['GET', '/api/v1/users'],
  ['GET', '/api/v1/users/me'],
  ['GET', '/api/v1/users/{user_id}'],
  ['PUT', '/api/v1/users/{user_id}', { full_name: 'Changed' }],
  ['PATCH', '/api/v1/users/{user_id}', { full_name: 'Changed' }],
  ['DELETE', '/api/v1/users/{user_id}'],
  ['POST', '/api/v1/users/{user_id}/items', { title: 'Sneaked in' }],
  ['PATCH', '/api/v1/items/{item_id}', { title: 'Changed' }],
  ['PUT', '/api/v1/items/{item_id}', { title: 'Changed' }],
  ['DELETE', '/api/v1/items/{item_id}'],
  ['POST', '/api/v1/auth/logout'],
  [
    'PUT',
    '/api/v1/users/me/password',
    { current_password: 'not checked first', new_password: 'never applied 123' },
  ],
];

function at(path: string, userId: number, itemId: number): string {
  return path.replace('{user_id}', String(userId)).replace('{item_id}', String(itemId));
}

async function snapshot(owner: SignedUpUser) {
  const response = await api.get('/api/v1/users/me', { token: owner.token });
  const { last_login: _, ...user } = await expectJson(response, 200, UserSchema);
  return user;
}

describe('endpoints that require a bearer token', () => {
  for (const [method, path, body] of PROTECTED) {
    it(`${method} ${path} returns 401 without a token`, async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const target = at(path, owner.user.id, item.id);
      await expectUnauthorized(await api.send(method, target, { json: body }));
    });
  }

  it('all return 401 for a forged or garbage token and change nothing', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const before = await snapshot(owner);
    const forged = await signToken(claims(owner.user.id), { secret: WRONG_SECRET });
    const refused = [
      {},
      { token: forged },
      { token: 'garbage' },
      { headers: { Authorization: 'Basic x' } },
    ];
    for (const credentials of refused) {
      for (const [method, path, body] of PROTECTED) {
        const target = at(path, owner.user.id, item.id);
        await expectUnauthorized(await api.send(method, target, { json: body, ...credentials }));
      }
    }
    expect(await snapshot(owner)).toEqual(before);
  });

  it('check the token before validating the request', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/v1/users/not-an-id'],
      ['GET', '/api/v1/users?limit=0'],
      ['PATCH', '/api/v1/users/0', { email: 'not an email' }],
      ['POST', '/api/v1/users/2147483648/items', { title: '' }],
      ['DELETE', '/api/v1/items/-1'],
    ] as Call[]) {
      await expectUnauthorized(await api.send(method, path, { json: body }));
    }
  });
});

describe('the list of protected endpoints', () => {
  it('is every operation the OpenAPI document marks as needing a token', async () => {
    const response = await api.get('/openapi.json');
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const secured = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => (operation.security?.length ?? 0) > 0)
        .map(([method]) => `${method.toUpperCase()} /api/v1${path.replace(/^\/api\/v1/, '')}`),
    );
    expect(new Set(PROTECTED.map(([method, path]) => `${method} ${path}`))).toEqual(
      new Set(secured),
    );
  });

  it('all answer 401 invalid_token to the token of a deleted account, and write nothing', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const ghost = await signUp();
    await expectJson(
      await api.delete(`/api/v1/users/${ghost.user.id}`, { token: ghost.token }),
      200,
      UserSchema,
    );
    const before = await snapshot(owner);
    for (const [method, path, body] of PROTECTED) {
      const target = at(path, owner.user.id, item.id);
      const response = await api.send(method, target, { json: body, token: ghost.token });
      await expectUnauthorized(response);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
    }
    expect(await snapshot(owner)).toEqual(before);
  });
});

describe('public endpoints', () => {
  it('POST /api/v1/users and POST /api/v1/auth/token need no token', async () => {
    const body = newUserBody();
    const created = await api.post('/api/v1/users', { json: body });
    expect(created.status, await created.clone().text()).toBe(201);
    const loggedIn = await login(body.username, body.password);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
  });

  it('GET /api/v1/items and GET /api/v1/items/{id} need no token', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const list = await api.get('/api/v1/items?limit=1');
    expect(await expectJson(list, 200, ItemSchema.array())).toHaveLength(1);
    const one = await api.get(`/api/v1/items/${item.id}`);
    expect(await expectJson(one, 200, ItemSchema)).toEqual(item);
  });

  it('GET /health needs no token', async () => {
    const response = await api.get('/health');
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it('ignore a bad token rather than reject the request', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    for (const path of ['/api/v1/items', `/api/v1/items/${item.id}`, '/health']) {
      const response = await api.get(path, { token: 'garbage' });
      expect(response.status, await response.clone().text()).toBe(200);
    }
  });
});
