/** Tunnels one WebSocket to Postgres, as Neon's proxy does for the serverless driver. */
import { connect, type Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { AllowList, Verdict } from './allow-list.ts';
import { ClientStartup, type Startup, StartupError } from './client-startup.ts';
import { DelayLine } from './delay-line.ts';
import { errorResponse, FrontendScanner, terminateMessage } from './pg-frames.ts';
import type { StatsRecorder } from './stats.ts';
import { LoginRefused, loginUpstream } from './upstream-login.ts';
import { WsClient } from './ws-client.ts';

export interface TunnelContext {
  allow: AllowList;
  delayMs: number;
  stats: StatsRecorder;
  log: (line: string) => void;
}

/** `end` marks the client's goodbye: its Terminate, or the WebSocket closing. */
type FromClient = { data: Buffer; end: boolean };
/** Postgres closes its side straight after Terminate; this only guards against a stuck peer. */
const endGraceMs = 2000;

export class Tunnel {
  private socket: Socket | undefined;
  private phase: 'startup' | 'login' | 'relay' | 'done' = 'startup';
  /** What the client pipelines behind its password while the stand-in logs in upstream. */
  private pending: Buffer[] = [];
  private readonly startup = new ClientStartup((data) => this.client.send(data));
  private readonly scanner = new FrontendScanner();
  private readonly toServer: DelayLine<FromClient>;
  private readonly client: WsClient;
  private readonly allowed: Promise<Verdict>;
  private readonly address: string;
  private readonly ctx: TunnelContext;
  private readonly label: string;

  constructor(ws: WebSocket, address: string, ctx: TunnelContext, onDone: () => void) {
    this.address = address;
    this.ctx = ctx;
    this.label = `ws ${address}`;
    this.client = new WsClient(ws, ctx.delayMs, ctx.stats);
    this.client.onDrained = () => this.socket?.resume();
    this.toServer = new DelayLine(ctx.delayMs, (item) => this.fromClient(item));
    ctx.stats.add('wsConnectionsOpened');
    ctx.stats.add('wsConnectionsOpen');
    this.client.onMessage((data) => this.toServer.push({ data, end: false }));
    ws.on('error', (error) => ctx.log(`${this.label} client error: ${error.message}`));
    ws.on('close', () => {
      ctx.stats.add('wsConnectionsOpen', -1);
      this.client.stop();
      // Routed through the delay line so messages still in flight reach Postgres first.
      this.toServer.push({ data: Buffer.alloc(0), end: true });
      onDone();
    });
    this.allowed = ctx.allow.checkAddress(address).then((verdict) => {
      if (!verdict.ok) this.fail(new StartupError('08004', `neon proxy: ${verdict.reason}`));
      return verdict;
    });
  }

  /** Immediate teardown for a proxy shutdown; resolves once the upstream socket is closed. */
  destroy(): Promise<void> {
    this.phase = 'done';
    this.toServer.stop();
    this.client.stop();
    this.client.ws.terminate();
    const { socket } = this;
    if (!socket || socket.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy();
    return closed;
  }

  private fromClient(item: FromClient): void {
    if (this.phase === 'relay') this.relay(item);
    else if (item.end) this.destroy();
    else if (this.phase === 'login') this.pending.push(item.data);
    else if (this.phase === 'startup') {
      try {
        const startup = this.startup.push(item.data);
        if (startup) this.logIn(startup).catch((error: Error) => this.fail(error));
      } catch (error) {
        this.fail(error as Error);
      }
    }
  }

  private async logIn(startup: Startup): Promise<void> {
    this.phase = 'login';
    if (startup.kind === 'login' && startup.rest.length > 0) this.pending.push(startup.rest);
    const verdict = await this.allowed;
    if (!verdict.ok || this.phase !== 'login') return;
    const socket = connect({ host: verdict.host, port: verdict.port, noDelay: true });
    this.socket = socket;
    this.ctx.stats.add('upstreamSocketsOpen');
    socket.on('error', (error) => this.ctx.log(`${this.label} upstream error: ${error.message}`));
    socket.on('close', () => {
      this.ctx.stats.add('upstreamSocketsOpen', -1);
      this.toServer.stop();
      // Before the relay starts, a failed login answers the client itself, then closes.
      if (this.phase === 'relay') this.client.close();
    });
    const reached = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true)).once('close', () => resolve(false));
    });
    if (!reached) throw new StartupError('08006', `neon proxy: cannot reach ${this.address}`);
    if (startup.kind === 'cancel') {
      socket.end(startup.packet);
      return;
    }
    const greeting = await loginUpstream(socket, startup.params, startup.password);
    this.ctx.log(`${this.label} logged in`);
    this.phase = 'relay';
    socket.on('data', (chunk) => {
      this.client.send(chunk);
      if (this.client.congested) socket.pause();
    });
    socket.on('drain', () => this.client.ws.resume());
    this.client.send(greeting);
    for (const data of this.pending.splice(0)) this.relay({ data, end: false });
  }

  private relay(item: FromClient): void {
    const { socket } = this;
    if (!socket || socket.destroyed || socket.writableEnded) return;
    const terminated = item.data.length > 0 && this.scanner.clientData(item.data);
    if (!item.end && !terminated) {
      if (!socket.write(item.data)) this.client.ws.pause();
      return;
    }
    // A client that hung up without Terminate still gets a clean goodbye sent for it.
    const why = terminated ? 'client sent Terminate' : 'client went away';
    this.ctx.log(`${this.label} closing upstream: ${why}`);
    socket.end(terminated || !this.scanner.atMessageBoundary() ? item.data : terminateMessage);
    setTimeout(() => socket.destroy(), endGraceMs).unref();
    if (terminated) this.client.ws.close(1000, 'terminated');
  }

  /** Answers a failed login with a FATAL ErrorResponse (Postgres's own if it refused), closes. */
  private fail(error: Error): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.ctx.log(`${this.label} login failed: ${error.message}`);
    if (error instanceof LoginRefused) this.client.send(error.response);
    else if (error instanceof StartupError)
      this.client.send(errorResponse(error.code, error.message));
    else this.client.send(errorResponse('08006', `neon proxy: ${error.message}`));
    this.client.close();
    this.socket?.end();
  }
}
