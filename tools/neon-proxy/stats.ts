/** Counters the proxy keeps so a benchmark can see how much traffic each approach costs. */

export interface NeonProxyStats {
  /** POST /sql requests received (failed ones included). */
  httpRequests: number;
  /** Queries carried by those requests; a batch counts each of its queries. */
  httpQueries: number;
  wsConnectionsOpened: number;
  /** Gauge: WebSocket tunnels open right now (not cleared by a reset). */
  wsConnectionsOpen: number;
  wsClientMessages: number;
  /** Turns of the ping-pong: client sends after it has received server data. */
  wsRoundTrips: number;
  /** Gauge: TCP sockets the WebSocket tunnels hold open to Postgres. */
  upstreamSocketsOpen: number;
  /** Gauge: connections held by the pg pools that serve SQL over HTTP. */
  httpPoolConnections: number;
}

type Counter = Exclude<keyof NeonProxyStats, 'httpPoolConnections'>;
const gauges: readonly Counter[] = ['wsConnectionsOpen', 'upstreamSocketsOpen'];

export class StatsRecorder {
  private values: Record<Counter, number> = {
    httpRequests: 0,
    httpQueries: 0,
    wsConnectionsOpened: 0,
    wsConnectionsOpen: 0,
    wsClientMessages: 0,
    wsRoundTrips: 0,
    upstreamSocketsOpen: 0,
  };

  add(counter: Counter, amount = 1): void {
    this.values[counter] += amount;
  }

  snapshot(httpPoolConnections: number): NeonProxyStats {
    return { ...this.values, httpPoolConnections };
  }

  /** Gauges describe live resources, so a reset only clears the cumulative counters. */
  reset(): void {
    for (const key of Object.keys(this.values) as Counter[]) {
      if (!gauges.includes(key)) this.values[key] = 0;
    }
  }
}
