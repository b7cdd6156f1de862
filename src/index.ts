/** Worker entry: one app per isolate for requests; per-request state lives on the Hono context. */
import { createApp } from './app.ts';
import type { Bindings } from './env.ts';
import { scheduled } from './scheduled.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Bindings>;
