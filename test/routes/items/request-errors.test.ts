import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';

const MIB = 1024 * 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

const badBodies: [string, string, Record<string, string>, number][] = [
  ['malformed JSON', '{"title": "Lamp"', JSON_TYPE, 400],
  ['a JSON body sent as text/plain', '{"title": "Lamp"}', { 'Content-Type': 'text/plain' }, 415],
  ['a JSON body without a Content-Type', '{"title": "Lamp"}', {}, 415],
  [
    'a body over 1 MiB',
    JSON.stringify({ title: 'Lamp', description: 'x'.repeat(MIB) }),
    JSON_TYPE,
    413,
  ],
];

/** A string body would get a text/plain Content-Type, so these bodies are sent as bytes. */
const bytes = (text: string) => new TextEncoder().encode(text);

describe('POST /api/v1/users/{user_id}/items request bodies', () => {
  for (const [name, body, headers, status] of badBodies) {
    it(`returns a ${status} problem for ${name}, and writes nothing`, async () => {
      const owner = await signUp();
      const path = `/api/v1/users/${owner.user.id}/items`;
      const response = await api.post(path, { body: bytes(body), headers, token: owner.token });
      await expectProblem(response, status);
      expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
    });
  }
});

for (const method of ['PATCH', 'PUT']) {
  describe(`${method} /api/v1/items/{item_id} request bodies`, () => {
    for (const [name, body, headers, status] of badBodies) {
      it(`returns a ${status} problem for ${name}, and changes nothing`, async () => {
        const owner = await signUp();
        const item = await createItem(owner);
        const path = `/api/v1/items/${item.id}`;
        const options = { body: bytes(body), headers, token: owner.token };
        await expectProblem(await api.send(method, path, options), status);
        expect(await expectJson(await api.get(path), 200, ItemSchema)).toEqual(item);
      });
    }
  });
}

describe('unknown routes under /api/v1/items', () => {
  for (const [method, path] of [
    ['GET', '/api/v1/item'],
    ['GET', '/api/v1/items/1/owner'],
    ['GET', '/items'],
  ] as const) {
    it(`answers ${method} ${path} with a 404 problem`, async () => {
      const problem = await expectProblem(await api.send(method, path), 404);
      expect(problem.detail).toContain(path);
    });
  }
});
