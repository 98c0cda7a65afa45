import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaseOf } from '~/cases/case-kind-guards';
import { KINDS } from '~/cases/kinds';
import { ProblemPostSchema } from '~/cases/problem/problem-form';
import { loadProblemPage, postProblem, type ProblemDeps, type ProblemPage, type ProblemResult, type Shopper } from '~/cases/problem/problem-request.server';
import { createDbCaseStore } from '~/db/case-store.server';
import { createDatabase, type DatabaseHandle } from '~/db/client.server';
import { createShopifyGraphqlClient } from '~/integrations/shopify/client.server';
import { SANDBOX_SHOPIFY_AUTH } from '~/integrations/shopify/env.server';
import { createAdminCaller } from '~/integrations/shopify/admin-caller.server';
import { createShopifyOrderSource } from '~/integrations/shopify/order-source.server';
import { createReships, type Reships } from '~/integrations/shopify/reships.server';
import { createThrottleGate } from '~/integrations/shopify/throttle.server';
import { SHOPIFY_EXECUTE_CASE, type QueueSettings } from '~/jobs/job-names';
import { createQueue, type Queue } from '~/jobs/queue.server';
import { parseOrderNumber } from '~/orders/identifiers';
import { MAX_PHOTO_BYTES } from '~/photos/inspect-photo';
import { createLocalPhotoStore } from '~/photos/local-photo-store.server';
import { makeJpeg } from '~/photos/photo-fixtures.test-helpers';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '~/policy/load-policy.server';
import type { ProblemType } from '~/policy/problems';
import { toNodeHandler } from '~/sandbox/node-http.server';
import { createShopifyEmulator } from '~/sandbox/shopify/emulator.server';
import { hashIdentifier } from '~/session/hash.server';

/**
 * The problem report below the route: PGlite in memory with pg-boss on it (no worker), the real
 * Shopify order source over HTTP to an emulator of this file's own, and the local photo store.
 * Posts are parsed by the route's own schema.
 */
const TOKEN = 'shpat_problemflowtest';
const QUEUES: Record<string, QueueSettings> = { [SHOPIFY_EXECUTE_CASE]: { policy: 'exclusive', retryLimit: 1, retryDelay: 1, retryBackoff: false } };

let server: Server;
let database: DatabaseHandle;
let queue: Queue;
let photoDir: string;
let deps: ProblemDeps;
let demo: { name: string; email: string }[];
let orderSource: ReturnType<typeof createShopifyOrderSource>;
let reships: Reships;

/** A demo order as its session knows it, found the way the lookup finds it; a session of its own. */
async function shopperOf(name: string): Promise<Shopper> {
  const entry = demo.find((order) => order.name === name)!;
  const found = await orderSource.findOrderForShopper({ orderNumber: parseOrderNumber(entry.name)!, email: entry.email });
  return { orderId: found!.id, orderName: found!.name, sessionId: randomUUID(), language: 'en', ticketId: null };
}
const jpeg = (name: string, width = 16) => new File([Buffer.from(makeJpeg(width, 12))], name, { type: 'image/jpeg' });
const pageOf = (result: ProblemResult): ProblemPage => {
  if (!('page' in result)) throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return result.page;
};
const caseIdOf = (result: ProblemResult) => ('location' in result ? /^\/cases\/(C-\w{8})$/.exec(result.location)?.[1] : undefined) ?? `no case: ${JSON.stringify(result).slice(0, 300)}`;

/** Step 2 for a parcel and a type, as the page draws it. */
async function openDetails(shopper: Shopper, type: ProblemType) {
  const order = (await deps.orders.getOrder(shopper.orderId))!;
  const page = pageOf(await loadProblemPage(deps, shopper, { parcel: order.parcels[0]!.id, type }, new Date()));
  if (page.step !== 'details') throw new Error(`expected the details step, got ${page.step}`);
  return page;
}
const post = (shopper: Shopper, form: Record<string, unknown>, files: File[] = [], oversized = 0) =>
  postProblem(deps, shopper, ProblemPostSchema.parse(form), { files, oversized }, new Date());

