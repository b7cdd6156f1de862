/** Spies on WebSocket writes in workerd, for the driver's shutdown order. */
import { vi } from 'vitest';

/**
 * Records every WebSocket write (spied on the prototype, so the driver keeps its own way of
 * opening the socket) and the writes made after close().
 */
export function recordWebSockets() {
  const closed = new WeakSet<WebSocket>();
  const recorded = { sent: [] as number[][], sendsAfterClose: 0 };
  const { send, close } = WebSocket.prototype;
  vi.spyOn(WebSocket.prototype, 'close').mockImplementation(function (this: WebSocket, ...args) {
    closed.add(this);
    return close.apply(this, args);
  });
  vi.spyOn(WebSocket.prototype, 'send').mockImplementation(function (this: WebSocket, data) {
    if (closed.has(this)) recorded.sendsAfterClose += 1;
    else if (ArrayBuffer.isView(data)) {
      recorded.sent.push([...new Uint8Array(data.buffer, data.byteOffset, data.byteLength)]);
    }
    return send.call(this, data);
  });
  return recorded;
}

/** One more turn of the event loop: a write the driver deferred to a timer happens by then. */
export const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));
