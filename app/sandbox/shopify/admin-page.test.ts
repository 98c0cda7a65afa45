import { beforeAll, describe, expect, it } from 'vitest';
import { ORDER_BY_ID_QUERY } from '~/integrations/shopify/order-queries';
import { RETURN_CONTEXT_QUERY } from '~/integrations/shopify/return-queries';
import { type RunningEmulator, useEmulatorWithWebhooks, type WebhookReceiver } from './emulator-harness.test-helpers';
import { readOrder, readReasons, readSiblingVariants } from './return-fixtures.test-helpers';

/*
 * The admin page's exchange actions, as a person trying the sandbox uses them: ship an exchange's
 * new item, mark the parcel delivered, mark the invoice for a dearer exchange paid. Webhooks are
 * read where Shopify sends them, at a subscribed address.
 */

const CREATE = `mutation($input: ReturnInput!) { returnCreate(returnInput: $input) { return { id name } userErrors { code message } } }`;
const CANCEL = 'mutation($id: ID!) { returnCancel(id: $id) { userErrors { code } } }';
const INVOICE = 'mutation($id: ID!) { orderInvoiceSend(id: $id) { userErrors { message } } }';
const EXCHANGE = `query($id: ID!) { return(id: $id) { exchangeLineItems(first: 5) { nodes {
  processableQuantity processedQuantity unprocessedQuantity lineItems { id } lineItem { id } } } } }`;
const ORDER = `query($id: ID!) { order(id: $id) {
  displayFulfillmentStatus
  totalOutstandingSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
  lineItems(first: 10) { nodes { id name sku quantity currentQuantity unfulfilledQuantity
    originalUnitPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } } }
  fulfillments(first: 5) { id name status displayStatus trackingInfo(first: 1) { company number url }
    fulfillmentLineItems(first: 5) { nodes { quantity lineItem { id } } } }
} }`;
const POLO = `{ products(first: 1, query: "title:'Polo Marin'") { nodes { variants(first: 20) { nodes { id sku } } } } }`;

let shop: RunningEmulator;
let hooks: WebhookReceiver;
let reasons: Awaited<ReturnType<typeof readReasons>>;

useEmulatorWithWebhooks({ webhookRetryDelaysMs: [10] }, ['FULFILLMENTS_CREATE', 'FULFILLMENTS_UPDATE', 'ORDERS_UPDATED', 'ORDERS_PAID'], (started, receiver) => {
  shop = started;
  hooks = receiver;
});
beforeAll(async () => {
  reasons = await readReasons(shop);
});

/** A click on the admin page: a redirect when done, the page again with a 400 when refused. */
const admin = (action: string, id: string) =>
  fetch(`${shop.url}/__sandbox/shopify/admin`, { method: 'POST', body: new URLSearchParams({ action, id }), redirect: 'manual' });

/** Opens a return of the order's first returnable unit for one unit of `sku`, as the portal does. */
async function exchange(name: string, sku: string) {
  const order = await readOrder(shop, name);
  const [item] = order.returnable;
  const variants = sku.startsWith('POL-')
    ? new Map(((await shop.graphql(POLO)).body.data?.products.nodes as any[]).flatMap((p) => p.variants.nodes).map((v: any) => [v.sku, v]))
    : await readSiblingVariants(shop, order.lines.find((l) => l.id === item!.lineItemId)!.variant.id);
  const { data } = (await shop.graphql(CREATE, { input: {
    orderId: order.id,
    returnLineItems: [{ fulfillmentLineItemId: item!.fulfillmentLineItemId, quantity: 1, returnReasonDefinitionId: reasons.get('size-too-small')!.id }],
    exchangeLineItems: [{ variantId: variants.get(sku)!.id, quantity: 1 }],
  } })).body;
  expect(data?.returnCreate.userErrors).toEqual([]);
  return { orderId: order.id, returnId: data?.returnCreate.return.id as string, returnName: data?.returnCreate.return.name as string };
}

const hooksOf = (topic: string) => hooks.of(topic);

