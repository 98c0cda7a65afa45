import { expect, postLookup, test } from './support/fixtures';
import { chunks, rawRequest, repeatedHeaders, type RawResponse } from './support/raw-http';

/*
 * Requests from a hostile client, sent over bare sockets to the built app (the shared e2e server:
 * none of these touches an order). Each must get a 4xx without holding the server,
 * and the next ordinary request must be served at once. The bounds are far above a healthy
 * answer (milliseconds) and far below what each fault cost before it was fixed (a 13-byte form
 * held the server 17 s; a chunked body was read to its end).
 */
const STALL_MS = 5_000;

function head(url: string, requestLine: string, headers: Record<string, string> = {}) {
  const host = new URL(url).host;
  const lines = Object.entries({ Host: host, Connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** A form post from the portal's own origin (as a forger would claim), with no valid token. */
function formHead(url: string, path: string, type: string, extra: Record<string, string> = {}) {
  return head(url, `POST ${path} HTTP/1.1`, { Origin: new URL(url).origin, 'Content-Type': type, Accept: 'text/html', ...extra });
}

async function expectStillServing(url: string) {
  const answer = await rawRequest(url, head(url, 'GET /healthz HTTP/1.1'), { timeoutMs: 2_000 });
  expect(answer.status, 'the next ordinary request').toBe(200);
}

function expectRefused(answer: RawResponse, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.body).not.toMatch(/\n\s+at /); // no stack trace
}

test('a bracket index of ten million in a 13-byte form is refused at once, on every form', async ({ baseURL, request, demoOrders }) => {
  const url = baseURL!;
  for (const path of ['/?index', '/sign-out']) {
    const body = 'x[10000000]=1';
    const answer = await rawRequest(url, formHead(url, path, 'application/x-www-form-urlencoded', { 'Content-Length': String(body.length) }) + body, { timeoutMs: STALL_MS });
    expectRefused(answer, 400);
    expect(answer.body).toContain('This form could not be read');
    await expectStillServing(url);
  }
  // The return form, multipart, from a shopper with a session: an index of a hundred million.
  const order = demoOrders.get('delivered-recently');
  expect((await postLookup(request, { orderNumber: order.name, email: order.email })).status()).toBe(302);
  const cookies = (await request.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  const boundary = 'hostile';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="lines[100000000].quantity"\r\n\r\n1\r\n--${boundary}--\r\n`;
  const answer = await rawRequest(url, formHead(url, '/order/return', `multipart/form-data; boundary=${boundary}`, { 'Content-Length': String(body.length), Cookie: cookies }) + body, { timeoutMs: STALL_MS });
  expectRefused(answer, 400);
  expect(answer.body).toContain('This form could not be read');
  await expectStillServing(url);
});

test('a form with thousands of fields is refused, and the fields before are shown again', async ({ baseURL }) => {
  const url = baseURL!;
  const body = `orderNumber=%231001&${Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&')}`;
  const answer = await rawRequest(url, formHead(url, '/?index', 'application/x-www-form-urlencoded', { 'Content-Length': String(body.length) }) + body, { timeoutMs: STALL_MS });
  expectRefused(answer, 400);
  expect(answer.body).toContain('value="#1001"');
  await expectStillServing(url);
});

test('a chunked body is counted as it streams: 413 long before 50 MB are read', async ({ baseURL }) => {
  const url = baseURL!;
  // As a browser would, keep-alive: on `Connection: close` Node resets the socket at once, and the
  // client may lose the answer it has not read yet (the server is just as safe either way).
  const answer = await rawRequest(url, formHead(url, '/?index', 'application/x-www-form-urlencoded', { 'Transfer-Encoding': 'chunked', Connection: 'keep-alive' }), {
    body: chunks(800, 64 * 1024),
    chunked: true,
    timeoutMs: STALL_MS,
  });
  expectRefused(answer, 413);
  expect(answer.bytesSent).toBeLessThan(50 * 1024 * 1024);
  expect(answer.body).toContain('This form was too large to read');
  await expectStillServing(url);
});

test('a declared Content-Length over the limit is refused before its body is read', async ({ baseURL }) => {
  const url = baseURL!;
  const answer = await rawRequest(url, formHead(url, '/sign-out', 'application/x-www-form-urlencoded', { 'Content-Length': String(10 * 1024 * 1024) }), { timeoutMs: STALL_MS });
  expectRefused(answer, 413);
  await expectStillServing(url);
});

const requestLines: { name: string; requestLine: string; headers?: Record<string, string>; status: number }[] = [
  { name: 'TRACE', requestLine: 'TRACE / HTTP/1.1', status: 405 },
  { name: 'the asterisk target', requestLine: 'GET * HTTP/1.1', status: 400 },
  { name: 'an absolute-form target', requestLine: 'GET http://x/ HTTP/1.1', status: 400 },
  { name: 'a malformed Host', requestLine: 'GET / HTTP/1.1', headers: { Host: '[bad' }, status: 400 },
  { name: 'a stray % in the path', requestLine: 'GET /%E0%A4%A HTTP/1.1', status: 400 },
];

for (const { name, requestLine, headers, status } of requestLines) {
  test(`${name} gets a ${status}, not a 500`, async ({ baseURL }) => {
    const url = baseURL!;
    const answer = await rawRequest(url, head(url, requestLine, headers), { timeoutMs: STALL_MS });
    expectRefused(answer, status);
    await expectStillServing(url);
  });
}

test('a refused request gets the app-styled page in the shopper language, with the store\'s name', async ({ baseURL }) => {
  const url = baseURL!;
  const answer = await rawRequest(url, head(url, 'GET /%E0%A4%A?lng=fr HTTP/1.1', { Accept: 'text/html' }), { timeoutMs: STALL_MS });
  expectRefused(answer, 400);
  expect(answer.body).toContain('<html lang="fr"');
  expect(answer.body).toContain('La demande n’était pas valide');
  expect(answer.body).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/tailwind-[\w-]+\.css">/);
  // The sandbox's demo store, as on every other page; never the portal's own name.
  expect(answer.body).toContain('<title>La demande n’était pas valide · Maison Lumière</title>');
  expect(answer.body).not.toContain('Comptoir');
});

test('no response header is sent twice', async ({ baseURL }) => {
  const url = baseURL!;
  for (const path of ['/healthz', '/', '/policy', '/order', '/no-such-page']) {
    const answer = await rawRequest(url, head(url, `GET ${path} HTTP/1.1`), { timeoutMs: STALL_MS });
    expect(repeatedHeaders(answer.head), path).toEqual([]);
  }
});
