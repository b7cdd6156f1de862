/**
 * A TCP relay in front of a database, with an HTTP control port, for fault tests: `POST /down`
 * refuses new connections and cuts live ones (the database "goes away"), `POST /up` brings it
 * back, `POST /kill` cuts live connections only (as pg_terminate_backend would).
 */
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

export interface TcpRelay {
  /** host:port that forwards to the target. */
  address: string;
  /** http://host:port of the control endpoint. */
  controlUrl: string;
  close(): Promise<void>;
}

export async function startTcpRelay(targetHost: string, targetPort: number): Promise<TcpRelay> {
  let up = true;
  const live = new Set<Socket>();
  const cutAll = () => {
    for (const socket of live) socket.destroy();
    live.clear();
  };

  const relay = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const server = connect(targetPort, targetHost);
    for (const [a, b] of [
      [client, server],
      [server, client],
    ] as const) {
      live.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        live.delete(a);
        b.destroy();
      });
    }
  });

  const control = createHttpServer((req, res) => {
    const action = req.method === 'POST' ? req.url : undefined;
    if (action === '/down' || action === '/up') up = action === '/up';
    if (action === '/down' || action === '/kill') cutAll();
    if (action !== undefined && !['/down', '/up', '/kill'].includes(action)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ up, connections: live.size / 2 }));
  });

  await Promise.all([listen(relay), listen(control)]);
  return {
    address: `127.0.0.1:${(relay.address() as AddressInfo).port}`,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    async close() {
      cutAll();
      control.closeAllConnections();
      await Promise.all([close(relay), close(control)]);
    },
  };
}

function listen(server: { listen(port: number, host: string, done: () => void): unknown }) {
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: { close(done: () => void): unknown }) {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
