import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Recorded = { method: string; url: URL; headers: IncomingHttpHeaders; body: Buffer };
export type Canned = { status: number; headers?: Record<string, string>; json?: unknown; text?: string };

/**
 * A tiny Gorgias stand-in on a loopback port: replies are canned per test, requests are recorded.
 * Real HTTP, so the client's fetch, headers and multipart encoding are what is tested.
 */
export async function startFakeGorgias() {
  const requests: Recorded[] = [];
  let reply: (req: Recorded) => Canned = () => ({ status: 500, json: { error: { msg: 'no reply arranged' } } });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://fake'), headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(recorded);
      const canned = reply(recorded);
      res.writeHead(canned.status, { 'Content-Type': 'application/json', ...canned.headers });
      res.end(canned.json === undefined ? (canned.text ?? '') : JSON.stringify(canned.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** Arrange the replies: a function of the request, or a queue served in order. */
    reply(next: ((req: Recorded) => Canned) | Canned[]) {
      requests.length = 0;
      if (typeof next === 'function') reply = next;
      else reply = () => next.shift() ?? { status: 500, json: { error: { msg: 'queue exhausted' } } };
    },
    jsonBody: (i = 0) => JSON.parse(requests[i]!.body.toString('utf8')) as Record<string, any>,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
