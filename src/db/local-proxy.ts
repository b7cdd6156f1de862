/**
 * The one definition of how Neon's driver reaches the local stand-in for Neon's proxy, used by
 * the app (when NEON_LOCAL_PROXY is set) and by every tool and test that drives the stand-in.
 * Only what must differ from production is set: the address, and plain text instead of TLS.
 * Everything else, `pipelineConnect: 'password'` included, stays at the driver's default.
 */
import type { NeonConfig } from '@neondatabase/serverless';

export type LocalProxySettings = Pick<
  NeonConfig,
  'wsProxy' | 'useSecureWebSocket' | 'fetchEndpoint'
>;

/**
 * `proxy` is `host:port`, e.g. `127.0.0.1:4444`. Apply with `Object.assign(neonConfig, ...)`:
 * `fetchEndpoint` is global-only in the driver, so it cannot be set per Client.
 */
export function localProxySettings(proxy: string): LocalProxySettings {
  return {
    wsProxy: (host, port) => `${proxy}/v1?address=${host}:${port}`,
    // The stand-in speaks plain ws:// and plain HTTP.
    useSecureWebSocket: false,
    fetchEndpoint: () => `http://${proxy}/sql`,
  };
}
