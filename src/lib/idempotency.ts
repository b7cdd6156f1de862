/**
 * Safe retries of creates: the `Idempotency-Key` header, the fingerprint of a request, and what a
 * repeat is answered. The SQL that records and finds answers is in src/db/idempotency.ts.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Earlier, Once } from '../db/idempotency.ts';
import type { AppEnv } from '../types.ts';
import { ApiError } from './problem.ts';

/** Visible ASCII (RFC 5234 VCHAR), as the draft's keys (UUIDs, random strings) are. */
const KEY = /^[\x21-\x7e]{1,255}$/;

export const IdempotencyKeySchema = z.object({
  'idempotency-key': z
    .string()
    .regex(KEY, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .openapi({
      description:
        'Makes the create safe to retry: a repeat with the same key and body within 24 hours ' +
        'answers the first response again (with Idempotent-Replayed: true) and creates nothing.',
      example: '0b6f7c1e-2f4a-4d1b-9a77-5d1c2e9f3a10',
    }),
});

export const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description: 'true when this is the recorded answer to an earlier request with the same key.',
    schema: { type: 'string' as const, enum: ['true'] },
  },
};

/** An answer recorded for an earlier request with the key: its status and the created row. */
export class Replay {
  readonly status: number;
  readonly resource: Record<string, unknown>;

  constructor(status: number, resource: Record<string, unknown>) {
    this.status = status;
    this.resource = resource;
  }
}

/**
 * The request's key, scoped to where it was sent and by whom (keys are the client's own, so two
 * clients may pick the same one), with an HMAC of its body: the server secret keeps a fingerprint
 * of a sign-up body (which holds a password) from being guessable offline.
 */
export async function onceFor<E extends AppEnv>(
  c: Context<E>,
  body: unknown,
  callerId?: number,
): Promise<Once | undefined> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return undefined;
  const endpoint = `${c.req.method} ${c.req.path.replace(/\/+$/, '')}`;
  const scope = callerId === undefined ? endpoint : `user:${callerId} ${endpoint}`;
  return { scope, key, fingerprint: await hmac(c.var.config.JWT_SECRET, JSON.stringify(body)) };
}

async function hmac(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const algorithm = { name: 'HMAC', hash: 'SHA-256' };
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), algorithm, false, [
    'sign',
  ]);
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(signature)));
}

/**
 * What a keyed request that created nothing is answered: the recorded answer (same body), 422
 * (another body), 409 (the first is still running), or undefined: the key had no part in it.
 */
export function replayOf(once: Once, earlier: Earlier): Replay | undefined {
  const { record, free } = earlier;
  if (record && record.fingerprint === once.fingerprint) {
    return new Replay(record.status, record.resource as Record<string, unknown>);
  }
  if (record) {
    const detail = 'This Idempotency-Key was used for a request with another body; use a new key.';
    throw new ApiError(422, detail, {
      errors: [{ path: 'header.idempotency-key', message: detail }],
    });
  }
  if (!free) throw keyInUse();
  return undefined;
}

/** 409: another request holds the key; retrying shortly gets its answer (or runs this one). */
export function keyInUse(): ApiError {
  const detail =
    'A request with this Idempotency-Key is still running; retry shortly for its answer.';
  return new ApiError(409, detail, { headers: { 'Retry-After': '1' } });
}

/** Marks a response as the replay of an earlier one. */
export function markReplayed(c: Context): void {
  c.header('Idempotent-Replayed', 'true');
}
