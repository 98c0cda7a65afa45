import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachedReturnContexts } from '~/cases/return/return-context-cache.server';
import { loadReturnStep, postReturnStep, type ReturnFlowDeps } from '~/cases/return/return-flow.server';
import { ReturnStepFormSchema } from '~/cases/return/return-form';
import { createDbReturnDraftStore } from '~/db/return-draft-store.server';
import { prepareReturn } from '~/cases/return/return-request';
import { asCaseOf } from '~/cases/case-kind-guards';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createShopifyReturns } from '~/integrations/shopify/returns.server';
import { createShopifyCatalogSource } from '~/integrations/shopify/exchange-catalog.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { SHOPIFY_EXECUTE_CASE, LABELS_REQUEST_LABEL, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { createLocalPhotoStore } from '~/photos/local-photo-store.server';
import { makeJpeg } from '~/photos/photo-fixtures.test-helpers';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { hashIdentifier } from '~/session/hash.server';

/**
 * The return form's steps end to end below the route: PGlite in memory with pg-boss on it (no
 * worker, so every case stays "before the worker ran"), the real Shopify adapters over HTTP to
 * an emulator of this file's own, and the local photo store. Each test takes its own demo order.
 */
const SHOP = 'return-flow-test.myshopify.com';
const TOKEN = 'shpat_returnflowtest';
const QUEUES: Record<string, QueueSettings> = {
  [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
  // Approved cases queue their label request; no label worker runs here.
  [LABELS_REQUEST_LABEL]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false },
};

let server: Server;
let baseUrl: string;
let database: DatabaseHandle;
let queue: Queue;
let photoDir: string;
let deps: ReturnFlowDeps;
let demo: { name: string; email: string; scenario: string }[];

type Order = Awaited<ReturnType<typeof orderOf>>;

/** An order as the session knows it: its id and name, found the way the lookup finds them. */
async function orderOf(scenario: string, index = 0) {
  const entry = demo.filter((o) => o.scenario === scenario)[index]!;
  const found = await deps.orders.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
  return { orderId: found!.id, orderName: found!.name, sessionId: randomUUID(), language: 'en' };
}

/** The order's fulfillment line ids, in the order's order. */
const lineIds = async (order: Order) => (await prepareReturn(deps, order.orderId, new Date()))!.context.lines.map((line) => line.fulfillmentLineItemId);

/** One post of a step, parsed as the route parses it; answers where the flow sends the shopper. */
async function post(order: Order, form: Record<string, unknown>, oversized: string[] = []) {
  const next = await postReturnStep(deps, order, ReturnStepFormSchema.parse(form), new Date(), oversized);
  if ('gone' in next) throw new Error('order gone');
  return next.location;
}
const start = (order: Order) => loadReturnStep(deps, order, null, new Date());
const draftOf = async (order: Order) => (await deps.drafts.get(order.sessionId, order.orderId))!;
const chooseItems = async (order: Order, picks: Record<string, number>) =>
  post(order, { step: 'items', lines: Object.entries(picks).map(([id, quantity]) => ({ id, selected: true, quantity })) });
const why = (order: Order, lines: { id: string; reasonId: string; conditions?: string[]; photos?: File[]; note?: string }[], extra: Record<string, unknown> = {}) =>
  post(order, { step: 'why', ...extra, lines: lines.map((line) => ({ ...line, conditions: (line.conditions ?? []).map((c) => `${line.reasonId}:${c}`) })) });
const CHANGED_MIND = ['unworn', 'tags-attached', 'complete'];

