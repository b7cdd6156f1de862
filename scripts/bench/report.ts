/** The benchmark's markdown table. */

export interface Row {
  endpoint: string;
  /** All database round trips a request causes, waitUntil work after the answer included. */
  roundTrips?: number;
  /** Those made before the answer: what the client waits for. */
  answeredRoundTrips?: number;
  latency: Record<number, { p50: number; p99: number }>;
  rps?: number;
  errors: number;
}

interface Results {
  database: string;
  sequentialRequests: number;
  load: { requests: number; concurrency: number };
  bundle: { rawBytes: number; gzipBytes: number };
  endpoints: Row[];
}

const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));

/** Round trips after the answer (waitUntil): all of them, less those the client waited for. */
function after(row: Row): string {
  if (row.roundTrips === undefined || row.answeredRoundTrips === undefined) return '–';
  return Math.max(0, row.roundTrips - row.answeredRoundTrips).toFixed(2);
}

export function printTable(results: Results): void {
  const { load, bundle } = results;
  console.log(
    `\ndatabase: ${results.database}; ${results.sequentialRequests} sequential requests per`,
  );
  console.log(
    `endpoint and delay; throughput: ${load.requests} requests at concurrency ${load.concurrency}\n`,
  );
  console.log(
    '| endpoint | DB round trips before the answer | after it | p50 ms (0 ms) | p99 ms (0 ms) | p50 ms (10 ms) | p99 ms (10 ms) | req/s | errors |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of results.endpoints) {
    const cells = [
      row.endpoint,
      row.answeredRoundTrips?.toFixed(2) ?? '–',
      after(row),
      ms(row.latency[0]?.p50),
      ms(row.latency[0]?.p99),
      ms(row.latency[10]?.p50),
      ms(row.latency[10]?.p99),
      row.rps?.toFixed(0) ?? '–',
      String(row.errors),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`\nWorker bundle: ${kib(bundle.rawBytes)} raw, ${kib(bundle.gzipBytes)} gzip`);
}
