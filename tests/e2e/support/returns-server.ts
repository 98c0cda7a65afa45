import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test as base } from './fixtures';
import { ORDER_MAX, SERVER_START_MS } from './servers';

/*
 * Returns use up a demo order's units for good, and one spec needs "delivered-long-ago", which
 * lookup.spec locks on the shared server. So the returns spec runs on a server of its own per
 * worker (fresh database, fresh emulator), started the way playwright.config.ts starts the others.
 * Specs still give every test its own order: tests of one worker share that server.
 */

/** A free loopback port; the kernel's ephemeral range is clear of the ports fetch refuses. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the returns server exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the returns server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/** A sandbox server of its own on a free port, as playwright.config.ts starts the others; `use` runs while it serves. */
export async function withOwnServer(use: (url: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  let stderr = '';
  const child = spawn(process.execPath, ['tests/e2e/support/serve.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      COMPTOIR_MODE: 'sandbox',
      COMPTOIR_LOOKUP_SECOND_FACTOR: 'none',
      RATE_LIMIT_ORDER_MAX: String(ORDER_MAX),
      RATE_LIMIT_CLIENT_MAX: '1000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, SERVER_START_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  await use(url);
  // SIGTERM lets the server close its database before serve.mjs deletes its folder.
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

export const test = base.extend<object, { ownServerUrl: string }>({
  ownServerUrl: [async ({}, use) => withOwnServer(use), { scope: 'worker', timeout: SERVER_START_MS + 15_000 }],
  baseURL: async ({ ownServerUrl }, use) => {
    await use(ownServerUrl);
  },
});

export { expect } from './fixtures';