/** The whole flow for one unit of `id`, too small, ending on the case's address. */
async function sendOne(order: Order, id: string) {
  await start(order);
  expect(await chooseItems(order, { [id]: 1 })).toBe('/order/return?step=why');
  expect(await why(order, [{ id, reasonId: 'size-too-small', conditions: CHANGED_MIND }])).toBe('/order/return?step=refund');
  expect(await post(order, { step: 'refund', refundMethod: 'original_payment' })).toBe('/order/return?step=review');
  return post(order, { step: 'review', intent: 'submit' });
}
const caseIdOf = (location: string) => /^\/cases\/(C-\w{8})$/.exec(location)?.[1] ?? `no case: ${location}`;
const jpeg = (name: string, width: number) => new File([Buffer.from(makeJpeg(width, 12))], name, { type: 'image/jpeg' });
const jobsOf = (caseId: string) => queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } });
const shopifyReturnsMade = async () => ((await (await fetch(`${baseUrl}/__sandbox/shopify/returns`)).json()) as { returns: unknown[] }).returns;

/** The photo files a session has pending on disk (uploaded, no case yet). */
const pendingFiles = (order: { sessionId: string }) => {
  try {
    return readdirSync(join(photoDir, 'pending', deps.hashId(`photo-owner|${order.sessionId}`)));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  // A roomy bucket: these tests read many return contexts in a row, and throttling is tested elsewhere.
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES });
  photoDir = mkdtempSync(join(tmpdir(), 'comptoir-return-flow-'));
  const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
  const gate = createThrottleGate({ maxWaitMs: 0 });
  deps = {
    orders: createShopifyOrderSource({ client, gate }),
    // As the composition root wires it: Shopify's returnable units kept for a while.
    shopifyReturns: createCachedReturnContexts(createShopifyReturns({ client, gate })),
    cases: createDbCaseStore(database.db, queue),
    policy: await loadPolicyFile(DEFAULT_POLICY_FILE),
    timeZone: 'Europe/Paris',
    hashId: (value) => hashIdentifier('s'.repeat(32), value),
    photos: createLocalPhotoStore(photoDir),
    drafts: createDbReturnDraftStore(database.db),
    catalog: createShopifyCatalogSource({ client, gate }),
  };
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  rmSync(photoDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the return flow, step by step', () => {
  it('goes items → why → refund → review, then opens one case in "received" with one Shopify job; Back after that shows the case', async () => {
    const order = await orderOf('delivered-recently');
    const [top] = await lineIds(order);
    await start(order);
    await chooseItems(order, { [top!]: 1 });
    await why(order, [{ id: top!, reasonId: 'size-too-small', conditions: CHANGED_MIND }]);
    await post(order, { step: 'refund', refundMethod: 'original_payment' });
    const review = await loadReturnStep(deps, order, 'review', new Date());
    expect(review.kind === 'page' && review.quote?.totals).toMatchObject({
      itemsValue: { amount: '45.00', currencyCode: 'EUR' }, fees: { amount: '4.90', currencyCode: 'EUR' }, estimatedRefund: { amount: '40.10', currencyCode: 'EUR' },
    });
    const before = (await shopifyReturnsMade()).length;

    const caseId = caseIdOf(await post(order, { step: 'review', intent: 'submit' }));
    const found = (await deps.cases.getCase(caseId))!;
    expect(found).toMatchObject({ state: 'received', orderId: order.orderId, details: { refundMethod: 'original_payment' }, providerRefs: {} });
    expect(asCaseOf(found, 'return').details.lines).toEqual([expect.objectContaining({ fulfillmentLineItemId: top, quantity: 1, reasonId: 'size-too-small', decision: 'approved' })]);
    expect(await jobsOf(caseId)).toHaveLength(1);
    expect(await shopifyReturnsMade()).toHaveLength(before);

    // Back or refresh on any step, or the same send again: the case, never a second one.
    for (const step of ['review', 'why', 'items']) expect(await loadReturnStep(deps, order, step, new Date())).toEqual({ kind: 'redirect', location: `/cases/${caseId}` });
    expect(await post(order, { step: 'review', intent: 'submit' })).toBe(`/cases/${caseId}`);
    expect(await deps.cases.listCasesForOrder(order.orderId)).toHaveLength(1);
    expect(await jobsOf(caseId)).toHaveLength(1);
    // "Return items" from the order page starts a new draft, which no longer offers that unit.
    expect(await start(order)).toMatchObject({ kind: 'page', step: 'items', draft: { lines: {}, submittedCaseId: null } });
    expect(await chooseItems(order, { [top!]: 1 })).toBe('/order/return?step=items');
    expect((await draftOf(order)).errors).toMatchObject({ step: 'items', form: ['returns:errors.nothingSelected'] });
  });

  it('two sends of one draft at once, to two portal processes, open one case and one job, and both land on it', async () => {
    // The second process: the same database, its own caches of orders and returnable units.
    const client = createShopifyGraphqlClient({ shopDomain: SHOP, auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
    const gate = createThrottleGate({ maxWaitMs: 0 });
    const other: ReturnFlowDeps = { ...deps, orders: createShopifyOrderSource({ client, gate }), shopifyReturns: createCachedReturnContexts(createShopifyReturns({ client, gate })) };
    const order = await orderOf('eur-france');
    const [top] = await lineIds(order);
    await start(order);
    await chooseItems(order, { [top!]: 1 });
    await why(order, [{ id: top!, reasonId: 'changed-mind', conditions: CHANGED_MIND }]);
    await post(order, { step: 'refund', refundMethod: 'store_credit' });
    // It read the order's returnable units before either send, as a portal the shopper used before would have.
    await prepareReturn(other, order.orderId, new Date());
    const send = async (flow: ReturnFlowDeps) => {
      const next = await postReturnStep(flow, order, ReturnStepFormSchema.parse({ step: 'review', intent: 'submit' }), new Date());
      return 'location' in next ? next.location : 'gone';
    };
    // The race as it happens: the second process looks for the form's case (none yet), the first
    // opens it meanwhile, then the second reads what is left to return.
    let firstSent: () => void = () => {};
    const sentFirst = new Promise<void>((resolve) => (firstSent = resolve));
    const lookingFirst: ReturnFlowDeps = {
      ...other,
      cases: { ...deps.cases, findCaseByIdempotencyKey: async (key, orderId) => { const found = await deps.cases.findCaseByIdempotencyKey(key, orderId); await sentFirst; return found; } },
    };
    const second = send(lookingFirst);
    const first = await send(deps);
    firstSent();
    const locations = [first, await second];
    const cases = await deps.cases.listCasesForOrder(order.orderId);
    expect(cases).toHaveLength(1);
    expect(locations).toEqual([`/cases/${cases[0]!.id}`, `/cases/${cases[0]!.id}`]);
    expect(await jobsOf(cases[0]!.id)).toHaveLength(1);
  });

  it('keeps answers with their line whatever the order they come in, and opens no later step early', async () => {
    const order = await orderOf('multi-item-variants');
    const [a, b] = await lineIds(order);
    await start(order);
    expect(await loadReturnStep(deps, order, 'review', new Date())).toEqual({ kind: 'redirect', location: '/order/return?step=items' });
    await chooseItems(order, { [a!]: 1, [b!]: 1 });
    // Posted b first, a second, and a's reason incomplete: b's answers stay b's.
    expect(await why(order, [{ id: b!, reasonId: 'changed-mind', conditions: CHANGED_MIND, note: 'for b' }, { id: a!, reasonId: 'changed-mind', conditions: ['unworn'] }])).toBe('/order/return?step=why');
    const draft = await draftOf(order);
    expect(draft.lines[b!]).toMatchObject({ reasonId: 'changed-mind', note: 'for b', conditions: CHANGED_MIND });
    expect(draft.lines[a!]).toMatchObject({ reasonId: 'changed-mind', note: '', conditions: ['unworn'] });
    expect(draft.errors).toEqual({ step: 'why', form: [], lines: { [a!]: { conditions: ['returns:errors.conditionsRequired'] } } });
  });

  it('asks a faulty item for photos and no condition; a bad or too-large file costs only itself', async () => {
    const order = await orderOf('international-europe', 1);
    const [top] = await lineIds(order);
    await start(order);
    await chooseItems(order, { [top!]: 1 });
    // No condition asked; one good photo and one text file: the photo is kept, the file named.
    const text = new File(['just text'], 'b.jpg', { type: 'image/jpeg' });
    expect(await why(order, [{ id: top!, reasonId: 'defective', note: 'seam torn', photos: [jpeg('a.jpg', 20), text] }])).toBe('/order/return?step=why');
    let draft = await draftOf(order);
    expect(draft.lines[top!]).toMatchObject({ reasonId: 'defective', note: 'seam torn', photoKeys: [expect.any(String)] });
    expect(draft.errors?.lines[top!]).toEqual({ photos: ['returns:errors.photoNotAnImage', 'policy:quote.photosRequired'] });
    expect(pendingFiles(order)).toHaveLength(1);
    // A file over 10 MB, dropped as it was read: named, and nothing else lost.
    expect(await post(order, { step: 'why', lines: [{ id: top!, reasonId: 'defective', note: 'seam torn' }] }, [top!])).toBe('/order/return?step=why');
    draft = await draftOf(order);
    expect(draft.errors?.lines[top!]?.photos).toContain('returns:errors.photoTooLarge');
    expect(draft.lines[top!]!.photoKeys).toHaveLength(1);
    // The second photo completes the step.
    expect(await why(order, [{ id: top!, reasonId: 'defective', note: 'seam torn', photos: [jpeg('c.jpg', 22)] }])).toBe('/order/return?step=refund');
    await post(order, { step: 'refund', refundMethod: 'original_payment' });
    const caseId = caseIdOf(await post(order, { step: 'review', intent: 'submit' }));
    const [line] = asCaseOf(await deps.cases.getCase(caseId), 'return').details.lines;
    expect(line!.photoIds).toHaveLength(2);
    for (const key of line!.photoIds) expect((await deps.photos.get(key))?.contentType).toBe('image/jpeg');
    expect(pendingFiles(order)).toEqual([]);
  });

  it('removes a photo on request, from the disk too', async () => {
    const order = await orderOf('international-europe', 1);
    const ids = await lineIds(order);
    const second = ids[1]!;
    await start(order);
    await chooseItems(order, { [second]: 1 });
    await why(order, [{ id: second, reasonId: 'wrong-item', conditions: ['unworn', 'complete'], photos: [jpeg('a.jpg', 20), jpeg('b.jpg', 22)] }]);
    const [first, kept] = (await draftOf(order)).lines[second]!.photoKeys;
    expect(await why(order, [{ id: second, reasonId: 'wrong-item', conditions: ['unworn', 'complete'] }], { removePhoto: first })).toBe('/order/return?step=why');
    expect((await draftOf(order)).lines[second]!.photoKeys).toEqual([kept]);
    expect(pendingFiles(order)).toEqual([kept]);
  });

  it('holds a session to its photo quota: past it, new photos are refused and nothing is stored', async () => {
    const order = await orderOf('international-europe', 1);
    const second = (await lineIds(order))[1]!;
    const pending = deps.photos.pending(deps.hashId(`photo-owner|${order.sessionId}`));
    for (let i = 0; i < 18; i++) await pending.put(makeJpeg(10 + i, 10), 'image/jpeg');
    await start(order);
    await chooseItems(order, { [second]: 1 });
    await why(order, [{ id: second, reasonId: 'wrong-item', conditions: ['unworn', 'complete'], photos: [20, 22, 24].map((w) => jpeg(`${w}.jpg`, w)) }]);
    const draft = await draftOf(order);
    expect(draft.lines[second]!.photoKeys).toEqual([]);
    expect(draft.errors?.lines[second]?.photos).toContain('returns:errors.photoQuota');
    expect(pendingFiles(order)).toHaveLength(18);
    // Another session has its own quota.
    const other = { ...order, sessionId: randomUUID() };
    await start(other);
    await chooseItems(other, { [second]: 1 });
    expect(await why(other, [{ id: second, reasonId: 'wrong-item', conditions: ['unworn', 'complete'], photos: [jpeg('a.jpg', 20)] }])).toBe('/order/return?step=refund');
  });
});

describe('exchanges in the return flow', () => {
  const SIZE = ['unworn', 'tags-attached', 'complete'];
  /** An order of the Marinière M / Navy up to the refund step, too small; its line id and that step's page. */
  async function toRefundStep(index: number) {
    const order = await orderOf('ready-to-exchange', index);
    const [top] = await lineIds(order);
    await start(order);
    await chooseItems(order, { [top!]: 1 });
    expect(await why(order, [{ id: top!, reasonId: 'size-too-small', conditions: SIZE }])).toBe('/order/return?step=refund');
    const page = await loadReturnStep(deps, order, 'refund', new Date());
    if (page.kind !== 'page' || !page.offers) throw new Error('no refund step');
    const offer = page.offers.get(top!);
    if (!offer?.offered) throw new Error('no exchange offered');
    const variant = (title: string) => offer.sameProduct.find((option) => option.variantTitle === title)!;
    const other = (title: string) => offer.otherProducts.find((option) => `${option.productTitle} — ${option.variantTitle}` === title)!;
    return { order, top: top!, offer, variant, other };
  }
  const setStock = (sku: string, available: number) =>
    fetch(`${baseUrl}/__sandbox/shopify/inventory`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku, available }) });

  it('offers the other sizes with their stock (sold out shown, not choosable) and the Polo at €4 to pay; a size exchange opens a case with its new item', async () => {
    const { order, top, offer, variant, other } = await toRefundStep(0);
    expect(offer.clauseId).toBe('5.5');
    expect(variant('M / Navy')).toBeUndefined();
    expect(variant('XS / Navy')).toMatchObject({ available: false, stock: { state: 'sold_out' }, unavailable: { key: 'policy:exchange.soldOut' } });
    expect(variant('XL / Navy')).toMatchObject({ available: true, stock: { state: 'low', left: 1 } });
    expect(variant('L / Navy')).toMatchObject({ available: true, difference: { settle: 'none' } });
    expect(other('Polo Marin — M / Navy')).toMatchObject({ available: true, difference: { settle: 'invoice', amount: { amount: '4.00', currencyCode: 'EUR' } } });

    expect(await post(order, { step: 'refund', refundMethod: 'original_payment', lines: [{ id: top, choice: variant('L / Navy').variantId }] })).toBe('/order/return?step=review');
    const review = await loadReturnStep(deps, order, 'review', new Date());
    // An exchange carries no fee and refunds nothing: the new item is the outcome.
    expect(review.kind === 'page' && review.quote?.totals).toMatchObject({ fees: { amount: '0.00' }, estimatedRefund: { amount: '0.00' } });
    const caseId = caseIdOf(await post(order, { step: 'review', intent: 'submit' }));
    const [line] = asCaseOf(await deps.cases.getCase(caseId), 'return').details.lines;
    expect(line).toMatchObject({
      outcome: 'exchange', decision: 'approved',
      exchange: { variantId: variant('L / Navy').variantId, productTitle: 'Marinière Saint-Malo', variantTitle: 'L / Navy', settle: 'none', difference: { amount: '0.00' }, ships: 'now', clauseId: '5.5' },
    });
    expect(line!.clauseIds).toContain('5.5');
  });

  it('a size sold out between the choice and the send brings the shopper back to choose, with everything else kept and no case', async () => {
    const { order, top, variant } = await toRefundStep(1);
    await post(order, { step: 'refund', refundMethod: 'original_payment', lines: [{ id: top, choice: variant('XL / Navy').variantId }] });
    try {
      // Someone else buys the last XL meanwhile.
      expect((await setStock('MAR-NAV-XL', 0)).status).toBe(200);
      expect(await post(order, { step: 'review', intent: 'submit' })).toBe('/order/return?step=refund');
      const draft = await draftOf(order);
      expect(draft.errors).toEqual({ step: 'refund', form: ['returns:errors.exchangeChanged'], lines: { [top]: { exchange: ['policy:exchange.soldOut'] } } });
      expect(draft.lines[top]).toMatchObject({ reasonId: 'size-too-small', conditions: SIZE, exchange: { variantId: variant('XL / Navy').variantId } });
      expect(await deps.cases.listCasesForOrder(order.orderId)).toHaveLength(0);
      // The review cannot be reached past it; choosing L goes through.
      expect(await loadReturnStep(deps, order, 'review', new Date())).toEqual({ kind: 'redirect', location: '/order/return?step=refund' });
      expect(await post(order, { step: 'refund', refundMethod: 'original_payment', lines: [{ id: top, choice: variant('L / Navy').variantId }] })).toBe('/order/return?step=review');
      expect(await post(order, { step: 'review', intent: 'submit' })).toMatch(/^\/cases\/C-/);
    } finally {
      await setStock('MAR-NAV-XL', 1);
    }
  });

  it('offers an order paid in Canadian dollars the sizes the shop prices like the one bought, at no difference', async () => {
    const order = await orderOf('cad-canada', 1);
    const [pullover] = await lineIds(order);
    await start(order);
    await chooseItems(order, { [pullover!]: 1 });
    await why(order, [{ id: pullover!, reasonId: 'size-too-small', conditions: SIZE }]);
    const page = await loadReturnStep(deps, order, 'refund', new Date());
    const offer = page.kind === 'page' ? page.offers?.get(pullover!) : undefined;
    if (!offer?.offered) throw new Error('no exchange offered');
    expect(offer.sameProduct.length).toBeGreaterThan(0);
    expect(offer.sameProduct.every((option) => option.difference.settle === 'none' && option.difference.amount.currencyCode === 'CAD')).toBe(true);
    expect(offer.otherProducts).toEqual([]);
  });

  it('refuses a variant no offer names and drops it; another reason drops the choice; a dearer product shows what is left to pay', async () => {
    const { order, top, variant, other } = await toRefundStep(2);
    expect(await post(order, { step: 'refund', refundMethod: 'original_payment', lines: [{ id: top, choice: 'gid://shopify/ProductVariant/1' }] })).toBe('/order/return?step=refund');
    expect((await draftOf(order)).errors?.lines[top]).toEqual({ exchange: ['policy:exchange.noLongerOffered'] });
    expect((await draftOf(order)).lines[top]!.exchange).toBeNull();

    await post(order, { step: 'refund', refundMethod: 'original_payment', lines: [{ id: top, choice: variant('S / Navy').variantId }] });
    await why(order, [{ id: top, reasonId: 'changed-mind', conditions: SIZE }]);
    expect((await draftOf(order)).lines[top]!.exchange).toBeNull();

    await why(order, [{ id: top, reasonId: 'size-too-small', conditions: SIZE }]);
    expect(await post(order, { step: 'refund', lines: [{ id: top, choice: other('Polo Marin — M / Navy').variantId }] })).toBe('/order/return?step=review');
    const review = await loadReturnStep(deps, order, 'review', new Date());
    expect(review.kind === 'page' && review.quote?.lines[0]?.outcome).toBe('exchange');
    const caseId = caseIdOf(await post(order, { step: 'review', intent: 'submit' }));
    expect(asCaseOf(await deps.cases.getCase(caseId), 'return').details.lines[0]!.exchange).toMatchObject({ productTitle: 'Polo Marin', variantTitle: 'M / Navy', settle: 'invoice', difference: { amount: '4.00' } });
  });
});
