import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson } from '../../helpers/api.ts';
import { newUserBody, signUp } from '../../helpers/factories.ts';
import { api, unique } from '../../helpers/http.ts';
import { userIdsNamed, userIdsWithEmail } from '../../helpers/rows.ts';

/** An email of exactly `length` characters, unique to this test. */
function emailOfLength(length: number): string {
  const domain = '@example.com';
  const local = unique('e');
  return `${local}${'a'.repeat(length - local.length - domain.length)}${domain}`;
}

/** A username of exactly `length` characters (code points), unique to this test (length >= 13). */
function usernameOfLength(length: number, fill = 'x'): string {
  const base = unique('u');
  return base + fill.repeat(length - base.length);
}

/** Neither the username nor the email of a rejected sign-up exists (values with NUL cannot). */
async function expectNothingWritten(body: Record<string, unknown>): Promise<void> {
  const { username, email } = body;
  if (typeof username === 'string' && !username.includes('\u0000')) {
    expect(await userIdsNamed(username)).toEqual([]);
  }
  if (typeof email === 'string' && !email.includes('\u0000')) {
    expect(await userIdsWithEmail(email)).toEqual([]);
  }
}

const invalidUserFields: [string, Record<string, unknown>, string[]][] = [
  ['a 2-character username', { username: 'ab' }, ['body.username']],
  ['a 51-character username', { username: 'u'.repeat(51) }, ['body.username']],
  ['51 emoji as username', { username: '😀'.repeat(51) }, ['body.username']],
  ['2 emoji as username (4 UTF-16 units)', { username: '😀😀' }, ['body.username']],
  ['a NUL in the username', { username: 'ab\u0000cd' }, ['body.username']],
  ['an unpaired surrogate in the username', { username: 'ab\udc00cd' }, ['body.username']],
  ['a non-string username', { username: 12345 }, ['body.username']],
  ['an invalid email', { email: 'not-an-email' }, ['body.email']],
  ['an email without a domain', { email: 'ada@' }, ['body.email']],
  // RFC 5321 allows these; the published pattern does not, and neither does the server.
  ['an email with "!" in it', { email: 'a!b@example.com' }, ['body.email']],
  ['an email at a dotless domain', { email: 'x@localhost' }, ['body.email']],
  ['a 255-character email', { email: emailOfLength(255) }, ['body.email']],
  ['a NUL in the email', { email: 'ada\u0000@example.com' }, ['body.email']],
  ['a 7-character password', { password: 'x'.repeat(7) }, ['body.password']],
  ['a 129-character password', { password: 'x'.repeat(129) }, ['body.password']],
  ['a NUL in the password', { password: 'correct\u0000horse' }, ['body.password']],
  ['an unpaired surrogate in the password', { password: 'correct\ud800horse' }, ['body.password']],
  ['a 201-character full_name', { full_name: 'n'.repeat(201) }, ['body.full_name']],
  ['201 emoji as full_name', { full_name: '😀'.repeat(201) }, ['body.full_name']],
  ['a NUL in the full_name', { full_name: 'Ada\u0000' }, ['body.full_name']],
  ['an unpaired surrogate in the full_name', { full_name: 'Ada\ud800' }, ['body.full_name']],
  ['a non-boolean is_active', { is_active: 'yes' }, ['body.is_active']],
];

describe('POST /api/v1/users validation', () => {
  for (const [name, fields, paths] of invalidUserFields.filter(([, f]) => !('is_active' in f))) {
    it(`returns 422 naming ${paths.join(', ')} for ${name}`, async () => {
      const body = newUserBody(fields);
      await expectInvalid(await api.post('/api/v1/users', { json: body }), ...paths);
      await expectNothingWritten(body);
    });
  }

  it('returns 422 naming every missing required field', async () => {
    await expectInvalid(
      await api.post('/api/v1/users', { json: {} }),
      'body.username',
      'body.email',
      'body.password',
    );
  });

  it('returns 422 naming every invalid field at once', async () => {
    const body = { username: 'ab', email: 'nope', password: 'short', full_name: 'n'.repeat(201) };
    const problem = await expectInvalid(
      await api.post('/api/v1/users', { json: body }),
      'body.username',
      'body.email',
      'body.password',
      'body.full_name',
    );
    expect(problem.detail).toContain('4');
  });

  it('returns 422 for a body that is JSON but not an object', async () => {
    const problem = await expectInvalid(await api.post('/api/v1/users', { json: ['ada'] }), 'body');
    expect(problem.errors).toHaveLength(1);
  });

  it('accepts every length at the edges of the rules', async () => {
    const edges = [
      { username: unique('').slice(0, 3) },
      { username: usernameOfLength(50) },
      // Lengths count characters, as varchar(n) does, not UTF-16 units.
      { full_name: '😀'.repeat(200) },
      { email: emailOfLength(254) },
      { password: 'p'.repeat(8) },
      { password: 'p'.repeat(128) },
      { full_name: 'n'.repeat(200) },
      { full_name: '' },
    ];
    for (const fields of edges) {
      const body = newUserBody(fields);
      const response = await api.post('/api/v1/users', { json: body });
      const user = await expectJson(response, 201, UserSchema);
      expect(user).toMatchObject({ username: body.username, email: body.email });
    }
  });
});

describe('PATCH /api/v1/users/{user_id} validation', () => {
  for (const [name, fields, paths] of invalidUserFields) {
    it(`returns 422 naming ${paths.join(', ')} for ${name}, and changes nothing`, async () => {
      const { user, token } = await signUp();
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await api.get(path, { token }), 200, UserSchema);
      await expectInvalid(await api.patch(path, { json: fields, token }), ...paths);
      const after = await expectJson(await api.get(path, { token }), 200, UserSchema);
      expect(after).toEqual(before);
    });
  }

  it('returns 422 for null in a field that cannot be null', async () => {
    const { user, token } = await signUp();
    const body = { username: null, email: null, password: null, is_active: null };
    await expectInvalid(
      await api.patch(`/api/v1/users/${user.id}`, { json: body, token }),
      'body.username',
      'body.email',
      'body.password',
      'body.is_active',
    );
  });
});

describe('user path ids', () => {
  for (const id of ['0', '-1', '2147483648', 'abc', '1.5', '1e3']) {
    it(`returns 422 naming path.user_id for ${id} on every users route`, async () => {
      const { token } = await signUp();
      const path = `/api/v1/users/${id}`;
      await expectInvalid(await api.get(path, { token }), 'path.user_id');
      await expectInvalid(await api.patch(path, { json: {}, token }), 'path.user_id');
      await expectInvalid(await api.put(path, { json: {}, token }), 'path.user_id');
      const items = await api.post(`${path}/items`, { json: { title: 'x' }, token });
      await expectInvalid(items, 'path.user_id');
    });
  }
});
