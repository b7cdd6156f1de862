/**
 * The interactive documentation page: Swagger UI from the pinned `swagger-ui-dist` npm package,
 * served from this Worker's own origin through Workers Static Assets, so /docs works offline and
 * its CSP names no other host. The lock file's integrity hash pins the files as SRI did.
 */
import { Hono } from 'hono';

/** The files of the package the page loads; the rest of the package is never served. */
const ASSET_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Users &amp; items API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// Served from our origin so the CSP needs no 'unsafe-inline' for scripts.
const INIT = "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });\n";

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Swagger UI sets inline styles on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The Static Assets binding (wrangler.toml `[assets]`), rooted at the package's folder. */
type DocsEnv = { Bindings: { ASSETS: Fetcher } };

export const docsRouter = new Hono<DocsEnv>({ strict: false })
  .get('/docs', (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP }))
  .get('/docs/init.js', (c) =>
    c.body(INIT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  )
  .get('/docs/:file', async (c, next) => {
    const file = c.req.param('file');
    if (!ASSET_FILES.has(file)) return next();
    const asset = await c.env.ASSETS.fetch(new URL(`/${file}`, c.req.url));
    // A fresh Response, so the app's middleware may add its headers to it.
    return new Response(asset.body, asset);
  });
