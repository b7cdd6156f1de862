import { describe, expect, it } from 'vitest';
import { createItem, signUp } from '../helpers/factories.ts';
import { request } from '../helpers/http.ts';

describe('smoke', () => {
  it('signs up, logs in, creates an item and reads it back', async () => {
    const owner = await signUp();
    const item = await createItem(owner, { price: 19.99 });
    expect(item.price).toBe(19.99);
    const me = await request('/api/v1/users/me', { headers: owner.auth });
    expect(me.status, await me.clone().text()).toBe(200);
    const body = (await me.json()) as { items: unknown[]; last_login: string | null };
    expect(body.items).toHaveLength(1);
    expect(body.last_login).not.toBeNull();
    const list = await request('/api/v1/users?limit=2', { headers: owner.auth });
    expect(list.status, await list.clone().text()).toBe(200);
    const doc = await request('/openapi.json');
    expect(doc.status, await doc.clone().text()).toBe(200);
  });
});