describe('shipping an exchange’s new item', () => {
  it('adds the item to the order, ships it in a tracked parcel and sends fulfillments/create naming its line', async () => {
    const { orderId, returnId, returnName } = await exchange('#1038', 'MAR-NAV-L');
    const page = await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text();
    expect(page).toContain(`<li>1 × Marinière Saint-Malo — L / Navy</li>`);
    expect(page).toContain(`Ship the new item for ${returnName}`);

    const shipped = await admin('ship_exchange', returnId);
    expect(shipped.status).toBe(303);
    expect(await (await fetch(`${shop.url}${shipped.headers.get('location')}`)).text()).toContain('New item shipped. Shopify sends fulfillments/create.');

    const eli = (await shop.graphql(EXCHANGE, { id: returnId })).body.data?.return.exchangeLineItems.nodes[0];
    const lineItemId = eli.lineItems[0].id as string;
    expect(eli).toEqual({ processableQuantity: 0, processedQuantity: 1, unprocessedQuantity: 0, lineItems: [{ id: lineItemId }], lineItem: { id: lineItemId } });
    const order = (await shop.graphql(ORDER, { id: orderId })).body.data?.order;
    expect(order.lineItems.nodes.find((l: any) => l.id === lineItemId)).toEqual({
      id: lineItemId, name: 'Marinière Saint-Malo - L / Navy', sku: 'MAR-NAV-L', quantity: 1, currentQuantity: 1, unfulfilledQuantity: 0,
      originalUnitPriceSet: { shopMoney: { amount: '45.0', currencyCode: 'EUR' }, presentmentMoney: { amount: '45.0', currencyCode: 'EUR' } },
    });
    const parcel = order.fulfillments.at(-1);
    expect(parcel).toMatchObject({ name: '#1038.2', status: 'SUCCESS', displayStatus: 'IN_TRANSIT', fulfillmentLineItems: { nodes: [{ quantity: 1, lineItem: { id: lineItemId } }] } });
    expect(parcel.trackingInfo[0]).toEqual({ company: 'Colissimo', number: expect.stringMatching(/^6A\d{11}$/), url: `https://www.laposte.fr/outils/suivre-vos-envois?code=${parcel.trackingInfo[0].number}` });
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');

    const [created] = await hooksOf('fulfillments/create');
    expect(created).toEqual({
      id: Number(parcel.id.split('/').pop()), admin_graphql_api_id: parcel.id, order_id: Number(orderId.split('/').pop()), name: '#1038.2',
      status: 'success', shipment_status: 'in_transit', tracking_company: 'Colissimo',
      tracking_number: parcel.trackingInfo[0].number, tracking_numbers: [parcel.trackingInfo[0].number],
      tracking_url: parcel.trackingInfo[0].url, tracking_urls: [parcel.trackingInfo[0].url],
      created_at: expect.stringMatching(/Z$/), updated_at: expect.stringMatching(/Z$/),
      line_items: [{
        id: Number(lineItemId.split('/').pop()), admin_graphql_api_id: lineItemId, variant_id: expect.any(Number),
        title: 'Marinière Saint-Malo', name: 'Marinière Saint-Malo - L / Navy', sku: 'MAR-NAV-L', quantity: 1,
      }],
    });
    // The new unit can be returned in turn.
    expect((await readOrder(shop, '#1038')).returnable.map((i) => i.lineItemId)).toContain(lineItemId);
  });

  it('answers the portal’s own order and return documents with the new line', async () => {
    const { orderId, returnId } = await exchange('#1029', 'PUL-GRY-L');
    expect((await admin('ship_exchange', returnId)).status).toBe(303);
    const lookup = (await shop.graphql(ORDER_BY_ID_QUERY, { id: orderId })).body;
    expect(lookup.errors).toBeUndefined();
    const line = lookup.data?.order.lineItems.nodes.find((l: any) => l.sku === 'PUL-GRY-L');
    // A Canadian order: priced in its dollars as the seed prices its lines, shipped by its carrier.
    expect(line).toMatchObject({ quantity: 1, currentQuantity: 1, discountedUnitPriceAfterAllDiscountsSet: { presentmentMoney: { amount: '180.0', currencyCode: 'CAD' } } });
    expect(lookup.data?.order.fulfillments.at(-1)).toMatchObject({ trackingInfo: [{ company: 'Canada Post' }], fulfillmentLineItems: { nodes: [{ lineItem: { id: line.id } }] } });
    const context = (await shop.graphql(RETURN_CONTEXT_QUERY, { orderId })).body;
    expect(context.errors).toBeUndefined();
    expect(context.data?.returnableFulfillments.nodes.flatMap((rf: any) => rf.returnableFulfillmentLineItems.nodes.map((i: any) => i.fulfillmentLineItem.lineItem.id))).toContain(line.id);
  });

  it('lists the parcel among those on their way, and marking it delivered sends fulfillments/update', async () => {
    const { returnId } = await exchange('#1038', 'MAR-NAV-L');
    await admin('ship_exchange', returnId);
    const [created] = await hooksOf('fulfillments/create');
    expect(await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text()).toContain('Mark #1038.2 delivered');
    expect((await admin('deliver', created!.admin_graphql_api_id)).status).toBe(303);
    const [updated] = await hooksOf('fulfillments/update');
    expect(updated).toMatchObject({ admin_graphql_api_id: created!.admin_graphql_api_id, shipment_status: 'delivered', tracking_number: created!.tracking_number, line_items: created!.line_items });
  });

  it('refuses to ship twice, a return with no exchange, and a cancelled one', async () => {
    const { returnId } = await exchange('#1039', 'MAR-NAV-S');
    expect((await admin('ship_exchange', returnId)).status).toBe(303);
    const again = await admin('ship_exchange', returnId);
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/<p role="alert">The new item for #1039-R1 is already shipped\.<\/p>/);

    const cancelled = await exchange('#1040', 'MAR-NAV-S');
    expect((await shop.graphql(CANCEL, { id: cancelled.returnId })).body.data?.returnCancel.userErrors).toEqual([]);
    expect(await (await admin('ship_exchange', cancelled.returnId)).text()).toContain('#1040-R1 is cancelled: its new item does not ship.');
    // #1011's seeded return sends an item back with nothing in exchange.
    const plain = (await readOrder(shop, '#1011')).returns[0]!;
    const refused = await admin('ship_exchange', plain.id);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('has no exchange: there is no new item to ship.');
    expect(await hooksOf('fulfillments/create')).toHaveLength(1);
  });
});

