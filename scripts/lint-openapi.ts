/**
 * `npm run lint:openapi`: the document the Worker serves, linted by Redocly's recommended rules
 * (redocly.yaml), so a route cannot ship an undocumented header or a missing description.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Imported by URL: src/ is type-checked with the Workers types, which this Node config lacks.
const source = (path: string) => import(new URL(`../src/${path}`, import.meta.url).href);
const { createApp } = (await source('app.ts')) as { createApp: () => unknown };
const { openApiDocument } = (await source('lib/openapi-document.ts')) as {
  openApiDocument: (app: unknown) => unknown;
};

const folder = mkdtempSync(join(tmpdir(), 'openapi-'));
const file = join(folder, 'openapi.json');
writeFileSync(file, JSON.stringify(openApiDocument(createApp()), null, 2));
// No usage telemetry and no update check: CI and these machines are offline.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const lint = spawnSync('redocly', ['lint', file, '--format', 'stylish'], { stdio: 'inherit', env });
rmSync(folder, { recursive: true, force: true });
process.exit(lint.status ?? 1);
