/**
 * The opt-in interactive transaction, proven on a real route shape: the items router's own
 * contract and handler (bearer auth, validation, the authorization batch, the gated INSERT … SELECT)
 * mounted with interactiveTransaction() on the app's real pipeline. Each outcome is made explicit
 * by an outer test middleware that fails the request after the handler wrote.
 */

import { env } from 'cloudflare:workers';
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { AuthenticatedEnv } from '../../src/middleware/authenticate.ts';
import { interactiveTransaction } from '../../src/middleware/interactive-transaction.ts';
import { createItem } from '../../src/routes/items/items.handlers.ts';
import { createItemRoute } from '../../src/routes/items/items.routes.ts';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { signUp } from '../helpers/factories.ts';
import { appClient, unique } from '../helpers/http.ts';
import { itemIdsOwnedBy, itemIdsTitled } from '../helpers/rows.ts';
import { nextTurn, recordWebSockets } from '../helpers/websockets.ts';

/**
 * The real createItem route at /api/v1/tx/users/{user_id}/items, inside one transaction. A test
 * middleware between the transaction and the handler fails the request after the handler wrote;
 * `handled` records the handler's own status, so a rollback test knows the write did happen.
 */
function transactionalApp(handled: number[] = []) {
  const failAfterHandler: MiddlewareHandler<AuthenticatedEnv> = async (c, next) => {
    await next();
    handled.push(c.res.status);
    const outcome = c.req.header('X-Test-Outcome');
    if (outcome === 'throw') throw new Error('boom after the write');
    if (outcome === 'reject') c.res = new Response('{}', { status: 409 });
  };
  const route = createRoute({
    ...createItemRoute,
    path: '/api/v1/tx/users/{user_id}/items',
    // Typed as the route's own tuple, so the real handler's context type still fits.
    middleware: [
      ...createItemRoute.middleware,
      interactiveTransaction<AuthenticatedEnv>(),
      failAfterHandler,
    ] as unknown as typeof createItemRoute.middleware,
  });
  const app = createApp();
  app.openapi(route, createItem);
  return app;
}

async function send(outcome: 'commit' | 'throw' | 'reject', bindings: Record<string, string> = {}) {
  const owner = await signUp();
  const title = unique('tx ');
  const handled: number[] = [];
  const response = await appClient(transactionalApp(handled), bindings).post(
    `/api/v1/tx/users/${owner.user.id}/items`,
    { json: { title, price: 1.5 }, token: owner.token, headers: { 'X-Test-Outcome': outcome } },
  );
  return { owner, title, response, handled };
}

describe('interactive transaction on a real route', () => {
  it('commits the write when the request answers 2xx', async () => {
    const { owner, title, response } = await send('commit');
    const item = await expectJson(response, 201, ItemSchema);
    expect(item).toMatchObject({ title, price: 1.5, owner_id: owner.user.id });
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([item.id]);
  });

  it('rolls the write back when the request throws afterwards, and answers a bare 500', async () => {
    const { owner, title, response, handled } = await send('throw');
    expect(handled, 'the handler wrote the item').toEqual([201]);
    const problem = await expectProblem(response, 500);
    expect(JSON.stringify(problem)).not.toMatch(/boom|at /);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
    expect(await itemIdsTitled(title)).toEqual([]);
  });

  it('rolls the write back when the request answers 4xx', async () => {
    const { owner, response, handled } = await send('reject');
    expect(handled, 'the handler wrote the item').toEqual([201]);
    expect(response.status).toBe(409);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });

  it('refuses another user inside the transaction: 403, nothing written', async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const response = await appClient(transactionalApp()).post(
      `/api/v1/tx/users/${owner.user.id}/items`,
      { json: { title: 'not yours' }, token: intruder.token },
    );
    await expectProblem(response, 403);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });
});

describe('database unreachable', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const down = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres' };
  const silent = {
    DATABASE_URL: `postgresql://postgres@${env.BLACKHOLE_ADDRESS}/postgres`,
    DB_TIMEOUT_MS: '500',
  };

  for (const [name, bindings] of [
    ['refuses connections', down],
    ['never answers', silent],
  ] as const) {
    it(`answers a write with a 503 problem when the database ${name}`, {
      timeout: 5_000,
    }, async () => {
      const sockets = recordWebSockets();
      const { response } = await send('commit', bindings);
      const problem = await expectProblem(response, 503);
      expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(JSON.stringify(problem)).not.toMatch(/127\.0\.0\.1|insert|stack/i);
      // Giving up closes the WebSocket; a write after that would throw, uncaught, from a timer.
      await nextTurn();
      expect(sockets.sendsAfterClose).toBe(0);
    });
  }
});