beforeAll(async () => {
  server = createServer(toNodeHandler(createShopifyEmulator({ accessToken: TOKEN, bucket: { maximumAvailable: 20_000, restoreRate: 1_000 } }).handle));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  demo = ((await (await fetch(`${baseUrl}/__sandbox/orders`, { headers: { Accept: 'application/json' } })).json()) as { orders: typeof demo }).orders;
  database = await createDatabase({ dataDir: 'memory://' });
  queue = await createQueue(database, { queues: QUEUES });
  photoDir = mkdtempSync(join(tmpdir(), 'comptoir-problem-flow-'));
  const client = createShopifyGraphqlClient({ shopDomain: 'problem-flow-test.myshopify.com', auth: SANDBOX_SHOPIFY_AUTH, apiSecret: 'x'.repeat(32), sandboxUrl: baseUrl });
  orderSource = createShopifyOrderSource({ client, gate: createThrottleGate({ maxWaitMs: 0 }) });
  reships = createReships(createAdminCaller({ client, gate: createThrottleGate({ maxWaitMs: 0 }) }));
  deps = {
    orders: orderSource,
    cases: createDbCaseStore(database.db, queue),
    policy: await loadPolicyFile(DEFAULT_POLICY_FILE),
    timeZone: 'Europe/Paris',
    hashId: (value) => hashIdentifier('s'.repeat(32), value),
    helpdesk: false,
    photos: createLocalPhotoStore(photoDir),
  };
});

