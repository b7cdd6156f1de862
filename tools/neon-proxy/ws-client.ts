/** The WebSocket half of a tunnel: counts what the client sends and delays what it is sent. */
import type { RawData, WebSocket } from 'ws';
import { DelayLine } from './delay-line.ts';
import type { StatsRecorder } from './stats.ts';

const highWater = 4 * 1024 * 1024;

export class WsClient {
  readonly ws: WebSocket;
  private serverSpoke = true;
  private readonly outgoing: DelayLine<Buffer | 'close'>;
  private readonly stats: StatsRecorder;
  /** Called once the client has taken most of what was queued for it. */
  onDrained: () => void = () => {};

  constructor(ws: WebSocket, delayMs: number, stats: StatsRecorder) {
    this.ws = ws;
    this.stats = stats;
    this.outgoing = new DelayLine(delayMs, (item) => this.deliver(item));
  }

  /** Every binary or text frame, as bytes, with the benchmark's counters kept. */
  onMessage(handler: (chunk: Buffer) => void): void {
    this.ws.on('message', (data: RawData) => {
      this.stats.add('wsClientMessages');
      // A turn of the ping-pong: the client speaks again after the server has spoken.
      if (this.serverSpoke) this.stats.add('wsRoundTrips');
      this.serverSpoke = false;
      handler(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
    });
  }

  send(data: Buffer): void {
    this.outgoing.push(data);
  }

  /** Closes after everything sent so far has been delivered. */
  close(): void {
    this.outgoing.push('close');
  }

  get congested(): boolean {
    return this.ws.bufferedAmount > highWater;
  }

  /** Drops whatever is still queued: the client is gone or the proxy is shutting down. */
  stop(): void {
    this.outgoing.stop();
  }

  private deliver(item: Buffer | 'close'): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (item === 'close') {
      this.ws.close(1000, 'upstream closed');
      return;
    }
    this.serverSpoke = true;
    this.ws.send(item, { binary: true }, () => {
      if (this.ws.bufferedAmount < highWater / 4) this.onDrained();
    });
  }
}
