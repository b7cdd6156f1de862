/** Worker entry: one app per isolate; per-request state lives on the Hono context. */
import { createApp } from './app.ts';

const app = createApp();

export default app satisfies ExportedHandler<Record<string, unknown>>;
