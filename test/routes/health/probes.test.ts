import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { fetchApp, request } from '../../helpers/http.ts';

describe('GET /health', () => {
  it('answers 200 without touching the database', async () => {
    const response = await fetchApp(
      createApp(),
      '/health',
      {},
      { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x' },
    );
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('accepts a trailing slash and sets a request id and security headers', async () => {
    const response = await request('/health/');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});

describe('GET /health/ready', () => {
  it('answers 200 when the database answers', async () => {
    const response = await request('/health/ready');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('answers a 503 problem with Retry-After when the database is down', async () => {
    const response = await fetchApp(
      createApp(),
      '/health/ready',
      {},
      {
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres',
      },
    );
    expect(response.status, await response.clone().text()).toBe(503);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
    const body = await response.json<{ status: number; detail: string }>();
    expect(body.status).toBe(503);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres|select/i);
  });
});

describe('unknown routes', () => {
  it('answer a 404 problem', async () => {
    const response = await request('/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
