/**
 * Identity hygiene, tried as an attacker would: names that look alike, text that displays as
 * something else, logins in another case, bytes that are not UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectProblem } from '../helpers/api.ts';
import { login, newUserBody, signUp } from '../helpers/factories.ts';
import { api, unique } from '../helpers/http.ts';
import { itemIdsOwnedBy, userIdsNamed, userIdsWithEmail } from '../helpers/rows.ts';

const signUpAs = (overrides: Record<string, unknown>) =>
  api.post('/api/v1/users', { json: newUserBody(overrides) });

describe('usernames', () => {
  it('are unique regardless of case: Alice and alice cannot both exist', async () => {
    const name = unique('Alice');
    await expectJson(await signUpAs({ username: name }), 201, UserSchema);
    for (const variant of [name.toLowerCase(), name.toUpperCase()]) {
      const taken = await signUpAs({ username: variant });
      expect((await expectProblem(taken, 409)).detail).toMatch(/username/i);
    }
    expect(await userIdsNamed(name)).toHaveLength(1);
  });

  it('cannot be renamed into another case of a taken name', async () => {
    const first = await signUp({ username: unique('Bob') });
    const second = await signUp();
    const path = `/api/v1/users/${second.user.id}`;
    const body = { username: first.user.username.toUpperCase() };
    await expectProblem(await api.patch(path, { json: body, token: second.token }), 409);
  });

  it('follow an ASCII profile, so nothing can look like another name', async () => {
    const base = unique('admin');
    const lookalikes = [
      `\u0430${base.slice(1)}`, // Cyrillic а
      base.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), // fullwidth
      `${base.slice(0, 3)}\u200b${base.slice(3)}`, // zero-width space
      `\u202e${[...base].reverse().join('')}`, // right-to-left override
      `cafe\u0301${base.slice(0, 6)}`, // NFD é
      `café${base.slice(0, 6)}`, // NFC é
      `${base}\nroot`,
      `\u001b[31m${base}`, // ANSI escape
      `${base}\u{E0041}`, // tag character
      ` ${base}`,
      `${base} `,
      `${base}@example.com`,
      'Σίσυφος',
      '-leading',
      'trailing.',
    ];
    for (const username of lookalikes) {
      await expectInvalid(await signUpAs({ username }), 'body.username');
    }
    await expectJson(await signUpAs({ username: base }), 201, UserSchema);
  });

  it('accept letters, digits, dots, dashes and underscores inside', async () => {
    const username = `${unique('A.b-c_')}9`;
    const created = await expectJson(await signUpAs({ username }), 201, UserSchema);
    expect(created.username).toBe(username);
  });
});

describe('logging in', () => {
  it('accepts the username in any case, and the email address in any case', async () => {
    const user = await signUp({ username: unique('Carol') });
    const { username, email } = user.user;
    for (const name of [
      username,
      username.toLowerCase(),
      username.toUpperCase(),
      email,
      email.toUpperCase(),
    ]) {
      const response = await login(name, user.password);
      expect(response.status, `${name}: ${await response.clone().text()}`).toBe(200);
    }
    expect((await login(username.toUpperCase(), 'wrong password')).status).toBe(401);
  });

  it('normalises passwords (NFKC): the same password typed in another form logs in', async () => {
    const password = 'café crème ｆｕｌｌｗｉｄｔｈ';
    const user = await signUp({ password: password.normalize('NFD') });
    expect((await login(user.user.username, password.normalize('NFC'))).status).toBe(200);
    expect((await login(user.user.username, 'café crème fullwidth')).status).toBe(200);
  });
});

describe('display text', () => {
  it('refuses control and bidirectional-override characters in full_name and titles', async () => {
    const owner = await signUp();
    const path = `/api/v1/users/${owner.user.id}/items`;
    for (const bad of [
      'line\nbreak',
      'tab\there',
      '\u001b[2Jclear',
      'evil\u202egnp.exe',
      'x\u2066y',
      'tag\u{E0061}',
    ]) {
      await expectInvalid(await signUpAs({ full_name: bad }), 'body.full_name');
      const item = await api.post(path, { json: { title: bad }, token: owner.token });
      await expectInvalid(item, 'body.title');
    }
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });

  it('allows line breaks and tabs in descriptions, but not other controls or overrides', async () => {
    const owner = await signUp();
    const path = `/api/v1/users/${owner.user.id}/items`;
    const description = 'First line\r\nSecond line\n\tindented — ünïcödé 🙂';
    const created = await api.post(path, {
      json: { title: 'Prose', description },
      token: owner.token,
    });
    expect((await expectJson(created, 201, ItemSchema)).description).toBe(description);
    for (const bad of ['bell\u0007', 'over\u202eride', 'escape\u001b[0m']) {
      const refused = await api.post(path, {
        json: { title: 'x', description: bad },
        token: owner.token,
      });
      await expectInvalid(refused, 'body.description');
    }
  });
});

describe('request bodies that are not UTF-8', () => {
  it('are a 400, not text stored with U+FFFD in place of the bytes', async () => {
    const body = newUserBody();
    const json = JSON.stringify(body).replace('Test User', 'Test \u0000User');
    const bytes = new TextEncoder().encode(json);
    const at = bytes.indexOf(0);
    bytes[at] = 0xff; // a byte that never appears in UTF-8
    const response = await api.post('/api/v1/users', {
      body: bytes,
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await expectProblem(response, 400)).detail).toMatch(/UTF-8/);
    expect(await userIdsWithEmail(body.email)).toEqual([]);
  });

  it('are a 400 for login forms too', async () => {
    const response = await api.post('/api/v1/auth/token', {
      body: new Uint8Array([...new TextEncoder().encode('username=a&password='), 0xc3, 0x28]),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(response, 400);
  });
});
