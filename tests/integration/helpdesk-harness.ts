import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseStore, NewCaseOf } from '~/cases/case-store';
import type { CaseLine } from '~/cases/return/details';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createDbReturnDraftStore } from '~/db/return-draft-store.server';
import { createDbSessionStore } from '~/db/session-store.server';
import { parseEnv } from '~/env.server';
import type { HelpdeskOptions } from '~/helpdesk/options';
import type { SyncCaseDeps } from '~/helpdesk/sync-case.server';
import { createGorgiasClient } from '~/integrations/gorgias/client.server';
import { createGorgiasHelpdesk } from '~/integrations/gorgias/helpdesk.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { createShopifyReturnDecisions } from '~/integrations/shopify/return-decisions.server';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import type { Order } from '~/orders/types';
import type { PhotoStore, StoredPhoto } from '~/photos/photo-store';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import { createTestClock, SANDBOX_ACCOUNT, startGorgiasEmulator } from '~/sandbox/gorgias/emulator-harness.test-helpers';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';

/**
 * What the helpdesk integration tests share, the way gorgias-delivery.test.ts sets it up:
 * PGlite in memory, the real Gorgias client against the Gorgias emulator over HTTP (its default
 * demo seed: "Returns review" is team 3, the email integration is 1) and orders from the Shopify
 * emulator. Assertions read the emulator's state, not what our code believes it sent.
 */
const SHOP = 'helpdesk-test.myshopify.com';
const TOKEN = 'shpat_helpdesktest';

export const DEMO_OPTIONS: HelpdeskOptions = {
  review: { teamId: 3, priority: 'high' },
  publicReply: { emailIntegration: { id: 1, address: 'support@comptoir-demo.example' } },
  caseFieldId: null,
};

export async function startHelpdeskHarness() {
  // A roomy cost bucket: these tests are about the helpdesk, not Shopify's throttling (tested apart).
  const shopify: Server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } }).handle));
  await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
  const shopifyUrl = `http://127.0.0.1:${(shopify.address() as AddressInfo).port}`;
  const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: shopifyUrl });
  const orders = createShopifyOrderSource({ client });
  const shopifyReturns = createShopifyReturns({ client });
  const demo = (await (await fetch(`${shopifyUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: any[] };
  const time = createTestClock('2026-03-01T10:00:00Z');
  const emulator = await startGorgiasEmulator({ clock: time.clock, bucket: { capacity: 1000, windowSeconds: 1 } });
  // The raw client arranges what agents do in Gorgias; the sync goes through the Helpdesk port.
  const gorgias = createGorgiasClient({ baseUrl: emulator.url, email: SANDBOX_ACCOUNT.email, apiKey: SANDBOX_ACCOUNT.apiKey });
  const helpdesk = createGorgiasHelpdesk(gorgias);
  const policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
  const database: DatabaseHandle = await createDatabase({ dataDir: 'memory://' });
  const queue: Queue = await createQueue(database);
  const cases: CaseStore = createDbCaseStore(database.db, queue);
  const stored = new Map<string, StoredPhoto>();
  const put: PhotoStore['put'] = async (bytes, contentType) => { const key = randomUUID().replaceAll('-', ''); stored.set(key, { bytes, contentType }); return { key }; };
  // Pending photos go straight to `stored`: these tests are about the helpdesk, not the quota.
  const photos: PhotoStore = {
    put,
    get: async (key) => stored.get(key) ?? null,
    delete: async (key) => void stored.delete(key),
    pending: () => ({ put, get: async (key) => stored.get(key) ?? null, delete: async (key) => void stored.delete(key), usage: async () => ({ count: 0, bytes: 0 }), keep: async (keys) => keys.filter((key) => stored.has(key)) }),
    sweep: async () => 0,
  };
  const env = parseEnv({});
  const config = { ...env, publicUrl: 'https://portal.example', shopify: { ...env.shopify, shopDomain: SHOP }, gorgias: DEMO_OPTIONS };
  const deps: SyncCaseDeps = { cases, helpdesk, orders, photos, policy, config, clock: time.clock };

  /** A demo order by scenario, as the shopper's lookup finds it. */
  async function orderOf(scenario: string, index = 0): Promise<Order> {
    const entry = demo.orders.filter((o) => o.scenario === scenario)[index];
    return (await orders.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email }))!;
  }

  /** A case on the order's first line, with the given verdict and options, straight in the store. */
  async function openCase(order: Order, options: { decision?: CaseLine['decision']; language?: string; extra?: Partial<NewCaseOf<'return'>> } = {}) {
    const item = order.lineItems[0]!;
    const line: CaseLine = {
      fulfillmentLineItemId: `gid://shopify/FulfillmentLineItem/${randomUUID()}`, lineItemId: item.id, title: item.title, quantity: 1,
      reasonId: 'other', note: null, outcome: 'refund', photoIds: [], decision: options.decision ?? 'approved', clauseIds: ['5.4'],
    };
    const result = await cases.openCase({
      kind: 'return', orderId: order.id, orderName: order.name, customerEmailHash: randomUUID(), language: options.language ?? 'en', policyVersion: policy.version,
      details: { lines: [line], refundMethod: 'original_payment', totals: { itemsSubtotal: { amount: '49.00', currencyCode: 'EUR' }, fees: { amount: '0.00', currencyCode: 'EUR' }, estimatedRefund: { amount: '49.00', currencyCode: 'EUR' } } },
      ...options.extra,
    }, randomUUID(), time.clock());
    if (result.status !== 'opened') throw new Error('case not opened');
    return result.case;
  }

  const state = async () => (await emulator.control('state')).body as { tickets: any[] };
  return {
    deps, cases, gorgias, helpdesk, orders, shopifyReturns, policy, queue,
    returnDecisions: createShopifyReturnDecisions({ client }), catalog: createShopifyCatalogSource({ client }), photos, time, emulator, state, orderOf, openCase,
    sessions: createDbSessionStore(database.db, { secret: 'x'.repeat(32) }),
    returnDrafts: createDbReturnDraftStore(database.db),
    /** A ticket as an agent opened it in Gorgias, from the shopper's own message. */
    agentTicket: (email: string, subject = 'Where is my parcel?') =>
      gorgias.createTicket({ externalId: `agent-${randomUUID()}`, subject, customer: { email }, messages: [{ bodyText: 'Hello, I need help with my order.' }] }),
    ticket: async (id: number) => (await state()).tickets.find((t) => t.id === id),
    tagsOf: (ticket: any) => (ticket.tags as any[]).map((t) => t.name).sort(),
    notesOf: (ticket: any) => (ticket.messages as any[]).filter((m) => m.channel === 'internal-note'),
    repliesOf: (ticket: any) => (ticket.messages as any[]).filter((m) => m.from_agent && m.public),
    eventTypes: async (caseId: string) => (await cases.listEvents(caseId)).map((event) => event.type),
    async close() {
      await queue.stop();
      await database.close();
      await emulator.close();
      await new Promise<void>((resolve) => shopify.close(() => resolve()));
    },
  };
}

export type HelpdeskHarness = Awaited<ReturnType<typeof startHelpdeskHarness>>;
