import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { expectProblem } from '../helpers/api.ts';
import { appClient } from '../helpers/http.ts';

const ALLOWED = 'https://app.example';
const ME = '/api/v1/users/me';

/** A fresh app with CORS_ORIGINS set to `corsOrigins`, or left unset. */
function app(corsOrigins?: string) {
  return appClient(createApp(), corsOrigins === undefined ? {} : { CORS_ORIGINS: corsOrigins });
}

/** What a browser sends before a PATCH with a token and a JSON body, from `origin`. */
function preflight(origin: string) {
  return {
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  };
}

describe('CORS', () => {
  it('answers a preflight from a listed origin with that origin, the methods and the headers', async () => {
    const response = await app(ALLOWED).options(ME, preflight(ALLOWED));
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
      const response = await app(ALLOWED).options(ME, preflight(origin));
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });

  it('allows any of several comma-separated origins, and only those', async () => {
    const list = 'https://a.example, https://b.example';
    for (const origin of ['https://a.example', 'https://b.example']) {
      const response = await app(list).options(ME, preflight(origin));
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    }
    const other = await app(list).options(ME, preflight('https://c.example'));
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('allows no origin at all by default', async () => {
    for (const origin of [ALLOWED, 'https://evil.example']) {
      const response = await app().options(ME, preflight(origin));
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
    const withoutOrigin = await app().get('/api/v1/items?limit=1');
    expect(withoutOrigin.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('never answers with a wildcard origin', async () => {
    const response = await app('*').options(ME, preflight(ALLOWED));
    expect(response.headers.get('Access-Control-Allow-Origin')).not.toBe('*');
  });

  it('labels actual responses for a listed origin and exposes the request id', async () => {
    const path = '/api/v1/items?limit=1';
    const response = await app(ALLOWED).get(path, { headers: { Origin: ALLOWED } });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');

    const foreign = await app(ALLOWED).get(path, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('labels error responses too, so a listed origin can read its problem documents', async () => {
    const response = await app(ALLOWED).get(ME, { headers: { Origin: ALLOWED } });
    await expectProblem(response, 401);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('WWW-Authenticate');
  });

  it('exposes every response header the document declares', async () => {
    const response = await app(ALLOWED).get('/api/v1/items?limit=1', {
      headers: { Origin: ALLOWED },
    });
    const exposed = (response.headers.get('Access-Control-Expose-Headers') ?? '').split(/,\s*/);
    for (const header of [
      'ETag',
      'Link',
      'Location',
      'Retry-After',
      'Idempotent-Replayed',
      'Allow',
    ]) {
      expect(exposed, header).toContain(header);
    }
  });

  it('allows every request header the document declares, so browsers may send them', async () => {
    const document = (await (await app().get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const declared = Object.values(document.paths)
      .flatMap((operations) => Object.values(operations))
      .flatMap((operation) => operation.parameters ?? [])
      .filter((parameter) => parameter.in === 'header')
      .map((parameter) => parameter.name.toLowerCase());
    expect(declared).toEqual(
      expect.arrayContaining(['idempotency-key', 'if-match', 'if-none-match']),
    );
    const response = await app(ALLOWED).options(ME, preflight(ALLOWED));
    const allowed = (response.headers.get('Access-Control-Allow-Headers') ?? '')
      .toLowerCase()
      .split(/,\s*/);
    for (const header of new Set(['authorization', 'content-type', ...declared])) {
      expect(allowed, header).toContain(header);
    }
  });

  it('answers a preflight for a path whose other methods exist, and for PUT /users/me', async () => {
    const response = await app(ALLOWED).options('/api/v1/users/me', {
      headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
  });

  it('carries a request id and nosniff on the preflight answer', async () => {
    const response = await app(ALLOWED).options(ME, preflight(ALLOWED));
    expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
