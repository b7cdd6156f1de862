import { exports } from 'cloudflare:workers';
import type { z } from '@hono/zod-openapi';
import { hc } from 'hono/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { App } from '../src/app.ts';
import { ItemSchema } from '../src/routes/items/items.schemas.ts';
import { type PublicUserSchema, UserSchema } from '../src/routes/users/users.schemas.ts';
import { login, newUserBody } from './helpers/factories.ts';
import { BASE } from './helpers/http.ts';

const client = hc<App>(BASE, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) =>
    exports.default.fetch(new Request(input, init)),
});

describe('hono/client with the App type', () => {
  it('signs up, reads the user back and works with items through the typed client', async () => {
    const body = newUserBody();
    const created = await client.api.v1.users.$post({ json: body, header: {} });
    expect(created.status, await created.clone().text()).toBe(201);
    if (created.status !== 201) return;
    const json = await created.json();
    const user = UserSchema.parse(json);
    expectTypeOf(json).toEqualTypeOf<typeof user>();

    const loggedIn = await login(body.username, body.password);
    const { access_token } = await loggedIn.json<{ access_token: string }>();
    const headers = { Authorization: `Bearer ${access_token}` };

    // Conditional-request headers are part of the typed input (none sent here).
    const read = await client.api.v1.users[':user_id'].$get(
      { param: { user_id: String(user.id) }, header: {} },
      { headers },
    );
    expect(read.status, await read.clone().text()).toBe(200);
    if (read.status !== 200) return;
    const readUser = await read.json();
    // Your own account as a User, anyone else's as a PublicUser: the type says it may be either.
    expectTypeOf(readUser).toEqualTypeOf<
      z.infer<typeof UserSchema> | z.infer<typeof PublicUserSchema>
    >();
    expectTypeOf(readUser).not.toHaveProperty('hashed_password');
    expect(UserSchema.parse(readUser)).toMatchObject({ id: user.id, email: body.email });

    const item = await client.api.v1.users[':user_id'].items.$post(
      {
        param: { user_id: String(user.id) },
        header: { 'idempotency-key': crypto.randomUUID() },
        json: { title: 'Typed', price: 19.99 },
      },
      { headers },
    );
    expect(item.status, await item.clone().text()).toBe(201);
    if (item.status !== 201) return;
    const made = ItemSchema.parse(await item.json());
    expect(made).toMatchObject({ title: 'Typed', price: 19.99, owner_id: user.id });

    const list = await client.api.v1.items.$get({ query: { limit: '1' } });
    expect(list.status, await list.clone().text()).toBe(200);
    if (list.status !== 200) return;
    const page = await list.json();
    expectTypeOf(page).toEqualTypeOf<(typeof made)[]>();
    expect(page).toHaveLength(1);
  });

  it('rejects malformed input at compile time', () => {
    const neverCalled = () => [
      // @ts-expect-error user_id is required
      client.api.v1.users[':user_id'].$get({ param: {} }),
      // @ts-expect-error an item needs a title
      client.api.v1.users[':user_id'].items.$post({ param: { user_id: '1' }, json: { price: 1 } }),
      // @ts-expect-error there is no POST /items
      client.api.v1.items.$post({ json: { title: 'x' } }),
    ];
    expect(neverCalled).toBeTypeOf('function');
  });

  it('types error responses as problems', async () => {
    const missing = await client.api.v1.items[':item_id'].$get({
      param: { item_id: '2147483647' },
      header: {},
    });
    expect(missing.status, await missing.clone().text()).toBe(404);
    if (missing.status !== 404) return;
    const problem = await missing.json();
    expectTypeOf(problem.detail).toEqualTypeOf<string>();
    expect(problem).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