describe('shipping an exchange an app already processed', () => {
  const PROCESS = `mutation($input: ReturnProcessInput!) { returnProcess(input: $input) {
    return { exchangeLineItems(first: 5) { nodes { lineItems { id } } } } userErrors { code } } }`;

  it('says whether the items are processed, and ships the processed line without adding it twice', async () => {
    const { orderId, returnId, returnName } = await exchange('#1038', 'MAR-NAV-L');
    expect(await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text()).toContain('Not processed yet: shipping processes them.');
    const [eli] = (await shop.graphql(EXCHANGE, { id: returnId })).body.data?.return.exchangeLineItems.nodes ?? [];
    expect(eli).toMatchObject({ unprocessedQuantity: 1, lineItems: null });
    const ids = (await shop.graphql(`query($id: ID!) { return(id: $id) { exchangeLineItems(first: 5) { nodes { id } } } }`, { id: returnId })).body.data?.return.exchangeLineItems.nodes;
    const processed = (await shop.graphql(PROCESS, { input: { returnId, returnLineItems: [], exchangeLineItems: [{ id: ids[0].id, quantity: 1 }] } })).body.data?.returnProcess;
    expect(processed.userErrors).toEqual([]);
    const [lineItem] = processed.return.exchangeLineItems.nodes[0].lineItems;
    const linesBefore = (await shop.graphql(ORDER, { id: orderId })).body.data?.order.lineItems.nodes.length;

    const page = await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text();
    expect(page).toContain('Processed, ready to ship.');
    expect(page).toContain(`Ship the new item for ${returnName}`);
    expect((await admin('ship_exchange', returnId)).status).toBe(303);

    const order = (await shop.graphql(ORDER, { id: orderId })).body.data?.order;
    expect(order.lineItems.nodes).toHaveLength(linesBefore);
    expect(order.lineItems.nodes.filter((l: any) => l.sku === 'MAR-NAV-L')).toMatchObject([{ id: lineItem.id, quantity: 1, unfulfilledQuantity: 0 }]);
    expect(order.fulfillments.at(-1).fulfillmentLineItems.nodes).toEqual([{ quantity: 1, lineItem: { id: lineItem.id } }]);
    expect(order.displayFulfillmentStatus).toBe('FULFILLED');
    expect((await shop.graphql(EXCHANGE, { id: returnId })).body.data?.return.exchangeLineItems.nodes[0]).toMatchObject({ processedQuantity: 1, lineItems: [{ id: lineItem.id }] });
    expect(await hooksOf('fulfillments/create')).toHaveLength(1);
  });
});

describe('an exchange invoice paid', () => {
  it('zeroes the balance due and sends orders/updated with total_outstanding 0.00', async () => {
    const { orderId } = await exchange('#1040', 'POL-NAV-M');
    expect((await shop.graphql(ORDER, { id: orderId })).body.data?.order.totalOutstandingSet.presentmentMoney).toEqual({ amount: '4.00', currencyCode: 'EUR' });
    // Nothing to pay before the invoice is sent.
    expect((await admin('pay_invoice', orderId)).status).toBe(400);
    expect((await shop.graphql(INVOICE, { id: orderId })).body.data?.orderInvoiceSend.userErrors).toEqual([]);
    expect(await (await fetch(`${shop.url}/__sandbox/shopify/admin`)).text()).toContain('Mark the invoice for #1040 paid');

    const paid = await admin('pay_invoice', orderId);
    expect(paid.status).toBe(303);
    expect(await (await fetch(`${shop.url}${paid.headers.get('location')}`)).text()).toContain('Invoice paid. Shopify sends orders/updated.');
    expect((await shop.graphql(ORDER, { id: orderId })).body.data?.order.totalOutstandingSet).toEqual({
      shopMoney: { amount: '0.0', currencyCode: 'EUR' }, presentmentMoney: { amount: '0.0', currencyCode: 'EUR' },
    });
    const [updated] = await hooksOf('orders/updated');
    expect(updated).toMatchObject({ admin_graphql_api_id: orderId, name: '#1040', total_outstanding: '0.00', currency: 'EUR' });
    expect(await hooksOf('orders/paid')).toHaveLength(1);
    const invoices = (await (await fetch(`${shop.url}/__sandbox/shopify/invoices`)).json()).invoices;
    expect(invoices).toEqual([expect.objectContaining({ orderName: '#1040', amount: '4.00', paidAt: expect.any(String) })]);
    expect((await admin('pay_invoice', orderId)).status).toBe(400);
  });
});
