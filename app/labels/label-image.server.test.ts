import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderQrPng } from '~/sandbox/labels/label-document.server';
import { createLabelImages, sniffImageType } from './label-image.server';

let server: Server;
let base: string;
let hits = 0;
let png: Uint8Array;

beforeAll(async () => {
  png = await renderQrPng('9400111');
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/qr.png') return res.end(Buffer.from(png));
    if (req.url === '/page.html') return res.writeHead(200, { 'Content-Type': 'image/png' }).end('<html><script>alert(1)</script></html>');
    if (req.url === '/huge.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.write(Buffer.from(png));
      return res.end(Buffer.alloc(600 * 1024));
    }
    if (req.url === '/slow.png') return setTimeout(() => res.end(Buffer.from(png)), 1_000);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a provider’s QR code, served from the portal', () => {
  it('fetches an image once and serves it again from memory', async () => {
    const images = createLabelImages({ allowHttp: true });
    const before = hits;
    const first = await images.get(`${base}/qr.png`);
    expect(first).toMatchObject({ contentType: 'image/png' });
    expect(await images.get(`${base}/qr.png`)).toBe(first);
    expect(hits - before).toBe(1);
  });

  it('refuses what is not an image whatever its header says, what is too large, too slow or missing', async () => {
    const images = createLabelImages({ allowHttp: true, timeoutMs: 200 });
    expect(await images.get(`${base}/page.html`)).toBeNull();
    expect(await images.get(`${base}/huge.png`)).toBeNull();
    expect(await images.get(`${base}/slow.png`)).toBeNull();
    expect(await images.get(`${base}/missing.png`)).toBeNull();
    expect(await images.get('not a url')).toBeNull();
  });

  it('fetches only https outside the sandbox', async () => {
    expect(await createLabelImages({ allowHttp: false }).get(`${base}/qr.png`)).toBeNull();
    expect(await createLabelImages({ allowHttp: false }).get('file:///etc/passwd')).toBeNull();
  });

  it('knows images by their first bytes', () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });
});
