/** What the idempotency tests share: requests that race with one key, and a key held elsewhere. */

import { env } from 'cloudflare:workers';
import type { z } from '@hono/zod-openapi';
import { createPool } from '../../../src/db/client.ts';
import { readConfig } from '../../../src/env.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';

/** Sends `send` 10 times at once: each answer is a 201 or a 409 problem; the created ids. */
export async function idsCreatedAtOnce(
  send: () => Promise<Response>,
  schema: z.ZodType<{ id: number }>,
): Promise<Set<number>> {
  const responses = await Promise.all(Array.from({ length: 10 }, send));
  const ids = new Set<number>();
  for (const response of responses) {
    if (response.status === 409) await expectProblem(response, 409);
    else ids.add((await expectJson(response, 201, schema)).id);
  }
  return ids;
}

/**
 * Runs `work` while another database session holds the key's lock, as a request still running
 * with it would (the lock src/db/idempotency.ts takes: `<scope> <key>`).
 */
export async function whileKeyHeld(scope: string, key: string, work: () => Promise<void>) {
  const pool = createPool(readConfig(env));
  // workerd reports the server's close at pool.end() as an error event.
  pool.on('error', () => undefined);
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `${scope} ${key}`,
    ]);
    await work();
  } finally {
    await holder.query('ROLLBACK').catch(() => undefined);
    holder.release();
    await pool.end();
  }
}
