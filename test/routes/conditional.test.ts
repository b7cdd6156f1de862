/** ETags, If-None-Match (304) and If-Match (412) on users and items; caching of private answers. */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { PublicUserSchema, UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { createItem, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

async function etagOf(response: Response): Promise<string> {
  const etag = response.headers.get('ETag');
  expect(etag, await response.clone().text()).toMatch(/^"[a-z]+-\d+-r\d+(-[a-z]+)?"$/);
  return etag ?? '';
}

describe('GET with If-None-Match', () => {
  it('answers 304 with no body for an unchanged item, and 200 with a new ETag after a change', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const path = `/api/v1/items/${item.id}`;
    const etag = await etagOf(await api.get(path));
    const same = await api.get(path, { headers: { 'If-None-Match': etag } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect(same.headers.get('ETag')).toBe(etag);
    await api.patch(path, { json: { title: 'Changed' }, token: owner.token });
    const changed = await api.get(path, { headers: { 'If-None-Match': etag } });
    expect((await expectJson(changed.clone(), 200, ItemSchema)).title).toBe('Changed');
    expect(await etagOf(changed)).not.toBe(etag);
  });

  it("changes a user's ETag when an item of theirs is added, changed or deleted", async () => {
    const owner = await signUp();
    const read = () => api.get('/api/v1/users/me', { token: owner.token });
    const tags = [await etagOf(await read())];
    const item = await createItem(owner);
    tags.push(await etagOf(await read()));
    await api.patch(`/api/v1/items/${item.id}`, { json: { price: 3 }, token: owner.token });
    tags.push(await etagOf(await read()));
    await api.delete(`/api/v1/items/${item.id}`, { token: owner.token });
    tags.push(await etagOf(await read()));
    expect(new Set(tags).size).toBe(4);
    const unchanged = await api.get('/api/v1/users/me', {
      token: owner.token,
      headers: { 'If-None-Match': `"x", W/${tags[3]}` },
    });
    expect(unchanged.status).toBe(304);
  });

  it('gives the full and the public representation of a user different ETags', async () => {
    const owner = await signUp();
    const reader = await signUp();
    const path = `/api/v1/users/${owner.user.id}`;
    const own = await api.get(path, { token: owner.token });
    const theirs = await api.get(path, { token: reader.token });
    await expectJson(theirs.clone(), 200, PublicUserSchema);
    expect(await etagOf(own)).not.toBe(await etagOf(theirs));
    const stale = await api.get(path, {
      token: reader.token,
      headers: { 'If-None-Match': await etagOf(own) },
    });
    expect(stale.status).toBe(200);
  });
});

describe('writes with If-Match', () => {
  it('change an item only while its ETag is current: 412 and nothing changed otherwise', async () => {
    const owner = await signUp();
    const item = await createItem(owner, { title: 'Original' });
    const path = `/api/v1/items/${item.id}`;
    const etag = await etagOf(await api.get(path));
    const first = await api.patch(path, {
      json: { title: 'Mine' },
      token: owner.token,
      headers: { 'If-Match': etag },
    });
    expect((await expectJson(first.clone(), 200, ItemSchema)).title).toBe('Mine');
    const newer = await etagOf(first);
    const lost = await api.put(path, {
      json: { title: 'Theirs' },
      token: owner.token,
      headers: { 'If-Match': etag },
    });
    expect((await expectProblem(lost, 412)).detail).toMatch(/changed/);
    const deleted = await api.delete(path, { token: owner.token, headers: { 'If-Match': etag } });
    await expectProblem(deleted, 412);
    expect((await expectJson(await api.get(path), 200, ItemSchema)).title).toBe('Mine');
    const gone = await api.delete(path, { token: owner.token, headers: { 'If-Match': newer } });
    expect(gone.status).toBe(200);
  });

  it('accept If-Match: * for anything that exists, and answer 404 (not 412) for what does not', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const star = { 'If-Match': '*' };
    const path = `/api/v1/items/${item.id}`;
    expect(
      (await api.patch(path, { json: { price: 2 }, token: owner.token, headers: star })).status,
    ).toBe(200);
    const missing = await api.patch('/api/v1/items/2147483647', {
      json: { price: 2 },
      token: owner.token,
      headers: star,
    });
    await expectProblem(missing, 404);
  });

  it('check the user ETag too, whichever representation it came from; 403 comes before 412', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const path = `/api/v1/users/${owner.user.id}`;
    const etag = await etagOf(await api.get(path, { token: owner.token }));
    await createItem(owner);
    const stale = await api.patch(path, {
      json: { full_name: 'Late' },
      token: owner.token,
      headers: { 'If-Match': etag },
    });
    await expectProblem(stale, 412);
    const forbidden = await api.patch(path, {
      json: { full_name: 'x' },
      token: stranger.token,
      headers: { 'If-Match': etag },
    });
    await expectProblem(forbidden, 403);
    const current = await etagOf(await api.get(path, { token: stranger.token }));
    const fresh = await api.patch(path, {
      json: { full_name: 'On time' },
      token: owner.token,
      headers: { 'If-Match': current },
    });
    expect((await expectJson(fresh, 200, UserSchema)).full_name).toBe('On time');
  });
});

describe('Cache-Control', () => {
  it('keeps authenticated answers private (and tokens unstored)', async () => {
    const owner = await signUp();
    const me = await api.get('/api/v1/users/me', { token: owner.token });
    expect(me.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(me.headers.get('Vary')).toMatch(/Authorization/);
    const login = await api.post('/api/v1/auth/token', {
      form: { username: owner.user.username, password: owner.password },
    });
    expect(login.headers.get('Cache-Control')).toBe('no-store');
  });
});
