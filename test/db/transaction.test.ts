/**
 * The transaction-per-request middleware, proven through requests into the real app and the real
 * database: probe routes are mounted on a fresh app so each outcome (2xx, throw, 4xx) is explicit.
 */

import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { users } from '../../src/db/schema.ts';
import { interactiveTransaction } from '../../src/db/transaction.ts';
import { testDatabase } from '../helpers/db.ts';
import { fetchApp, unique } from '../helpers/http.ts';

function probeApp() {
  const app = createApp();
  app.all('/api/v1/_probe/:outcome/:username', interactiveTransaction(), async (c) => {
    const { outcome, username } = c.req.param();
    const email = `${username}@example.com`;
    await c.var.db.insert(users).values({ username, email, hashedPassword: 'x' });
    if (outcome === 'throw') throw new Error('boom after the write');
    if (outcome === 'reject') return c.json({ rejected: true }, 409);
    return c.json({ saved: true }, 201);
  });
  return app;
}

const jsonWrite = (method: string) => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: '{}',
});

async function userExists(username: string): Promise<boolean> {
  const rows = await testDatabase()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username));
  return rows.length === 1;
}

describe('transaction per writing request', () => {
  it('commits a write when the handler answers 2xx', async () => {
    const username = unique('commit');
    const response = await fetchApp(probeApp(), `/api/v1/_probe/ok/${username}`, jsonWrite('POST'));
    expect(response.status, await response.text()).toBe(201);
    expect(await userExists(username)).toBe(true);
  });

  it('rolls back a write when the handler throws afterwards, and answers a bare 500 problem', async () => {
    const username = unique('thrown');
    const response = await fetchApp(
      probeApp(),
      `/api/v1/_probe/throw/${username}`,
      jsonWrite('POST'),
    );
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('boom');
    expect(body).not.toContain('at ');
    expect(await userExists(username)).toBe(false);
  });

  it('rolls back a write when the handler answers 4xx', async () => {
    const username = unique('reject');
    const response = await fetchApp(
      probeApp(),
      `/api/v1/_probe/reject/${username}`,
      jsonWrite('PUT'),
    );
    expect(response.status).toBe(409);
    expect(await userExists(username)).toBe(false);
  });

  it('runs GET without a transaction even where the route opts in: its write stays despite a 4xx', async () => {
    const username = unique('get');
    const response = await fetchApp(probeApp(), `/api/v1/_probe/reject/${username}`);
    expect(response.status).toBe(409);
    expect(await userExists(username)).toBe(true);
  });
});

describe('database unreachable', () => {
  const down = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres' };
  const silent = {
    DATABASE_URL: `postgresql://postgres@${env.BLACKHOLE_ADDRESS}/postgres`,
    DB_TIMEOUT_MS: '500',
  };

  for (const [name, bindings] of [
    ['refuses connections', down],
    ['never answers', silent],
  ] as const) {
    for (const method of ['GET', 'POST']) {
      const init = method === 'GET' ? {} : jsonWrite(method);
      it(`answers ${method} with a 503 problem when the database ${name}`, {
        timeout: 5_000,
      }, async () => {
        const response = await fetchApp(
          probeApp(),
          `/api/v1/_probe/ok/${unique('down')}`,
          init,
          bindings,
        );
        expect(response.status, await response.clone().text()).toBe(503);
        expect(response.headers.get('Content-Type')).toBe('application/problem+json');
        expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
        expect(await response.text()).not.toMatch(/127\.0\.0\.1|insert|stack/i);
      });
    }
  }
});
