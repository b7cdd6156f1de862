/** nosniff, frame and referrer policies, and resources readable only by our own origin. */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({ crossOriginResourcePolicy: 'same-origin' });
}
