import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AddressChangeFormSchema } from '~/cases/address-change/address-form';
import { loadAddressPage, sendAddressCode, submitAddressChange, type AddressDeps, type AddressShopper } from '~/cases/address-change/address-request.server';
import { asCaseOf } from '~/cases/case-kind-guards';
import { createDatabase } from '~/db/client.server';
import { parseEnv } from '~/env.server';
import { SANDBOX_SHOP_DOMAIN } from '~/integrations/shopify/env.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { addressDeps } from '~/routes/order_.address/address-deps.server';
import { currentSandboxMailbox, currentSandboxSmtpUrl } from '~/sandbox/mailbox/sandbox-mailbox.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator, toEmulatorCredentials } from '~/sandbox/shopify/emulator.server';
import { createServices, type Services } from '~/services.server';
import { DATABASE_BACKENDS, postgresUrl } from './support/postgres';
import { openSharedDatabase } from './support/shared-database';
import { startTestShopify, type TestShopify } from './support/test-shopify';

/**
 * The address change below the route, on the composition root's own services: PGlite with
 * pg-boss (no worker), the one-time codes in the database, the real mailer over SMTP to the
 * sandbox's loopback mailbox, and the real Shopify adapters over HTTP to an emulator of this
 * file's own. Nothing changes an address without the code the order's email received.
 */
const SHOP = 'address-flow-test.myshopify.com';
let server: Server;
let baseUrl: string;
let services: Services;
let deps: AddressDeps;
let demo: { name: string; email: string; scenario: string }[];
const logged: string[] = [];

const LYON = { firstName: 'Camille', lastName: 'Martin', address1: '3 rue Mercière', address2: '', zip: '69002', city: 'Lyon', countryCode: 'FR' };

