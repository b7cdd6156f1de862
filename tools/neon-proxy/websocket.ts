/** Tunnels one WebSocket to a Postgres TCP port, as Neon's proxy does for the serverless driver. */
import { connect, type Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import type { AllowList } from './allow-list.ts';
import { DelayLine } from './delay-line.ts';
import { errorResponse, FrontendScanner, terminateMessage } from './pg-frames.ts';
import type { StatsRecorder } from './stats.ts';

export interface TunnelContext {
  allow: AllowList;
  delayMs: number;
  stats: StatsRecorder;
  log: (line: string) => void;
}

type ToServer = { data: Buffer; end: boolean };
const highWater = 4 * 1024 * 1024;
/** Postgres closes its side straight after Terminate; this only guards against a stuck peer. */
const endGraceMs = 2000;

export class Tunnel {
  private socket: Socket | undefined;
  private pending: ToServer[] = [];
  private connected = false;
  private finished = false;
  private serverSpoke = true;
  private readonly scanner = new FrontendScanner();
  private readonly toServer: DelayLine<ToServer>;
  private readonly toClient: DelayLine<Buffer | 'close'>;
  private readonly ws: WebSocket;
  private readonly ctx: TunnelContext;
  private readonly label: string;

  constructor(ws: WebSocket, address: string, ctx: TunnelContext, onDone: () => void) {
    this.ws = ws;
    this.ctx = ctx;
    this.label = `ws ${address}`;
    this.toServer = new DelayLine(ctx.delayMs, (item) => this.writeUpstream(item));
    this.toClient = new DelayLine(ctx.delayMs, (item) => this.sendToClient(item));
    ctx.stats.add('wsConnectionsOpened');
    ctx.stats.add('wsConnectionsOpen');
    ws.on('message', (data) => this.clientMessage(data));
    ws.on('error', (error) => ctx.log(`${this.label} client error: ${error.message}`));
    ws.on('close', () => {
      ctx.stats.add('wsConnectionsOpen', -1);
      this.toClient.stop();
      // Routed through the delay line so messages still in flight reach Postgres first.
      this.toServer.push({ data: Buffer.alloc(0), end: true });
      onDone();
    });
    this.open(address).catch((error: Error) => {
      ctx.log(`${this.label} failed: ${error.message}`);
      this.destroy();
    });
  }

  /** Immediate teardown for a proxy shutdown; resolves once the upstream socket is closed. */
  destroy(): Promise<void> {
    this.toServer.stop();
    this.toClient.stop();
    this.ws.terminate();
    const { socket } = this;
    if (!socket || socket.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy();
    return closed;
  }

  private async open(address: string): Promise<void> {
    const verdict = await this.ctx.allow.checkAddress(address);
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (!verdict.ok) {
      this.ctx.log(`${this.label} refused: ${verdict.reason}`);
      this.refuse('08004', `neon proxy: ${verdict.reason}`, 1008, 'address not allowed');
      return;
    }
    const socket = connect({ host: verdict.host, port: verdict.port, noDelay: true });
    this.socket = socket;
    this.ctx.stats.add('upstreamSocketsOpen');
    socket.on('connect', () => {
      this.connected = true;
      this.ctx.log(`${this.label} connected`);
    });
    socket.on('data', (chunk) => {
      this.scanner.serverData(chunk);
      this.toClient.push(chunk);
      if (this.ws.bufferedAmount > highWater) socket.pause();
    });
    socket.on('drain', () => this.ws.resume());
    socket.on('error', (error) => {
      this.ctx.log(`${this.label} upstream error: ${error.message}`);
      if (!this.connected) {
        this.refuse('08006', `neon proxy: cannot reach ${address}`, 1011, 'upstream unreachable');
      }
    });
    socket.on('close', () => {
      this.ctx.stats.add('upstreamSocketsOpen', -1);
      this.toServer.stop();
      this.toClient.push('close');
    });
    for (const item of this.pending.splice(0)) this.writeUpstream(item);
  }

  private clientMessage(data: RawData): void {
    this.ctx.stats.add('wsClientMessages');
    if (this.serverSpoke) this.ctx.stats.add('wsRoundTrips');
    this.serverSpoke = false;
    const chunk = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(new Uint8Array(data));
    const terminated = this.scanner.clientData(chunk);
    this.toServer.push({ data: chunk, end: terminated });
  }

  private writeUpstream(item: ToServer): void {
    const { socket } = this;
    if (!socket) {
      this.pending.push(item);
      return;
    }
    if (this.finished || socket.destroyed) return;
    if (!item.end) {
      if (!socket.write(item.data)) this.ws.pause();
      return;
    }
    this.finished = true;
    // A client that hung up without Terminate still gets a clean goodbye sent for it.
    const closing = item.data.length > 0 || !this.scanner.atMessageBoundary();
    const why = item.data.length > 0 ? 'client sent Terminate' : 'client went away';
    this.ctx.log(`${this.label} closing upstream: ${why}`);
    socket.end(closing ? item.data : terminateMessage);
    setTimeout(() => socket.destroy(), endGraceMs).unref();
    if (item.data.length > 0) this.ws.close(1000, 'terminated');
  }

  private sendToClient(item: Buffer | 'close'): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (item === 'close') {
      this.ws.close(1000, 'upstream closed');
      return;
    }
    this.serverSpoke = true;
    this.ws.send(item, { binary: true }, () => {
      if (this.ws.bufferedAmount < highWater / 4) this.socket?.resume();
    });
  }

  /** The details go in the Postgres error; a close reason is capped at 123 bytes. */
  private refuse(code: string, message: string, closeCode: number, reason: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(errorResponse(code, message), { binary: true });
    this.ws.close(closeCode, reason);
  }
}
