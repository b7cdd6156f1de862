/**
 * The interactive documentation page: Swagger UI at a pinned version with Subresource Integrity
 * (people type passwords and tokens into its "Authorize" dialog), and a strict CSP.
 */
import { Hono } from 'hono';

const VERSION = '5.35.0';
const CDN = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${VERSION}`;
const SCRIPT_SRI = 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9';
const STYLE_SRI = 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Users &amp; items API</title>
  <link rel="stylesheet" href="${CDN}/swagger-ui.css" integrity="${STYLE_SRI}" crossorigin="anonymous">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${CDN}/swagger-ui-bundle.js" integrity="${SCRIPT_SRI}" crossorigin="anonymous"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// Served from our origin so the CSP needs no 'unsafe-inline' for scripts.
const INIT = "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });\n";

const CSP = [
  "default-src 'none'",
  `script-src 'self' ${CDN}/`,
  // Swagger UI sets inline styles on its elements.
  `style-src ${CDN}/ 'unsafe-inline'`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const docsRouter = new Hono({ strict: false })
  .get('/docs', (c) => c.html(PAGE, 200, { 'Content-Security-Policy': CSP }))
  .get('/docs/init.js', (c) =>
    c.body(INIT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  );