async function shopperOf(scenario: string, index = 0, sessionId: string = randomUUID()): Promise<AddressShopper & { email: string }> {
  const entry = demo.filter((o) => o.scenario === scenario)[index]!;
  const found = (await services.orders.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
  return { sessionId, orderId: found.id, orderName: found.name, language: 'en', ticketId: null, email: entry.email };
}

/** What the shopper posts, parsed as the route parses it. */
const change = (code: string, address: Record<string, string> = LYON) => {
  const { idempotencyKey, code: typed, intent: _, ...fields } = AddressChangeFormSchema.parse({ intent: 'change', idempotencyKey: randomUUID(), code, ...address });
  return { idempotencyKey, code: typed, address: fields };
};

const sentCodes: string[] = [];
const inbox = (email: string) => currentSandboxMailbox()?.list({ to: email }) ?? [];

/** The code of the email that arrives after the `seen` already there, read as the shopper reads it. */
async function readCode(email: string, seen: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const code = inbox(email).length > seen ? inbox(email)[0]!.text.match(/^\d{6}$/m)?.[0] : undefined;
    if (code) return (sentCodes.push(code), code);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no code reached ${email}`);
}

const storeAddress = async (orderId: string) => {
  services.orders.invalidate(orderId);
  return (await services.orders.getOrder(orderId))!.shippingAddress;
};
const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');
/** A code sent to the order's email, and read there. */
const sendAndRead = async (shopper: AddressShopper & { email: string }, now = new Date(), via: AddressDeps = deps) => {
  const seen = inbox(shopper.email).length;
  expect(await sendAddressCode(via, shopper, now)).toEqual({ ok: true });
  return readCode(shopper.email, seen);
};

beforeAll(async () => {
  vi.stubEnv('COMPTOIR_LOG', '');
  for (const stream of ['log', 'info', 'warn', 'error'] as const) vi.spyOn(console, stream).mockImplementation((...args) => void logged.push(args.map(String).join(' ')));
  const config = parseEnv({});
  const emulator = createShopifyEmulator({ shopDomain: SHOP, ...toEmulatorCredentials(config.shopify.auth), bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } });
  server = createServer(toNodeHandler(emulator.handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  services = await createServices({ ...config, shopify: { ...config.shopify, shopDomain: SHOP, sandboxUrl: baseUrl }, orderCacheMs: 60_000 }, { database: await createDatabase({ dataDir: 'memory://' }) });
  deps = addressDeps(services);
});

afterAll(async () => {
  await services?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('changing the address needs the code the order’s email received', () => {
  it('changes the address with the right code: Shopify has it, the case is completed, a replay finds the same case', async () => {
    const shopper = await shopperOf('ready-to-cancel', 0);
    const before = await storeAddress(shopper.orderId);
    expect(await loadAddressPage(deps, shopper, new Date())).toMatchObject({ kind: 'page', verdict: { offered: true, countries: ['FR'] }, code: { live: false } });
    const code = await sendAndRead(shopper);
    expect(await loadAddressPage(deps, shopper, new Date())).toMatchObject({ kind: 'page', code: { live: true, resendInSeconds: 30 } });
    const form = change(code);
    const result = await submitAddressChange(deps, shopper, form, new Date());
    expect(result).toMatchObject({ ok: true });
    const caseId = (result as { caseId: string }).caseId;
    const found = asCaseOf(await services.cases.getCase(caseId), 'address_change');
    expect(found.state).toBe('completed');
    expect(found.details).toMatchObject({ clauseId: '9.1', oldAddress: { address1: before!.address1 }, newAddress: { address1: '3 rue Mercière', zip: '69002', address2: null }, sessionId: shopper.sessionId });
    expect((await services.cases.listEvents(caseId)).map((e) => e.type)).toEqual(['received', 'shopify.address_update_sent', 'address_changed']);
    expect(await storeAddress(shopper.orderId)).toMatchObject({ address1: '3 rue Mercière', zip: '69002', city: 'Lyon', address2: null });
    // The same form again: the same case, nothing written twice.
    expect(await submitAddressChange(deps, shopper, form, new Date())).toEqual({ ok: true, caseId });
    // The code is used up: with another address it opens nothing.
    expect(await submitAddressChange(deps, shopper, change(code, { ...LYON, address1: '9 quai Saint-Vincent' }), new Date())).toEqual({ ok: false, error: 'codeExpired' });
    expect(await storeAddress(shopper.orderId)).toMatchObject({ address1: '3 rue Mercière' });
  });

  it('refuses a post without any code sent, and a wrong code, with the tries left; the address stays', async () => {
    const shopper = await shopperOf('ready-to-cancel', 1);
    const before = await storeAddress(shopper.orderId);
    expect(await submitAddressChange(deps, shopper, change('123456'), new Date())).toEqual({ ok: false, error: 'codeExpired' });
    const code = await sendAndRead(shopper);
    expect(await submitAddressChange(deps, shopper, change(wrongOf(code)), new Date())).toEqual({ ok: false, error: 'codeWrong', triesLeft: 4 });
    expect(await storeAddress(shopper.orderId)).toEqual(before);
    expect(await services.cases.listCasesForOrder(shopper.orderId)).toEqual([]);
  });

  it('locks the code after the 5th wrong try: the 6th, even right, opens nothing', async () => {
    const shopper = await shopperOf('ready-to-cancel', 2);
    const code = await sendAndRead(shopper);
    for (const triesLeft of [4, 3, 2, 1, 0]) expect(await submitAddressChange(deps, shopper, change(wrongOf(code)), new Date())).toEqual({ ok: false, error: 'codeWrong', triesLeft });
    expect(await submitAddressChange(deps, shopper, change(code), new Date())).toEqual({ ok: false, error: 'codeExpired' });
    expect(await services.cases.listCasesForOrder(shopper.orderId)).toEqual([]);
  });

  it('binds the code to its order and its session: another order’s code, or another session’s, opens nothing', async () => {
    const mine = await shopperOf('ready-to-cancel', 3);
    const other = await shopperOf('unfulfilled', 0, mine.sessionId);
    const otherCode = await sendAndRead(other);
    // No code was sent for this order: the other order's code is no code here.
    expect(await submitAddressChange(deps, mine, change(otherCode), new Date())).toEqual({ ok: false, error: 'codeExpired' });
    const code = await sendAndRead(mine);
    const elsewhere = { ...mine, sessionId: randomUUID() };
    expect(await submitAddressChange(deps, elsewhere, change(code), new Date())).toEqual({ ok: false, error: 'codeExpired' });
    if (otherCode !== code) expect(await submitAddressChange(deps, mine, change(otherCode), new Date())).toEqual({ ok: false, error: 'codeWrong', triesLeft: 4 });
    expect(await services.cases.listCasesForOrder(mine.orderId)).toEqual([]);
    // Its own session and order: it works.
    expect(await submitAddressChange(deps, mine, change(code), new Date())).toMatchObject({ ok: true });
  });

  it('checks the address per country before the code, so a mistake costs no try', async () => {
    const shopper = await shopperOf('cancel-for-review', 0);
    const code = await sendAndRead(shopper);
    const wrongZip = await submitAddressChange(deps, shopper, change(wrongOf(code), { ...LYON, zip: '6900' }), new Date());
    expect(wrongZip).toEqual({ ok: false, error: 'address', fields: [{ field: 'zip', key: 'policy:addressChange.errors.zipFormat', values: {} }] });
    const abroad = await submitAddressChange(deps, shopper, change(wrongOf(code), { ...LYON, countryCode: 'DE', zip: '10115', city: 'Berlin' }), new Date());
    expect(abroad).toMatchObject({ ok: false, error: 'address', fields: [{ field: 'countryCode', key: 'policy:addressChange.errors.countryNotAllowed' }] });
    const missing = await submitAddressChange(deps, shopper, change(code, { countryCode: 'FR' }), new Date());
    expect(missing).toMatchObject({ ok: false, error: 'address' });
    // No try was spent on any of them: the first wrong code still has 4 left after it.
    expect(await submitAddressChange(deps, shopper, change(wrongOf(code)), new Date())).toEqual({ ok: false, error: 'codeWrong', triesLeft: 4 });
  });

  it('caps sending: 30 s between two codes, 3 an hour', async () => {
    const shopper = await shopperOf('unfulfilled', 0);
    const start = new Date();
    expect(await sendAddressCode(deps, shopper, start)).toEqual({ ok: true });
    expect(await sendAddressCode(deps, shopper, new Date(start.getTime() + 10_000))).toEqual({ ok: false, error: 'cooldown', retryAfterSeconds: 20 });
    expect(await sendAddressCode(deps, shopper, new Date(start.getTime() + 31_000))).toEqual({ ok: true });
    expect(await sendAddressCode(deps, shopper, new Date(start.getTime() + 62_000))).toEqual({ ok: true });
    expect(await sendAddressCode(deps, shopper, new Date(start.getTime() + 93_000))).toMatchObject({ ok: false, error: 'tooManySends' });
  });

  it('refuses a shipped order, however the page was reached', async () => {
    const shopper = await shopperOf('in-transit', 0);
    expect(await loadAddressPage(deps, shopper, new Date())).toMatchObject({ kind: 'page', verdict: { offered: false, refusal: { key: 'policy:addressChange.refusal.shipped', clauseId: '9.1' } } });
    expect(await sendAddressCode(deps, shopper, new Date())).toEqual({ ok: false, error: 'notOffered' });
    expect(await submitAddressChange(deps, shopper, change('123456'), new Date())).toEqual({ ok: false, error: 'notOffered' });
  });

  it('never writes a code to a log', async () => {
    expect(sentCodes.length).toBeGreaterThan(5);
    expect(logged.some((line) => line.includes('verification.code_sent'))).toBe(true);
    for (const line of logged) for (const code of sentCodes) expect(line).not.toContain(code);
  });
});

/*
 * A double tap landing on two portals that share one database: the same form, the same code. One
 * half uses the code and opens the case; the other must land on that case, not on "code expired"
 * or "this is already the address". Each backend has its own Shopify emulator, so each test's
 * order is fresh; the codes still reach this file's mailbox.
 */
for (const backend of DATABASE_BACKENDS) {
  describe.skipIf(backend.skip)(`a double tap to two portals on ${backend.name}`, () => {
    let shopify: TestShopify;
    let portals: Services[] = [];
    let one: AddressDeps;
    let other: AddressDeps;
    let drop = async () => {};

    beforeAll(async () => {
      shopify = await startTestShopify({ shop: SANDBOX_SHOP_DOMAIN, accessToken: 'shpat_address_double_tap' });
      const { handles, url, drop: dropDatabase } = await openSharedDatabase(backend.postgres ? postgresUrl! : null, 'comptoir_address_double_tap');
      drop = dropDatabase;
      const env = parseEnv({ SANDBOX_SHOPIFY_URL: shopify.baseUrl, SMTP_URL: currentSandboxSmtpUrl()!, ...(url ? { DATABASE_URL: url } : {}) });
      for (const handle of handles) portals.push(await createServices({ ...env, orderCacheMs: 60_000 }, { database: handle }));
      [one, other] = portals.map(addressDeps) as [AddressDeps, AddressDeps];
    });

    afterAll(async () => {
      for (const portal of portals.reverse()) await portal.close();
      portals = [];
      await drop();
      await shopify?.close();
    });

    const shopperOf = async (index: number) => {
      const order = await shopify.orderOf('ready-to-cancel', index);
      return { sessionId: randomUUID(), orderId: order.id, orderName: order.name, language: 'en' as const, ticketId: null, email: order.email! };
    };
    const addressUpdates = async () => Number((await shopify.control('stats')).operations?.ComptoirOrderAddressUpdate ?? 0);

    /** One case, carried out once: one `orderUpdate` reached Shopify, which has the new address; both answers name that case. */
    async function expectOneChange(index: number, shopper: AddressShopper, answers: unknown[], updatesBefore: number) {
      const cases = await portals[0]!.cases.listCasesForOrder(shopper.orderId);
      expect(cases).toHaveLength(1);
      expect(answers).toEqual([{ ok: true, caseId: cases[0]!.id }, { ok: true, caseId: cases[0]!.id }]);
      expect(cases[0]!.state).toBe('completed');
      expect(await addressUpdates()).toBe(updatesBefore + 1);
      expect((await shopify.orderOf('ready-to-cancel', index)).shippingAddress).toMatchObject({ address1: LYON.address1, zip: LYON.zip, city: LYON.city });
    }

    it('the same confirmed change sent to both at once opens one case and changes the address once', async () => {
      const shopper = await shopperOf(0);
      const form = change(await sendAndRead(shopper, new Date(), one));
      const before = await addressUpdates();
      const answers = await Promise.all([submitAddressChange(one, shopper, form, new Date()), submitAddressChange(other, shopper, form, new Date())]);
      await expectOneChange(0, shopper, answers, before);
    });

    it('the half that reads the order after the other changed it lands on that case, not on "unchanged" or "code expired"', async () => {
      const shopper = await shopperOf(1);
      const form = change(await sendAndRead(shopper, new Date(), one));
      const before = await addressUpdates();
      // The second portal's read of the order waits until the first has changed the address.
      let firstDone: () => void = () => {};
      const changedByFirst = new Promise<void>((resolve) => (firstDone = resolve));
      const readsLate: AddressDeps = { ...other, orders: { getOrder: async (id) => (await changedByFirst, other.orders.getOrder(id)), invalidate: (id) => other.orders.invalidate?.(id) } };
      const second = submitAddressChange(readsLate, shopper, form, new Date());
      const first = await submitAddressChange(one, shopper, form, new Date());
      firstDone();
      await expectOneChange(1, shopper, [first, await second], before);
    });

    it('the half that finds the code just used, before the other opened its case, waits for that case instead of "code expired"', async () => {
      const shopper = await shopperOf(2);
      const form = change(await sendAndRead(shopper, new Date(), one));
      const before = await addressUpdates();
      // The first uses the code, then opens its case only once the second, reading the order after
      // that use (the old address still there), has been refused the code: the gap between the two.
      let used: () => void = () => {};
      let refused: () => void = () => {};
      const usedByFirst = new Promise<void>((resolve) => (used = resolve));
      const refusedToSecond = new Promise<void>((resolve) => (refused = resolve));
      const store = one.codes.store;
      const first: AddressDeps = {
        ...one,
        codes: { ...one.codes, store: { ...store, consume: async (...args) => { const done = await store.consume(...args); used(); return done; } } },
        cases: { ...one.cases, openCase: async (...args) => (await refusedToSecond, one.cases.openCase(...args)) },
      };
      const otherStore = other.codes.store;
      const second: AddressDeps = {
        ...other,
        orders: { getOrder: async (id) => (await usedByFirst, other.orders.getOrder(id)), invalidate: (id) => other.orders.invalidate?.(id) },
        codes: { ...other.codes, store: { ...otherStore, takeTry: async (...args) => { const tried = await otherStore.takeTry(...args); refused(); return tried; } } },
      };
      const answers = await Promise.all([submitAddressChange(first, shopper, form, new Date()), submitAddressChange(second, shopper, form, new Date())]);
      await expectOneChange(2, shopper, answers, before);
    });
  });
}
