import { describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';

describe('GET /docs', () => {
  it('serves Swagger UI pinned and integrity-checked, under a strict CSP', async () => {
    const response = await api.get('/docs');
    expect(response.status).toBe(200);
    const html = await response.text();
    const assets = [...html.matchAll(/(?:src|href)="(https:[^"]+)" integrity="sha384-[\w+/=]+"/g)];
    expect(assets.map(([, url]) => url?.split('/').pop())).toEqual([
      'swagger-ui.css',
      'swagger-ui-bundle.js',
    ]);
    expect(html).toMatch(/swagger-ui-dist@\d+\.\d+\.\d+\//);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it("points the page at this API's OpenAPI document", async () => {
    const init = await api.get('/docs/init.js');
    expect(init.status).toBe(200);
    expect(await init.text()).toContain("url: '/openapi.json'");
  });
});