afterAll(async () => {
  await queue?.stop();
  await database?.close();
  rmSync(photoDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a problem report, step by step', () => {
  it('a parcel the carrier failed to deliver: reship offered, one case opened with it and its job; the same key again finds it; the executor sends the replacement', async () => {
    const shopper = await shopperOf('#1028');
    const details = await openDetails(shopper, 'not_received');
    expect(details.option).toMatchObject({ outcome: 'reship', scope: 'parcel' });
    const form = { intent: 'review', parcelId: details.answers.parcelId, type: 'not_received', idempotencyKey: details.answers.idempotencyKey, description: 'Never collected it' };
    const review = pageOf(await post(shopper, form));
    expect(review).toMatchObject({ step: 'review', offer: { outcome: 'reship', amount: null, clause: { id: '10.2' } } });

    const sent = await post(shopper, { ...form, intent: 'confirm' });
    const caseId = caseIdOf(sent);
    const found = asCaseOf(await deps.cases.getCase(caseId), 'problem');
    expect(found.state).toBe('received');
    expect(found.details).toMatchObject({
      type: 'not_received', description: 'Never collected it', photoIds: [],
      parcel: { id: details.parcel.id, status: 'failure', carrier: details.parcel.carrier, trackingNumber: details.parcel.trackingNumber },
      offer: { outcome: 'reship', clauseId: '10.2', reviewReasons: [] },
    });
    expect(found.details.lines.map((line) => line.quantity)).toEqual([1]);
    expect(await queue.boss.findJobs(SHOPIFY_EXECUTE_CASE, { data: { caseId } })).toHaveLength(1);

    expect(caseIdOf(await post(shopper, { ...form, intent: 'confirm' }))).toBe(caseId);
    // Another page (a new key) for the same problem with the same parcel leads to the open case too.
    expect(caseIdOf(await loadProblemPage(deps, shopper, { parcel: details.parcel.id, type: 'not_received' }, new Date()))).toBe(caseId);
    expect(caseIdOf(await post(shopper, { ...form, intent: 'confirm', idempotencyKey: randomUUID() }))).toBe(caseId);
    expect(await deps.cases.listCasesForOrder(shopper.orderId)).toHaveLength(1);

    await KINDS.problem.execute({ cases: deps.cases, reships, clock: () => new Date() } as never).run(found);
    expect((await deps.cases.getCase(caseId))?.state).toBe('completed');
    const events = (await deps.cases.listEvents(caseId)).map((event) => [event.type, event.data['outcome']]);
    expect(events).toEqual(expect.arrayContaining([['offer_approved', 'reship'], ['offer_carried_out', 'reship']]));
  });

  it('a type the policy refuses for the parcel cannot be posted directly: no case', async () => {
    const shopper = await shopperOf('#1028');
    const order = (await deps.orders.getOrder(shopper.orderId))!;
    const result = await post(shopper, { intent: 'confirm', parcelId: order.parcels[0]!.id, type: 'damaged', idempotencyKey: randomUUID(), lines: [{ lineItemId: order.lineItems[0]!.id, selected: true, quantity: 1 }] });
    expect(result).toMatchObject({ status: 409, page: { step: 'choose', errors: ['problem:errors.notOffered'] } });
    expect((await deps.cases.listCasesForOrder(shopper.orderId)).every((found) => found.kind !== 'problem' || found.details.type !== 'damaged')).toBe(true);
  });

  it('a damaged item: each bad photo named, the good ones and every answer kept; refund offered; the case keeps its photos', async () => {
    const shopper = await shopperOf('#1035');
    const details = await openDetails(shopper, 'damaged');
    expect(details.option).toMatchObject({ outcome: 'refund', scope: 'lines', photos: 2 });
    const line = details.answers.lines[0]!;
    const base = { parcelId: details.answers.parcelId, type: 'damaged', idempotencyKey: details.answers.idempotencyKey, description: 'The sole came off', lines: [{ lineItemId: line.lineItemId, selected: true, quantity: 1 }] };
    const huge = new File([new Uint8Array(MAX_PHOTO_BYTES + 1)], 'huge.jpg', { type: 'image/jpeg' });
    const notPhoto = new File(['hello'], 'notes.txt', { type: 'text/plain' });

    const first = pageOf(await post(shopper, { ...base, intent: 'review' }, [jpeg('sole.jpg'), huge, notPhoto], 1));
    if (first.step !== 'details') throw new Error('expected the details again');
    expect(first.errors.photos).toEqual([
      { name: null, key: 'problem:errors.photoDropped' },
      { name: 'huge.jpg', key: 'problem:errors.photoTooLarge' },
      { name: 'notes.txt', key: 'problem:errors.photoNotAnImage' },
      { name: null, key: 'policy:problems.errors.photosRequired', values: { required: 2 } },
    ]);
    expect(first.answers).toMatchObject({ description: 'The sole came off', lines: [{ lineItemId: line.lineItemId, selected: true, quantity: 1 }] });
    expect(first.answers.photoKeys).toHaveLength(1);

    // Keys another session posted are not this shopper's: dropped, never kept.
    const review = pageOf(await post(shopper, { ...base, intent: 'review', photoKeys: [...first.answers.photoKeys, 'not-mine'] }, [jpeg('box.jpg', 20)]));
    expect(review).toMatchObject({ step: 'review', offer: { outcome: 'refund', amount: { amount: '79.00', currencyCode: 'EUR' }, clause: { id: '10.5' } } });
    if (review.step !== 'review') throw new Error('expected the review step');
    const keys = review.answers.photoKeys;
    expect(keys).toHaveLength(2);

    const caseId = caseIdOf(await post(shopper, { ...base, intent: 'confirm', photoKeys: keys }));
    const found = asCaseOf(await deps.cases.getCase(caseId), 'problem');
    expect(found.details).toMatchObject({ type: 'damaged', photoIds: keys, offer: { outcome: 'refund', amount: { amount: '79.00', currencyCode: 'EUR' } } });
    for (const key of keys) expect(await deps.photos.get(key)).not.toBeNull();
    expect(KINDS.problem.photos(found)).toEqual(keys.map((key, index) => ({ key, name: `${caseId}-${index + 1}` })));
  });

  it('a question about a parcel on its way needs words, and goes to the team', async () => {
    const shopper = await shopperOf('#1003');
    const details = await openDetails(shopper, 'delivery_question');
    const form = { intent: 'review', parcelId: details.answers.parcelId, type: 'delivery_question', idempotencyKey: details.answers.idempotencyKey };
    const empty = pageOf(await post(shopper, { ...form, description: '   ' }));
    expect(empty).toMatchObject({ step: 'details', errors: { description: ['problem:errors.descriptionRequired.delivery_question'] } });
    const long = pageOf(await post(shopper, { ...form, description: 'x'.repeat(2001) }));
    expect(long).toMatchObject({ step: 'details', errors: { description: ['problem:errors.descriptionTooLong'] }, answers: { description: 'x'.repeat(2001) } });
    const review = pageOf(await post(shopper, { ...form, description: 'Can it go to my office?' }));
    expect(review).toMatchObject({ step: 'review', offer: { outcome: 'review' } });
  });
});
