/** The neonConfig settings that point @neondatabase/serverless at a local Neon proxy. */
import type { NeonConfig } from '@neondatabase/serverless';

export type LocalProxyConfig = Pick<
  NeonConfig,
  | 'wsProxy'
  | 'useSecureWebSocket'
  | 'pipelineTLS'
  | 'pipelineConnect'
  | 'forceDisablePgSSL'
  | 'fetchEndpoint'
>;

/**
 * `proxyHostPort` is e.g. `127.0.0.1:4444`. Apply with `Object.assign(neonConfig, ...)`;
 * `fetchEndpoint` is global-only in the driver, so set it on `neonConfig`, not on a Client.
 */
export function neonConfigForLocalProxy(proxyHostPort: string): LocalProxyConfig {
  return {
    wsProxy: (host, port) => `${proxyHostPort}/v1?address=${host}:${port}`,
    // Plain ws:// and plain Postgres: the local proxy speaks no TLS on either layer.
    useSecureWebSocket: false,
    pipelineTLS: false,
    // Pipelining sends the password before the server asks, which only cleartext auth accepts.
    pipelineConnect: false,
    // Neon URLs carry sslmode=require; the tunnel to a local Postgres must stay plain text.
    forceDisablePgSSL: true,
    fetchEndpoint: () => `http://${proxyHostPort}/sql`,
  };
}
