import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createGorgiasEmulator, type GorgiasEmulatorOptions } from './emulator.server';

export const SANDBOX_ACCOUNT = { email: 'agent@comptoir-demo.example', apiKey: 'sandbox-gorgias-key' };

/** The Basic header Gorgias private apps send: `base64(email:apikey)`. */
export function basicAuth(email = SANDBOX_ACCOUNT.email, apiKey = SANDBOX_ACCOUNT.apiKey): string {
  return `Basic ${Buffer.from(`${email}:${apiKey}`).toString('base64')}`;
}

/** A settable clock, so tests move time instead of waiting. */
export function createTestClock(start: string) {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

export type ApiReply = { status: number; headers: Headers; body: any };

/** Starts a Gorgias emulator on an ephemeral loopback port, reached over real HTTP. */
export async function startGorgiasEmulator(options: GorgiasEmulatorOptions = {}) {
  const emulator = createGorgiasEmulator(options);
  const server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function api(method: string, path: string, body?: unknown, auth = basicAuth()): Promise<ApiReply> {
    const headers: Record<string, string> = { Authorization: auth, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  return {
    url,
    emulator,
    api,
    control: async (path: string, body?: unknown) => {
      const response = await fetch(`${url}/__sandbox/gorgias/${path}`, body === undefined ? {} : {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RunningGorgiasEmulator = Awaited<ReturnType<typeof startGorgiasEmulator>>;
