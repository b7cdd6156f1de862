import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { expectProblem } from '../../helpers/api.ts';
import { api, appClient } from '../../helpers/http.ts';

describe('GET /health', () => {
  it('answers 200 without touching the database', async () => {
    const app = appClient(createApp(), { DATABASE_URL: 'postgresql://x@127.0.0.1:1/x' });
    const response = await app.get('/health');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('accepts a trailing slash and sets a request id and security headers', async () => {
    const response = await api.get('/health/');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});

describe('GET /health/ready', () => {
  it('answers 200 when the database answers', async () => {
    const response = await api.get('/health/ready');
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('answers a 503 problem with Retry-After when the database is down', async () => {
    const app = appClient(createApp(), {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres',
    });
    const response = await app.get('/health/ready');
    const text = await response.clone().text();
    await expectProblem(response, 503);
    expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(text).not.toMatch(/127\.0\.0\.1|postgres|select/i);
  });
});

describe('unknown routes', () => {
  it('answer a 404 problem', async () => {
    const problem = await expectProblem(await api.get('/nope'), 404);
    expect(problem).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
