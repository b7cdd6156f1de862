/**
 * No response exceeds 2 MiB for any data the API accepts. The worst case is built in a database of
 * the solo database (SOLO_DATABASE_URL: no other file lists its users) straight through SQL: every text at its maximum length in
 * 4-byte characters, every number at its widest. The README derives the same bound by hand.
 */
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createHttpDatabase } from '../../src/db/client.ts';
import { items, users } from '../../src/db/schema.ts';
import { readConfig } from '../../src/env.ts';
import { hashPassword } from '../../src/lib/password.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { ITEMS_PAGE_MAX } from '../../src/routes/items/items.routes.ts';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import {
  NESTED_ITEMS,
  USERS_PAGE_MAX,
  UserSchema,
  VisibleUserSchema,
} from '../../src/routes/users/users.schemas.ts';
import { expectJson } from '../helpers/api.ts';
import { appClient, unique } from '../helpers/http.ts';

const MIB2 = 2 * 1024 * 1024;
/** One code point, four bytes of UTF-8 (JSON.stringify leaves it as is). */
const WIDE = '𝕏';
const solo = appClient(createApp(), { DATABASE_URL: env.SOLO_DATABASE_URL });
const soloDb = createHttpDatabase(readConfig({ ...env, DATABASE_URL: env.SOLO_DATABASE_URL }));
const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Ids print as at most 10 digits, counts too: pad what this run measured to the widest. */
function widest(text: string): number {
  const numbers = [...text.matchAll(/"(id|owner_id|items_count)":(\d+)/g)];
  return bytes(text) + numbers.reduce((sum, [, , digits = '']) => sum + 10 - digits.length, 0);
}

const PASSWORD = 'worst case password';

async function worstUsers(count: number) {
  const hashedPassword = await hashPassword(PASSWORD);
  const rows = Array.from({ length: count }, () => {
    const username = `${unique('w')}${'x'.repeat(37)}`.slice(0, 50);
    const email = `${`${unique('e')}${'a'.repeat(254)}`.slice(0, 254 - 12)}@example.com`;
    return {
      username,
      email,
      hashedPassword,
      fullName: WIDE.repeat(200),
      lastLogin: new Date(),
    };
  });
  return soloDb.insert(users).values(rows).returning({ id: users.id, username: users.username });
}

async function worstItems(ownerId: number, count: number): Promise<void> {
  const item = { title: WIDE.repeat(200), description: WIDE.repeat(5000), price: 9_999_999_999.99 };
  await soloDb.insert(items).values(Array.from({ length: count }, () => ({ ...item, ownerId })));
}

/** A token for one of the worst users: they see their own account in full, its largest shape. */
async function tokenFor(username: string): Promise<string> {
  const login = await solo.post('/api/v1/auth/token', { form: { username, password: PASSWORD } });
  return (await expectJson(login, 200, TokenSchema)).access_token;
}

describe('the worst case', () => {
  it('keeps a page of users, a user and a page of items under 2 MiB', async () => {
    const worst = await worstUsers(USERS_PAGE_MAX);
    const ids = worst.map((row) => row.id);
    for (const id of ids) await worstItems(id, NESTED_ITEMS + 1);
    const token = await tokenFor(worst[0]?.username ?? '');

    // Superusers see every account this way; everyone else sees their own so.
    const one = await solo.get('/api/v1/users/me', { token });
    const user = await one.clone().text();
    expect((await expectJson(one, 200, UserSchema)).items).toHaveLength(NESTED_ITEMS);
    const page = await solo.get(
      `/api/v1/users?after=${(ids[0] ?? 1) - 1}&limit=${USERS_PAGE_MAX}`,
      { token },
    );
    const listed = await expectJson(page.clone(), 200, VisibleUserSchema.array());
    // Another file's sign-up may land between these ids; the page is full either way.
    expect(listed).toHaveLength(USERS_PAGE_MAX);
    const pageText = await page.text();
    expect(bytes(pageText)).toBeLessThanOrEqual(MIB2);
    // Measured, then widened: the largest page any data could make.
    expect(USERS_PAGE_MAX * widest(user) + USERS_PAGE_MAX + 1).toBeLessThanOrEqual(MIB2);

    const owner = ids[0] ?? 0;
    await worstItems(owner, ITEMS_PAGE_MAX);
    const itemsPage = await solo.get(`/api/v1/users/${owner}/items?limit=${ITEMS_PAGE_MAX}`);
    const itemsText = await itemsPage.clone().text();
    const itemRows = await expectJson(itemsPage, 200, ItemSchema.array());
    expect(itemRows).toHaveLength(ITEMS_PAGE_MAX);
    expect(bytes(itemsText)).toBeLessThanOrEqual(MIB2);
    const item = JSON.stringify(itemRows[0]);
    expect(ITEMS_PAGE_MAX * widest(item) + ITEMS_PAGE_MAX + 1).toBeLessThanOrEqual(MIB2);
    const [{ count } = { count: 0 }] = await soloDb
      .select({ count: sql<number>`count(*)::int` })
      .from(items)
      .where(eq(items.ownerId, owner));
    expect(count).toBe(NESTED_ITEMS + 1 + ITEMS_PAGE_MAX);
  });
});
