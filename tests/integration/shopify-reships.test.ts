import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createReships } from '~/integrations/shopify/reships.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { startTestShopify, type TestShopify } from './support/test-shopify';

/**
 * The real reship adapter (through @shopify/shopify-api) against its own Shopify emulator over
 * HTTP: a free draft order completed into the replacement, found again by the case's tag rather
 * than made twice; refusals as values, outages as UpstreamErrors.
 */
const SHOP = 'reship-test.myshopify.com';
const TOKEN = 'shpat_reshiptest';

let shopify: TestShopify;

const control = (path: string, body?: unknown) => shopify.control(path, body);
const adapter = () => createReships(createAdminCaller({ client: shopify.client(), gate: createThrottleGate({ maxWaitMs: 0 }) }));
const drafts = async () => (await control('draft-orders')).draftOrders as Array<{ status: string; tags: string[]; note: string; order: { id: string; name: string } | null; lines: { variantId: string; quantity: number }[] }>;
const orderOf = (scenario: string) => shopify.orderOf(scenario);

beforeAll(async () => {
  shopify = await startTestShopify({ shop: SHOP, accessToken: TOKEN });
});
afterAll(() => shopify.close());
beforeEach(async () => {
  await control('reset', {});
});

describe('Shopify reships', () => {
  it('sends a free replacement of the lines once: a second call for the same case finds its order', async () => {
    const order = await orderOf('delivered-recently');
    const line = order.lineItems[0]!;
    const request = { orderId: order.id, caseId: 'C-7K3M9PQ2', lines: [{ lineItemId: line.id, quantity: 1 }], note: 'Comptoir C-7K3M9PQ2: problem report (damaged)' };
    const first = await adapter().reship(request);
    expect(first).toEqual({ ok: true, orderId: expect.stringMatching(/^gid:\/\/shopify\/Order\//), orderName: '#1048', already: false });
    expect(await adapter().reship(request)).toEqual({ ...first, already: true });
    expect(await drafts()).toEqual([expect.objectContaining({ status: 'COMPLETED', tags: ['comptoir', 'C-7K3M9PQ2'], note: request.note, order: { id: first.ok ? first.orderId : '', name: '#1048' }, lines: [expect.objectContaining({ quantity: 1 })] })]);
    const made = await createShopifyOrderSource({ client: shopify.client(), gate: createThrottleGate({ maxWaitMs: 0 }) }).getOrder(first.ok ? first.orderId : '');
    expect(made).toMatchObject({ name: '#1048', total: { amount: '0.0' } });
  });

  it('refuses a line that is not on the order, as a value', async () => {
    const order = await orderOf('delivered-recently');
    expect(await adapter().reship({ orderId: order.id, caseId: 'C-AAAA2222', lines: [{ lineItemId: 'gid://shopify/LineItem/1', quantity: 1 }], note: 'x' }))
      .toMatchObject({ ok: false, code: 'LINE_NOT_FOUND' });
    expect(await drafts()).toEqual([]);
  });

  it('throws a retryable UpstreamError when Shopify is down, and sends once on the retry', async () => {
    const order = await orderOf('delivered-recently');
    const request = { orderId: order.id, caseId: 'C-BBBB3333', lines: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }], note: 'x' };
    await control('faults', { mode: 'http500', count: 5 });
    const error = await adapter().reship(request).catch((e: unknown) => e);
    expect(isUpstreamError(error) && error.retryable).toBe(true);
    await control('faults', { mode: 'none' });
    expect(await adapter().reship(request)).toMatchObject({ ok: true, already: false });
    expect(await drafts()).toHaveLength(1);
  });
});
