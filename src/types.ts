/** The Hono environment shared by the app, its middleware and its routes. */
import type { RouteConfig, RouteConfigToEnv, RouteHandler } from '@hono/zod-openapi';
import type { Database } from './db/client.ts';
import type { AppConfig, Bindings } from './env.ts';

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: AppConfig;
    db: Database;
    requestId: string;
  };
}

/** A route's handler; route middleware adds its variables (`caller` on protected routes). */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv & RouteConfigToEnv<R>>;
