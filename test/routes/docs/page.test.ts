import { describe, expect, it } from 'vitest';
import { api } from '../../helpers/http.ts';

/** Every `src` and `href` in the page, as written. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url ?? '');
}

describe('GET /docs', () => {
  it('loads Swagger UI only from this origin, under a CSP that names no other host', async () => {
    const response = await api.get('/docs');
    expect(response.status).toBe(200);
    const assets = assetsOf(await response.text());
    expect(assets).toEqual(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/https?:|\*|script-src[^;]*'unsafe-inline'/);
  });

  it.each([
    ['/docs/swagger-ui.css', /^text\/css/, '.swagger-ui'],
    ['/docs/swagger-ui-bundle.js', /javascript/, 'SwaggerUIBundle'],
  ])(
    'serves %s from the pinned npm package, with the security headers',
    async (path, type, text) => {
      const response = await api.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(type);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(await response.text()).toContain(text);
    },
  );

  it('serves no other file of the package', async () => {
    for (const path of [
      '/docs/index.html',
      '/docs/package.json',
      '/index.html',
      '/swagger-ui.css',
    ]) {
      expect((await api.get(path)).status, path).toBe(404);
    }
  });

  it("points the page at this API's OpenAPI document", async () => {
    const init = await api.get('/docs/init.js');
    expect(init.status).toBe(200);
    expect(await init.text()).toContain("url: '/openapi.json'");
  });
});
