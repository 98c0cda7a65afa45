import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { MailDeliveryError } from '~/mail/ports';
import { createSmtpMailer } from '~/mail/smtp-mailer.server';
import { MAX_MESSAGE_BYTES } from '~/sandbox/mailbox/loopback-smtp.server';
import { currentSandboxMailbox, currentSandboxSmtpUrl } from '~/sandbox/mailbox/sandbox-mailbox.server';
import { mountSandboxEmulators } from '~/sandbox/mount.server';
import { createServices, type Services } from '~/services.server';
import type { CodeBinding } from '~/verification/code-rules';
import { checkCode, sendCode } from '~/verification/one-time-codes.server';

/**
 * The code's whole trip in the sandbox, as the portal runs it: the composition root's mailer
 * speaks SMTP to the loopback mailbox, and the test reads the email where a person would, on the
 * mounted `/__sandbox/mailbox` page and its JSON.
 */
let services: Services;
let server: Server;
let origin: string;
const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-code-email-'));
const logged: string[] = [];

beforeAll(async () => {
  // Everything the portal writes to the console or stdout from here on, to look for the code in.
  vi.stubEnv('COMPTOIR_LOG', '');
  for (const stream of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, stream).mockImplementation((...args) => void logged.push(args.map(String).join(' ')));
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  });
  const config = parseEnv({ COMPTOIR_DATA_DIR: dataDir, COMPTOIR_STORE_NAME: 'Maison <Lumière>' });
  services = await createServices(config, { database: await createDatabase({ dataDir: 'memory://' }) });
  const app = express();
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mountSandboxEmulators(app, { ownOrigin: origin, shopifyAuth: config.shopify.auth, mountShopify: false, mountGorgias: false, jobs: () => services.queue });
});

afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await services?.close();
  // Closed with the services: the page has no mailbox left to show.
  expect(currentSandboxMailbox()).toBeNull();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

type MailboxJson = { running: boolean; messages: Array<{ id: string; from: string; to: string[]; subject: string; text: string; html: string | null; receivedAt: string }> };
const readMailbox = async (to: string): Promise<MailboxJson> => (await fetch(`${origin}/__sandbox/mailbox.json?to=${encodeURIComponent(to)}`)).json() as Promise<MailboxJson>;
const codeIn = (text: string) => text.match(/^\d{6}$/m)?.[0];

const binding: CodeBinding = { sessionId: 'session-hash-mailbox', orderId: 'gid://shopify/Order/6410001000', purpose: 'address_change' };

describe('a one-time code by email, in the sandbox', () => {
  it('reaches the loopback mailbox over SMTP, where the shopper reads it, and opens the change once', async () => {
    const now = new Date();
    expect(await sendCode(services.oneTimeCodes, binding, 'camille.martin@example.com', 'fr', now)).toEqual({ ok: true, expiresAt: new Date(now.getTime() + 10 * 60_000) });

    const { running, messages } = await readMailbox('camille.martin@example.com');
    expect(running).toBe(true);
    expect(messages).toHaveLength(1);
    const [email] = messages;
    expect(email).toMatchObject({ to: ['camille.martin@example.com'], from: 'no-reply@comptoir-demo.example', subject: 'Votre code de vérification Maison <Lumière>' });
    const code = codeIn(email!.text)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(email!.html).toContain('Maison &lt;Lumière&gt;');

    expect(await checkCode(services.oneTimeCodes, binding, code, new Date(now.getTime() + 1000))).toEqual({ ok: true });
    expect(await checkCode(services.oneTimeCodes, binding, code, new Date(now.getTime() + 2000))).toEqual({ ok: false, reason: 'none' });
    for (const line of logged) expect(line).not.toContain(code);
    expect(logged.some((line) => line.includes('verification.code_sent'))).toBe(true);
  });

  it('lists emails newest first on the page, and shows one with its HTML in a locked-down frame', async () => {
    await services.mailer.send({ to: 'ada@example.com', subject: 'First', text: 'one', html: '<p>one</p>' });
    await services.mailer.send({ to: 'ada@example.com', subject: 'Second <b>bold</b>', text: 'two', html: '<p>two</p><script>parent.alert(1)</script>' });
    const list = await (await fetch(`${origin}/__sandbox/mailbox`)).text();
    expect(list.indexOf('Second &lt;b&gt;bold&lt;/b&gt;')).toBeGreaterThan(-1);
    expect(list.indexOf('Second &lt;b&gt;bold&lt;/b&gt;')).toBeLessThan(list.indexOf('First'));
    const [second] = (await readMailbox('ada@example.com')).messages;
    expect(list).toContain(`href="/__sandbox/mailbox/${second!.id}"`);

    const page = await (await fetch(`${origin}/__sandbox/mailbox/${second!.id}`)).text();
    expect(page).toContain('<pre>two</pre>');
    expect(page).toMatch(/<iframe title="The email as HTML" sandbox="" srcdoc="[^"]*&lt;script&gt;parent\.alert\(1\)&lt;\/script&gt;[^"]*">/);
    expect(page).not.toContain('<script>');
    expect((await fetch(`${origin}/__sandbox/mailbox/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${origin}/__sandbox/mailbox?format=json&to=ada@example.com`)).headers.get('content-type')).toContain('application/json');
  });

  it('empties on a same-site POST only', async () => {
    expect((await fetch(`${origin}/__sandbox/mailbox/clear`, { method: 'POST', redirect: 'manual', headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await readMailbox('ada@example.com')).messages.length).toBeGreaterThan(0);
    expect((await fetch(`${origin}/__sandbox/mailbox/clear`, { method: 'POST', redirect: 'manual', headers: { Origin: origin } })).status).toBe(303);
    expect((await readMailbox('ada@example.com')).messages).toEqual([]);
  });
});

describe('the loopback SMTP server', () => {
  it('listens on 127.0.0.1, on a port of its own', () => {
    const url = new URL(currentSandboxSmtpUrl()!);
    expect(url.protocol).toBe('smtp:');
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
  });

  it('refuses a message over its size limit, and an address it would not deliver to', async () => {
    const big = 'x'.repeat(MAX_MESSAGE_BYTES + 1024);
    await expect(services.mailer.send({ to: 'ada@example.com', subject: 'Too big', text: big, html: `<p>${big}</p>` })).rejects.toMatchObject({ name: 'MailDeliveryError', responseCode: 552 });
    const mailer = createSmtpMailer({ url: currentSandboxSmtpUrl()!, from: 'Shop <no-reply@shop.example>' });
    await expect(mailer.send({ to: 'root@[127.0.0.1]', subject: 'Literal', text: 'x', html: 'x' })).rejects.toBeInstanceOf(MailDeliveryError);
    mailer.close();
    expect((await readMailbox('ada@example.com')).messages.map((m) => m.subject)).not.toContain('Too big');
  });
});
