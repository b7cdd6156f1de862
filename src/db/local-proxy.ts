/**
 * The one definition of how Neon's driver reaches the local stand-in for Neon's proxy, used by
 * the app (when NEON_LOCAL_PROXY is set) and by every tool and test that drives the stand-in.
 */
import type { NeonConfig } from '@neondatabase/serverless';

export type LocalProxySettings = Pick<
  NeonConfig,
  'wsProxy' | 'useSecureWebSocket' | 'pipelineTLS' | 'pipelineConnect' | 'fetchEndpoint'
>;

/**
 * `proxy` is `host:port`, e.g. `127.0.0.1:4444`. Apply with `Object.assign(neonConfig, ...)`:
 * `fetchEndpoint` is global-only in the driver, so it cannot be set per Client.
 */
export function localProxySettings(proxy: string): LocalProxySettings {
  return {
    wsProxy: (host, port) => `${proxy}/v1?address=${host}:${port}`,
    // The stand-in speaks plain ws:// and plain HTTP: no TLS on either layer.
    useSecureWebSocket: false,
    pipelineTLS: false,
    // Pipelining sends the password before the server asks, which only cleartext auth accepts.
    pipelineConnect: false,
    fetchEndpoint: () => `http://${proxy}/sql`,
  };
}
