/** Each test makes its own users and items through the public API, never through shared rows. */
import { expect } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { postJson, request, unique } from './http.ts';

export type User = ReturnType<typeof UserSchema.parse>;
export type Item = ReturnType<typeof ItemSchema.parse>;

export interface SignedUpUser {
  user: User;
  password: string;
  token: string;
  /** `{ Authorization: 'Bearer …' }` for this user. */
  auth: Record<string, string>;
}

export function newUserBody(overrides: Record<string, unknown> = {}) {
  const username = unique('user_');
  return {
    username,
    email: `${username}@example.com`,
    password: 'correct horse battery staple',
    full_name: 'Test User',
    ...overrides,
  };
}

export async function login(username: string, password: string): Promise<Response> {
  return request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
}

/** Signs a new user up and logs them in. */
export async function signUp(overrides: Record<string, unknown> = {}): Promise<SignedUpUser> {
  const body = newUserBody(overrides);
  const created = await postJson('/api/v1/users', body);
  expect(created.status, await created.clone().text()).toBe(201);
  const user = UserSchema.parse(await created.json());
  const loggedIn = await login(body.username, body.password);
  expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
  const { access_token: token } = (await loggedIn.json()) as { access_token: string };
  return { user, password: body.password, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function createItem(
  owner: SignedUpUser,
  overrides: Record<string, unknown> = {},
): Promise<Item> {
  const body = { title: unique('item '), description: 'A thing', price: 9.99, ...overrides };
  const response = await postJson(`/api/v1/users/${owner.user.id}/items`, body, owner.auth);
  expect(response.status, await response.clone().text()).toBe(201);
  return ItemSchema.parse(await response.json());
}
