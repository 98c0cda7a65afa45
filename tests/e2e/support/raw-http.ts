import { connect } from 'node:net';

/*
 * HTTP/1.1 over a bare socket, for requests fetch refuses to send (TRACE, `*` or an absolute URL
 * as the target, a malformed Host) and for bodies streamed chunk by chunk.
 */
export type RawResponse = { status: number; head: string; body: string; elapsedMs: number; bytesSent: number };

/** Header names that appear more than once in a response head (Set-Cookie may, legitimately). */
export function repeatedHeaders(head: string): string[] {
  const names = head.split('\r\n').slice(1).map((line) => line.split(':', 1)[0]!.toLowerCase()).filter(Boolean);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))].filter((name) => name !== 'set-cookie');
}

/**
 * Sends `head` (request line and headers, ending in a blank line), then `body` chunks (each
 * written as an HTTP chunk when `chunked`) until the server answers, and gives back the answer.
 * Stops writing as soon as any byte of the answer arrives; fails after `timeoutMs` (a stall).
 */
export function rawRequest(url: string, head: string, options: { body?: Iterable<Buffer>; chunked?: boolean; timeoutMs?: number } = {}): Promise<RawResponse> {
  const { port, hostname } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let answered = false;
    let bytesSent = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${options.timeoutMs ?? 5_000} ms (sent ${bytesSent} bytes)`));
    }, options.timeoutMs ?? 5_000);
    const finish = () => {
      clearTimeout(timer);
      const text = received.toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, head: text.slice(0, split), body: received.subarray(split + 4).toString('utf8'), elapsedMs: Date.now() - started, bytesSent });
    };
    socket.on('data', (chunk) => {
      answered = true;
      received = Buffer.concat([received, chunk]);
    });
    socket.on('close', finish);
    // A server that cut the upload after answering resets it; the answer already read is what counts.
    socket.on('error', () => undefined);
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of options.body ?? []) {
        if (answered || socket.destroyed) break;
        const framed = options.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        bytesSent += chunk.length;
        if (!socket.write(framed)) await new Promise((drained) => socket.once('drain', drained).once('close', drained));
      }
      if (options.chunked && !answered && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

/** `count` chunks of `size` bytes of `fill`. */
export function* chunks(count: number, size: number, fill = 'a'): Generator<Buffer> {
  const chunk = Buffer.alloc(size, fill);
  for (let i = 0; i < count; i++) yield chunk;
}
