import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createAftershipEmulator, type AftershipEmulatorOptions } from './emulator.server';

export const SANDBOX_AFTERSHIP = { apiKey: 'sandbox-aftership-key', webhookSecret: 'sandbox-aftership-webhook-secret', storeId: 'comptoir-demo' };

/** A settable clock, so tests move time instead of waiting. */
export function createTestClock(start: string) {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

export type ApiReply = { status: number; headers: Headers; body: any };

/** Starts an AfterShip emulator on an ephemeral loopback port, reached over real HTTP. */
export async function startAftershipEmulator(options: AftershipEmulatorOptions = {}) {
  const emulator = createAftershipEmulator({ ...SANDBOX_AFTERSHIP, webhookRetryDelaysMs: [50, 100], ...options });
  const server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** One raw API call: `path` below `/returns/2026-07`. */
  async function api(method: string, path: string, body?: unknown, apiKey: string | null = SANDBOX_AFTERSHIP.apiKey): Promise<ApiReply> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (apiKey !== null) headers['as-api-key'] = apiKey;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${url}/returns/2026-07${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  return {
    url,
    baseUrl: `${url}/returns/2026-07`,
    emulator,
    api,
    control: async (path: string, body?: unknown) => {
      const response = await fetch(`${url}/__sandbox/aftership/${path}`, body === undefined ? {} : {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RunningAftershipEmulator = Awaited<ReturnType<typeof startAftershipEmulator>>;
