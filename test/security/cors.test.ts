import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { fetchApp } from '../helpers/http.ts';

const ALLOWED = 'https://app.example';

function preflight(origin: string, path = '/api/v1/users/me'): RequestInit & { path: string } {
  return {
    path,
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  };
}

function send(init: RequestInit & { path: string }, corsOrigins?: string): Promise<Response> {
  const { path, ...rest } = init;
  const bindings: Record<string, string> =
    corsOrigins === undefined ? {} : { CORS_ORIGINS: corsOrigins };
  return fetchApp(createApp(), path, rest, bindings);
}

describe('CORS', () => {
  it('answers a preflight from a listed origin with that origin, the methods and the headers', async () => {
    const response = await send(preflight(ALLOWED), ALLOWED);
    expect(response.status, await response.clone().text()).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('PATCH');
    const allowedHeaders = response.headers.get('Access-Control-Allow-Headers')?.toLowerCase();
    expect(allowedHeaders).toContain('authorization');
    expect(allowedHeaders).toContain('content-type');
    expect(response.headers.get('Vary')).toContain('Origin');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  });

  it('gives no Access-Control-Allow-Origin to a preflight from an unlisted origin', async () => {
    for (const origin of [
      'https://evil.example',
      'https://app.example.evil',
      'http://app.example',
      'null',
    ]) {
      const response = await send(preflight(origin), ALLOWED);
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });

  it('allows any of several comma-separated origins, and only those', async () => {
    const list = 'https://a.example, https://b.example';
    for (const origin of ['https://a.example', 'https://b.example']) {
      const response = await send(preflight(origin), list);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    }
    const other = await send(preflight('https://c.example'), list);
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('allows no origin at all by default', async () => {
    for (const origin of [ALLOWED, 'https://evil.example']) {
      const response = await send(preflight(origin));
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
    const withoutOrigin = await send({ path: '/api/v1/items?limit=1', method: 'GET' });
    expect(withoutOrigin.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('never answers with a wildcard origin', async () => {
    const response = await send(preflight(ALLOWED), '*');
    expect(response.headers.get('Access-Control-Allow-Origin')).not.toBe('*');
  });

  it('labels actual responses for a listed origin and exposes the request id', async () => {
    const init = { path: '/api/v1/items?limit=1', method: 'GET', headers: { Origin: ALLOWED } };
    const response = await send(init, ALLOWED);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');

    const foreign = await send({ ...init, headers: { Origin: 'https://evil.example' } }, ALLOWED);
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('labels error responses too, so a listed origin can read its problem documents', async () => {
    const init = { path: '/api/v1/users/me', method: 'GET', headers: { Origin: ALLOWED } };
    const response = await send(init, ALLOWED);
    expect(response.status).toBe(401);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('WWW-Authenticate');
  });

  it('carries a request id and nosniff on the preflight answer', async () => {
    const response = await send(preflight(ALLOWED), ALLOWED);
    expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
