/** Holds items back for a fixed time, releasing them in the order they arrived. */

export class DelayLine<T> {
  private queue: { due: number; item: T }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly delayMs: number;
  private readonly deliver: (item: T) => void;

  constructor(delayMs: number, deliver: (item: T) => void) {
    this.delayMs = delayMs;
    this.deliver = deliver;
  }

  push(item: T): void {
    if (this.stopped) return;
    // Without a delay we stay synchronous, so a zero-delay proxy adds no timer hop.
    if (this.delayMs <= 0 && this.queue.length === 0) {
      this.deliver(item);
      return;
    }
    this.queue.push({ due: performance.now() + this.delayMs, item });
    this.schedule();
  }

  /** Drops whatever is still waiting; used when the connection is torn down. */
  stop(): void {
    this.stopped = true;
    this.queue = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (this.timer || !head) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, head.due - performance.now()));
  }

  private release(): void {
    this.timer = undefined;
    while (!this.stopped) {
      const head = this.queue[0];
      if (!head || head.due > performance.now()) break;
      this.queue.shift();
      this.deliver(head.item);
    }
    this.schedule();
  }
}
