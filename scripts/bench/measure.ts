/** Latency percentiles and a bounded, fixed-concurrency load loop (loopback only). */

export interface Sample {
  ms: number;
  ok: boolean;
}

export type Send = (i: number) => Promise<Response>;

/** One request, timed; the body is read so the time includes the whole response. */
export async function timed(send: Send, i: number, expected: number): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await send(i);
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === expected };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
}

export async function sequential(send: Send, count: number, expected: number, offset = 0) {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) samples.push(await timed(send, offset + i, expected));
  return samples;
}

/** `count` requests by `concurrency` workers; returns the samples and requests per second. */
export async function load(
  send: Send,
  count: number,
  concurrency: number,
  expected: number,
  offset = 0,
) {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) samples.push(await timed(send, offset + next++, expected));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { samples, rps: count / seconds };
}

export function percentile(samples: Sample[], p: number): number {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

export function errors(samples: Sample[]): number {
  return samples.filter((s) => !s.ok).length;
}
