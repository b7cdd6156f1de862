/** POST /api/v1/auth/logout: sign out everywhere. */
import { describe, expect, it } from 'vitest';
import { TokenSchema } from '../../../src/routes/auth/auth.schemas.ts';
import { expectJson, expectUnauthorized } from '../../helpers/api.ts';
import { createItem, login, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';

describe('POST /api/v1/auth/logout', () => {
  it('answers 204 and kills every token issued so far, at once; a new login works', async () => {
    const user = await signUp();
    const item = await createItem(user);
    const second = await login(user.user.username, user.password);
    const other = (await expectJson(second, 200, TokenSchema)).access_token;

    const response = await api.post('/api/v1/auth/logout', { token: user.token });
    expect(response.status, await response.clone().text()).toBe(204);
    expect(await response.text()).toBe('');

    for (const token of [user.token, other]) {
      await expectUnauthorized(await api.get('/api/v1/users/me', { token }));
      const patch = await api.patch(`/api/v1/items/${item.id}`, { json: { title: 'x' }, token });
      await expectUnauthorized(patch);
    }
    const again = await login(user.user.username, user.password);
    const fresh = (await expectJson(again, 200, TokenSchema)).access_token;
    expect((await api.get('/api/v1/users/me', { token: fresh })).status).toBe(200);
  });

  it('answers 401 the second time: the token it was sent with is already dead', async () => {
    const user = await signUp();
    expect((await api.post('/api/v1/auth/logout', { token: user.token })).status).toBe(204);
    const twice = await api.post('/api/v1/auth/logout', { token: user.token });
    await expectUnauthorized(twice);
    expect(twice.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('answers 401 without a token', async () => {
    await expectUnauthorized(await api.post('/api/v1/auth/logout'));
  });

  it('leaves other accounts logged in', async () => {
    const user = await signUp();
    const bystander = await signUp();
    expect((await api.post('/api/v1/auth/logout', { token: user.token })).status).toBe(204);
    expect((await api.get('/api/v1/users/me', { token: bystander.token })).status).toBe(200);
  });
});
