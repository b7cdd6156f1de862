/** Each test makes its own users and items through the public API, never through shared rows. */
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson } from './api.ts';
import { testDatabase } from './db.ts';
import { api, unique } from './http.ts';

export type User = ReturnType<typeof UserSchema.parse>;
export type Item = ReturnType<typeof ItemSchema.parse>;

export interface SignedUpUser {
  user: User;
  password: string;
  token: string;
  /** `{ Authorization: 'Bearer …' }`, for checks that take header sets (the property tests). */
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

/** The OAuth2 password form, as Swagger UI and most clients send it. */
export function login(username: string, password: string): Promise<Response> {
  return api.post('/api/v1/auth/token', { form: { username, password } });
}

/** Signs a new user up and logs them in. */
export async function signUp(overrides: Record<string, unknown> = {}): Promise<SignedUpUser> {
  const body = newUserBody(overrides);
  const user = await expectJson(await api.post('/api/v1/users', { json: body }), 201, UserSchema);
  const loggedIn = await login(body.username, body.password);
  const { access_token: token } = await expectJson(loggedIn, 200, TokenSchema);
  return { user, password: body.password, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function createItem(
  owner: SignedUpUser,
  overrides: Record<string, unknown> = {},
): Promise<Item> {
  const body = { title: unique('item '), description: 'A thing', price: 9.99, ...overrides };
  const path = `/api/v1/users/${owner.user.id}/items`;
  return expectJson(await api.post(path, { json: body, token: owner.token }), 201, ItemSchema);
}

/**
 * A signed-up user made superuser as the operator's command does, straight in the database
 * (`db` defaults to the shared test database). The token stays valid: its version is unchanged.
 */
export async function makeSuperuser(userId: number, db = testDatabase()): Promise<void> {
  await db.update(users).set({ isSuperuser: true }).where(eq(users.id, userId));
}
