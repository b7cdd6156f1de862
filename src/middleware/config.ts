/** The validated configuration, parsed once per bindings object (src/env.ts). */
import type { MiddlewareHandler } from 'hono';
import { readConfig } from '../env.ts';
import type { AppEnv } from '../types.ts';

export function config(): MiddlewareHandler<AppEnv> {
  return async function config(c, next) {
    c.set('config', readConfig(c.env));
    await next();
  };
}
