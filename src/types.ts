/** The Hono environment shared by the app, its middleware and its routes. */
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { Database } from './db/client.ts';
import type { AppConfig, Bindings } from './env.ts';

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    config: AppConfig;
    db: Database;
    requestId: string;
    /** The authenticated user (set by requireUser on protected routes). */
    userId: number;
  };
}

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
