import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson } from '../helpers/api.ts';
import { createItem, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

describe('smoke', () => {
  it('signs up, logs in, creates an item and reads it back', async () => {
    const owner = await signUp();
    const item = await createItem(owner, { price: 19.99 });
    expect(item.price).toBe(19.99);
    const me = await api.get('/api/v1/users/me', { token: owner.token });
    const body = await expectJson(me, 200, UserSchema);
    expect(body.items).toHaveLength(1);
    expect(body.last_login).not.toBeNull();
    const list = await api.get('/api/v1/users?limit=2', { token: owner.token });
    expect(list.status, await list.clone().text()).toBe(200);
    const doc = await api.get('/openapi.json');
    expect(doc.status, await doc.clone().text()).toBe(200);
  });
});
