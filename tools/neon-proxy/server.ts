/** A local stand-in for Neon's proxy: Postgres over WebSocket and SQL over HTTP on one port. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { AllowList, defaultAllowList } from './allow-list.ts';
import { errorJson } from './http-errors.ts';
import { PoolRegistry } from './pg-pools.ts';
import { handleSql, sendJson } from './sql-over-http.ts';
import { type NeonProxyStats, StatsRecorder } from './stats.ts';
import { Tunnel } from './websocket.ts';

export type { NeonProxyStats } from './stats.ts';

export interface NeonProxyOptions {
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Upstream targets: IPs, CIDR ranges or `localhost`, each optionally with `:port`. */
  allow?: string[];
  /** Added in each direction to simulate the distance between a Worker and its database. */
  delayMs?: number;
  log?: (line: string) => void;
}

export interface NeonProxy {
  /** `http://host:port`; WebSockets are served on the same port. */
  url: string;
  host: string;
  port: number;
  stats(): NeonProxyStats;
  resetStats(): void;
  close(): Promise<void>;
}

export async function startNeonProxy(options: NeonProxyOptions = {}): Promise<NeonProxy> {
  const log = options.log ?? (() => {});
  const delayMs = Math.max(0, options.delayMs ?? 0);
  const allow = new AllowList(options.allow ?? defaultAllowList);
  const stats = new StatsRecorder();
  const pools = new PoolRegistry(log);
  const tunnels = new Set<Tunnel>();
  const wss = new WebSocketServer({ noServer: true });
  const snapshot = () => stats.snapshot(pools.connectionCount());

  const server = createServer((req, res) => {
    route(req, res).catch((error: Error) => {
      log(`${req.method} ${req.url} failed: ${error.message}`);
      sendJson(res, 500, errorJson('neon proxy: internal error'));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = URL.parse(req.url ?? '/', 'http://proxy')?.pathname;
    if (path === '/sql' && req.method === 'POST') {
      await handleSql(req, res, { allow, pools, stats, delayMs, log });
    } else if (path === '/_stats' && req.method === 'GET') {
      sendJson(res, 200, snapshot());
    } else if (path === '/_stats/reset' && req.method === 'POST') {
      stats.reset();
      sendJson(res, 200, snapshot());
    } else {
      sendJson(res, 404, errorJson(`neon proxy: no route for ${req.method} ${path}`));
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node stops watching a socket once it is handed over for an upgrade; a client that resets
    // it (before, during or after the handshake) would otherwise crash the process.
    socket.on('error', (error) => log(`ws socket error: ${error.message}`));
    // URL.parse returns null instead of throwing on a malformed request target.
    const url = URL.parse(req.url ?? '/', 'http://proxy') ?? new URL('http://proxy/invalid');
    const address = url.searchParams.get('address');
    const refusal =
      url.pathname !== '/v1' ? '404 Not Found' : address ? undefined : '400 Bad Request';
    if (refusal || !address) {
      log(`ws upgrade refused: ${refusal} for ${url.pathname}`);
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const context = { allow, delayMs, stats, log };
      const tunnel = new Tunnel(ws, address, context, () => tunnels.delete(tunnel));
      tunnels.add(tunnel);
    });
  });

  const requestedHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, requestedHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = requestedHost.includes(':') ? `[${requestedHost}]` : requestedHost;

  return {
    url: `http://${urlHost}:${port}`,
    host: requestedHost,
    port,
    stats: snapshot,
    resetStats: () => stats.reset(),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const tunnelsClosed = [...tunnels].map((tunnel) => tunnel.destroy());
      tunnels.clear();
      wss.close();
      server.closeAllConnections();
      await Promise.all([...tunnelsClosed, pools.closeAll(), closed]);
    },
  };
}
