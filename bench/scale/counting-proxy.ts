import { createServer, request as forward } from 'node:http';

/**
 * A loopback HTTP proxy in front of an emulator that counts the answers' statuses, so the run can
 * tell how many calls the workers made and how many were refused (Gorgias's 429s) without the
 * emulator keeping counts of its own. Bodies and headers pass through untouched.
 */
export type CountingProxy = {
  url: string;
  /** Statuses seen since the last `take`, and forgets them. */
  take(): Map<number, number>;
  close(): Promise<void>;
};

export function startCountingProxy(target: string, port: number): Promise<CountingProxy> {
  const upstream = new URL(target);
  let counts = new Map<number, number>();
  const server = createServer((incoming, outgoing) => {
    const relay = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        const status = answer.statusCode ?? 0;
        counts.set(status, (counts.get(status) ?? 0) + 1);
        outgoing.writeHead(status, answer.headers);
        answer.pipe(outgoing);
      },
    );
    relay.on('error', () => {
      counts.set(0, (counts.get(0) ?? 0) + 1);
      outgoing.destroy();
    });
    incoming.pipe(relay);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        take() {
          const taken = counts;
          counts = new Map();
          return taken;
        },
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      }),
    );
  });
}
